//! Network metrics of the partner graph, as partnership research uses them: who bridges
//! otherwise separate groups (betweenness, articulation points), who stands alone (isolates,
//! components), how close each partner is to the rest (closeness, degree).
//!
//! The input is two-mode: partners and the groups they form (a partnership, the partners
//! credited on one item). Two partners are tied when they share a group, and every figure is
//! the one of that partner-to-partner graph, by networkx's definitions: paths are counted on
//! the unweighted graph, and how many groups two partners share only enters the weighted
//! degree. The pairs are never listed: a partnership of 1,000 members would be half a million
//! of them. Small groups are cheap as pairs; large ones stay groups, and a breadth-first
//! search walks partner → group → partner, opening each group once. Path counts must count
//! each partner-to-partner step once even where two partners share several large groups;
//! overlapping groups therefore carry signed weights (inclusion–exclusion over their
//! intersections) so that every tied pair is counted exactly once. Everything is
//! deterministic: no hash-map iteration, ties broken by node index, floating-point sums always
//! taken in the same order.

use std::collections::{HashSet, VecDeque};

mod components;
mod paths;
#[cfg(test)]
mod tests;
mod two_mode;

use components::*;
use paths::*;
use two_mode::*;

/// Groups of at most this many members are turned into their pairs (at most 120); larger
/// ones stay groups.
const PAIRED_UP_TO: usize = 16;

/// How far the intersections of overlapping large groups may multiply before the groups are
/// turned into pairs after all (exact, only slower): a guard against contrived overlaps.
const INTERSECTION_BUDGET: usize = 2_000_000;

/// Every metric of a graph, indexed by node.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// Number of distinct partners a partner is tied to.
    pub degree: Vec<usize>,
    /// Sum over the partner's ties of how many groups the two share (saturating at
    /// `u32::MAX`), i.e. the sum over its groups of their other members.
    pub weighted_degree: Vec<u32>,
    /// Brandes' betweenness on the unweighted graph, raw, as networkx computes it for
    /// undirected graphs with normalized=False (each unordered pair counted once).
    pub betweenness: Vec<f64>,
    /// As networkx with normalized=True: raw * 2 / ((n-1)(n-2)) for n > 2, else 0.
    pub betweenness_normalized: Vec<f64>,
    /// Closeness as networkx.closeness_centrality (wf_improved=True) on the unweighted graph.
    pub closeness: Vec<f64>,
    /// Connected component of each node: components numbered 0.. by size, largest first,
    /// ties by smallest node index.
    pub component: Vec<usize>,
    /// Number of nodes in each component, indexed by component number.
    pub component_sizes: Vec<usize>,
    /// Nodes with no tie.
    pub isolates: Vec<usize>,
    /// Cut vertices: nodes whose removal splits their component (they bridge otherwise separate
    /// groups). Sorted.
    pub articulation_points: Vec<usize>,
    /// Number of tied pairs (the edges of the partner-to-partner graph).
    pub ties: usize,
    /// 2m / (n(n-1)) for n > 1, else 0 (m = number of ties).
    pub density: f64,
}

/// Computes all [`Metrics`] of the partners `0..n` tied by `groups` (each a list of
/// members; repeats and groups of one are harmless). Betweenness and closeness take one
/// breadth-first search per partner, each linear in partners + memberships; the rest is
/// linear. No cost grows with the square of a group's size; no recursion.
///
/// # Panics
/// If a member is not below `n`.
pub fn metrics(n: usize, groups: &[Vec<usize>]) -> Metrics {
    metrics_pairing(n, groups, PAIRED_UP_TO)
}

/// [`metrics`], turning groups of up to `paired_up_to` members into pairs: the tests compare
/// all-pairs (the plain graph) with all-groups.
fn metrics_pairing(n: usize, groups: &[Vec<usize>], paired_up_to: usize) -> Metrics {
    assert!(u32::try_from(n).is_ok(), "graph of {n} nodes is too large");
    let mut weighted_degree = vec![0u32; n];
    let mut normal: Vec<Vec<u32>> = Vec::with_capacity(groups.len());
    for g in groups {
        let mut members: Vec<u32> = g
            .iter()
            .map(|&v| {
                assert!(v < n, "member {v} in a graph of {n} nodes");
                v as u32
            })
            .collect();
        members.sort_unstable();
        members.dedup();
        if members.len() < 2 {
            continue;
        }
        let others = u32::try_from(members.len() - 1).unwrap_or(u32::MAX);
        for &v in &members {
            let w = &mut weighted_degree[v as usize];
            *w = w.saturating_add(others);
        }
        normal.push(members);
    }
    let two_mode = TwoMode::new(n, &normal, paired_up_to)
        .unwrap_or_else(|| TwoMode::new(n, &normal, usize::MAX).expect("pairs need no budget"));

    let degree = two_mode.degrees();
    let ties = degree.iter().sum::<usize>() / 2;
    let (betweenness, betweenness_normalized, closeness) = paths(&two_mode);
    let (component, component_sizes) = components(&two_mode);
    let isolates = (0..n).filter(|&v| degree[v] == 0).collect();
    let articulation_points = articulation_points(&two_mode);
    let density = if n > 1 {
        2.0 * ties as f64 / (n as f64 * (n as f64 - 1.0))
    } else {
        0.0
    };
    Metrics {
        degree,
        weighted_degree,
        betweenness,
        betweenness_normalized,
        closeness,
        component,
        component_sizes,
        isolates,
        articulation_points,
        ties,
        density,
    }
}
