//! Unit tests of the network page's drawing: a huge partnership costs what its memberships cost.

use super::*;
use std::time::Instant;

/// A site of one partnership with `members` members and 200 items, each crediting three
/// of them, plus two small partnerships that share a partner with the large one.
fn site(members: usize) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: String| {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "site.yaml",
        "title: Stor\nlanguage: da\nsectors:\n  a: A\n  b: B\n".into(),
    );
    for i in 0..members + 4 {
        write(
            &format!("content/partners/m{i}.md"),
            format!(
                "---\nname: Medlem {i}\nsector: {}\n---\n",
                ["a", "b"][i % 2]
            ),
        );
    }
    let ids = |r: std::ops::Range<usize>| r.map(|i| format!("m{i}")).collect::<Vec<_>>().join(", ");
    write(
        "content/partnerships/stor.md",
        format!("---\ntitle: Stor\npartners: [{}]\n---\n", ids(0..members)),
    );
    write(
        "content/partnerships/lille.md",
        format!(
            "---\ntitle: Lille\npartners: [m0, {}]\n---\n",
            ids(members..members + 2)
        ),
    );
    write(
        "content/partnerships/anden.md",
        format!(
            "---\ntitle: Anden\npartners: [m1, {}]\n---\n",
            ids(members + 2..members + 4)
        ),
    );
    for k in 0..200 {
        write(
            &format!("content/challenges/c{k}.md"),
            format!(
                "---\ntitle: Udfordring {k}\npartners: [m{}, m{}, m{}]\n---\n",
                (7 * k) % members,
                (7 * k + 1) % members,
                (13 * k + 5) % members
            ),
        );
    }
    let (loaded, _) = crate::load::load_site(dir.path()).unwrap();
    let index = crate::validate::validate(&loaded).unwrap();
    crate::model::build(loaded, &index, false)
}

/// The drawing of `site`: its SVG, and how long planning, layout and drawing took.
fn draw(site: &Site) -> (String, f64) {
    let start = Instant::now();
    let plan = plan_drawing(site);
    let arrangement = arrangement(site, &plan);
    let urls: Vec<String> = plan.shown.iter().map(|i| format!("p{i}")).collect();
    let nodes: Vec<SvgNode> = plan
        .shown
        .iter()
        .zip(&urls)
        .map(|(&i, url)| SvgNode {
            label: &site.partners[i].entry.title,
            name: &site.partners[i].entry.title,
            url,
            sector: 0,
            contributions: site.partners[i].contributions.len(),
        })
        .collect();
    let counts: Vec<String> = site
        .partnerships
        .iter()
        .map(|p| format!("{} medlemmer", p.members.len()))
        .collect();
    let groups: Vec<SvgGroup> = site
        .partnerships
        .iter()
        .enumerate()
        .map(|(g, p)| SvgGroup {
            label: &p.entry.title,
            url: "g",
            members: plan.members[g].clone(),
            collapsed: plan.collapsed[g].then(|| (counts[g].as_str(), p.members.len())),
        })
        .collect();
    let svg = svg::draw(
        &nodes,
        &groups,
        &plan.ties,
        &|a| arrangement(a),
        &svg::Keys {
            title: "t",
            description: "d",
            sectors: &[],
            size: "s",
            region: "r",
            line: "l",
        },
    );
    (svg, start.elapsed().as_secs_f64())
}

#[test]
fn a_partnership_of_thousands_is_one_shape_and_costs_what_its_memberships_cost() {
    let (small, _) = draw(&site(100));
    let large_site = site(3000);
    let (large, seconds) = draw(&large_site);
    eprintln!("the drawing of a partnership of 3,000 members and 200 items: {seconds:.3} s");
    // One disc for the large partnership; only the partners of the small ones drawn.
    assert_eq!(large.matches("ng-disc").count(), 1);
    assert!(large.contains("3000 medlemmer"));
    assert_eq!(large.matches("class=\"ng-partner\"").count(), 6);
    // The same drawing as at 100 members, but for the count.
    assert!(
        large.len() <= small.len() + 64,
        "{} against {}",
        large.len(),
        small.len()
    );
    // Items crediting partners who are not drawn tie nothing.
    assert!(plan_drawing(&large_site).ties.len() <= 6);
}
