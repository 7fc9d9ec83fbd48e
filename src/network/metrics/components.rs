//! Who stands alone and who holds the network together: components and cut vertices
//! (articulation points), both without recursion.

use super::*;

/// Component of each node, numbered largest first, ties by smallest node index; and sizes.
pub(super) fn components(g: &TwoMode) -> (Vec<usize>, Vec<usize>) {
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
pub(super) fn articulation_points(g: &TwoMode) -> Vec<usize> {
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
