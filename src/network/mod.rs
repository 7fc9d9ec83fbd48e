//! The partner network: partners as nodes, an edge wherever two partners share a partnership
//! or an item, weighted by how many they share. Built once from the model, with the metrics
//! partnership research uses (who bridges, who stands alone) and the same metrics with the
//! facilitators left out, to show who would be cut off without the bridge-builder.

pub mod export;
pub mod layout;

pub mod metrics;
pub mod svg;

use crate::model::Site;
use metrics::{Graph, Metrics};
use std::collections::BTreeMap;

/// What two partners share.
#[derive(Debug, Clone, Default)]
pub struct Shared {
    pub partnerships: Vec<usize>,
    pub items: Vec<usize>,
}

/// The network of a site; node `i` is partner `i` of the [`Site`].
#[derive(Debug, Clone)]
pub struct Network {
    pub graph: Graph,
    pub metrics: Metrics,
    /// For each edge `(a, b)` with `a < b`: the partnerships and items behind it.
    pub shared: BTreeMap<(usize, usize), Shared>,
    /// Partners who facilitate a partnership.
    pub facilitators: Vec<usize>,
    pub without_facilitators: WithoutFacilitators,
}

/// The network with the facilitators left out.
#[derive(Debug, Clone)]
pub struct WithoutFacilitators {
    pub graph: Graph,
    /// For each node of `graph`, its partner index.
    pub partners: Vec<usize>,
    pub metrics: Metrics,
    /// Partners connected to someone with the facilitators and to no one without them.
    pub newly_isolated: Vec<usize>,
    /// Partners who lose contact with others (their group shrinks) without the facilitators,
    /// with how many partners they lose, most first.
    pub cut_off: Vec<(usize, usize)>,
}

impl Network {
    /// The partners `p` works with, with what they share, strongest tie first.
    pub fn neighbours(&self, p: usize) -> Vec<(usize, &Shared)> {
        let mut v: Vec<(usize, &Shared)> = self
            .graph
            .neighbours(p)
            .iter()
            .filter_map(|&(q, _)| self.shared.get(&(p.min(q), p.max(q))).map(|s| (q, s)))
            .collect();
        v.sort_by_key(|(q, s)| (std::cmp::Reverse(s.partnerships.len() + s.items.len()), *q));
        v
    }
}

/// Builds the network of `site`.
pub fn build(site: &Site) -> Network {
    build_reusing(site, None)
}

/// [`build`], reusing the metrics of `previous` when the graph and the facilitators are the
/// same (an edit of an item's text, say): metrics cost partners × connections.
pub fn build_reusing(site: &Site, previous: Option<&Network>) -> Network {
    let n = site.partners.len();
    let mut shared: BTreeMap<(usize, usize), Shared> = BTreeMap::new();
    let mut pairs = |members: &[usize], add: &mut dyn FnMut(&mut Shared)| {
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                if a != b {
                    add(shared.entry((a.min(b), a.max(b))).or_default());
                }
            }
        }
    };
    for (pi, p) in site.partnerships.iter().enumerate() {
        let mut members: Vec<usize> = p.members.iter().map(|m| m.partner).collect();
        members.sort_unstable();
        members.dedup();
        pairs(&members, &mut |s| s.partnerships.push(pi));
    }
    let mut contributors: Vec<Vec<usize>> = vec![Vec::new(); site.items.len()];
    for (pi, p) in site.partners.iter().enumerate() {
        for c in &p.contributions {
            contributors[c.item].push(pi);
        }
    }
    for (item, members) in contributors.iter().enumerate() {
        pairs(members, &mut |s| s.items.push(item));
    }
    let mut graph = Graph::new(n);
    for (&(a, b), s) in &shared {
        graph.add_edge(a, b, (s.partnerships.len() + s.items.len()) as u32);
    }
    let facilitators = site.facilitators();
    if let Some(previous) = previous
        && previous.graph == graph
        && previous.facilitators == facilitators
    {
        return Network {
            graph,
            metrics: previous.metrics.clone(),
            shared,
            facilitators,
            without_facilitators: previous.without_facilitators.clone(),
        };
    }
    let metrics = metrics::metrics(&graph);
    let without_facilitators = without(&graph, &metrics, &facilitators);
    Network {
        graph,
        metrics,
        shared,
        facilitators,
        without_facilitators,
    }
}

fn without(graph: &Graph, full: &Metrics, facilitators: &[usize]) -> WithoutFacilitators {
    let (reduced, partners) = graph.without(facilitators);
    let metrics = metrics::metrics(&reduced);
    // How many other non-facilitators each partner can reach, with and without them.
    let is_facilitator = |p: usize| facilitators.binary_search(&p).is_ok();
    let mut reach_before: BTreeMap<usize, usize> = BTreeMap::new();
    for &p in &partners {
        *reach_before.entry(full.component[p]).or_default() += 1;
    }
    let mut newly_isolated = Vec::new();
    let mut cut_off = Vec::new();
    for (new, &p) in partners.iter().enumerate() {
        debug_assert!(!is_facilitator(p));
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
        graph: reduced,
        partners,
        metrics,
        newly_isolated,
        cut_off,
    }
}
