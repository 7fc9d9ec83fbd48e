//! Network metrics of the partner graph, as partnership research uses them: who bridges
//! otherwise separate groups (betweenness, articulation points), who stands alone (isolates,
//! components), how close each partner is to the rest (closeness, degree) and, with
//! [`Graph::without`], what the network looks like without the facilitator.
//!
//! The definitions are networkx's, so that every figure can be checked against it: paths
//! are counted on the unweighted graph, and edge weights (how often two partners worked
//! together) only enter the weighted degree. Everything is deterministic: no hash maps, ties
//! broken by node index, floating-point sums always taken in the same order.

use std::collections::VecDeque;

/// An undirected graph with integer edge weights on nodes 0..n.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Graph {
    /// For each node, its (neighbour, weight) pairs sorted by neighbour; each edge is stored
    /// at both ends.
    adjacency: Vec<Vec<(usize, u32)>>,
}

impl Graph {
    /// A graph of `n` nodes and no edges.
    pub fn new(n: usize) -> Graph {
        Graph {
            adjacency: vec![Vec::new(); n],
        }
    }

    /// Adds `weight` to the edge a–b (created if absent). a == b is ignored.
    /// The weight saturates at `u32::MAX`; a weight of 0 still creates the edge.
    ///
    /// # Panics
    /// If `a` or `b` is not a node of the graph.
    pub fn add_edge(&mut self, a: usize, b: usize, weight: u32) {
        let n = self.len();
        assert!(a < n && b < n, "edge {a}–{b} in a graph of {n} nodes");
        if a == b {
            return;
        }
        for (from, to) in [(a, b), (b, a)] {
            let list = &mut self.adjacency[from];
            match list.binary_search_by_key(&to, |&(v, _)| v) {
                Ok(i) => list[i].1 = list[i].1.saturating_add(weight),
                Err(i) => list.insert(i, (to, weight)),
            }
        }
    }

    /// The number of nodes.
    pub fn len(&self) -> usize {
        self.adjacency.len()
    }

    /// Whether the graph has no nodes.
    pub fn is_empty(&self) -> bool {
        self.adjacency.is_empty()
    }

    /// The neighbours of `a` with the edge weights, sorted by neighbour.
    pub fn neighbours(&self, a: usize) -> &[(usize, u32)] {
        &self.adjacency[a]
    }

    /// Every edge once, as (a, b, weight) with a < b, sorted.
    pub fn edges(&self) -> Vec<(usize, usize, u32)> {
        let mut edges = Vec::with_capacity(self.edge_count());
        for (a, list) in self.adjacency.iter().enumerate() {
            edges.extend(
                list.iter()
                    .filter(|&&(b, _)| b > a)
                    .map(|&(b, w)| (a, b, w)),
            );
        }
        edges
    }

    /// The graph without `removed` nodes; returns it and, for each new node, its old index.
    /// The remaining nodes keep their order; repeats in `removed` are harmless.
    ///
    /// # Panics
    /// If a removed index is not a node of the graph.
    pub fn without(&self, removed: &[usize]) -> (Graph, Vec<usize>) {
        let mut keep = vec![true; self.len()];
        for &r in removed {
            keep[r] = false;
        }
        let old: Vec<usize> = (0..self.len()).filter(|&v| keep[v]).collect();
        let mut new_index = vec![usize::MAX; self.len()];
        for (new, &v) in old.iter().enumerate() {
            new_index[v] = new;
        }
        // Old order is preserved, so the filtered lists stay sorted.
        let adjacency = old
            .iter()
            .map(|&v| {
                self.adjacency[v]
                    .iter()
                    .filter(|&&(w, _)| keep[w])
                    .map(|&(w, weight)| (new_index[w], weight))
                    .collect()
            })
            .collect();
        (Graph { adjacency }, old)
    }

    fn edge_count(&self) -> usize {
        self.adjacency.iter().map(Vec::len).sum::<usize>() / 2
    }
}

/// Every metric of a graph, indexed by node.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// Number of neighbours.
    pub degree: Vec<usize>,
    /// Sum of the weights of the node's edges (saturating at `u32::MAX`).
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
    /// Nodes with no edge.
    pub isolates: Vec<usize>,
    /// Cut vertices: nodes whose removal splits their component (they bridge otherwise separate
    /// groups). Sorted.
    pub articulation_points: Vec<usize>,
    /// 2m / (n(n-1)) for n > 1, else 0 (m = number of edges).
    pub density: f64,
}

/// Computes all [`Metrics`] of `graph`: O(n·m) time for betweenness and closeness (one
/// breadth-first search per node), O(n + m) for the rest, O(n + m) memory; no recursion.
pub fn metrics(graph: &Graph) -> Metrics {
    let n = graph.len();
    let csr = Csr::new(graph);
    let degree: Vec<usize> = (0..n).map(|v| csr.neighbours(v).len()).collect();
    let weighted_degree = graph
        .adjacency
        .iter()
        .map(|list| list.iter().fold(0u32, |sum, &(_, w)| sum.saturating_add(w)))
        .collect();
    let (betweenness, betweenness_normalized, closeness) = paths(&csr);
    let (component, component_sizes) = components(&csr);
    let isolates = (0..n).filter(|&v| degree[v] == 0).collect();
    let articulation_points = articulation_points(&csr);
    let m = graph.edge_count();
    let density = if n > 1 {
        2.0 * m as f64 / (n as f64 * (n as f64 - 1.0))
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
        density,
    }
}

/// The adjacency as two flat arrays (compressed sparse rows), which the breadth-first
/// searches walk much faster than a vector of vectors. Node indices fit u32 for any graph
/// that can be searched n times in reasonable time.
struct Csr {
    offsets: Vec<usize>,
    targets: Vec<u32>,
}

impl Csr {
    fn new(graph: &Graph) -> Csr {
        assert!(
            u32::try_from(graph.len()).is_ok(),
            "graph of {} nodes is too large",
            graph.len()
        );
        let mut offsets = Vec::with_capacity(graph.len() + 1);
        let mut targets = Vec::with_capacity(graph.edge_count() * 2);
        offsets.push(0);
        for list in &graph.adjacency {
            targets.extend(list.iter().map(|&(v, _)| v as u32));
            offsets.push(targets.len());
        }
        Csr { offsets, targets }
    }

    fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    fn neighbours(&self, v: usize) -> &[u32] {
        &self.targets[self.offsets[v]..self.offsets[v + 1]]
    }
}

/// The buffers of one breadth-first search, reused from source to source.
struct Search {
    dist: Vec<u32>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    /// Nodes in the order the search reached them, which is also its queue.
    order: Vec<u32>,
}

const UNSEEN: u32 = u32::MAX;

impl Search {
    fn new(n: usize) -> Search {
        Search {
            dist: vec![UNSEEN; n],
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
        }
    }

    /// Searches from `s`, adds each node's dependency on `s` to `sum`, and returns the
    /// closeness of `s`.
    fn run(&mut self, csr: &Csr, s: usize, sum: &mut [f64]) -> f64 {
        let n = csr.len();
        let Search {
            dist,
            sigma,
            delta,
            order,
        } = self;
        order.clear();
        dist[s] = 0;
        sigma[s] = 1.0;
        order.push(s as u32);
        let mut head = 0;
        let mut total_distance: u64 = 0;
        while head < order.len() {
            let v = order[head] as usize;
            head += 1;
            let dv = dist[v];
            total_distance += u64::from(dv);
            let sigma_v = sigma[v];
            for &w in csr.neighbours(v) {
                let w = w as usize;
                if dist[w] == UNSEEN {
                    dist[w] = dv + 1;
                    order.push(w as u32);
                }
                if dist[w] == dv + 1 {
                    sigma[w] += sigma_v;
                }
            }
        }

        // networkx: (r-1)/totsp, times (r-1)/(n-1) for wf_improved, where r is the number of
        // nodes reached (the source included).
        let reached = order.len() - 1;
        let closeness = if total_distance > 0 && n > 1 {
            (reached as f64 / total_distance as f64) * (reached as f64 / (n - 1) as f64)
        } else {
            0.0
        };

        for &w in order.iter().rev() {
            let w = w as usize;
            let dw = dist[w];
            if dw > 0 {
                let coefficient = (1.0 + delta[w]) / sigma[w];
                for &v in csr.neighbours(w) {
                    let v = v as usize;
                    if dist[v] == dw - 1 {
                        delta[v] += sigma[v] * coefficient;
                    }
                }
                sum[w] += delta[w];
            }
        }
        // Only the reached nodes were touched.
        for &v in order.iter() {
            let v = v as usize;
            dist[v] = UNSEEN;
            sigma[v] = 0.0;
            delta[v] = 0.0;
        }
        closeness
    }
}

/// Betweenness (raw and normalized) and closeness, from one breadth-first search per source.
///
/// Follows networkx's `betweenness_centrality` (Brandes 2001, with its accumulation
/// `delta[v] += sigma[v] * (1 + delta[w]) / sigma[w]` and path counts as floats) and
/// `closeness_centrality`. Predecessors are not stored: on the way back, the predecessors of
/// w are the neighbours one step closer to the source.
fn paths(csr: &Csr) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    use rayon::prelude::*;
    let n = csr.len();
    // The searches run in parallel in fixed blocks of sources, and the blocks' sums are added
    // in block order: the result does not depend on the number of threads or their timing.
    const SOURCES_PER_BLOCK: usize = 32;
    let blocks: Vec<(Vec<f64>, Vec<f64>)> = (0..n.div_ceil(SOURCES_PER_BLOCK))
        .into_par_iter()
        .map(|block| {
            let mut search = Search::new(n);
            let mut sum = vec![0.0f64; n];
            let sources = block * SOURCES_PER_BLOCK..((block + 1) * SOURCES_PER_BLOCK).min(n);
            let closeness = sources.map(|s| search.run(csr, s, &mut sum)).collect();
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

/// Component of each node, numbered largest first, ties by smallest node index; and sizes.
fn components(csr: &Csr) -> (Vec<usize>, Vec<usize>) {
    let n = csr.len();
    let mut found = vec![usize::MAX; n];
    // Components in order of discovery, which is the order of their smallest nodes.
    let mut sizes = Vec::new();
    let mut queue = VecDeque::new();
    for start in 0..n {
        if found[start] != usize::MAX {
            continue;
        }
        let id = sizes.len();
        found[start] = id;
        queue.push_back(start);
        let mut size = 0;
        while let Some(v) = queue.pop_front() {
            size += 1;
            for &w in csr.neighbours(v) {
                let w = w as usize;
                if found[w] == usize::MAX {
                    found[w] = id;
                    queue.push_back(w);
                }
            }
        }
        sizes.push(size);
    }
    // A stable sort keeps discovery order, i.e. smallest node first, among equal sizes.
    let mut by_size: Vec<usize> = (0..sizes.len()).collect();
    by_size.sort_by_key(|&id| std::cmp::Reverse(sizes[id]));
    let mut number = vec![0; sizes.len()];
    for (i, &id) in by_size.iter().enumerate() {
        number[id] = i;
    }
    let component = found.iter().map(|&id| number[id]).collect();
    let component_sizes = by_size.iter().map(|&id| sizes[id]).collect();
    (component, component_sizes)
}

/// Cut vertices by Hopcroft–Tarjan (discovery time and low point), with an explicit stack
/// so that long chains of partners cannot overflow the call stack. Sorted.
fn articulation_points(csr: &Csr) -> Vec<usize> {
    let n = csr.len();
    const UNSEEN: usize = usize::MAX;
    let mut discovered = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut cut = vec![false; n];
    let mut time = 0;
    // (node, its parent in the search tree, index of the next neighbour to look at).
    let mut stack: Vec<(usize, usize, usize)> = Vec::new();
    for root in 0..n {
        if discovered[root] != UNSEEN {
            continue;
        }
        discovered[root] = time;
        low[root] = time;
        time += 1;
        let mut root_children = 0;
        stack.push((root, UNSEEN, 0));
        while let Some(top) = stack.last_mut() {
            let (v, parent, next) = *top;
            let neighbours = csr.neighbours(v);
            if next < neighbours.len() {
                top.2 += 1;
                let w = neighbours[next] as usize;
                if w == parent {
                    // The graph has no parallel edges, so this is the tree edge itself.
                    continue;
                }
                if discovered[w] == UNSEEN {
                    discovered[w] = time;
                    low[w] = time;
                    time += 1;
                    stack.push((w, v, 0));
                } else {
                    low[v] = low[v].min(discovered[w]);
                }
            } else {
                stack.pop();
                if parent == UNSEEN {
                    continue;
                }
                low[parent] = low[parent].min(low[v]);
                if parent == root {
                    root_children += 1;
                } else if low[v] >= discovered[parent] {
                    cut[parent] = true;
                }
            }
        }
        if root_children > 1 {
            cut[root] = true;
        }
    }
    (0..n).filter(|&v| cut[v]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOLERANCE: f64 = 1e-9;

    fn graph(n: usize, edges: &[(usize, usize)]) -> Graph {
        let mut g = Graph::new(n);
        for &(a, b) in edges {
            g.add_edge(a, b, 1);
        }
        g
    }

    #[track_caller]
    fn assert_close(what: &str, actual: &[f64], expected: &[f64]) {
        assert_eq!(actual.len(), expected.len(), "{what}: lengths differ");
        for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
            assert!(
                (a - e).abs() <= TOLERANCE,
                "{what}[{i}] = {a}, expected {e}\n  actual:   {actual:?}\n  expected: {expected:?}"
            );
        }
    }

    #[test]
    fn add_edge_accumulates_weights_and_keeps_neighbours_sorted() {
        let mut g = Graph::new(4);
        g.add_edge(2, 0, 3);
        g.add_edge(0, 3, 1);
        g.add_edge(0, 1, 2);
        g.add_edge(0, 2, 4);
        g.add_edge(1, 1, 9); // ignored
        g.add_edge(3, 1, u32::MAX);
        g.add_edge(1, 3, 5); // saturates
        assert_eq!(g.len(), 4);
        assert!(!g.is_empty());
        assert!(Graph::new(0).is_empty());
        assert_eq!(g.neighbours(0), &[(1, 2), (2, 7), (3, 1)]);
        assert_eq!(g.neighbours(1), &[(0, 2), (3, u32::MAX)]);
        assert_eq!(
            g.edges(),
            vec![(0, 1, 2), (0, 2, 7), (0, 3, 1), (1, 3, u32::MAX)]
        );
        let m = metrics(&g);
        assert_eq!(m.degree, vec![3, 2, 1, 2]);
        assert_eq!(m.weighted_degree, vec![10, u32::MAX, 7, u32::MAX]);
    }

    #[test]
    #[should_panic]
    fn add_edge_out_of_range_panics() {
        Graph::new(2).add_edge(0, 2, 1);
    }

    #[test]
    fn without_removes_nodes_and_maps_indices() {
        // Star with centre 0 and a leaf–leaf edge 2–4: without the facilitator (0), two
        // leaves are isolated and 2–4 remains.
        let mut g = graph(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        g.add_edge(2, 4, 6);
        let (h, old) = g.without(&[0, 0]);
        assert_eq!(old, vec![1, 2, 3, 4]);
        assert_eq!(h.len(), 4);
        assert_eq!(h.edges(), vec![(1, 3, 6)]);
        let m = metrics(&h);
        assert_eq!(m.isolates, vec![0, 2]); // old nodes 1 and 3
        assert_eq!(m.component, vec![1, 0, 2, 0]);
        assert_eq!(m.component_sizes, vec![2, 1, 1]);

        let (empty, old) = g.without(&[4, 3, 2, 1, 0]);
        assert!(empty.is_empty());
        assert!(old.is_empty());
    }

    #[test]
    fn empty_and_tiny_graphs() {
        let m = metrics(&Graph::new(0));
        assert!(m.degree.is_empty() && m.component_sizes.is_empty());
        assert_eq!(m.density, 0.0);

        let m = metrics(&Graph::new(1));
        assert_eq!(m.closeness, vec![0.0]);
        assert_eq!(m.isolates, vec![0]);
        assert_eq!(m.component_sizes, vec![1]);
        assert_eq!(m.density, 0.0);

        // A single edge: n = 2, so normalized betweenness is 0 by definition; closeness is
        // (1/1) * (1/1) = 1; density 2*1/(2*1) = 1.
        let m = metrics(&graph(2, &[(0, 1)]));
        assert_eq!(m.betweenness, vec![0.0, 0.0]);
        assert_eq!(m.betweenness_normalized, vec![0.0, 0.0]);
        assert_close("closeness", &m.closeness, &[1.0, 1.0]);
        assert!(m.articulation_points.is_empty());
        assert_eq!(m.density, 1.0);
    }

    #[test]
    fn path_of_five() {
        // 0 – 1 – 2 – 3 – 4. All values by hand, and identical to networkx 3.6.1:
        // nx.betweenness_centrality(nx.path_graph(5), normalized=False / True),
        // nx.closeness_centrality(nx.path_graph(5)), nx.articulation_points, nx.density.
        let m = metrics(&graph(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]));
        assert_eq!(m.degree, vec![1, 2, 2, 2, 1]);
        // Node 1 lies on the pairs {0,2}, {0,3}, {0,4}; node 2 on {0,3}, {0,4}, {1,3}, {1,4}.
        assert_close("betweenness", &m.betweenness, &[0.0, 3.0, 4.0, 3.0, 0.0]);
        // raw * 2 / (4 * 3): 3/6 = 0.5, 4/6 = 2/3.
        assert_close(
            "betweenness_normalized",
            &m.betweenness_normalized,
            &[0.0, 0.5, 2.0 / 3.0, 0.5, 0.0],
        );
        // (n-1) / sum of distances: 4/10, 4/7, 4/6.
        assert_close(
            "closeness",
            &m.closeness,
            &[0.4, 4.0 / 7.0, 2.0 / 3.0, 4.0 / 7.0, 0.4],
        );
        assert_eq!(m.articulation_points, vec![1, 2, 3]);
        assert_eq!(m.component, vec![0; 5]);
        assert_eq!(m.component_sizes, vec![5]);
        assert!(m.isolates.is_empty());
        // 2 * 4 / (5 * 4)
        assert!((m.density - 0.4).abs() <= TOLERANCE);
    }

    #[test]
    fn star() {
        // Centre 0 and leaves 1..=5 (nx.star_graph(5)). Every pair of leaves has its one
        // shortest path through the centre: raw C(5, 2) = 10, normalized 10 * 2 / (5 * 4) = 1
        // (networkx 3.6.1 agrees). Closeness: centre 5/5 = 1, leaf 5/(1 + 4*2) = 5/9.
        let g = graph(6, &[(0, 1), (0, 2), (0, 3), (0, 4), (0, 5)]);
        let m = metrics(&g);
        assert_close(
            "betweenness",
            &m.betweenness,
            &[10.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        );
        assert_close(
            "betweenness_normalized",
            &m.betweenness_normalized,
            &[1.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        );
        let leaf = 5.0 / 9.0;
        assert_close(
            "closeness",
            &m.closeness,
            &[1.0, leaf, leaf, leaf, leaf, leaf],
        );
        assert_eq!(m.articulation_points, vec![0]);
        assert_eq!(m.degree, vec![5, 1, 1, 1, 1, 1]);

        // A larger star: raw C(n-1, 2).
        let n = 30;
        let edges: Vec<(usize, usize)> = (1..n).map(|leaf| (0, leaf)).collect();
        let m = metrics(&graph(n, &edges));
        assert!((m.betweenness[0] - ((n - 1) * (n - 2) / 2) as f64).abs() <= TOLERANCE);
        assert!((m.betweenness_normalized[0] - 1.0).abs() <= TOLERANCE);
    }

    #[test]
    fn two_triangles_joined_by_a_bridge() {
        // Triangles {0,1,2} and {3,4,5}, bridge 2–3. By hand: node 2 lies on every pair
        // {0,1} × {3,4,5} (6 pairs), node 3 on {0,1,2} × {4,5} (6 pairs); normalized
        // 6 * 2 / (5 * 4) = 0.6. Closeness: node 0 sums 1+1+2+3+3 = 10 → 5/10; node 2 sums
        // 1+1+1+2+2 = 7 → 5/7. networkx 3.6.1 (betweenness_centrality, closeness_centrality,
        // articulation_points) gives the same.
        let g = graph(6, &[(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (3, 5)]);
        let m = metrics(&g);
        assert_close(
            "betweenness",
            &m.betweenness,
            &[0.0, 0.0, 6.0, 6.0, 0.0, 0.0],
        );
        assert_close(
            "betweenness_normalized",
            &m.betweenness_normalized,
            &[0.0, 0.0, 0.6, 0.6, 0.0, 0.0],
        );
        let (outer, bridge) = (0.5, 5.0 / 7.0);
        assert_close(
            "closeness",
            &m.closeness,
            &[outer, outer, bridge, bridge, outer, outer],
        );
        assert_eq!(m.articulation_points, vec![2, 3]);
        // 2 * 7 / (6 * 5)
        assert!((m.density - 7.0 / 15.0).abs() <= TOLERANCE);

        // Without the bridge's end 2, the groups fall apart.
        let (h, old) = g.without(&[2]);
        let mh = metrics(&h);
        assert_eq!(old, vec![0, 1, 3, 4, 5]);
        assert_eq!(mh.component, vec![1, 1, 0, 0, 0]);
        assert_eq!(mh.component_sizes, vec![3, 2]);
    }

    #[test]
    fn disconnected_graph() {
        // n = 8: node 0 alone; path 5 – 1 – 6; 4-cycle 2 – 3 – 4 – 7 – 2.
        let g = graph(8, &[(5, 1), (1, 6), (2, 3), (3, 4), (4, 7), (7, 2)]);
        let m = metrics(&g);
        // Largest first, so the cycle (size 4) is component 0 although the path has the
        // smaller node; the isolate 0 comes last.
        assert_eq!(m.component, vec![2, 1, 0, 0, 0, 1, 1, 0]);
        assert_eq!(m.component_sizes, vec![4, 3, 1]);
        assert_eq!(m.isolates, vec![0]);
        assert_eq!(m.articulation_points, vec![1]);
        // By hand: node 1 lies on the pair {5,6}; each cycle node carries half of the pair
        // opposite it, which has two shortest paths. Normalized: raw * 2 / (7 * 6).
        // networkx 3.6.1 betweenness_centrality gives the same.
        assert_close(
            "betweenness",
            &m.betweenness,
            &[0.0, 1.0, 0.5, 0.5, 0.5, 0.0, 0.0, 0.5],
        );
        let (one, half) = (1.0 / 21.0, 1.0 / 42.0);
        assert_close(
            "betweenness_normalized",
            &m.betweenness_normalized,
            &[0.0, one, half, half, half, 0.0, 0.0, half],
        );
        // networkx wf_improved closeness: (r-1)/totsp * (r-1)/(n-1), r = nodes reached.
        // Node 1: 2/2 * 2/7 = 2/7; nodes 5, 6: 2/3 * 2/7 = 4/21; cycle: 3/4 * 3/7 = 9/28;
        // isolate: 0. By hand; nx.closeness_centrality (3.6.1) gives the same.
        let (c1, c56, cycle) = (2.0 / 7.0, 4.0 / 21.0, 9.0 / 28.0);
        assert_close(
            "closeness",
            &m.closeness,
            &[0.0, c1, cycle, cycle, cycle, c56, c56, cycle],
        );
        // m = 6: 2 * 6 / (8 * 7) = 3/14 (nx.density agrees).
        assert!((m.density - 3.0 / 14.0).abs() <= TOLERANCE);
    }

    #[test]
    fn component_ties_go_to_the_smallest_node() {
        // Two components of size 2, {3,4} and {1,2}, and isolates 0 and 5.
        let m = metrics(&graph(6, &[(3, 4), (2, 1)]));
        assert_eq!(m.component, vec![2, 0, 0, 1, 1, 3]);
        assert_eq!(m.component_sizes, vec![2, 2, 1, 1]);
        assert_eq!(m.isolates, vec![0, 5]);
    }

    #[test]
    fn long_path_does_not_overflow_the_stack() {
        let n = 200_000;
        let mut g = Graph::new(n);
        for v in 1..n {
            g.add_edge(v - 1, v, 1);
        }
        // Only the linear-time parts: betweenness on 200,000 nodes would take too long.
        let csr = Csr::new(&g);
        assert_eq!(articulation_points(&csr), (1..n - 1).collect::<Vec<_>>());
        assert_eq!(components(&csr).1, vec![n]);
    }

    #[derive(serde::Deserialize)]
    struct Fixture {
        networkx_version: String,
        n: usize,
        edges: Vec<(usize, usize, u32)>,
        degree: Vec<usize>,
        weighted_degree: Vec<u32>,
        betweenness: Vec<f64>,
        betweenness_normalized: Vec<f64>,
        closeness: Vec<f64>,
        component: Vec<usize>,
        component_sizes: Vec<usize>,
        isolates: Vec<usize>,
        articulation_points: Vec<usize>,
        density: f64,
    }

    #[test]
    fn random_graph_matches_networkx() {
        // Made by tests/fixtures/network/make_random_fixture.py; the networkx calls are
        // recorded in the fixture.
        let fixture: Fixture =
            serde_json::from_str(include_str!("../../tests/fixtures/network/random40.json"))
                .expect("random40.json");
        assert!(!fixture.networkx_version.is_empty());
        let mut g = Graph::new(fixture.n);
        for &(a, b, w) in &fixture.edges {
            g.add_edge(a, b, w);
        }
        assert_eq!(g.edges(), fixture.edges);
        let m = metrics(&g);
        assert_eq!(m.degree, fixture.degree);
        assert_eq!(m.weighted_degree, fixture.weighted_degree);
        assert_close("betweenness", &m.betweenness, &fixture.betweenness);
        assert_close(
            "betweenness_normalized",
            &m.betweenness_normalized,
            &fixture.betweenness_normalized,
        );
        assert_close("closeness", &m.closeness, &fixture.closeness);
        assert_eq!(m.component, fixture.component);
        assert_eq!(m.component_sizes, fixture.component_sizes);
        assert_eq!(m.isolates, fixture.isolates);
        assert_eq!(m.articulation_points, fixture.articulation_points);
        assert!((m.density - fixture.density).abs() <= TOLERANCE);
        // Same input, same output, to the bit.
        assert_eq!(metrics(&g), m);
    }
}
