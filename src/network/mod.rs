//! The partner network: partners tied wherever they share a partnership or an item, weighted
//! by how many they share. It is kept in two-mode form, partners and the groups they form, so
//! that a partnership of 1,000 members is one group and not half a million pairs. Built once
//! from the model, with the metrics partnership research uses (who bridges, who stands alone)
//! and the same metrics with the facilitators left out, to show who would be cut off without
//! the bridge-builder.

pub mod export;
pub mod layout;

pub mod metrics;
pub mod svg;

use crate::model::Site;
use metrics::Metrics;
use std::collections::BTreeMap;

/// Above this many members a partner page names a group ("the 999 other members of X")
/// instead of listing every co-member, and the pairwise edge list of the exports is left out
/// above [`LISTED_TIES`] pairs.
pub const LISTED_MEMBERS: usize = 25;

/// The most tied pairs the exports list one by one.
pub const LISTED_TIES: usize = 20_000;

/// What ties a group's members: a partnership, or an item they are credited on together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tie {
    Partnership(usize),
    Item(usize),
}

/// A partnership or a co-credited item, with its distinct partners (at least two), ascending.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Group {
    pub tie: Tie,
    pub members: Vec<usize>,
}

/// What two partners share.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Shared {
    pub partnerships: Vec<usize>,
    pub items: Vec<usize>,
}

impl Shared {
    fn add(&mut self, tie: Tie) {
        match tie {
            Tie::Partnership(x) => self.partnerships.push(x),
            Tie::Item(x) => self.items.push(x),
        }
    }

    /// How many groups the two share: the weight of their tie.
    pub fn weight(&self) -> usize {
        self.partnerships.len() + self.items.len()
    }
}

/// Whom a partner works with, as a page shows it: the co-members of its small groups one by
/// one, and its large groups as a whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Neighbourhood {
    /// Partners met in groups of at most [`LISTED_MEMBERS`], with what they share there,
    /// strongest tie first.
    pub partners: Vec<(usize, Shared)>,
    /// Larger groups (index into [`Network::groups`]), largest first.
    pub groups: Vec<usize>,
}

/// The network of a site; node `i` is partner `i` of the [`Site`].
#[derive(Debug, Clone)]
pub struct Network {
    /// Every partnership and every item with two partners or more: partnerships first, in
    /// site order, then items.
    pub groups: Vec<Group>,
    /// For each partner, the groups it is in, ascending.
    pub groups_of: Vec<Vec<usize>>,
    pub metrics: Metrics,
    /// Partners who facilitate a partnership.
    pub facilitators: Vec<usize>,
    pub without_facilitators: WithoutFacilitators,
}

/// The network with the facilitators left out.
#[derive(Debug, Clone)]
pub struct WithoutFacilitators {
    /// For each node of the reduced network, its partner index.
    pub partners: Vec<usize>,
    pub metrics: Metrics,
    /// Partners connected to someone with the facilitators and to no one without them.
    pub newly_isolated: Vec<usize>,
    /// Partners who lose contact with others (their group shrinks) without the facilitators,
    /// with how many partners they lose, most first.
    pub cut_off: Vec<(usize, usize)>,
}

impl Network {
    /// Whom `p` works with: see [`Neighbourhood`]. Costs the size of p's small groups, never
    /// the size of its large ones.
    pub fn neighbours(&self, p: usize) -> Neighbourhood {
        let mut shared: BTreeMap<usize, Shared> = BTreeMap::new();
        let mut groups = Vec::new();
        for &g in &self.groups_of[p] {
            let group = &self.groups[g];
            if group.members.len() > LISTED_MEMBERS {
                groups.push(g);
                continue;
            }
            for &q in &group.members {
                if q != p {
                    shared.entry(q).or_default().add(group.tie);
                }
            }
        }
        let mut partners: Vec<(usize, Shared)> = shared.into_iter().collect();
        partners.sort_by_key(|(q, s)| (std::cmp::Reverse(s.weight()), *q));
        groups.sort_by_key(|&g| (std::cmp::Reverse(self.groups[g].members.len()), g));
        Neighbourhood { partners, groups }
    }

    /// Every tied pair (a, b) with a < b and what they share, in order. Costs the sum over
    /// the groups of their size squared: for exports of small networks only (see
    /// [`LISTED_TIES`]).
    pub fn pairs(&self) -> Vec<((usize, usize), Shared)> {
        let mut out = Vec::with_capacity(self.metrics.ties);
        let mut shared: BTreeMap<usize, Shared> = BTreeMap::new();
        for (a, groups) in self.groups_of.iter().enumerate() {
            for &g in groups {
                let group = &self.groups[g];
                let later = group.members.partition_point(|&b| b <= a);
                for &b in &group.members[later..] {
                    shared.entry(b).or_default().add(group.tie);
                }
            }
            out.extend(
                std::mem::take(&mut shared)
                    .into_iter()
                    .map(|(b, s)| ((a, b), s)),
            );
        }
        out
    }

    /// The ties among `shown` (partner indices, ascending) as (i, j, weight) with i < j
    /// positions in `shown`, sorted: what a drawing of those partners needs. Costs the sizes
    /// of the shown partners' groups.
    pub fn ties_among(&self, shown: &[usize]) -> Vec<(usize, usize, u32)> {
        let mut position = vec![usize::MAX; self.groups_of.len()];
        for (i, &p) in shown.iter().enumerate() {
            position[p] = i;
        }
        let mut weight = vec![0u32; shown.len()];
        let mut touched = Vec::new();
        let mut out = Vec::new();
        for (i, &p) in shown.iter().enumerate() {
            for &g in &self.groups_of[p] {
                for &q in &self.groups[g].members {
                    let j = position[q];
                    if j != usize::MAX && j > i {
                        if weight[j] == 0 {
                            touched.push(j);
                        }
                        weight[j] = weight[j].saturating_add(1);
                    }
                }
            }
            touched.sort_unstable();
            for j in touched.drain(..) {
                out.push((i, j, std::mem::take(&mut weight[j])));
            }
        }
        out
    }
}

/// Builds the network of `site`.
pub fn build(site: &Site) -> Network {
    build_reusing(site, None)
}

/// [`build`], reusing the metrics of `previous` when the groups and the facilitators are the
/// same (an edit of an item's text, say): metrics cost partners × memberships.
pub fn build_reusing(site: &Site, previous: Option<&Network>) -> Network {
    let n = site.partners.len();
    let mut groups = Vec::new();
    let mut add = |tie: Tie, mut members: Vec<usize>| {
        members.sort_unstable();
        members.dedup();
        if members.len() >= 2 {
            groups.push(Group { tie, members });
        }
    };
    for (pi, p) in site.partnerships.iter().enumerate() {
        add(
            Tie::Partnership(pi),
            p.members.iter().map(|m| m.partner).collect(),
        );
    }
    let mut contributors: Vec<Vec<usize>> = vec![Vec::new(); site.items.len()];
    for (pi, p) in site.partners.iter().enumerate() {
        for c in &p.contributions {
            contributors[c.item].push(pi);
        }
    }
    for (item, members) in contributors.into_iter().enumerate() {
        add(Tie::Item(item), members);
    }
    let mut groups_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (g, group) in groups.iter().enumerate() {
        for &p in &group.members {
            groups_of[p].push(g);
        }
    }
    let facilitators = site.facilitators();
    if let Some(previous) = previous
        && previous.groups == groups
        && previous.facilitators == facilitators
    {
        return Network {
            groups,
            groups_of,
            metrics: previous.metrics.clone(),
            facilitators,
            without_facilitators: previous.without_facilitators.clone(),
        };
    }
    let members: Vec<Vec<usize>> = groups.iter().map(|g| g.members.clone()).collect();
    let metrics = metrics::metrics(n, &members);
    let without_facilitators = without(n, &members, &metrics, &facilitators);
    Network {
        groups,
        groups_of,
        metrics,
        facilitators,
        without_facilitators,
    }
}

fn without(
    n: usize,
    groups: &[Vec<usize>],
    full: &Metrics,
    facilitators: &[usize],
) -> WithoutFacilitators {
    let is_facilitator = |p: usize| facilitators.binary_search(&p).is_ok();
    let partners: Vec<usize> = (0..n).filter(|&p| !is_facilitator(p)).collect();
    let mut new_index = vec![usize::MAX; n];
    for (new, &p) in partners.iter().enumerate() {
        new_index[p] = new;
    }
    let reduced: Vec<Vec<usize>> = groups
        .iter()
        .map(|g| {
            g.iter()
                .map(|&p| new_index[p])
                .filter(|&p| p != usize::MAX)
                .collect()
        })
        .collect();
    let metrics = metrics::metrics(partners.len(), &reduced);
    // How many other non-facilitators each partner can reach, with and without them.
    let mut reach_before: BTreeMap<usize, usize> = BTreeMap::new();
    for &p in &partners {
        *reach_before.entry(full.component[p]).or_default() += 1;
    }
    let mut newly_isolated = Vec::new();
    let mut cut_off = Vec::new();
    for (new, &p) in partners.iter().enumerate() {
        let before = reach_before[&full.component[p]] - 1;
        let after = metrics.component_sizes[metrics.component[new]] - 1;
        if full.degree[p] > 0 && metrics.degree[new] == 0 {
            newly_isolated.push(p);
        }
        if after < before {
            cut_off.push((p, before - after));
        }
    }
    cut_off.sort_by_key(|&(p, lost)| (std::cmp::Reverse(lost), p));
    WithoutFacilitators {
        partners,
        metrics,
        newly_isolated,
        cut_off,
    }
}
