//! Betweenness and closeness: one breadth-first search per partner over the two-mode graph,
//! counting shortest paths without listing a large group's pairs.

use super::*;

/// The buffers of one breadth-first search, reused from source to source.
pub(super) struct Search {
    pub(super) dist: Vec<u32>,
    pub(super) sigma: Vec<f64>,
    pub(super) delta: Vec<f64>,
    /// (1 + delta) / sigma of a node whose dependency is final.
    pub(super) ratio: Vec<f64>,
    /// Nodes in the order the search reached them, which is also its queue; the search's
    /// layers (nodes at distance d) are order[layers[d]..layers[d + 1]].
    pub(super) order: Vec<u32>,
    pub(super) layers: Vec<usize>,
    /// The source that last opened each large group.
    pub(super) clique_opened: Vec<u32>,
    /// The source that last reached each counting set, the layer at which it did, and the
    /// set's sum over its members in that layer (path counts on the way out, ratios back).
    pub(super) set_reached: Vec<u32>,
    pub(super) set_layer: Vec<u32>,
    pub(super) set_sum: Vec<f64>,
    /// The counting sets reached, by layer: sets[set_layers[d]..set_layers[d + 1]].
    pub(super) sets: Vec<u32>,
    pub(super) set_layers: Vec<usize>,
}

pub(super) const UNSEEN: u32 = u32::MAX;

impl Search {
    pub(super) fn new(g: &TwoMode) -> Search {
        let n = g.n;
        Search {
            dist: vec![UNSEEN; n],
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            ratio: vec![0.0; n],
            order: Vec::with_capacity(n),
            layers: Vec::new(),
            clique_opened: vec![UNSEEN; g.cliques.len()],
            set_reached: vec![UNSEEN; g.signed.len()],
            set_layer: vec![0; g.signed.len()],
            set_sum: vec![0.0; g.signed.len()],
            sets: Vec::new(),
            set_layers: Vec::new(),
        }
    }

    /// Searches from `s`, adds each node's dependency on `s` to `sum`, and returns the
    /// closeness of `s`.
    pub(super) fn run(&mut self, g: &TwoMode, s: usize, sum: &mut [f64]) -> f64 {
        let n = g.n;
        let source = s as u32;
        let Search {
            dist,
            sigma,
            delta,
            ratio,
            order,
            layers,
            clique_opened,
            set_reached,
            set_layer,
            set_sum,
            sets,
            set_layers,
        } = self;

        // Distances: each large group is opened once, by the first member the search reaches.
        order.clear();
        layers.clear();
        dist[s] = 0;
        order.push(source);
        let mut head = 0;
        let mut total_distance: u64 = 0;
        while head < order.len() {
            let v = order[head] as usize;
            if layers.len() <= dist[v] as usize {
                layers.push(head);
            }
            head += 1;
            let next = dist[v] + 1;
            total_distance += u64::from(dist[v]);
            for &w in g.pairs.get(v) {
                if dist[w as usize] == UNSEEN {
                    dist[w as usize] = next;
                    order.push(w);
                }
            }
            for &c in g.cliques_of.get(v) {
                if clique_opened[c as usize] != source {
                    clique_opened[c as usize] = source;
                    for &w in g.cliques.get(c as usize) {
                        if dist[w as usize] == UNSEEN {
                            dist[w as usize] = next;
                            order.push(w);
                        }
                    }
                }
            }
        }
        layers.push(order.len());

        // networkx: (r-1)/totsp, times (r-1)/(n-1) for wf_improved, where r is the number of
        // nodes reached (the source included).
        let reached = order.len() - 1;
        let closeness = if total_distance > 0 && n > 1 {
            (reached as f64 / total_distance as f64) * (reached as f64 / (n - 1) as f64)
        } else {
            0.0
        };

        // Path counts, layer by layer: a node's count is the sum of the counts of its distinct
        // neighbours one layer closer. A set's members lie in at most two adjacent layers (they
        // are all tied to each other), so each set passes its first layer's sum on to its
        // second layer once, with its weight.
        sigma[s] = 1.0;
        sets.clear();
        set_layers.clear();
        for d in 0..layers.len() - 1 {
            set_layers.push(sets.len());
            let layer = d as u32;
            for &v in &order[layers[d]..layers[d + 1]] {
                let v = v as usize;
                let sigma_v = sigma[v];
                for &w in g.pairs.get(v) {
                    if dist[w as usize] == layer + 1 {
                        sigma[w as usize] += sigma_v;
                    }
                }
                for &h in g.signed_of.get(v) {
                    let h = h as usize;
                    if set_reached[h] != source {
                        set_reached[h] = source;
                        set_layer[h] = layer;
                        set_sum[h] = 0.0;
                        sets.push(h as u32);
                    }
                    if set_layer[h] == layer {
                        set_sum[h] += sigma_v;
                    }
                }
            }
            for &h in &sets[set_layers[d]..] {
                let h = h as usize;
                let passed = g.weight[h] * set_sum[h];
                for &w in g.signed.get(h) {
                    if dist[w as usize] == layer + 1 {
                        sigma[w as usize] += passed;
                    }
                }
            }
        }
        set_layers.push(sets.len());

        // Dependencies, from the farthest layer back (Brandes): delta[v] is sigma[v] times the
        // sum of (1 + delta[w]) / sigma[w] over its distinct neighbours w one layer farther.
        for d in (0..layers.len() - 1).rev() {
            let layer = d as u32;
            for &h in &sets[set_layers[d]..set_layers[d + 1]] {
                let h = h as usize;
                set_sum[h] = g
                    .signed
                    .get(h)
                    .iter()
                    .filter(|&&w| dist[w as usize] == layer + 1)
                    .map(|&w| ratio[w as usize])
                    .sum();
            }
            for &v in &order[layers[d]..layers[d + 1]] {
                let v = v as usize;
                let mut farther: f64 = g
                    .pairs
                    .get(v)
                    .iter()
                    .filter(|&&w| dist[w as usize] == layer + 1)
                    .map(|&w| ratio[w as usize])
                    .sum();
                for &h in g.signed_of.get(v) {
                    let h = h as usize;
                    if set_layer[h] == layer {
                        farther += g.weight[h] * set_sum[h];
                    }
                }
                delta[v] = sigma[v] * farther;
                ratio[v] = (1.0 + delta[v]) / sigma[v];
                if v != s {
                    sum[v] += delta[v];
                }
            }
        }
        // Only the reached nodes were touched.
        for &v in order.iter() {
            let v = v as usize;
            dist[v] = UNSEEN;
            sigma[v] = 0.0;
            delta[v] = 0.0;
            ratio[v] = 0.0;
        }
        closeness
    }
}

/// Betweenness (raw and normalized) and closeness, from one breadth-first search per source.
///
/// Follows networkx's `betweenness_centrality` (Brandes 2001, with path counts as floats)
/// and `closeness_centrality`. Predecessors are not stored: on the way back, the predecessors
/// of w are the neighbours one step closer to the source.
pub(super) fn paths(g: &TwoMode) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    use rayon::prelude::*;
    let n = g.n;
    // The searches run in parallel in fixed blocks of sources, and the blocks' sums are added
    // in block order: the result does not depend on the number of threads or their timing.
    const SOURCES_PER_BLOCK: usize = 32;
    let blocks: Vec<(Vec<f64>, Vec<f64>)> = (0..n.div_ceil(SOURCES_PER_BLOCK))
        .into_par_iter()
        .map(|block| {
            let mut search = Search::new(g);
            let mut sum = vec![0.0f64; n];
            let sources = block * SOURCES_PER_BLOCK..((block + 1) * SOURCES_PER_BLOCK).min(n);
            let closeness = sources.map(|s| search.run(g, s, &mut sum)).collect();
            (sum, closeness)
        })
        .collect();
    let mut sum = vec![0.0f64; n];
    let mut closeness = Vec::with_capacity(n);
    for (block_sum, block_closeness) in blocks {
        for (total, part) in sum.iter_mut().zip(block_sum) {
            *total += part;
        }
        closeness.extend(block_closeness);
    }

    // Each unordered pair was counted from both ends.
    let betweenness: Vec<f64> = sum.iter().map(|&b| b * 0.5).collect();
    let normalized = if n > 2 {
        let scale = 2.0 / ((n - 1) as f64 * (n - 2) as f64);
        betweenness.iter().map(|&b| b * scale).collect()
    } else {
        vec![0.0; n]
    };
    (betweenness, normalized, closeness)
}
