//! The network page's drawing on a crowded site (tests/common's
//! `write_crowded_network_site`): every partner labelled with its whole name or short name,
//! each partnership a named region of its members, a very large partnership one shape with
//! its member count, and the same facts as a list. (tests/browser/network.mjs measures the
//! drawn labels in Chromium.)

mod common;

use common::*;

fn crowded(big: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    write_crowded_network_site(dir.path(), big);
    let out = dir.path().join("public");
    build(dir.path(), &out);
    (dir, out)
}

/// The text of a label: its lines joined by spaces.
fn label(e: &scraper::ElementRef) -> String {
    e.text().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_partner_is_drawn_with_its_whole_name_or_short_name() {
    let (_dir, out) = crowded(60);
    let page = html(&out.join("network/index.html"));
    let partners = select(&page, "svg.network-graph a.ng-partner");
    // The 14 in small partnerships and the one in none; the big partnership's own members
    // are in its shape.
    assert_eq!(partners.len(), 15);
    for a in &partners {
        let title = text(&select_in(a, "title")[0]);
        let texts = select_in(a, "text");
        assert_eq!(texts.len(), 1, "{title}: one label");
        let shown = label(&texts[0]);
        assert!(!shown.contains('…'), "{title}: cut to {shown}");
        assert!(
            shown == title || title.ends_with(&format!("({shown})")),
            "{title}: labelled {shown:?}"
        );
    }
    let short = partners
        .iter()
        .find(|a| text(&select_in(a, "title")[0]).contains("branch 0 "))
        .expect("p0");
    assert_eq!(label(&select_in(short, "text")[0]), "Short Zero");
    assert_eq!(
        text(&select_in(short, "title")[0]),
        "Municipal Centre for Cross-Sector Partnerships and Wellbeing, branch 0 (Short Zero)"
    );
    // A long name is wrapped on lines, not cut.
    let long = partners
        .iter()
        .find(|a| text(&select_in(a, "title")[0]).starts_with("Standalone"))
        .expect("the partner in no partnership");
    assert!(select_in(long, "tspan").len() >= 2);
    assert_eq!(
        label(&select_in(long, "text")[0]),
        "Standalone Foundation for Extremely Long Names in Partnership Networks"
    );
}

#[test]
fn partnerships_are_named_regions_and_a_large_one_is_one_shape() {
    let (_dir, out) = crowded(60);
    let page = read(&out.join("network/index.html"));
    let doc = html(&out.join("network/index.html"));
    // A region for each partnership drawn member by member.
    assert_eq!(select(&doc, "svg.network-graph path.ng-region").len(), 3);
    let groups: Vec<(String, String)> = select(&doc, "svg.network-graph a.ng-group")
        .iter()
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_string(),
                label(&select_in(a, "text")[0]),
            )
        })
        .collect();
    for (id, name) in [
        (
            "north",
            "North Partnership for Children and Young People's Wellbeing",
        ),
        ("south", "South"),
        ("east", "East Coast Employment Alliance"),
    ] {
        assert!(
            groups
                .iter()
                .any(|(href, l)| href.contains(&format!("partnerships/{id}/")) && l == name),
            "{name} in {groups:?}"
        );
    }
    // The big one: one disc with its name and member count, no member drawn on its own.
    assert_eq!(select(&doc, "svg.network-graph .ng-disc").len(), 1);
    let big = groups
        .iter()
        .find(|(h, _)| h.contains("partnerships/big/"))
        .unwrap();
    assert_eq!(big.1, "The Big Regional Network 62 members");
    let svg = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()];
    assert!(!svg.contains("Member organisation"));
    assert!(
        text(&select(&doc, ".network-figure figcaption")[0]).contains("more than 40 members"),
        "the caption says why"
    );
}

#[test]
fn the_drawing_stays_small_however_large_a_partnership_grows() {
    let svg_of = |big: usize| {
        let (_dir, out) = crowded(big);
        let page = read(&out.join("network/index.html"));
        page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()].to_string()
    };
    let (small, large) = (svg_of(50), svg_of(200));
    assert!(large.contains("202 members"));
    // Only the member count grows.
    assert!(
        large.len() <= small.len() + 64,
        "{} bytes at 200 members against {} at 50",
        large.len(),
        small.len()
    );
}

#[test]
fn the_list_beside_the_drawing_gives_every_partnership_and_its_members() {
    let (_dir, out) = crowded(60);
    let doc = html(&out.join("network/index.html"));
    let items: Vec<String> = select(&doc, ".network-group-list > li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(items.len(), 5, "{items:?}");
    let north = items
        .iter()
        .find(|s| s.starts_with("North Partnership"))
        .unwrap();
    assert!(north.contains("(6 members)"), "{north}");
    assert!(north.contains("Municipal Centre for Cross-Sector Partnerships and Wellbeing, branch 5 (2 contributions)"), "{north}");
    let big = items
        .iter()
        .find(|s| s.starts_with("The Big Regional Network"))
        .unwrap();
    assert!(
        big.contains("62 members") && !big.contains("Member organisation"),
        "{big}"
    );
    let alone = items.last().unwrap();
    assert!(
        alone.starts_with("In no partnership") && alone.contains("Standalone Foundation"),
        "{alone}"
    );
}
