//! Unit tests of the network metrics, against hand-worked graphs and networkx's figures.

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
    let fixture: Fixture = serde_json::from_str(include_str!(
        "../../../tests/fixtures/network/random40.json"
    ))
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
        serde_json::from_str(include_str!("../../../tests/fixtures/network/cliques.json"))
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
