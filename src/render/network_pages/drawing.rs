//! The network page's drawing: who is drawn and how (large partnerships as one shape, at most
//! [`DRAWN_PARTNERS`] partners), where they sit, and the same facts as a list for readers who
//! do not see it.

use super::*;

/// An item credited to more drawn partners than this ties them through one hidden point of
/// the layout, not pair by pair, and draws no lines.
pub(super) const TIED_PAIRWISE: usize = 12;
/// The network page's drawing, with the same facts as a list for narrow screens and for
/// readers who do not see it.
#[derive(Default)]
pub(super) struct Drawing<'a> {
    pub(super) svg: Option<String>,
    /// What the drawing leaves out, when it does.
    pub(super) note: Option<String>,
    pub(super) groups: Vec<GroupRow<'a>>,
    /// The partners in no partnership.
    pub(super) alone: Vec<GroupMember<'a>>,
}

#[derive(Serialize)]
pub(super) struct GroupRow<'a> {
    pub(super) link: Link<'a>,
    /// "6 members".
    pub(super) count: String,
    /// Empty when the partnership is drawn as one shape (its page lists its members).
    pub(super) members: Vec<GroupMember<'a>>,
    pub(super) collapsed: bool,
}

#[derive(Serialize)]
pub(super) struct GroupMember<'a> {
    pub(super) partner: PartnerLink<'a>,
    /// "4 contributions".
    pub(super) contributions: String,
}

/// Who is drawn and how: read from the partnerships' member lists and the items' credits, so
/// its cost grows with the memberships and credits, never with the square of a partnership.
pub(super) struct DrawingPlan {
    /// The partners drawn one by one, as partner indices, ascending; node `k` is `shown[k]`.
    pub(super) shown: Vec<usize>,
    /// Whether the partners were cut to [`DRAWN_PARTNERS`].
    pub(super) capped: bool,
    /// Per partnership: drawn as one shape.
    pub(super) collapsed: Vec<bool>,
    /// Per partnership: its members that are drawn, as node indices.
    pub(super) members: Vec<Vec<usize>>,
    /// Lines between drawn partners credited together on items, with how many items.
    pub(super) ties: Vec<(usize, usize, u32)>,
    /// Items credited to many drawn partners: those partners, as node indices.
    pub(super) crowds: Vec<Vec<usize>>,
}

pub(super) fn plan_drawing(site: &Site) -> DrawingPlan {
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
pub(super) fn arrangement(site: &Site, plan: &DrawingPlan) -> impl Fn(f64) -> Vec<(f64, f64)> {
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
    pub(super) fn drawing(&self) -> Drawing<'_> {
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
        let Ok(svg) = self.part(inputs, || {
            let arrangement = arrangement(site, &plan);
            Ok::<_, std::convert::Infallible>(
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
                .into(),
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
            svg: Some(svg.to_string()),
            note: (!notes.is_empty()).then(|| notes.join(" ")),
            groups: list,
            alone,
        }
    }
}
