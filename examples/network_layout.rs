//! Times the network drawing (layout, label placement and SVG) at the sizes issue 16 names.
//! Median of 5 runs each:
//!
//! - the most the network page draws member by member: 300 partners (long names) in 60
//!   partnerships of 4 to 9 members, with ties from 2,000 co-credited items;
//! - the layout alone of one partnership of 1,000 and of 3,000 members (each tied to one
//!   point for the partnership), which the page itself never draws member by member: it
//!   shows a partnership of more than 40 members as one disc.
//!
//! Run with `cargo run --release --example network_layout`.

use brobygger::network::{layout, svg};
use std::time::Instant;

fn median(mut run: impl FnMut() -> usize) -> (f64, usize) {
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..5 {
        let start = Instant::now();
        size = run();
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    (times[2], size)
}

fn main() {
    let n = 300;
    // A fixed linear congruential generator: the same graph on every run and machine.
    let mut state: u64 = 1;
    let mut next = |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % bound
    };
    let memberships: Vec<Vec<usize>> = (0..60)
        .map(|_| {
            let mut m: Vec<usize> = (0..4 + next(6)).map(|_| next(n)).collect();
            m.sort_unstable();
            m.dedup();
            m
        })
        .collect();
    let mut ties: Vec<(usize, usize, u32)> = (0..2000)
        .map(|_| (next(n), next(n), 1))
        .filter(|&(a, b, _)| a < b)
        .collect();
    ties.sort_unstable();
    ties.dedup();
    let labels: Vec<String> = (0..n)
        .map(|i| format!("Partnerorganisation nummer {i} i Region Midtjylland"))
        .collect();
    let titles: Vec<String> = (0..60).map(|g| format!("Partnerskab {g}")).collect();
    let urls: Vec<String> = (0..n)
        .map(|i| format!("../partners/p{i}/index.html"))
        .collect();
    let sectors = ["Forskning", "Offentlig", "Erhverv", "Civilsamfund"];
    let legend: Vec<svg::Legend> = sectors.iter().map(|label| svg::Legend { label }).collect();
    let keys = svg::Keys {
        title: "Netværk",
        description: "300 partnere",
        sectors: &legend,
        size: "Større figur: flere bidrag",
        region: "Skraveret område: et partnerskab",
        line: "Streg: krediteret sammen på et indhold",
    };
    let (t, bytes) = median(|| {
        let mut edges = ties.clone();
        for (g, m) in memberships.iter().enumerate() {
            edges.extend(m.iter().map(|&p| (p, n + g, 4)));
        }
        let layout = layout::Layout::new(n + memberships.len(), &edges);
        let nodes: Vec<svg::SvgNode> = (0..n)
            .map(|i| svg::SvgNode {
                label: &labels[i],
                name: &labels[i],
                url: &urls[i],
                sector: i % sectors.len(),
                contributions: i % 7,
            })
            .collect();
        let groups: Vec<svg::SvgGroup> = memberships
            .iter()
            .zip(&titles)
            .map(|(m, title)| svg::SvgGroup {
                label: title,
                url: "../partnerships/x/index.html",
                members: m.clone(),
                collapsed: None,
            })
            .collect();
        svg::draw(&nodes, &groups, &ties, &|a| layout.packed(a), &keys).len()
    });
    println!(
        "{n} partners, 60 partnerships, {} ties: layout + labels + SVG, median of 5: {t:.3} s, {} KB",
        ties.len(),
        bytes / 1024
    );
    let (t, _) = median(|| {
        let mut edges = ties.clone();
        for (g, m) in memberships.iter().enumerate() {
            edges.extend(m.iter().map(|&p| (p, n + g, 4)));
        }
        layout::Layout::new(n + memberships.len(), &edges)
            .packed(1.5)
            .len()
    });
    println!("the same, layout alone: median of 5: {t:.3} s");
    for members in [1000, 3000] {
        let edges: Vec<(usize, usize, u32)> = (0..members).map(|m| (m, members, 4)).collect();
        let (t, _) = median(|| layout::Layout::new(members + 1, &edges).packed(1.0).len());
        println!("one partnership of {members} members, layout alone: median of 5: {t:.3} s");
    }
}
