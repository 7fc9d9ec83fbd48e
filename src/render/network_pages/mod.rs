//! The network pages: the drawing, the table in several orders, the plain-language figures,
//! the view without facilitators, and each partner's neighbourhood.

use super::view::Shared;
use super::views::*;
use super::{Job, Renderer};
use crate::model::{Ref, Site};
use crate::network::svg::{Legend, SvgGroup, SvgNode};
use crate::network::{Network, Tie, layout, svg};
use crate::plan::NetworkOrder;
use serde::Serialize;
use std::collections::BTreeMap;

mod drawing;
#[cfg(test)]
mod tests;

use drawing::*;

/// Above this many partners the drawing shows only those with the most contributions and
/// partnerships (the list and the tables stay complete): more nodes are neither legible nor
/// quick to lay out.
pub const DRAWN_PARTNERS: usize = 300;
/// A partnership with more members than this is drawn as one shape with its member count,
/// not member by member: a thousand labels cannot be read, and the drawing and its layout
/// then stay the same size however large a partnership grows.
pub const DRAWN_MEMBERS: usize = 40;

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
    group: Shared<Link<'a>>,
}

#[derive(Serialize)]
pub struct Neighbour<'a> {
    partner: Shared<PartnerLink<'a>>,
    partnerships: Vec<Shared<Link<'a>>>,
    /// The items both are credited on.
    items: Vec<Shared<Link<'a>>>,
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
        let words = self.words;
        let network = self.network;
        let neighbourhood = network.neighbours(p);
        let partners = neighbourhood
            .partners
            .into_iter()
            .map(|(q, shared)| Neighbour {
                partner: self.partner(q),
                partnerships: shared
                    .partnerships
                    .iter()
                    .map(|&x| self.link(Ref::Partnership(x)))
                    .collect(),
                items: self.item_links(&shared.items),
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
                    group: self.link(target),
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
