//! The network drawing: partners as an SVG graph, written at build time for the network page.
//!
//! No script: each partner is a link (`<a href>`) reachable by keyboard, with its name as a
//! `<title>` and a visible focus ring. Groups (sectors) differ by colour (Okabe–Ito, safe for
//! colour-blind readers) and by shape; every shape has a dark outline. Labels that would
//! overlap are left out (the link's title and the page's table still name the partner). All
//! numbers have one decimal and nothing depends on hash order, so the same input gives the
//! same bytes.

use super::layout::ASPECT;
use std::fmt::{self, Write};

/// A partner in the drawing.
pub struct SvgNode<'a> {
    pub label: &'a str,
    /// Where the node links to, as given (usually relative).
    pub url: &'a str,
    /// Index into the `groups` of [`draw`]: picks colour and shape.
    pub group: usize,
    /// Sets the node's size.
    pub degree: usize,
}

/// A legend entry: the name of a group.
pub struct Legend<'a> {
    pub label: &'a str,
}

const WIDTH: f64 = 960.0;
/// Height of the graph area; the legend goes below it.
const PLOT_HEIGHT: f64 = 640.0;
const MARGIN_X: f64 = 36.0;
/// Makes the graph area (inside the margins) as wide as [`ASPECT`] times its height.
const MARGIN_Y: f64 = (PLOT_HEIGHT - (WIDTH - 2.0 * MARGIN_X) / ASPECT) / 2.0;
const LABEL_SIZE: f64 = 13.0;
const LABEL_MAX_CHARS: usize = 30;
const LEGEND_SIZE: f64 = 14.0;
const LEGEND_TOP: u32 = 6;
const LEGEND_ROW: u32 = 26;
const LEGEND_BOTTOM: u32 = 10;
/// Node outlines: 17:1 against white, so even the yellow nodes stand out.
const OUTLINE: &str = "#1a1a1a";
/// Edges: light, but 3:1 against white.
const EDGE: &str = "#949494";
/// Okabe–Ito.
const PALETTE: [&str; 8] = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",
];
const SHAPES: [Shape; 8] = [
    Shape::Circle,
    Shape::Square,
    Shape::TriangleUp,
    Shape::Diamond,
    Shape::Hexagon,
    Shape::Cross,
    Shape::TriangleDown,
    Shape::Pentagon,
];

const STYLE: &str = "svg.network-graph a:focus-visible .ng-ring{stroke:#000;stroke-width:3px}\
svg.network-graph a:focus-visible .ng-shape,svg.network-graph a:hover .ng-shape{stroke-width:3px}\
@media (forced-colors:active){svg.network-graph a:focus-visible .ng-ring{stroke:Highlight}}";

/// Draws the graph: `groups[i]` names group i (a sector). Returns a complete <svg> element.
///
/// `positions` are in [0,1]² (see [`super::layout::layout`]), one per node; edges naming a
/// missing node are skipped. Nodes are links in the order given, which is the keyboard order.
pub fn draw(
    nodes: &[SvgNode],
    edges: &[(usize, usize, u32)],
    positions: &[(f64, f64)],
    groups: &[Legend],
    title: &str,
    description: &str,
) -> String {
    let geoms = geometry(nodes, positions);
    let (legend, legend_height) = legend_layout(groups);
    let height = PLOT_HEIGHT as u32 + legend_height;

    let mut out = String::with_capacity(1024 + 400 * nodes.len() + 60 * edges.len());
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"network-graph\" viewBox=\"0 0 {} {height}\" \
         width=\"100%\" role=\"group\" aria-labelledby=\"network-title network-desc\">\n\
         <title id=\"network-title\">{}</title>\n<desc id=\"network-desc\">{}</desc>\n\
         <style>{STYLE}</style>\n",
        WIDTH as u32,
        Esc(title),
        Esc(description),
    );

    let _ = writeln!(
        out,
        "<g class=\"ng-edges\" stroke=\"{EDGE}\" stroke-linecap=\"round\" aria-hidden=\"true\">"
    );
    for &(a, b, w) in edges {
        if a == b || a >= geoms.len() || b >= geoms.len() {
            continue;
        }
        let width = (0.5 + 0.7 * (w.max(1) as f64).sqrt()).min(4.0);
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke-width=\"{}\"/>",
            F1(geoms[a].x),
            F1(geoms[a].y),
            F1(geoms[b].x),
            F1(geoms[b].y),
            F1(width),
        );
    }
    out.push_str("</g>\n");

    let _ = writeln!(
        out,
        "<g class=\"ng-nodes\" stroke=\"{OUTLINE}\" stroke-width=\"1.5\">"
    );
    for (node, g) in nodes.iter().zip(&geoms) {
        let (fill, shape) = look(node.group);
        let _ = write!(
            out,
            "<a href=\"{}\"><title>{}</title>",
            Esc(node.url),
            Esc(node.label)
        );
        shape.write(&mut out, g.x, g.y, g.size, fill, "ng-shape");
        let _ = writeln!(
            out,
            "<circle class=\"ng-ring\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"none\"/></a>",
            F1(g.x),
            F1(g.y),
            F1(g.extent + 4.0),
        );
    }
    out.push_str("</g>\n");

    let labels: Vec<&str> = nodes.iter().map(|n| n.label).collect();
    let degrees: Vec<usize> = nodes.iter().map(|n| n.degree).collect();
    let _ = writeln!(
        out,
        "<g class=\"ng-labels\" aria-hidden=\"true\" font-family=\"system-ui, sans-serif\" \
         font-size=\"{}\" fill=\"#111\" stroke=\"#fff\" stroke-width=\"3\" \
         stroke-linejoin=\"round\" paint-order=\"stroke\" pointer-events=\"none\">",
        LABEL_SIZE as u32,
    );
    for label in place_labels(&geoms, &labels, &degrees)
        .into_iter()
        .flatten()
    {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}</text>",
            F1(label.x),
            F1(label.y),
            label.anchor,
            Esc(&label.text),
        );
    }
    out.push_str("</g>\n");

    if !legend.is_empty() {
        let _ = write!(
            out,
            "<g class=\"ng-legend\">\n<g stroke=\"{OUTLINE}\" stroke-width=\"1.5\" aria-hidden=\"true\">\n"
        );
        for entry in &legend {
            let (fill, shape) = look(entry.group);
            shape.write(&mut out, entry.x + 10.0, entry.y, 7.0, fill, "ng-key");
            out.push('\n');
        }
        let _ = write!(
            out,
            "</g>\n<g font-family=\"system-ui, sans-serif\" font-size=\"{}\" fill=\"#111\">\n",
            LEGEND_SIZE as u32
        );
        for entry in &legend {
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\">{}</text>",
                F1(entry.x + 26.0),
                F1(entry.y + 0.35 * LEGEND_SIZE),
                Esc(groups[entry.group].label),
            );
        }
        out.push_str("</g>\n</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

/// Colour and shape of a group. Colours repeat every 8 groups; from the ninth group on the
/// shapes are shifted, so colour and shape together stay distinct for 64 groups.
fn look(group: usize) -> (&'static str, Shape) {
    (PALETTE[group % 8], SHAPES[(group + group / 8) % 8])
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
    Circle,
    Square,
    TriangleUp,
    Diamond,
    Hexagon,
    Cross,
    TriangleDown,
    Pentagon,
}

// Unit vertices, scaled so that every shape has the area of the unit circle.
const SQUARE: [(f64, f64); 4] = [
    (-0.886, -0.886),
    (0.886, -0.886),
    (0.886, 0.886),
    (-0.886, 0.886),
];
const TRIANGLE: [(f64, f64); 3] = [(0.0, -1.555), (1.347, 0.778), (-1.347, 0.778)];
const DIAMOND: [(f64, f64); 4] = [(0.0, -1.253), (1.253, 0.0), (0.0, 1.253), (-1.253, 0.0)];
const HEXAGON: [(f64, f64); 6] = [
    (0.0, -1.1),
    (0.952, -0.55),
    (0.952, 0.55),
    (0.0, 1.1),
    (-0.952, 0.55),
    (-0.952, -0.55),
];
const CROSS: [(f64, f64); 12] = [
    (-0.396, -1.189),
    (0.396, -1.189),
    (0.396, -0.396),
    (1.189, -0.396),
    (1.189, 0.396),
    (0.396, 0.396),
    (0.396, 1.189),
    (-0.396, 1.189),
    (-0.396, 0.396),
    (-1.189, 0.396),
    (-1.189, -0.396),
    (-0.396, -0.396),
];
const PENTAGON: [(f64, f64); 5] = [
    (0.0, -1.15),
    (1.093, -0.355),
    (0.676, 0.930),
    (-0.676, 0.930),
    (-1.093, -0.355),
];

impl Shape {
    /// Distance from the centre to the farthest point, per unit of size.
    fn extent(self) -> f64 {
        match self {
            Shape::Circle => 1.0,
            Shape::TriangleUp | Shape::TriangleDown => 1.555,
            Shape::Square | Shape::Diamond | Shape::Cross => 1.253,
            Shape::Hexagon => 1.1,
            Shape::Pentagon => 1.15,
        }
    }

    /// Writes the shape centred on (x, y) at size `r` (the radius of a circle of equal area).
    fn write(self, out: &mut String, x: f64, y: f64, r: f64, fill: &str, class: &str) {
        let vertices: &[(f64, f64)] = match self {
            Shape::Circle => {
                let _ = write!(
                    out,
                    "<circle class=\"{class}\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\"/>",
                    F1(x),
                    F1(y),
                    F1(r)
                );
                return;
            }
            Shape::Square => &SQUARE,
            Shape::TriangleUp | Shape::TriangleDown => &TRIANGLE,
            Shape::Diamond => &DIAMOND,
            Shape::Hexagon => &HEXAGON,
            Shape::Cross => &CROSS,
            Shape::Pentagon => &PENTAGON,
        };
        let flip = if self == Shape::TriangleDown {
            -1.0
        } else {
            1.0
        };
        let _ = write!(out, "<path class=\"{class}\" fill=\"{fill}\" d=\"");
        for (i, &(vx, vy)) in vertices.iter().enumerate() {
            let _ = write!(
                out,
                "{}{} {}",
                if i == 0 { "M" } else { "L" },
                F1(x + vx * r),
                F1(y + flip * vy * r)
            );
        }
        out.push_str("Z\"/>");
    }
}

/// A node in viewBox coordinates.
#[derive(Clone, Copy, Debug)]
struct Geom {
    x: f64,
    y: f64,
    /// Size: the radius of a circle of the same area.
    size: f64,
    /// Distance from the centre to the farthest point of the shape.
    extent: f64,
}

fn geometry(nodes: &[SvgNode], positions: &[(f64, f64)]) -> Vec<Geom> {
    // Crowded drawings get smaller nodes.
    let area = (WIDTH - 2.0 * MARGIN_X) * (PLOT_HEIGHT - 2.0 * MARGIN_Y);
    let scale = ((area / nodes.len().max(1) as f64).sqrt() / 45.0).clamp(0.5, 1.0);
    nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let (u, v) = positions.get(i).copied().unwrap_or((0.5, 0.5));
            let unit = |t: f64| {
                if t.is_finite() {
                    t.clamp(0.0, 1.0)
                } else {
                    0.5
                }
            };
            let size = scale * (6.0 + 2.0 * (node.degree as f64).sqrt()).min(18.0);
            Geom {
                x: MARGIN_X + unit(u) * (WIDTH - 2.0 * MARGIN_X),
                y: MARGIN_Y + unit(v) * (PLOT_HEIGHT - 2.0 * MARGIN_Y),
                size,
                extent: size * look(node.group).1.extent(),
            }
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn inside_plot(&self) -> bool {
        self.x0 >= 0.0 && self.y0 >= 0.0 && self.x1 <= WIDTH && self.y1 <= PLOT_HEIGHT
    }
}

/// A placed label: text at (x, y) (the baseline), and the box it covers, halo included.
#[derive(Debug)]
struct Label {
    text: String,
    x: f64,
    y: f64,
    anchor: &'static str,
    #[cfg_attr(not(test), allow(dead_code))] // checked by the tests
    rect: Rect,
}

/// Places labels greedily, highest degree first: right of the node, left, above, below. A
/// spot clear of other labels and of other nodes is preferred, then one clear of labels only;
/// if none is clear of labels, the label is left out.
fn place_labels(geoms: &[Geom], labels: &[&str], degrees: &[usize]) -> Vec<Option<Label>> {
    let mut order: Vec<usize> = (0..geoms.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(degrees.get(i).copied().unwrap_or(0)), i));
    let node_rects: Vec<Rect> = geoms
        .iter()
        .map(|g| Rect {
            x0: g.x - g.extent,
            y0: g.y - g.extent,
            x1: g.x + g.extent,
            y1: g.y + g.extent,
        })
        .collect();
    let mut placed: Vec<Option<Label>> = (0..geoms.len()).map(|_| None).collect();
    let mut taken: Vec<Rect> = Vec::new();
    for i in order {
        let text = shorten(labels.get(i).copied().unwrap_or(""));
        if text.is_empty() {
            continue;
        }
        let candidates = candidates(&geoms[i], &text);
        let clear_of_labels = |r: &Rect| r.inside_plot() && !taken.iter().any(|t| t.overlaps(r));
        let clear_of_nodes = |r: &Rect| {
            node_rects
                .iter()
                .enumerate()
                .all(|(j, n)| j == i || !n.overlaps(r))
        };
        let pick = candidates
            .iter()
            .position(|c| clear_of_labels(&c.3) && clear_of_nodes(&c.3))
            .or_else(|| candidates.iter().position(|c| clear_of_labels(&c.3)));
        if let Some(k) = pick {
            let (x, y, anchor, rect) = candidates[k];
            taken.push(rect);
            placed[i] = Some(Label {
                text,
                x,
                y,
                anchor,
                rect,
            });
        }
    }
    placed
}

/// Right, left, above and below the node: anchor point, text-anchor, and box.
fn candidates(g: &Geom, text: &str) -> [(f64, f64, &'static str, Rect); 4] {
    const GAP: f64 = 4.0;
    const HALO: f64 = 2.0;
    let (ascent, descent) = (0.8 * LABEL_SIZE, 0.25 * LABEL_SIZE);
    let w = text_width(text, LABEL_SIZE);
    let mid = g.y + 0.35 * LABEL_SIZE;
    let above = g.y - g.extent - GAP - descent;
    let below = g.y + g.extent + GAP + ascent;
    let rect = |x0: f64, baseline: f64| Rect {
        x0: x0 - HALO,
        y0: baseline - ascent - HALO,
        x1: x0 + w + HALO,
        y1: baseline + descent + HALO,
    };
    let right = g.x + g.extent + GAP;
    let left = g.x - g.extent - GAP;
    [
        (right, mid, "start", rect(right, mid)),
        (left, mid, "end", rect(left - w, mid)),
        (g.x, above, "middle", rect(g.x - w / 2.0, above)),
        (g.x, below, "middle", rect(g.x - w / 2.0, below)),
    ]
}

/// The label as shown: at most [`LABEL_MAX_CHARS`] characters, cut with an ellipsis.
fn shorten(label: &str) -> String {
    let label = label.trim();
    if label.chars().count() <= LABEL_MAX_CHARS {
        return label.to_string();
    }
    let cut: String = label.chars().take(LABEL_MAX_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// A generous estimate of the width of `text` in a sans-serif font, so that estimated boxes
/// that do not overlap hold text that does not either.
fn text_width(text: &str, size: f64) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.32,
            'f' | 't' | 'r' | ' ' | '(' | ')' | '-' | '/' => 0.42,
            'm' | 'w' | 'M' | 'W' | '@' | 'Æ' | 'æ' | 'Œ' | 'œ' => 0.92,
            'A'..='Z' | 'Å' | 'Ä' | 'Ö' | 'Ø' | 'Ü' => 0.72,
            c if (c as u32) < 0x2E80 => 0.62,
            _ => 1.0, // CJK and other wide characters
        })
        .sum();
    em * size
}

/// A legend entry: its group and the centre of its key shape.
struct Entry {
    group: usize,
    x: f64,
    y: f64,
}

/// Flows the legend entries into rows below the graph; returns them and the legend's height.
fn legend_layout(groups: &[Legend]) -> (Vec<Entry>, u32) {
    if groups.is_empty() {
        return (Vec::new(), 0);
    }
    let mut entries = Vec::with_capacity(groups.len());
    let (mut x, mut row) = (MARGIN_X, 0u32);
    for (group, legend) in groups.iter().enumerate() {
        let width = 26.0 + text_width(legend.label, LEGEND_SIZE) + 22.0;
        if x > MARGIN_X && x + width > WIDTH - MARGIN_X {
            x = MARGIN_X;
            row += 1;
        }
        let y = PLOT_HEIGHT + (LEGEND_TOP + row * LEGEND_ROW) as f64 + LEGEND_ROW as f64 / 2.0;
        entries.push(Entry { group, x, y });
        x += width;
    }
    (entries, LEGEND_TOP + (row + 1) * LEGEND_ROW + LEGEND_BOTTOM)
}

/// Text or attribute value escaped for XML; characters XML cannot hold are dropped.
struct Esc<'a>(&'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(|c: char| {
            matches!(c, '&' | '<' | '>' | '"' | '\'' | '\u{FFFE}' | '\u{FFFF}')
                || (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
        }) {
            f.write_str(&rest[..i])?;
            let c = rest[i..].chars().next().unwrap_or_default();
            f.write_str(match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => "",
            })?;
            rest = &rest[i + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// A number with one decimal; never `-0.0`, never NaN.
struct F1(f64);

impl fmt::Display for F1 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        let v = if v.abs() < 0.05 { 0.0 } else { v };
        write!(f, "{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GROUPS: [Legend; 3] = [
        Legend { label: "Kommune" },
        Legend { label: "Forening" },
        Legend {
            label: "Virksomhed",
        },
    ];

    type Fixture = (
        Vec<SvgNode<'static>>,
        Vec<(usize, usize, u32)>,
        Vec<(f64, f64)>,
    );

    fn fixture() -> Fixture {
        let nodes = vec![
            SvgNode {
                label: "Aarhus Kommune",
                url: "partners/aarhus/",
                group: 0,
                degree: 3,
            },
            SvgNode {
                label: "<script>alert(\"&'\")</script>",
                url: "partners/x/?a=1&b=\"2\"",
                group: 1,
                degree: 1,
            },
            SvgNode {
                label: "Røde Kors",
                url: "partners/roede-kors/",
                group: 1,
                degree: 2,
            },
            SvgNode {
                label: "Lego",
                url: "partners/lego/",
                group: 2,
                degree: 0,
            },
        ];
        let edges = vec![(0, 1, 1), (0, 2, 4), (1, 2, 1), (2, 9, 1)];
        let positions = crate::network::layout::layout(nodes.len(), &edges);
        (nodes, edges, positions)
    }

    fn svg() -> String {
        let (nodes, edges, positions) = fixture();
        draw(
            &nodes,
            &edges,
            &positions,
            &GROUPS,
            "Netværk & partnere",
            "Hvem <arbejder> med hvem",
        )
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
        assert!(s.contains("href=\"partners/x/?a=1&amp;b=&quot;2&quot;\""));
        assert!(s.contains("<title id=\"network-title\">Netværk &amp; partnere</title>"));
        assert!(s.contains("Hvem &lt;arbejder&gt; med hvem"));
        assert_eq!(Esc("a\u{0}b\u{1b}c\td").to_string(), "abc\td");
    }

    #[test]
    fn structure_and_accessibility() {
        let s = svg();
        assert!(s.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(s.trim_end().ends_with("</svg>"));
        assert!(s.contains("viewBox=\"0 0 960 "));
        assert!(s.contains("width=\"100%\""));
        assert!(s.contains("aria-labelledby=\"network-title network-desc\""));
        assert!(!s.contains("role=\"img\""));
        // Title and desc are the first children.
        let body = &s[s.find('>').unwrap() + 1..];
        assert!(
            body.trim_start()
                .starts_with("<title id=\"network-title\">")
        );
        let after_title = &body[body.find("</title>").unwrap() + 8..];
        assert!(
            after_title
                .trim_start()
                .starts_with("<desc id=\"network-desc\">")
        );
        assert!(s.contains("a:focus-visible"));
        assert!(s.contains("paint-order=\"stroke\""));
        // The edge to a missing node is skipped.
        assert_eq!(s.matches("<line ").count(), 3);
        // Legend: one entry per group.
        for g in &GROUPS {
            assert!(s.contains(&format!(">{}</text>", g.label)));
        }
        assert_eq!(s.matches("class=\"ng-key\"").count(), 3);
    }

    #[test]
    fn every_node_is_a_link_with_its_title() {
        let (nodes, ..) = fixture();
        let s = svg();
        assert_eq!(s.matches("<a href=").count(), nodes.len());
        for n in &nodes {
            let link = format!("<a href=\"{}\"><title>{}</title>", Esc(n.url), Esc(n.label));
            assert!(s.contains(&link), "missing {link}");
        }
    }

    #[test]
    fn groups_differ_in_colour_and_shape() {
        let looks: Vec<_> = (0..64).map(look).collect();
        for i in 0..looks.len() {
            for j in i + 1..looks.len() {
                assert_ne!(looks[i], looks[j], "groups {i} and {j}");
            }
        }
        for i in 0..8 {
            for j in i + 1..8 {
                assert_ne!(looks[i].1, looks[j].1, "shapes of groups {i} and {j}");
            }
        }
    }

    #[test]
    fn node_size_grows_with_degree_and_is_bounded() {
        let nodes: Vec<SvgNode> = [0, 1, 4, 100, 10_000]
            .iter()
            .map(|&degree| SvgNode {
                label: "x",
                url: "x",
                group: 0,
                degree,
            })
            .collect();
        let g = geometry(&nodes, &[]);
        assert!(g.windows(2).all(|w| w[0].size <= w[1].size));
        assert!(g[0].size >= 6.0 && g[4].size <= 18.0);
    }

    #[test]
    fn numbers_are_stable() {
        assert_eq!(F1(-0.01).to_string(), "0.0");
        assert_eq!(F1(f64::NAN).to_string(), "0.0");
        assert_eq!(F1(12.345).to_string(), "12.3");
    }

    #[test]
    fn labels_never_overlap_in_a_crowd() {
        // 150 nodes with long labels, packed in a small area.
        let labels: Vec<String> = (0..150)
            .map(|i| format!("Partner nummer {i} i byen"))
            .collect();
        let geoms: Vec<Geom> = (0..150)
            .map(|i| {
                let (x, y) = (
                    200.0 + (i % 15) as f64 * 14.0,
                    200.0 + (i / 15) as f64 * 11.0,
                );
                Geom {
                    x,
                    y,
                    size: 6.0,
                    extent: 6.0,
                }
            })
            .collect();
        let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let degrees: Vec<usize> = (0..150).map(|i| i % 7).collect();
        let placed = place_labels(&geoms, &refs, &degrees);
        let rects: Vec<Rect> = placed.iter().flatten().map(|l| l.rect).collect();
        assert!(rects.len() > 5, "some labels fit");
        assert!(rects.len() < 150, "the crowd forces some out");
        for i in 0..rects.len() {
            assert!(rects[i].inside_plot());
            for j in i + 1..rects.len() {
                assert!(
                    !rects[i].overlaps(&rects[j]),
                    "{:?} and {:?}",
                    rects[i],
                    rects[j]
                );
            }
        }
        // And in a full drawing: the labels drawn are those placed.
        let nodes: Vec<SvgNode> = refs
            .iter()
            .zip(&degrees)
            .map(|(&label, &degree)| SvgNode {
                label,
                url: "p/",
                group: degree,
                degree,
            })
            .collect();
        let positions: Vec<(f64, f64)> = (0..150)
            .map(|i| ((i % 15) as f64 / 40.0, (i / 15) as f64 / 40.0))
            .collect();
        let s = draw(&nodes, &[], &positions, &[], "t", "d");
        let drawn = s.matches("<text ").count();
        let expected = place_labels(&geometry(&nodes, &positions), &refs, &degrees)
            .iter()
            .flatten()
            .count();
        assert_eq!(drawn, expected);
        assert!(!s.contains("ng-legend"));
    }

    #[test]
    fn long_labels_are_shortened() {
        let long = "Det Regionale Samarbejde om Børn og Unges Trivsel";
        let short = shorten(long);
        assert_eq!(short.chars().count(), LABEL_MAX_CHARS);
        assert!(short.ends_with('…'));
        assert_eq!(shorten("  Lego "), "Lego");
    }

    #[test]
    fn legend_wraps_and_empty_graph_is_valid() {
        let many: Vec<Legend> = (0..12)
            .map(|_| Legend {
                label: "En ret lang sektorbetegnelse",
            })
            .collect();
        let (entries, height) = legend_layout(&many);
        assert!(entries.iter().any(|e| e.y > entries[0].y));
        assert!(
            entries
                .iter()
                .all(|e| e.x + 26.0 + text_width(many[0].label, LEGEND_SIZE) <= WIDTH)
        );
        let s = draw(&[], &[], &[], &many, "t", "d");
        assert!(s.contains(&format!("viewBox=\"0 0 960 {}\"", 640 + height)));
        assert_eq!(s.matches("<a ").count(), 0);
    }
}
