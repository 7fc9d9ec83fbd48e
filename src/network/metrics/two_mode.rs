//! The two-mode graph the searches walk: partners and large groups as flat sets, small groups
//! as pairs, and the signed weights that make overlapping large groups count each tie once.

use super::*;

/// Sets of nodes as two flat arrays (compressed sparse rows), which the searches walk much
/// faster than a vector of vectors. Node indices fit u32 (checked in [`metrics`]).
#[derive(Default)]
pub(super) struct Sets {
    pub(super) offsets: Vec<usize>,
    pub(super) members: Vec<u32>,
}

impl Sets {
    pub(super) fn from_lists<'a>(lists: impl IntoIterator<Item = &'a [u32]>) -> Sets {
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

    pub(super) fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub(super) fn get(&self, i: usize) -> &[u32] {
        &self.members[self.offsets[i]..self.offsets[i + 1]]
    }

    /// For each of `n` nodes, the sets holding it, ascending.
    pub(super) fn of(&self, n: usize) -> Sets {
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
pub(super) struct TwoMode {
    pub(super) n: usize,
    pub(super) pairs: Sets,
    pub(super) cliques: Sets,
    pub(super) cliques_of: Sets,
    pub(super) signed: Sets,
    pub(super) signed_of: Sets,
    pub(super) weight: Vec<f64>,
}

impl TwoMode {
    /// None when the overlaps of the large groups exceed [`INTERSECTION_BUDGET`].
    pub(super) fn new(n: usize, groups: &[Vec<u32>], paired_up_to: usize) -> Option<TwoMode> {
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
    pub(super) fn degrees(&self) -> Vec<usize> {
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
pub(super) fn sorted_share(a: &[u32], b: &[u32]) -> bool {
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
pub(super) fn sorted_intersection(a: &[u32], b: &[u32]) -> Vec<u32> {
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
pub(super) fn signed_sets(
    n: usize,
    large: &[&[u32]],
    budget: usize,
) -> Option<(Vec<Vec<u32>>, Vec<f64>)> {
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
