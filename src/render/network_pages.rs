//! The network pages: the drawing, the table in several orders, the plain-language figures,
//! the view without facilitators, and each partner's neighbourhood.

use super::views::*;
use super::{Job, Renderer};
use crate::model::{Ref, Site};
use crate::network::svg::{Legend, SvgGroup, SvgNode};
use crate::network::{Network, Tie, layout, svg};
use crate::plan::NetworkOrder;
use serde::Serialize;
use std::collections::BTreeMap;

/// Above this many partners the drawing shows only those with the most contributions and
/// partnerships (the list and the tables stay complete): more nodes are neither legible nor
/// quick to lay out.
pub const DRAWN_PARTNERS: usize = 300;
/// A partnership with more members than this is drawn as one shape with its member count,
/// not member by member: a thousand labels cannot be read, and the drawing and its layout
/// then stay the same size however large a partnership grows.
pub const DRAWN_MEMBERS: usize = 40;
/// An item credited to more drawn partners than this ties them through one hidden point of
/// the layout, not pair by pair, and draws no lines.
const TIED_PAIRWISE: usize = 12;

#[derive(Serialize)]
struct Row<'a> {
    partner: PartnerLink<'a>,
    facilitator: bool,
    degree: usize,
    weighted_degree: u32,
    betweenness: String,
    closeness: String,
    component: usize,
}

#[derive(Serialize)]
struct WithoutRow<'a> {
    partner: PartnerLink<'a>,
    degree: usize,
    degree_before: usize,
    betweenness: String,
    betweenness_before: String,
    component: usize,
}

#[derive(Serialize)]
struct Order {
    label: String,
    url: String,
    current: bool,
}

/// Whom a partner works with, as its page shows it.
#[derive(Serialize)]
pub struct Neighbours<'a> {
    /// Distinct partners, however they are listed.
    count: usize,
    partners: Vec<Neighbour<'a>>,
    groups: Vec<NeighbourGroup<'a>>,
}

/// "the 999 other members of" a large group.
#[derive(Serialize)]
pub struct NeighbourGroup<'a> {
    others: String,
    group: Link<'a>,
}

#[derive(Serialize)]
pub struct Neighbour<'a> {
    partner: PartnerLink<'a>,
    partnerships: Vec<Link<'a>>,
    /// The items both are credited on.
    items: Vec<Link<'a>>,
}

/// The network page's drawing, with the same facts as a list for narrow screens and for
/// readers who do not see it.
#[derive(Default)]
struct Drawing<'a> {
    svg: Option<String>,
    /// What the drawing leaves out, when it does.
    note: Option<String>,
    groups: Vec<GroupRow<'a>>,
    /// The partners in no partnership.
    alone: Vec<GroupMember<'a>>,
}

#[derive(Serialize)]
struct GroupRow<'a> {
    link: Link<'a>,
    /// "6 members".
    count: String,
    /// Empty when the partnership is drawn as one shape (its page lists its members).
    members: Vec<GroupMember<'a>>,
    collapsed: bool,
}

#[derive(Serialize)]
struct GroupMember<'a> {
    partner: PartnerLink<'a>,
    /// "4 contributions".
    contributions: String,
}

/// Who is drawn and how: read from the partnerships' member lists and the items' credits, so
/// its cost grows with the memberships and credits, never with the square of a partnership.
struct DrawingPlan {
    /// The partners drawn one by one, as partner indices, ascending; node `k` is `shown[k]`.
    shown: Vec<usize>,
    /// Whether the partners were cut to [`DRAWN_PARTNERS`].
    capped: bool,
    /// Per partnership: drawn as one shape.
    collapsed: Vec<bool>,
    /// Per partnership: its members that are drawn, as node indices.
    members: Vec<Vec<usize>>,
    /// Lines between drawn partners credited together on items, with how many items.
    ties: Vec<(usize, usize, u32)>,
    /// Items credited to many drawn partners: those partners, as node indices.
    crowds: Vec<Vec<usize>>,
}

fn plan_drawing(site: &Site) -> DrawingPlan {
    let collapsed: Vec<bool> = site
        .partnerships
        .iter()
        .map(|p| p.members.len() > DRAWN_MEMBERS)
        .collect();
    // A member of large partnerships only is counted in their shapes, not drawn itself.
    let small_memberships = |p: usize| {
        site.partners[p]
            .memberships
            .iter()
            .filter(|m| !collapsed[m.partnership])
            .count()
    };
    let mut shown: Vec<usize> = (0..site.partners.len())
        .filter(|&p| {
            let partner = &site.partners[p];
            partner.memberships.is_empty() || small_memberships(p) > 0
        })
        .collect();
    let capped = shown.len() > DRAWN_PARTNERS;
    if capped {
        let weight = |p: usize| small_memberships(p) + site.partners[p].contributions.len();
        shown.sort_by(|&a, &b| weight(b).cmp(&weight(a)).then(a.cmp(&b)));
        shown.truncate(DRAWN_PARTNERS);
        shown.sort_unstable();
    }
    let mut node_of = vec![usize::MAX; site.partners.len()];
    for (k, &p) in shown.iter().enumerate() {
        node_of[p] = k;
    }
    let members: Vec<Vec<usize>> = site
        .partnerships
        .iter()
        .map(|p| {
            let mut m: Vec<usize> = p
                .members
                .iter()
                .map(|m| node_of[m.partner])
                .filter(|&k| k != usize::MAX)
                .collect();
            m.sort_unstable();
            m.dedup();
            m
        })
        .collect();
    let mut credited: Vec<Vec<usize>> = vec![Vec::new(); site.items.len()];
    for &p in &shown {
        for c in &site.partners[p].contributions {
            if let Some(list) = credited.get_mut(c.item) {
                list.push(node_of[p]);
            }
        }
    }
    let mut pairs: BTreeMap<(usize, usize), u32> = BTreeMap::new();
    let mut crowds = Vec::new();
    for mut list in credited {
        list.sort_unstable();
        list.dedup();
        if list.len() > TIED_PAIRWISE {
            crowds.push(list);
            continue;
        }
        for (i, &a) in list.iter().enumerate() {
            for &b in &list[i + 1..] {
                *pairs.entry((a, b)).or_default() += 1;
            }
        }
    }
    DrawingPlan {
        shown,
        capped,
        collapsed,
        members,
        ties: pairs.into_iter().map(|((a, b), w)| (a, b, w)).collect(),
        crowds,
    }
}

/// The layout of the drawing: for a frame's shape, positions of the drawn partners, then of
/// every partnership (used for those drawn as one shape). The layout sees each partnership as
/// one hidden point its members are tied to, and an item credited to many partners likewise:
/// so members of a partnership sit together, and the layout's size grows with the
/// memberships, not with their pairs.
fn arrangement(site: &Site, plan: &DrawingPlan) -> impl Fn(f64) -> Vec<(f64, f64)> {
    let n = plan.shown.len();
    let mut edges: Vec<(usize, usize, u32)> = plan.ties.clone();
    let mut point_of_group = vec![None; site.partnerships.len()];
    let mut next = n;
    for (g, members) in plan.members.iter().enumerate() {
        if plan.collapsed[g] || members.len() >= 2 {
            point_of_group[g] = Some(next);
            let weight = if plan.collapsed[g] { 1 } else { 4 };
            edges.extend(members.iter().map(|&m| (m, next, weight)));
            next += 1;
        }
    }
    for crowd in &plan.crowds {
        edges.extend(crowd.iter().map(|&m| (m, next, 1)));
        next += 1;
    }
    let layout = layout::Layout::new(next, &edges);
    move |aspect| {
        let all = layout.packed(aspect);
        let mut positions = all[..n].to_vec();
        positions.extend(
            point_of_group
                .iter()
                .map(|p| p.map_or((0.5, 0.5), |k| all[k])),
        );
        positions
    }
}

impl Renderer<'_> {
    /// The network page with its table in `by` order.
    pub(super) fn network_page(&self, by: NetworkOrder) -> Job {
        let (site, words) = (self.site, self.words);
        let network = self.network;
        let m = &network.metrics;
        let sentences = self.network_sentences(network);
        let without = self.without_sentences(network);
        {
            let key = by.key();
            let path = by.path();
            let mut order: Vec<usize> = (0..site.partners.len()).collect();
            match key {
                "degree" => order.sort_by(|&a, &b| {
                    m.degree[b]
                        .cmp(&m.degree[a])
                        .then(m.weighted_degree[b].cmp(&m.weighted_degree[a]))
                        .then(a.cmp(&b))
                }),
                "betweenness" => order.sort_by(|&a, &b| {
                    m.betweenness[b]
                        .total_cmp(&m.betweenness[a])
                        .then(a.cmp(&b))
                }),
                "closeness" => order
                    .sort_by(|&a, &b| m.closeness[b].total_cmp(&m.closeness[a]).then(a.cmp(&b))),
                _ => {}
            }
            let mut job = self.job(
                path.to_string(),
                "network.html",
                words.get("network"),
                "network",
            );
            let rows: Vec<Row> = order
                .iter()
                .map(|&i| Row {
                    partner: partner_link(site, i),
                    facilitator: network.facilitators.contains(&i),
                    degree: m.degree[i],
                    weighted_degree: m.weighted_degree[i],
                    betweenness: format!("{:.3}", m.betweenness_normalized[i]),
                    closeness: format!("{:.3}", m.closeness[i]),
                    component: m.component[i] + 1,
                })
                .collect();
            let orders: Vec<Order> = NetworkOrder::ALL
                .iter()
                .map(|o| Order {
                    label: words.get(o.key()).to_string(),
                    url: o.path().to_string(),
                    current: *o == by,
                })
                .collect();
            job.context.insert("rows", &rows);
            job.context.insert("orders", &orders);
            job.context.insert("sentences", &sentences);
            job.context.insert("without", &without);
            // The drawing and the table without facilitators are on the first page only; the
            // other pages are the same table in another order.
            if key == "name" {
                let drawing = self.drawing();
                job.context.insert("svg", &drawing.svg);
                job.context.insert("core_note", &drawing.note);
                job.context.insert("network_groups", &drawing.groups);
                job.context.insert("network_alone", &drawing.alone);
                job.context
                    .insert("without_rows", &self.without_rows(network));
            } else {
                job.context.insert("svg", &None::<String>);
                job.context.insert("core_note", &None::<String>);
                job.context
                    .insert("network_groups", &Vec::<GroupRow>::new());
                job.context
                    .insert("network_alone", &Vec::<GroupMember>::new());
                job.context
                    .insert("without_rows", &Vec::<WithoutRow>::new());
            }
            job
        }
    }

    /// The drawing, the note on what it leaves out, and the same facts as a list: each
    /// partnership with its members, and the partners in none.
    fn drawing(&self) -> Drawing<'_> {
        let (site, words) = (self.site, self.words);
        if site.partners.is_empty() {
            return Drawing::default();
        }
        let plan = plan_drawing(site);
        let n = plan.shown.len();
        let partner_urls: Vec<String> = plan
            .shown
            .iter()
            .map(|&i| format!("../{}", site.partners[i].entry.url()))
            .collect();
        let group_urls: Vec<String> = site
            .partnerships
            .iter()
            .map(|p| format!("../{}", p.entry.url()))
            .collect();
        let sectors: Vec<&String> = site.config.sectors.keys().collect();
        let nodes: Vec<SvgNode> = plan
            .shown
            .iter()
            .zip(&partner_urls)
            .map(|(&i, url)| {
                let partner = &site.partners[i];
                SvgNode {
                    label: partner
                        .short_name
                        .as_deref()
                        .unwrap_or(&partner.entry.title),
                    name: &partner.entry.title,
                    url,
                    sector: sectors
                        .iter()
                        .position(|s| **s == partner.sector)
                        .unwrap_or(0),
                    contributions: partner.contributions.len(),
                }
            })
            .collect();
        let counts: Vec<String> = site
            .partnerships
            .iter()
            .map(|p| self.members_text(p.members.len()))
            .collect();
        let groups: Vec<SvgGroup> = site
            .partnerships
            .iter()
            .enumerate()
            .map(|(g, p)| SvgGroup {
                label: &p.entry.title,
                url: &group_urls[g],
                members: plan.members[g].clone(),
                collapsed: plan.collapsed[g].then(|| (counts[g].as_str(), p.members.len())),
            })
            .collect();
        let sector_keys: Vec<Legend> = site
            .config
            .sectors
            .values()
            .map(|label| Legend { label })
            .collect();
        let drawn_groups = (0..site.partnerships.len())
            .filter(|&g| plan.collapsed[g] || !plan.members[g].is_empty())
            .count();
        let desc = fill(
            words.get("network_figure_desc"),
            &[
                ("partners", n.to_string()),
                ("partnerships", drawn_groups.to_string()),
            ],
        );
        // The layout is the dearest part of a build's network page: it is made again only when
        // what it is made of changes (see `Renderer::part`).
        let inputs = {
            use std::hash::{Hash, Hasher};
            let mut h = rustc_hash::FxHasher::default();
            (&plan.shown, plan.capped, &plan.collapsed, &plan.members).hash(&mut h);
            (&plan.ties, &plan.crowds, &desc).hash(&mut h);
            for node in &nodes {
                (
                    node.label,
                    node.name,
                    node.url,
                    node.sector,
                    node.contributions,
                )
                    .hash(&mut h);
            }
            for group in &groups {
                (group.label, group.url, &group.members, group.collapsed).hash(&mut h);
            }
            for key in [
                "network_figure",
                "network_size_key",
                "network_region_key",
                "network_line_key",
            ] {
                words.get(key).hash(&mut h);
            }
            for key in &sector_keys {
                key.label.hash(&mut h);
            }
            h.finish()
        };
        let svg = self.part(inputs, || {
            let arrangement = arrangement(site, &plan);
            svg::draw(
                &nodes,
                &groups,
                &plan.ties,
                &|aspect| arrangement(aspect),
                &svg::Keys {
                    title: words.get("network_figure"),
                    description: &desc,
                    sectors: &sector_keys,
                    size: words.get("network_size_key"),
                    region: words.get("network_region_key"),
                    line: words.get("network_line_key"),
                },
            )
        });
        let mut notes = Vec::new();
        if plan.collapsed.iter().any(|&c| c) {
            notes.push(fill(
                words.get("network_collapsed_note"),
                &[("limit", DRAWN_MEMBERS.to_string())],
            ));
        }
        if plan.capped {
            notes.push(fill(
                words.get("network_core"),
                &[
                    ("shown", n.to_string()),
                    ("partners", site.partners.len().to_string()),
                ],
            ));
        }
        let member = |p: usize| GroupMember {
            partner: partner_link(site, p),
            contributions: self.contributions_text(site.partners[p].contributions.len()),
        };
        let list = site
            .partnerships
            .iter()
            .enumerate()
            .map(|(g, p)| GroupRow {
                link: link(site, words, Ref::Partnership(g)),
                count: counts[g].clone(),
                members: if plan.collapsed[g] {
                    Vec::new()
                } else {
                    p.members.iter().map(|m| member(m.partner)).collect()
                },
                collapsed: plan.collapsed[g],
            })
            .collect();
        let alone = (0..site.partners.len())
            .filter(|&p| site.partners[p].memberships.is_empty())
            .map(member)
            .collect();
        Drawing {
            svg: Some(svg),
            note: (!notes.is_empty()).then(|| notes.join(" ")),
            groups: list,
            alone,
        }
    }

    fn members_text(&self, count: usize) -> String {
        if count == 1 {
            self.words.get("network_one_member").to_string()
        } else {
            fill(
                self.words.get("network_members"),
                &[("count", count.to_string())],
            )
        }
    }

    fn contributions_text(&self, count: usize) -> String {
        if count == 1 {
            self.words.get("network_one_contribution").to_string()
        } else {
            fill(
                self.words.get("network_contributions"),
                &[("count", count.to_string())],
            )
        }
    }

    fn names(&self, partners: impl IntoIterator<Item = usize>) -> String {
        const LISTED: usize = 10;
        let all: Vec<&str> = partners
            .into_iter()
            .map(|p| self.site.partners[p].entry.title.as_str())
            .collect();
        let mut text = all
            .iter()
            .take(LISTED)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        if all.len() > LISTED {
            text.push(' ');
            text.push_str(&fill(
                self.words.get("and_more"),
                &[("count", (all.len() - LISTED).to_string())],
            ));
        }
        text
    }

    fn network_sentences(&self, network: &Network) -> Vec<String> {
        let (site, words) = (self.site, self.words);
        let m = &network.metrics;
        let edges = m.ties;
        let mut out = vec![fill(
            words.get("network_summary"),
            &[
                ("partners", site.partners.len().to_string()),
                ("edges", edges.to_string()),
                ("density", format!("{:.1}", m.density * 100.0)),
            ],
        )];
        let groups = m.component_sizes.iter().filter(|&&s| s > 1).count();
        if groups <= 1 {
            out.push(words.get("network_connected").to_string());
        } else {
            out.push(fill(
                words.get("network_components"),
                &[
                    ("components", groups.to_string()),
                    ("largest", m.component_sizes[0].to_string()),
                ],
            ));
        }
        out.push(if m.isolates.is_empty() {
            words.get("network_no_isolates").to_string()
        } else {
            fill(
                words.get("network_isolates"),
                &[
                    ("count", m.isolates.len().to_string()),
                    ("names", self.names(m.isolates.iter().copied())),
                ],
            )
        });
        out.push(if m.articulation_points.is_empty() {
            words.get("network_no_bridges").to_string()
        } else {
            fill(
                words.get("network_bridges"),
                &[
                    ("count", m.articulation_points.len().to_string()),
                    ("names", self.names(m.articulation_points.iter().copied())),
                ],
            )
        });
        let mut central: Vec<usize> = (0..site.partners.len())
            .filter(|&i| m.betweenness[i] > 0.0)
            .collect();
        central.sort_by(|&a, &b| {
            m.betweenness[b]
                .total_cmp(&m.betweenness[a])
                .then(a.cmp(&b))
        });
        central.truncate(3);
        if !central.is_empty() {
            out.push(fill(
                words.get("network_central"),
                &[("names", self.names(central))],
            ));
        }
        out
    }

    fn without_sentences(&self, network: &Network) -> Vec<String> {
        let words = self.words;
        if network.facilitators.is_empty() {
            return vec![words.get("network_no_facilitators").to_string()];
        }
        let w = &network.without_facilitators;
        let mut out = vec![fill(
            words.get("network_without_intro"),
            &[("names", self.names(network.facilitators.iter().copied()))],
        )];
        if !w.newly_isolated.is_empty() {
            out.push(fill(
                words.get("network_without_isolated"),
                &[
                    ("count", w.newly_isolated.len().to_string()),
                    ("names", self.names(w.newly_isolated.iter().copied())),
                ],
            ));
        }
        if !w.cut_off.is_empty() {
            out.push(fill(
                words.get("network_without_cut_off"),
                &[
                    ("count", w.cut_off.len().to_string()),
                    ("names", self.names(w.cut_off.iter().map(|(p, _)| *p))),
                ],
            ));
        }
        if w.newly_isolated.is_empty() && w.cut_off.is_empty() {
            out.push(words.get("network_without_none").to_string());
        }
        let groups = |sizes: &[usize]| sizes.iter().filter(|&&s| s > 1).count();
        out.push(fill(
            words.get("network_without_summary"),
            &[
                ("edges", w.metrics.ties.to_string()),
                ("components", groups(&w.metrics.component_sizes).to_string()),
                ("edges_before", network.metrics.ties.to_string()),
                (
                    "components_before",
                    groups(&network.metrics.component_sizes).to_string(),
                ),
            ],
        ));
        out
    }

    /// The table of the network without facilitators: every other partner's measures there,
    /// beside its measures with them.
    fn without_rows(&self, network: &Network) -> Vec<WithoutRow<'_>> {
        let (m, w) = (&network.metrics, &network.without_facilitators);
        w.partners
            .iter()
            .enumerate()
            .map(|(new, &p)| WithoutRow {
                partner: partner_link(self.site, p),
                degree: w.metrics.degree[new],
                degree_before: m.degree[p],
                betweenness: format!("{:.3}", w.metrics.betweenness_normalized[new]),
                betweenness_before: format!("{:.3}", m.betweenness_normalized[p]),
                component: w.metrics.component[new] + 1,
            })
            .collect()
    }

    /// The partners `p` works with, and through what: the partnerships they share and the
    /// items both are credited on; the members of a large partnership as one line (see
    /// [`crate::network::LISTED_MEMBERS`]), so that the page does not list them all.
    pub(super) fn neighbours(&self, p: usize) -> Neighbours<'_> {
        let (site, words): (&Site, _) = (self.site, self.words);
        let network = self.network;
        let neighbourhood = network.neighbours(p);
        let partners = neighbourhood
            .partners
            .into_iter()
            .map(|(q, shared)| Neighbour {
                partner: partner_link(site, q),
                partnerships: shared
                    .partnerships
                    .iter()
                    .map(|&x| link(site, words, Ref::Partnership(x)))
                    .collect(),
                items: shared
                    .items
                    .iter()
                    .map(|&x| link(site, words, Ref::Item(x)))
                    .collect(),
            })
            .collect();
        let groups = neighbourhood
            .groups
            .into_iter()
            .map(|g| {
                let group = &network.groups[g];
                let target = match group.tie {
                    Tie::Partnership(x) => Ref::Partnership(x),
                    Tie::Item(x) => Ref::Item(x),
                };
                NeighbourGroup {
                    others: fill(
                        words.get("works_with_members"),
                        &[("count", (group.members.len() - 1).to_string())],
                    ),
                    group: link(site, words, target),
                }
            })
            .collect();
        Neighbours {
            count: network.metrics.degree[p],
            partners,
            groups,
        }
    }
}

/// A built-in sentence with its `{name}` placeholders filled in.
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    /// A site of one partnership with `members` members and 200 items, each crediting three
    /// of them, plus two small partnerships that share a partner with the large one.
    fn site(members: usize) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: String| {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write(
            "site.yaml",
            "title: Stor\nlanguage: da\nsectors:\n  a: A\n  b: B\n".into(),
        );
        for i in 0..members + 4 {
            write(
                &format!("content/partners/m{i}.md"),
                format!(
                    "---\nname: Medlem {i}\nsector: {}\n---\n",
                    ["a", "b"][i % 2]
                ),
            );
        }
        let ids =
            |r: std::ops::Range<usize>| r.map(|i| format!("m{i}")).collect::<Vec<_>>().join(", ");
        write(
            "content/partnerships/stor.md",
            format!("---\ntitle: Stor\npartners: [{}]\n---\n", ids(0..members)),
        );
        write(
            "content/partnerships/lille.md",
            format!(
                "---\ntitle: Lille\npartners: [m0, {}]\n---\n",
                ids(members..members + 2)
            ),
        );
        write(
            "content/partnerships/anden.md",
            format!(
                "---\ntitle: Anden\npartners: [m1, {}]\n---\n",
                ids(members + 2..members + 4)
            ),
        );
        for k in 0..200 {
            write(
                &format!("content/challenges/c{k}.md"),
                format!(
                    "---\ntitle: Udfordring {k}\npartners: [m{}, m{}, m{}]\n---\n",
                    (7 * k) % members,
                    (7 * k + 1) % members,
                    (13 * k + 5) % members
                ),
            );
        }
        let (loaded, _) = crate::load::load_site(dir.path()).unwrap();
        let index = crate::validate::validate(&loaded).unwrap();
        crate::model::build(loaded, &index, false)
    }

    /// The drawing of `site`: its SVG, and how long planning, layout and drawing took.
    fn draw(site: &Site) -> (String, f64) {
        let start = Instant::now();
        let plan = plan_drawing(site);
        let arrangement = arrangement(site, &plan);
        let urls: Vec<String> = plan.shown.iter().map(|i| format!("p{i}")).collect();
        let nodes: Vec<SvgNode> = plan
            .shown
            .iter()
            .zip(&urls)
            .map(|(&i, url)| SvgNode {
                label: &site.partners[i].entry.title,
                name: &site.partners[i].entry.title,
                url,
                sector: 0,
                contributions: site.partners[i].contributions.len(),
            })
            .collect();
        let counts: Vec<String> = site
            .partnerships
            .iter()
            .map(|p| format!("{} medlemmer", p.members.len()))
            .collect();
        let groups: Vec<SvgGroup> = site
            .partnerships
            .iter()
            .enumerate()
            .map(|(g, p)| SvgGroup {
                label: &p.entry.title,
                url: "g",
                members: plan.members[g].clone(),
                collapsed: plan.collapsed[g].then(|| (counts[g].as_str(), p.members.len())),
            })
            .collect();
        let svg = svg::draw(
            &nodes,
            &groups,
            &plan.ties,
            &|a| arrangement(a),
            &svg::Keys {
                title: "t",
                description: "d",
                sectors: &[],
                size: "s",
                region: "r",
                line: "l",
            },
        );
        (svg, start.elapsed().as_secs_f64())
    }

    #[test]
    fn a_partnership_of_thousands_is_one_shape_and_costs_what_its_memberships_cost() {
        let (small, _) = draw(&site(100));
        let large_site = site(3000);
        let (large, seconds) = draw(&large_site);
        eprintln!("the drawing of a partnership of 3,000 members and 200 items: {seconds:.3} s");
        // One disc for the large partnership; only the partners of the small ones drawn.
        assert_eq!(large.matches("ng-disc").count(), 1);
        assert!(large.contains("3000 medlemmer"));
        assert_eq!(large.matches("class=\"ng-partner\"").count(), 6);
        // The same drawing as at 100 members, but for the count.
        assert!(
            large.len() <= small.len() + 64,
            "{} against {}",
            large.len(),
            small.len()
        );
        // Items crediting partners who are not drawn tie nothing.
        assert!(plan_drawing(&large_site).ties.len() <= 6);
    }
}
