//! The network page and the data exports on small sites written by the tests: who works with
//! whom, what happens without the facilitator, a drawing that is the same on every build, and
//! data files that parse and agree with the site.

mod common;

use common::*;
use std::collections::BTreeMap;

const SITE: &str = "title: Netværk\nlanguage: da\nsectors:\n  research: Forskning\n  public: Offentlig\n  civil: Civilsamfund\n";

/// A partnership where the facilitator is the only tie of `alene`, plus a second group.
fn files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("site.yaml", SITE),
        (
            "content/partners/bro.md",
            "---\nname: Brobyggeren\nsector: research\n---\n",
        ),
        (
            "content/partners/alene.md",
            "---\nname: 'Alene, men \"med\"'\nsector: civil\n---\n",
        ),
        (
            "content/partners/a.md",
            "---\nname: A\nsector: public\n---\n",
        ),
        (
            "content/partners/b.md",
            "---\nname: B\nsector: public\n---\n",
        ),
        (
            "content/partners/c.md",
            "---\nname: C\nsector: research\n---\n",
        ),
        // The facilitator ties alene to a and b.
        (
            "content/partnerships/stor.md",
            "---\ntitle: Stor\npartners: [a, b, {id: bro, role: facilitator}]\nfacilitator: bro\n---\n",
        ),
        (
            "content/partnerships/lille.md",
            "---\ntitle: Lille\npartners: [alene, bro]\nfacilitator: bro\n---\n",
        ),
        // a and c share an item; so do a and b (a second tie between them).
        (
            "content/challenges/x.md",
            "---\ntitle: X\npartners: [a, c]\n---\n",
        ),
        (
            "content/learnings/y.md",
            "---\ntitle: Y\npartners: [a, b]\n---\n",
        ),
    ]
}

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), &files());
    let out = dir.path().join("public");
    build(dir.path(), &out);
    (dir, out)
}

#[test]
fn without_the_facilitator_the_page_says_who_is_left_alone() {
    let (_dir, out) = built();
    let page = html(&out.join("network/index.html"));
    let without: Vec<String> = select(&page, "#without-heading ~ ul li")
        .iter()
        .map(text)
        .collect();
    assert!(
        without.iter().any(|s| s.contains("Brobyggeren")),
        "{without:?}"
    );
    let alone = without
        .iter()
        .find(|s| s.contains("helt alene"))
        .expect("a sentence on who would stand alone");
    assert!(alone.contains("Alene, men \"med\""), "{alone}");
    assert!(
        !alone.contains(" A,") && !alone.contains(" C"),
        "a and c keep their ties: {alone}"
    );
    let rows: Vec<String> = select(&page, "#without-heading ~ div tbody tr")
        .iter()
        .map(cells)
        .collect();
    // Without bro: a still links b and c (1 of the 3 pairs among a's neighbours and the
    // isolated alene: 2 / (3 * 2) = 0.333); alene is alone in group 2.
    assert_eq!(
        rows,
        [
            "A | 2 (3) | 0.333 (0.500) | 1",
            "Alene, men \"med\" | 0 (1) | 0.000 (0.000) | 2",
            "B | 1 (2) | 0.000 (0.000) | 1",
            "C | 1 (1) | 0.000 (0.000) | 1"
        ]
    );
    let facts: Vec<String> = select(&page, "main > ul.network-facts li")
        .iter()
        .map(text)
        .collect();
    assert!(
        facts[0].starts_with("5 partnere er forbundet af 5 forbindelser"),
        "{facts:?}"
    );
    assert!(
        facts
            .iter()
            .any(|s| s.contains("bygger bro") && s.contains("Brobyggeren")),
        "{facts:?}"
    );
}

#[test]
fn the_drawing_links_every_partner_and_is_identical_across_builds() {
    let (dir, out) = built();
    let first = read(&out.join("network/index.html"));
    let svg =
        |page: &str| page[page.find("<svg").unwrap()..page.find("</svg>").unwrap() + 6].to_string();
    let drawing = svg(&first);
    for id in ["bro", "alene", "a", "b", "c"] {
        assert!(
            drawing.contains(&format!("href=\"../partners/{id}/index.html\"")),
            "{id}"
        );
    }
    assert!(drawing.contains("<title") && drawing.contains("<desc"));
    let out2 = dir.path().join("again");
    build(dir.path(), &out2);
    assert_eq!(svg(&read(&out2.join("network/index.html"))), drawing);
    assert_eq!(
        read(&out2.join("data/network.json")),
        read(&out.join("data/network.json"))
    );
}

#[test]
fn the_table_can_be_read_in_each_order() {
    let (_dir, out) = built();
    let names = |path: &str| -> Vec<String> {
        select(&html(&out.join(path)), "table.network-table tbody th")
            .iter()
            .map(|th| text(th).replace(" (facilitator)", ""))
            .collect()
    };
    assert_eq!(
        names("network/index.html"),
        ["A", "Alene, men \"med\"", "B", "Brobyggeren", "C"]
    );
    assert_eq!(
        names("network/degree/index.html")[..2],
        ["A".to_string(), "Brobyggeren".to_string()]
    );
    // A and Brobyggeren each lie on 3 shortest paths (c to the others; alene to the others).
    let by_betweenness = names("network/betweenness/index.html");
    assert_eq!(
        by_betweenness[..2],
        ["A".to_string(), "Brobyggeren".to_string()]
    );
    let page = html(&out.join("network/betweenness/index.html"));
    let first_row: Vec<String> = select(&page, "table.network-table tbody tr")[0]
        .children()
        .filter_map(scraper::ElementRef::wrap)
        .map(|c| text(&c))
        .collect();
    assert_eq!(
        first_row[4], "0.500",
        "normalised betweenness: 3 of the 6 pairs of the other four"
    );
}

#[test]
fn a_partner_page_shows_its_neighbourhood() {
    let (_dir, out) = built();
    let page = html(&out.join("partners/a/index.html"));
    let rows: Vec<String> = select(&page, "#neighbours-heading + ul li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        rows,
        [
            "B gennem Stor; krediteret sammen på Y",
            "Brobyggeren gennem Stor",
            "C krediteret sammen på X"
        ]
    );
}

#[test]
fn the_data_files_parse_and_agree_with_the_site() {
    let (_dir, out) = built();
    // partners.csv: one row per partner, names with commas and quotes intact.
    let mut reader = csv::Reader::from_path(out.join("data/partners.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<BTreeMap<String, String>> = reader
        .records()
        .map(|r| {
            headers
                .iter()
                .zip(r.unwrap().iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 5);
    let alene = rows.iter().find(|r| r["id"] == "alene").unwrap();
    assert_eq!(alene["name"], "Alene, men \"med\"");
    assert_eq!(alene["degree"], "1");
    let bro = rows.iter().find(|r| r["id"] == "bro").unwrap();
    assert_eq!(
        (bro["degree"].as_str(), bro["facilitator"].as_str()),
        ("3", "true")
    );

    // contributions.csv: one row per partner and item.
    let contributions: Vec<csv::StringRecord> =
        csv::Reader::from_path(out.join("data/contributions.csv"))
            .unwrap()
            .records()
            .map(Result::unwrap)
            .collect();
    assert_eq!(contributions.len(), 4);

    // network.json: the same nodes and weighted edges.
    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/network.json"))).unwrap();
    assert_eq!(json["nodes"].as_array().unwrap().len(), 5);
    let weight = |a: &str, b: &str| {
        json["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["source"] == a && e["target"] == b)
            .map(|e| e["weight"].as_u64().unwrap())
    };
    assert_eq!(weight("a", "b"), Some(2), "a partnership and an item");
    assert_eq!(weight("a", "c"), Some(1));
    assert_eq!(weight("alene", "bro"), Some(1));
    assert_eq!(weight("alene", "a"), None);

    // network.json also holds the groups: the partnerships and the co-credited items.
    let groups = json["groups"].as_array().unwrap();
    let stor = groups
        .iter()
        .find(|g| g["id"] == "partnership:stor")
        .unwrap();
    assert_eq!(stor["type"], "partnership");
    assert_eq!(stor["members"], serde_json::json!(["a", "b", "bro"]));
    assert!(
        groups
            .iter()
            .any(|g| g["id"] == "item:learnings/y" && g["members"] == serde_json::json!(["a", "b"]))
    );
    assert_eq!(json["ties"], 5);

    // network.gexf is two-mode XML Gephi can read: the five partners and the four groups as
    // typed nodes, and one edge per membership (3 + 2 in the partnerships, 2 + 2 on items).
    let gexf = read(&out.join("data/network.gexf"));
    let doc = roxmltree::Document::parse(&gexf).unwrap();
    let type_attribute = doc
        .descendants()
        .find(|n| n.has_tag_name("attribute") && n.attribute("title") == Some("type"))
        .and_then(|n| n.attribute("id"))
        .unwrap();
    let node_type = |id: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name("node") && n.attribute("id") == Some(id))
            .and_then(|n| {
                n.descendants()
                    .find(|v| v.attribute("for") == Some(type_attribute))
                    .and_then(|v| v.attribute("value"))
            })
    };
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("node")).count(),
        9
    );
    assert_eq!(node_type("alene"), Some("partner"));
    assert_eq!(node_type("partnership:lille"), Some("partnership"));
    assert_eq!(node_type("item:challenges/x"), Some("item"));
    let memberships: Vec<(&str, &str)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("edge"))
        .map(|n| {
            (
                n.attribute("source").unwrap(),
                n.attribute("target").unwrap(),
            )
        })
        .collect();
    assert_eq!(memberships.len(), 9);
    assert!(memberships.contains(&("alene", "partnership:lille")));
    assert!(memberships.contains(&("c", "item:challenges/x")));
    assert!(
        doc.descendants()
            .any(|n| n.has_tag_name("node") && n.attribute("label") == Some("Alene, men \"med\""))
    );

    // kumu.json: partners and groups as typed elements with ids, connections by id.
    let kumu: serde_json::Value = serde_json::from_str(&read(&out.join("data/kumu.json"))).unwrap();
    let elements = kumu["elements"].as_array().unwrap();
    assert_eq!(elements.len(), 9);
    assert!(
        elements
            .iter()
            .any(|e| e["id"] == "a" && e["label"] == "A" && e["type"] == "Partner")
    );
    assert!(
        elements
            .iter()
            .any(|e| e["id"] == "partnership:stor" && e["type"] == "Partnership")
    );
    let connections = kumu["connections"].as_array().unwrap();
    assert_eq!(connections.len(), 9);
    assert!(
        connections.iter().any(|c| c["from"] == "bro"
            && c["to"] == "partnership:stor"
            && c["Facilitator"] == true)
    );

    // The network page links to every file.
    let page = html(&out.join("network/index.html"));
    for f in [
        "partners.csv",
        "contributions.csv",
        "network.json",
        "network.gexf",
        "kumu.json",
    ] {
        assert!(
            select(&page, &format!("a[href='../data/{f}']")).len() == 1,
            "{f}"
        );
    }
}

#[test]
fn two_partners_of_the_same_name_stay_two_in_kumu_and_gephi() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[
            ("site.yaml", SITE),
            (
                "content/partners/kommune-nord.md",
                "---\nname: Kommunen\nsector: public\n---\n",
            ),
            (
                "content/partners/kommune-syd.md",
                "---\nname: Kommunen\nsector: public\n---\n",
            ),
            (
                "content/partners/c.md",
                "---\nname: C\nsector: civil\n---\n",
            ),
            (
                "content/partnerships/nord.md",
                "---\ntitle: Nord\npartners: [kommune-nord, c]\n---\n",
            ),
        ],
    );
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let kumu: serde_json::Value = serde_json::from_str(&read(&out.join("data/kumu.json"))).unwrap();
    let ids: Vec<&str> = kumu["elements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["label"] == "Kommunen")
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["kommune-nord", "kommune-syd"]);
    // The membership names the right one of the two.
    let members: Vec<&str> = kumu["connections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["to"] == "partnership:nord")
        .map(|c| c["from"].as_str().unwrap())
        .collect();
    assert_eq!(members, ["c", "kommune-nord"]);
    let gexf = read(&out.join("data/network.gexf"));
    let doc = roxmltree::Document::parse(&gexf).unwrap();
    let same_name = doc
        .descendants()
        .filter(|n| n.has_tag_name("node") && n.attribute("label") == Some("Kommunen"))
        .count();
    assert_eq!(same_name, 2);
}

/// A site with one partnership of `members` partners (p000, p001, ...) and an item that two
/// of them and an outsider are credited on.
fn large_partnership(members: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<(String, String)> = vec![("site.yaml".into(), SITE.into())];
    let ids: Vec<String> = (0..members).map(|i| format!("p{i:03}")).collect();
    for id in &ids {
        files.push((
            format!("content/partners/{id}.md"),
            format!("---\nname: Partner {id}\nsector: civil\n---\n"),
        ));
    }
    files.push((
        "content/partners/ude.md".into(),
        "---\nname: Udenfor\nsector: research\n---\n".into(),
    ));
    files.push((
        "content/partnerships/stor.md".into(),
        format!("---\ntitle: Stor\npartners: [{}]\n---\n", ids.join(", ")),
    ));
    files.push((
        "content/challenges/x.md".into(),
        "---\ntitle: X\npartners: [p000, p001, ude]\n---\n".into(),
    ));
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    write_site(dir.path(), &borrowed);
    let out = dir.path().join("public");
    build(dir.path(), &out);
    (dir, out)
}

#[test]
fn a_large_partnership_is_one_line_on_a_partner_page_and_one_group_in_the_data() {
    // 240 members: 28,680 pairs, more than the exports list one by one.
    let (_dir, out) = large_partnership(240);
    let page = html(&out.join("partners/p000/index.html"));
    let heading = text(&select(&page, "#neighbours-heading")[0]);
    assert!(heading.ends_with("(240)"), "239 members and ude: {heading}");
    let rows: Vec<String> = select(&page, "#neighbours-heading + ul li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        rows,
        [
            "De 239 andre medlemmer af Stor",
            "P001 krediteret sammen på X",
            "Udenfor krediteret sammen på X"
        ]
        .map(|r| r.replace("P001", "Partner p001"))
    );
    let group_link = select(&page, "#neighbours-heading + ul li.neighbour-group a");
    assert_eq!(
        group_link[0].value().attr("href"),
        Some("../../partnerships/stor/index.html")
    );
    // A member outside any small group shows only the group.
    let page = html(&out.join("partners/p100/index.html"));
    assert_eq!(
        select(&page, "#neighbours-heading + ul li").len(),
        1,
        "one line, not 239"
    );

    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/network.json"))).unwrap();
    assert_eq!(json["ties"], 240 * 239 / 2 + 2);
    assert!(json.get("edges").is_none(), "no list of 28,682 pairs");
    let p100 = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "p100")
        .unwrap();
    assert_eq!(p100["degree"], 239);
    let kumu: serde_json::Value = serde_json::from_str(&read(&out.join("data/kumu.json"))).unwrap();
    assert_eq!(kumu["connections"].as_array().unwrap().len(), 240 + 3);
    let bytes: u64 = ["network.json", "kumu.json", "network.gexf", "partners.csv"]
        .iter()
        .map(|f| std::fs::metadata(out.join("data").join(f)).unwrap().len())
        .sum();
    assert!(bytes < 400_000, "{bytes} bytes of network data");
    let network = html(&out.join("network/index.html"));
    let facts: Vec<String> = select(&network, "main > ul.network-facts li")
        .iter()
        .map(text)
        .collect();
    assert!(
        facts[0].starts_with("241 partnere er forbundet af 28682 forbindelser"),
        "{facts:?}"
    );
}
