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

/// Sets of nodes as two flat arrays (compressed sparse rows), which the searches walk much
/// faster than a vector of vectors. Node indices fit u32 (checked in [`metrics`]).
#[derive(Default)]
struct Sets {
    offsets: Vec<usize>,
    members: Vec<u32>,
}

impl Sets {
    fn from_lists<'a>(lists: impl IntoIterator<Item = &'a [u32]>) -> Sets {
        let mut sets = Sets {
            offsets: vec![0],
            members: Vec::new(),
        };
        for list in lists {
            sets.members.extend_from_slice(list);
            sets.offsets.push(sets.members.len());
        }
        sets
    }

    fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    fn get(&self, i: usize) -> &[u32] {
        &self.members[self.offsets[i]..self.offsets[i + 1]]
    }

    /// For each of `n` nodes, the sets holding it, ascending.
    fn of(&self, n: usize) -> Sets {
        let mut count = vec![0usize; n + 1];
        for &v in &self.members {
            count[v as usize + 1] += 1;
        }
        for i in 0..n {
            count[i + 1] += count[i];
        }
        let mut next = count.clone();
        let mut members = vec![0u32; self.members.len()];
        for set in 0..self.len() {
            for &v in self.get(set) {
                members[next[v as usize]] = set as u32;
                next[v as usize] += 1;
            }
        }
        Sets {
            offsets: count,
            members,
        }
    }
}

/// The graph in two-mode form. A tied pair is covered either by `pairs` (from small groups,
/// when no large group holds both) or by the large groups, never by both. `cliques` are the
/// distinct large groups, which the searches use to find who is reachable. `signed` are the
/// sets that count: the large groups and, where they overlap, their intersections, with
/// weights `weight` chosen so that for every pair inside some large group the weights of the
/// sets holding both sum to exactly 1 (Möbius inversion over the intersections). Without
/// overlaps `signed` is `cliques`, all with weight 1.
struct TwoMode {
    n: usize,
    pairs: Sets,
    cliques: Sets,
    cliques_of: Sets,
    signed: Sets,
    signed_of: Sets,
    weight: Vec<f64>,
}

impl TwoMode {
    /// None when the overlaps of the large groups exceed [`INTERSECTION_BUDGET`].
    fn new(n: usize, groups: &[Vec<u32>], paired_up_to: usize) -> Option<TwoMode> {
        let mut large: Vec<&[u32]> = groups
            .iter()
            .filter(|g| g.len() > paired_up_to)
            .map(Vec::as_slice)
            .collect();
        large.sort_unstable();
        large.dedup();
        let cliques = Sets::from_lists(large.iter().copied());
        let cliques_of = cliques.of(n);

        // Pairs of the small groups, unless a large group already ties them.
        let mut edges: Vec<(u32, u32)> = Vec::new();
        for g in groups.iter().filter(|g| g.len() <= paired_up_to) {
            for (i, &a) in g.iter().enumerate() {
                edges.extend(g[i + 1..].iter().map(|&b| (a, b)));
            }
        }
        edges.sort_unstable();
        edges.dedup();
        edges.retain(|&(a, b)| {
            !sorted_share(cliques_of.get(a as usize), cliques_of.get(b as usize))
        });
        let mut lists: Vec<Vec<u32>> = vec![Vec::new(); n];
        for &(a, b) in &edges {
            lists[a as usize].push(b);
            lists[b as usize].push(a);
        }
        for list in &mut lists {
            list.sort_unstable();
        }
        let pairs = Sets::from_lists(lists.iter().map(Vec::as_slice));

        let (family, weight) = signed_sets(n, &large, INTERSECTION_BUDGET)?;
        let signed = Sets::from_lists(family.iter().map(Vec::as_slice));
        let signed_of = signed.of(n);
        Some(TwoMode {
            n,
            pairs,
            cliques,
            cliques_of,
            signed,
            signed_of,
            weight,
        })
    }

    /// Distinct partners tied to each partner: its pairs, plus for each counting set its other
    /// members times the set's weight (which counts each partner once, see [`TwoMode`]).
    fn degrees(&self) -> Vec<usize> {
        (0..self.n)
            .map(|v| {
                let grouped: f64 = self
                    .signed_of
                    .get(v)
                    .iter()
                    .map(|&h| {
                        self.weight[h as usize] * (self.signed.get(h as usize).len() - 1) as f64
                    })
                    .sum();
                self.pairs.get(v).len() + grouped.round() as usize
            })
            .collect()
    }
}

/// Whether two ascending lists share an element.
fn sorted_share(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// The intersection of two ascending lists.
fn sorted_intersection(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The distinct large groups (`large`, sorted, distinct) closed under intersection (of two
/// members or more), each with the weight μ(X) = 1 − Σ μ(Y) over the sets Y ⊋ X of the family,
/// so that the sets holding any pair tied by a large group weigh 1 in sum: the sets holding a
/// pair are exactly those containing the intersection of all large groups holding it, which is
/// in the family. Sets of weight 0 (a group inside another) are left out. None past the budget.
fn signed_sets(n: usize, large: &[&[u32]], budget: usize) -> Option<(Vec<Vec<u32>>, Vec<f64>)> {
    let mut family: Vec<Vec<u32>> = large.iter().map(|g| g.to_vec()).collect();
    let mut known: HashSet<Vec<u32>> = family.iter().cloned().collect();
    let mut work = family.iter().map(Vec::len).sum::<usize>();
    // Pairs of sets with at least one set from `new..` are yet to be intersected.
    let mut new = 0;
    while new < family.len() {
        let index = Sets::from_lists(family.iter().map(Vec::as_slice)).of(n);
        let mut candidates: Vec<(u32, u32)> = Vec::new();
        for v in 0..n {
            let sets = index.get(v);
            for (i, &a) in sets.iter().enumerate() {
                for &b in &sets[i + 1..] {
                    if b as usize >= new {
                        candidates.push((a, b));
                    }
                }
            }
            if candidates.len() > budget {
                return None;
            }
        }
        // Each pair appears once per member the two sets share: only pairs that share two or
        // more have an intersection that ties anyone.
        candidates.sort_unstable();
        let mut overlapping = Vec::new();
        for run in candidates.chunk_by(|x, y| x == y) {
            if run.len() >= 2 {
                overlapping.push(run[0]);
            }
        }
        let before = family.len();
        for (a, b) in overlapping {
            let common = sorted_intersection(&family[a as usize], &family[b as usize]);
            work += family[a as usize].len() + family[b as usize].len();
            if work > budget * 4 {
                return None;
            }
            if common.len() >= 2 && known.insert(common.clone()) {
                family.push(common);
            }
        }
        new = before;
    }
    // Largest first, so that every proper superset of a set comes before it.
    let mut by_size: Vec<usize> = (0..family.len()).collect();
    by_size.sort_by(|&a, &b| family[b].len().cmp(&family[a].len()).then(a.cmp(&b)));
    let index = Sets::from_lists(family.iter().map(Vec::as_slice)).of(n);
    let mut mu = vec![0i64; family.len()];
    for &x in &by_size {
        let set = &family[x];
        let mut above = 0i64;
        for &y in index.get(set[0] as usize) {
            let y = y as usize;
            if family[y].len() > set.len()
                && sorted_intersection(&family[y], set).len() == set.len()
            {
                above += mu[y];
            }
        }
        mu[x] = 1 - above;
    }
    let (family, weight): (Vec<Vec<u32>>, Vec<f64>) = family
        .into_iter()
        .zip(mu)
        .filter(|&(_, m)| m != 0)
        .map(|(set, m)| (set, m as f64))
        .unzip();
    Some((family, weight))
}

/// The buffers of one breadth-first search, reused from source to source.
struct Search {
    dist: Vec<u32>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    /// (1 + delta) / sigma of a node whose dependency is final.
    ratio: Vec<f64>,
    /// Nodes in the order the search reached them, which is also its queue; the search's
    /// layers (nodes at distance d) are order[layers[d]..layers[d + 1]].
    order: Vec<u32>,
    layers: Vec<usize>,
    /// The source that last opened each large group.
    clique_opened: Vec<u32>,
    /// The source that last reached each counting set, the layer at which it did, and the
    /// set's sum over its members in that layer (path counts on the way out, ratios back).
    set_reached: Vec<u32>,
    set_layer: Vec<u32>,
    set_sum: Vec<f64>,
    /// The counting sets reached, by layer: sets[set_layers[d]..set_layers[d + 1]].
    sets: Vec<u32>,
    set_layers: Vec<usize>,
}

const UNSEEN: u32 = u32::MAX;

impl Search {
    fn new(g: &TwoMode) -> Search {
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
    fn run(&mut self, g: &TwoMode, s: usize, sum: &mut [f64]) -> f64 {
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
fn paths(g: &TwoMode) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
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

/// Component of each node, numbered largest first, ties by smallest node index; and sizes.
fn components(g: &TwoMode) -> (Vec<usize>, Vec<usize>) {
    let n = g.n;
    let mut found = vec![usize::MAX; n];
    let mut opened = vec![false; g.cliques.len()];
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
            let mut reach = |w: u32, queue: &mut VecDeque<usize>| {
                if found[w as usize] == usize::MAX {
                    found[w as usize] = id;
                    queue.push_back(w as usize);
                }
            };
            for &w in g.pairs.get(v) {
                reach(w, &mut queue);
            }
            for &c in g.cliques_of.get(v) {
                if !std::mem::replace(&mut opened[c as usize], true) {
                    for &w in g.cliques.get(c as usize) {
                        reach(w, &mut queue);
                    }
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
///
/// The search runs on partners, their pairs, and the large groups as nodes of their own
/// (node n + c for group c). Every large group keeps a member when one partner is removed,
/// so a partner splits this graph exactly when it splits the partner-to-partner graph; the
/// groups' own cut status is dropped.
fn articulation_points(g: &TwoMode) -> Vec<usize> {
    let n = g.n;
    let total = n + g.cliques.len();
    let neighbours = |v: usize| -> (&[u32], &[u32]) {
        if v < n {
            (g.pairs.get(v), g.cliques_of.get(v))
        } else {
            (g.cliques.get(v - n), &[])
        }
    };
    // For a partner: its pairs, then its groups (offset by n). For a group: its members.
    let neighbour = |v: usize, i: usize| -> Option<usize> {
        let (first, second) = neighbours(v);
        if i < first.len() {
            Some(first[i] as usize)
        } else if i - first.len() < second.len() {
            Some(second[i - first.len()] as usize + n)
        } else {
            None
        }
    };
    const UNSEEN: usize = usize::MAX;
    let mut discovered = vec![UNSEEN; total];
    let mut low = vec![0; total];
    let mut cut = vec![false; total];
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
            if let Some(w) = neighbour(v, next) {
                top.2 += 1;
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

    /// A graph given by its edges: each edge a group of two.
    struct Case {
        n: usize,
        groups: Vec<Vec<usize>>,
    }

    fn graph(n: usize, edges: &[(usize, usize)]) -> Case {
        Case {
            n,
            groups: edges.iter().map(|&(a, b)| vec![a, b]).collect(),
        }
    }

    /// The metrics of `case`, after checking that every form gives the same: all groups as
    /// pairs (the plain graph), all as groups, and the mix [`metrics`] uses.
    fn of(case: &Case) -> Metrics {
        let pairs = metrics_pairing(case.n, &case.groups, usize::MAX);
        for paired_up_to in [1, 2, 3, PAIRED_UP_TO] {
            let m = metrics_pairing(case.n, &case.groups, paired_up_to);
            assert_same(&m, &pairs, &format!("groups above {paired_up_to}"));
        }
        pairs
    }

    #[track_caller]
    fn assert_same(m: &Metrics, expected: &Metrics, form: &str) {
        assert_eq!(m.degree, expected.degree, "{form}: degree");
        assert_eq!(m.weighted_degree, expected.weighted_degree, "{form}");
        assert_close(form, &m.betweenness, &expected.betweenness);
        assert_close(
            form,
            &m.betweenness_normalized,
            &expected.betweenness_normalized,
        );
        assert_close(form, &m.closeness, &expected.closeness);
        assert_eq!(m.component, expected.component, "{form}: component");
        assert_eq!(m.component_sizes, expected.component_sizes, "{form}");
        assert_eq!(m.isolates, expected.isolates, "{form}: isolates");
        assert_eq!(
            m.articulation_points, expected.articulation_points,
            "{form}: articulation points"
        );
        assert_eq!(m.ties, expected.ties, "{form}: ties");
        assert!((m.density - expected.density).abs() <= TOLERANCE, "{form}");
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
    fn shared_groups_weigh_and_repeats_do_not_count() {
        // 0 and 1 share three groups (one of them with 2); 2 shares one with each. A partner
        // listed twice in a group, and a group of one, add nothing.
        let case = Case {
            n: 4,
            groups: vec![
                vec![0, 1],
                vec![1, 0, 1],
                vec![0, 1, 2],
                vec![3],
                vec![3, 3],
            ],
        };
        let m = of(&case);
        assert_eq!(m.degree, vec![2, 2, 2, 0]);
        assert_eq!(m.weighted_degree, vec![4, 4, 2, 0]);
        assert_eq!(m.ties, 3);
        assert_eq!(m.isolates, vec![3]);
    }

    #[test]
    #[should_panic]
    fn a_member_out_of_range_panics() {
        metrics(2, &[vec![0, 2]]);
    }

    #[test]
    fn empty_and_tiny_graphs() {
        let m = of(&graph(0, &[]));
        assert!(m.degree.is_empty() && m.component_sizes.is_empty());
        assert_eq!(m.density, 0.0);

        let m = of(&graph(1, &[]));
        assert_eq!(m.closeness, vec![0.0]);
        assert_eq!(m.isolates, vec![0]);
        assert_eq!(m.component_sizes, vec![1]);
        assert_eq!(m.density, 0.0);

        // A single edge: n = 2, so normalized betweenness is 0 by definition; closeness is
        // (1/1) * (1/1) = 1; density 2*1/(2*1) = 1.
        let m = of(&graph(2, &[(0, 1)]));
        assert_eq!(m.betweenness, vec![0.0, 0.0]);
        assert_eq!(m.betweenness_normalized, vec![0.0, 0.0]);
        assert_close("closeness", &m.closeness, &[1.0, 1.0]);
        assert!(m.articulation_points.is_empty());
        assert_eq!(m.density, 1.0);
    }

    #[test]
    fn two_partners_in_two_overlapping_groups_are_one_step_not_two() {
        // 0 reaches 1 and 2 through a small group; 1 and 2 are both in the groups {1,2,3,4}
        // and {1,2,3,5}, so 3 has two shortest paths from 0 (through 1 and through 2), not
        // four, and 1 and 2 each carry half of the pairs {0,3}, {0,4}, {0,5}, and 1, 2 and 3
        // a third of {4,5}: 1.5 + 1/3. networkx 3.6.1 on the pairs gives the same. Counting a
        // hop once per shared group would make it four paths.
        let case = Case {
            n: 6,
            groups: vec![vec![0, 1, 2], vec![1, 2, 3, 4], vec![1, 2, 3, 5]],
        };
        let m = of(&case);
        assert_close(
            "betweenness",
            &m.betweenness,
            &[0.0, 11.0 / 6.0, 11.0 / 6.0, 1.0 / 3.0, 0.0, 0.0],
        );
        assert_eq!(m.degree, vec![2, 5, 5, 4, 3, 3]);
        assert_eq!(m.weighted_degree, vec![2, 8, 8, 6, 3, 3]);
        assert_eq!(m.ties, 11);
    }

    #[test]
    fn a_group_is_a_clique() {
        // One group of 40: every pair tied, no one in between, everyone at distance 1.
        let case = Case {
            n: 41,
            groups: vec![(0..40).collect()],
        };
        let m = of(&case);
        assert_eq!(m.degree[..40], [39; 40]);
        assert_eq!(m.ties, 40 * 39 / 2);
        assert!(m.betweenness.iter().all(|&b| b == 0.0));
        // networkx: reached 39 at total distance 39, scaled by 39 / (41 - 1).
        assert_close("closeness", &m.closeness[..40], &[39.0 / 40.0; 40]);
        assert_eq!(m.isolates, vec![40]);
        assert!(m.articulation_points.is_empty());
    }

    /// Knuth's MMIX LCG, as in make_random_fixture.py.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, below: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) % below as u64) as usize
        }
    }

    #[test]
    fn overlapping_groups_give_the_plain_graphs_figures() {
        // Random groups that overlap in every way: the same members twice, one inside
        // another, two or three sharing several members, bridges of two. Every form must give
        // the plain graph's figures.
        for seed in 1..=60 {
            let mut rng = Lcg(seed);
            let n = 10 + rng.next(40);
            let mut groups: Vec<Vec<usize>> = Vec::new();
            for _ in 0..1 + rng.next(12) {
                let size = 2 + rng.next(n - 1);
                let start = rng.next(n);
                let step = 1 + rng.next(2);
                let mut group = Vec::new();
                for i in 0..size {
                    if rng.next(4) != 0 {
                        group.push((start + i * step) % n);
                    }
                }
                if rng.next(5) == 0 {
                    groups.push(group.clone());
                }
                if rng.next(5) == 0 && group.len() > 3 {
                    groups.push(group[1..group.len() - 1].to_vec());
                }
                groups.push(group);
            }
            for _ in 0..rng.next(8) {
                groups.push(vec![rng.next(n), rng.next(n)]);
            }
            of(&Case { n, groups });
        }
    }

    #[test]
    fn a_large_group_is_not_turned_into_pairs() {
        let n = 3000;
        let groups = vec![(0..n).collect::<Vec<usize>>(), vec![0, 1], vec![5, 6, 7]];
        let normal: Vec<Vec<u32>> = vec![(0..n as u32).collect(), vec![0, 1], vec![5, 6, 7]];
        let g = TwoMode::new(n, &normal, PAIRED_UP_TO).unwrap();
        assert_eq!(
            g.pairs.members.len(),
            0,
            "the small groups lie inside the large one"
        );
        assert_eq!(g.signed.members.len(), n);
        let m = metrics(n, &groups);
        assert_eq!(m.degree, vec![n - 1; n]);
        assert_eq!(m.ties, n * (n - 1) / 2);
        assert_eq!(m.weighted_degree[0], (n - 1 + 1) as u32);
    }

    #[test]
    fn contrived_overlaps_fall_back_to_pairs() {
        // 300 groups of 20, each sharing 19 members with the next: their intersections
        // multiply past the budget, so the groups become pairs; same figures either way.
        let case = Case {
            n: 330,
            groups: (0..300).map(|i| (i..i + 20).collect()).collect(),
        };
        of(&case);
        let chain: Vec<Vec<u32>> = (0..300).map(|i| (i..i + 20).collect()).collect();
        let chain: Vec<&[u32]> = chain.iter().map(Vec::as_slice).collect();
        assert!(signed_sets(330, &chain, INTERSECTION_BUDGET).is_none());
        // Two large groups sharing 10 members: one intersection, weight -1.
        let (a, b): (Vec<u32>, Vec<u32>) = ((0..30).collect(), (20..50).collect());
        let (family, weight) = signed_sets(50, &[&a, &b], INTERSECTION_BUDGET).unwrap();
        assert_eq!(family.len(), 3);
        assert_eq!(family[2], (20..30).collect::<Vec<u32>>());
        assert_eq!(weight, [1.0, 1.0, -1.0]);
    }

    #[test]
    fn path_of_five() {
        // 0 – 1 – 2 – 3 – 4. All values by hand, and identical to networkx 3.6.1:
        // nx.betweenness_centrality(nx.path_graph(5), normalized=False / True),
        // nx.closeness_centrality(nx.path_graph(5)), nx.articulation_points, nx.density.
        let m = of(&graph(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]));
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
        let m = of(&g);
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
        let m = of(&graph(n, &edges));
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
        let m = of(&g);
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
    }

    #[test]
    fn disconnected_graph() {
        // n = 8: node 0 alone; path 5 – 1 – 6; 4-cycle 2 – 3 – 4 – 7 – 2.
        let g = graph(8, &[(5, 1), (1, 6), (2, 3), (3, 4), (4, 7), (7, 2)]);
        let m = of(&g);
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
        let m = of(&graph(6, &[(3, 4), (2, 1)]));
        assert_eq!(m.component, vec![2, 0, 0, 1, 1, 3]);
        assert_eq!(m.component_sizes, vec![2, 2, 1, 1]);
        assert_eq!(m.isolates, vec![0, 5]);
    }

    #[test]
    fn long_path_does_not_overflow_the_stack() {
        let n = 200_000;
        let groups: Vec<Vec<u32>> = (1..n as u32).map(|v| vec![v - 1, v]).collect();
        // Only the linear-time parts: betweenness on 200,000 nodes would take too long.
        for paired_up_to in [1, PAIRED_UP_TO] {
            let g = TwoMode::new(n, &groups, paired_up_to).unwrap();
            assert_eq!(articulation_points(&g), (1..n - 1).collect::<Vec<_>>());
            assert_eq!(components(&g).1, vec![n]);
        }
    }

    #[derive(serde::Deserialize)]
    struct Fixture {
        networkx_version: String,
        n: usize,
        #[serde(default)]
        edges: Vec<(usize, usize, u32)>,
        #[serde(default)]
        groups: Vec<Vec<usize>>,
        degree: Vec<usize>,
        weighted_degree: Vec<u32>,
        betweenness: Vec<f64>,
        betweenness_normalized: Vec<f64>,
        closeness: Vec<f64>,
        component: Vec<usize>,
        component_sizes: Vec<usize>,
        isolates: Vec<usize>,
        articulation_points: Vec<usize>,
        #[serde(default)]
        ties: Option<usize>,
        density: f64,
    }

    impl Fixture {
        fn expected(&self) -> Metrics {
            Metrics {
                degree: self.degree.clone(),
                weighted_degree: self.weighted_degree.clone(),
                betweenness: self.betweenness.clone(),
                betweenness_normalized: self.betweenness_normalized.clone(),
                closeness: self.closeness.clone(),
                component: self.component.clone(),
                component_sizes: self.component_sizes.clone(),
                isolates: self.isolates.clone(),
                articulation_points: self.articulation_points.clone(),
                ties: self
                    .ties
                    .unwrap_or_else(|| self.degree.iter().sum::<usize>() / 2),
                density: self.density,
            }
        }
    }

    #[test]
    fn random_graph_matches_networkx() {
        // Made by tests/fixtures/network/make_random_fixture.py; the networkx calls are
        // recorded in the fixture. An edge of weight w is w groups of the same two partners.
        let fixture: Fixture =
            serde_json::from_str(include_str!("../../tests/fixtures/network/random40.json"))
                .expect("random40.json");
        assert!(!fixture.networkx_version.is_empty());
        let groups: Vec<Vec<usize>> = fixture
            .edges
            .iter()
            .flat_map(|&(a, b, w)| std::iter::repeat_n(vec![a, b], w as usize))
            .collect();
        let case = Case {
            n: fixture.n,
            groups,
        };
        let m = of(&case);
        assert_same(&m, &fixture.expected(), "networkx");
        // Same input, same output, to the bit.
        assert_eq!(metrics(case.n, &case.groups), metrics(case.n, &case.groups));
    }

    #[test]
    fn overlapping_cliques_joined_by_bridges_match_networkx() {
        // Made by make_random_fixture.py --cliques: partnerships of 220, 230 and 210 partners,
        // two of them sharing 20, one overlapping both, one inside another (twice), bridges
        // of two, items of three, and isolates.
        let fixture: Fixture =
            serde_json::from_str(include_str!("../../tests/fixtures/network/cliques.json"))
                .expect("cliques.json");
        let expected = fixture.expected();
        let m = metrics(fixture.n, &fixture.groups);
        assert_same(&m, &expected, "networkx");
        for paired_up_to in [1, 2] {
            let other = metrics_pairing(fixture.n, &fixture.groups, paired_up_to);
            assert_same(&other, &expected, &format!("groups above {paired_up_to}"));
        }
        assert_eq!(m, metrics(fixture.n, &fixture.groups));
    }
}
