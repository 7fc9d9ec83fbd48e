//! Unit tests of the network drawing: structure, accessibility, labels apart, stable bytes.

use super::*;

const SECTORS: [Legend; 3] = [
    Legend { label: "Kommune" },
    Legend { label: "Forening" },
    Legend {
        label: "Virksomhed",
    },
];

fn keys() -> Keys<'static> {
    Keys {
        title: "Netværk & partnere",
        description: "Hvem <arbejder> med hvem",
        sectors: &SECTORS,
        size: "Større figur: flere bidrag",
        region: "Skraveret område: et partnerskab",
        line: "Streg: krediteret sammen",
    }
}

fn node(
    label: &'static str,
    name: &'static str,
    sector: usize,
    contributions: usize,
) -> SvgNode<'static> {
    SvgNode {
        label,
        name,
        url: "partners/x/",
        sector,
        contributions,
    }
}

type Fixture = (
    Vec<SvgNode<'static>>,
    Vec<SvgGroup<'static>>,
    Vec<(usize, usize, u32)>,
);

/// Eight partners, some with long names, in two overlapping partnerships, a large
/// partnership drawn as one disc, an empty one, and a partner in none.
fn fixture() -> Fixture {
    let long = "Det Regionale Samarbejde om Børn og Unges Trivsel i Nordjylland";
    let facilitator = "Facilitator/brobygger (unavngivet), partnerskab 1";
    let script = "<script>alert(\"&'\")</script>";
    let nodes = vec![
        node("Aarhus Kommune", "Aarhus Kommune", 0, 3),
        node(script, script, 1, 1),
        node("Røde Kors", "Røde Kors", 1, 12),
        node("Lego", "Lego", 2, 0),
        node(facilitator, facilitator, 0, 2),
        node(
            "RUC",
            "Roskilde Universitet, Institut for Mennesker og Teknologi",
            0,
            4,
        ),
        node(long, long, 1, 0),
        node("Alene", "Alene", 2, 0),
    ];
    let groups = vec![
        SvgGroup {
            label: "Tre Partnerskaber – partnerskab 1",
            url: "partnerships/tp1/",
            members: vec![0, 1, 2, 4],
            collapsed: None,
        },
        SvgGroup {
            label: "Peer-støtte",
            url: "partnerships/peer/",
            members: vec![2, 3, 5, 6],
            collapsed: None,
        },
        SvgGroup {
            label: "Det store netværk",
            url: "partnerships/stor/",
            members: vec![5],
            collapsed: Some(("3000 medlemmer", 3000)),
        },
        SvgGroup {
            label: "Tomt",
            url: "partnerships/tomt/",
            members: vec![],
            collapsed: None,
        },
    ];
    let ties = vec![(0, 3, 2), (1, 2, 1), (2, 99, 1)];
    (nodes, groups, ties)
}

fn layout_of(nodes: usize, groups: &[SvgGroup]) -> crate::network::layout::Layout {
    let mut edges = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        edges.extend(group.members.iter().map(|&m| (m, nodes + g, 4)));
    }
    crate::network::layout::Layout::new(nodes + groups.len(), &edges)
}

fn svg() -> String {
    let (nodes, groups, ties) = fixture();
    let layout = layout_of(nodes.len(), &groups);
    draw(&nodes, &groups, &ties, &|a| layout.packed(a), &keys())
}

#[test]
fn same_input_same_bytes() {
    assert_eq!(svg(), svg());
}

#[test]
fn text_and_attributes_are_escaped() {
    let s = svg();
    assert!(!s.contains("<script>"));
    assert!(s.contains("&lt;script&gt;alert(&quot;&amp;&#39;&quot;)&lt;/script&gt;"));
    assert!(s.contains("<title id=\"network-title\">Netværk &amp; partnere</title>"));
    assert!(s.contains("Hvem &lt;arbejder&gt; med hvem"));
    assert_eq!(Esc("a\u{0}b\u{1b}c\td").to_string(), "abc\td");
}

#[test]
fn structure_and_accessibility() {
    let s = svg();
    assert!(s.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(s.trim_end().ends_with("</svg>"));
    assert!(s.contains("aria-labelledby=\"network-title network-desc\""));
    let body = &s[s.find('>').unwrap() + 1..];
    assert!(
        body.trim_start()
            .starts_with("<title id=\"network-title\">")
    );
    assert!(s.contains("a:focus-visible"));
    // Two ties and one line from the disc to its drawn member; the tie to a missing node
    // is skipped. The disc's line is dashed.
    let edges = &s[s.find("<g class=\"ng-edges\"").unwrap()..];
    let edges = &edges[..edges.find("</g>").unwrap()];
    assert_eq!(edges.matches("<line ").count(), 3);
    assert_eq!(edges.matches("stroke-dasharray").count(), 1);
    // Legend: every sector, the sizes and the regions.
    for text in [
        "Kommune",
        "Forening",
        "Virksomhed",
        "Større figur: flere bidrag",
        "Skraveret område: et partnerskab",
        "Streg: krediteret sammen",
    ] {
        assert!(s.contains(&format!(">{text}</text>")), "{text}");
    }
}

#[test]
fn every_partner_is_a_link_with_its_full_name_and_a_whole_label() {
    let (nodes, ..) = fixture();
    let s = svg();
    assert_eq!(s.matches("<a class=\"ng-partner\"").count(), nodes.len());
    // A short name is drawn; the link's title gives the full name with it.
    assert!(s.contains(
        "<title>Roskilde Universitet, Institut for Mennesker og Teknologi (RUC)</title>"
    ));
    assert!(s.contains(">RUC</tspan>"));
    // Long names are wrapped, never cut.
    assert!(!s.contains('…'));
    let tspans: Vec<&str> = s
        .split("<tspan ")
        .skip(1)
        .map(|t| &t[t.find('>').unwrap() + 1..t.find("</tspan>").unwrap()])
        .collect();
    let long = "Det Regionale Samarbejde om Børn og Unges Trivsel i Nordjylland";
    let i = tspans
        .iter()
        .position(|t| long.starts_with(t))
        .expect("the long name");
    let mut joined = String::new();
    for t in &tspans[i..] {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(t);
        if joined.len() >= long.len() {
            break;
        }
    }
    assert_eq!(joined, long);
    assert!(tspans[i] != long, "the long name is wrapped");
}

#[test]
fn partnerships_are_regions_with_their_names() {
    let s = svg();
    // Two partnerships drawn member by member: a region each; the empty one none.
    assert_eq!(s.matches("class=\"ng-region\"").count(), 2);
    let groups = &s[s.find("<g class=\"ng-groups\">").unwrap()..];
    for name in ["Tre Partnerskaber", "partnerskab 1", "Peer-støtte"] {
        assert!(groups.contains(name), "{name}");
    }
    assert!(!s.contains("Tomt"));
    // The large one is one disc, with its name and member count, and a link.
    assert_eq!(s.matches("ng-disc").count(), 1);
    assert!(s.contains("<title>Det store netværk, 3000 medlemmer</title>"));
    assert!(s.contains(">3000 medlemmer</tspan>"));
    assert!(s.contains("<a class=\"ng-group\" href=\"partnerships/stor/\">"));
}

#[test]
fn regions_hold_their_members() {
    let (nodes, groups, _) = fixture();
    let layout = layout_of(nodes.len(), &groups);
    let scene = scene(&nodes, &groups, &layout.packed(1.0), (1.0, 1.0));
    for (group, region) in groups.iter().zip(&scene.regions) {
        if group.collapsed.is_some() {
            continue;
        }
        for &m in &group.members {
            let g = scene.nodes[m];
            // Convex, counter-clockwise in these coordinates: every member lies on the
            // same side of each edge.
            for k in 0..region.len() {
                let (a, b) = (region[k], region[(k + 1) % region.len()]);
                let cross = (b.0 - a.0) * (g.y - a.1) - (b.1 - a.1) * (g.x - a.0);
                assert!(cross >= -1e-6, "{m} outside the region of {}", group.label);
            }
        }
    }
}

#[test]
fn no_label_overlaps_another_or_a_shape() {
    let (nodes, groups, _) = fixture();
    let layout = layout_of(nodes.len(), &groups);
    let requests = label_requests(&nodes, &groups);
    let (scene, labels) = arrange(&nodes, &groups, &|a| layout.packed(a), &requests);
    let drawn: Vec<&Label> = labels.iter().filter(|l| l.rect.y1 > l.rect.y0).collect();
    assert_eq!(
        drawn.len(),
        8 + 3,
        "every partner and drawn partnership is labelled"
    );
    for i in 0..drawn.len() {
        for j in i + 1..drawn.len() {
            assert!(!drawn[i].rect.overlaps(&drawn[j].rect), "{i} and {j}");
        }
        for g in scene.nodes.iter().chain(scene.discs.iter().flatten()) {
            assert!(!drawn[i].rect.overlaps(&g.rect()));
        }
    }
}

#[test]
fn a_crowd_of_labels_grows_the_drawing_instead_of_hiding_any() {
    // 150 partners with long names all in one spot: every label is still placed, clear
    // of the others.
    let names: Vec<String> = (0..150)
        .map(|i| format!("Partner nummer {i} i den store by"))
        .collect();
    let nodes: Vec<SvgNode> = names
        .iter()
        .map(|n| SvgNode {
            label: n,
            name: n,
            url: "p/",
            sector: 0,
            contributions: 1,
        })
        .collect();
    let same_spot = |_: f64| vec![(0.5, 0.5); 150];
    let requests = label_requests(&nodes, &[]);
    let (_, labels) = arrange(&nodes, &[], &same_spot, &requests);
    assert_eq!(labels.len(), 150);
    for i in 0..labels.len() {
        assert!(labels[i].rect.x0 >= 0.0 && labels[i].rect.y0 >= 0.0);
        for j in i + 1..labels.len() {
            assert!(!labels[i].rect.overlaps(&labels[j].rect), "{i} and {j}");
        }
    }
    let s = draw(&nodes, &[], &[], &same_spot, &keys());
    assert_eq!(s.matches("<text class=\"ng-label\"").count(), 150);
}

#[test]
fn sizes_grow_with_contributions_and_are_bounded() {
    let sizes: Vec<f64> = [0, 1, 4, 100, 10_000]
        .iter()
        .map(|&c| node_size(c))
        .collect();
    assert!(sizes.windows(2).all(|w| w[0] < w[1] || w[1] == 17.0));
    assert!(sizes[0] >= 5.0 && sizes[4] <= 17.0);
    assert!(disc_size(3000) <= 60.0 && disc_size(50) < disc_size(3000));
}

#[test]
fn wrapping_balances_lines_and_never_cuts() {
    assert_eq!(wrap("  Lego ", LABEL_SIZE, false), vec!["Lego"]);
    let two = wrap(
        "Facilitator/brobygger (unavngivet), partnerskab 1",
        LABEL_SIZE,
        false,
    );
    assert_eq!(
        two,
        vec!["Facilitator/brobygger", "(unavngivet), partnerskab 1"]
    );
    let long = "Det Regionale Samarbejde om Børn og Unges Trivsel i Nordjylland og Omegn";
    let lines = wrap(long, LABEL_SIZE, false);
    assert!(lines.len() >= 2);
    assert_eq!(lines.join(" "), long);
    let one_word = "Donaudampfschiffahrtsgesellschaftskapitänswitwe";
    assert_eq!(wrap(one_word, LABEL_SIZE, false), vec![one_word]);
}

#[test]
fn sectors_differ_in_colour_and_shape() {
    let looks: Vec<_> = (0..64).map(look).collect();
    for i in 0..looks.len() {
        for j in i + 1..looks.len() {
            assert_ne!(looks[i], looks[j], "sectors {i} and {j}");
        }
    }
}

#[test]
fn numbers_are_stable() {
    assert_eq!(F1(-0.01).to_string(), "0.0");
    assert_eq!(F1(f64::NAN).to_string(), "0.0");
    assert_eq!(F1(12.345).to_string(), "12.3");
}

#[test]
fn an_empty_drawing_is_valid() {
    let s = draw(&[], &[], &[], &|_| Vec::new(), &keys());
    assert!(s.starts_with("<svg") && s.trim_end().ends_with("</svg>"));
    assert_eq!(s.matches("<a ").count(), 0);
}
