//! Times the network drawing at the size issue #4 names: 1,000 partners, with edges as a
//! site of 100 partnerships and 20,000 items would give them. Median of 5 runs.
//! Run with `cargo run --release --example network_layout`.

use brobygger::network::{layout, metrics, svg};
use std::time::Instant;

fn main() {
    let n = 1000;
    // A fixed linear congruential generator: the same graph on every run and machine.
    let mut state: u64 = 1;
    let mut next = |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % bound
    };
    let mut ties: Vec<Vec<usize>> = Vec::new();
    for _ in 0..100 {
        ties.push((0..2 + next(7)).map(|_| next(n)).collect());
    }
    for _ in 0..20_000 {
        ties.push(vec![next(n), next(n)]);
    }
    // The drawing's edges: each tied pair once, weighted by the groups it shares.
    let mut pairs = std::collections::BTreeMap::new();
    for g in &ties {
        for (i, &a) in g.iter().enumerate() {
            for &b in &g[i + 1..] {
                if a != b {
                    *pairs.entry((a.min(b), a.max(b))).or_insert(0u32) += 1;
                }
            }
        }
    }
    let edges: Vec<(usize, usize, u32)> = pairs.into_iter().map(|((a, b), w)| (a, b, w)).collect();
    let labels: Vec<String> = (0..n).map(|i| format!("Partner {i}")).collect();
    let urls: Vec<String> = (0..n)
        .map(|i| format!("../partners/p{i}/index.html"))
        .collect();
    let groups = [
        "Forskning",
        "Offentlig",
        "Erhverv",
        "Civilsamfund",
        "Arbejdsmarked",
    ];
    let legend: Vec<svg::Legend> = groups.iter().map(|label| svg::Legend { label }).collect();
    let mut times = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let m = metrics::metrics(n, &ties);
        let positions = layout::layout(n, &edges);
        let nodes: Vec<svg::SvgNode> = (0..n)
            .map(|i| svg::SvgNode {
                label: &labels[i],
                url: &urls[i],
                group: i % groups.len(),
                degree: m.degree[i],
            })
            .collect();
        let drawing = svg::draw(
            &nodes,
            &edges,
            &positions,
            &legend,
            "Netværk",
            "1.000 partnere",
        );
        times.push(start.elapsed().as_secs_f64());
        assert!(drawing.len() > 1000);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{n} partners, {} edges: metrics + layout + SVG, median of 5: {:.3} s (min {:.3}, max {:.3})",
        edges.len(),
        times[2],
        times[0],
        times[4]
    );
}
