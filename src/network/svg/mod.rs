//! The network drawing: partners and their partnerships as an SVG, written at build time for
//! the network page.
//!
//! No script: each partner is a link (`<a href>`) reachable by keyboard, with its full name as
//! a `<title>` and a visible focus ring. Sectors differ by colour (Okabe–Ito, safe for
//! colour-blind readers) and by shape; a partner's size grows with its contributions. Each
//! partnership is a shaded region around its members with its name on it; a partnership too
//! large to draw member by member is one disc with its name and member count.
//!
//! Every label is drawn whole (wrapped on up to a few lines, never cut) and no label covers
//! another label or a shape: when the labels do not fit, the drawing grows taller (labels are
//! wide and short, so vertical room frees them fastest) and, as a last resort, a label moves
//! farther out with a leader line. All numbers have one decimal and nothing depends on hash
//! order, so the same input gives the same bytes.

use std::fmt::{self, Write};

mod labels;
mod legend;
mod regions;
mod shapes;
#[cfg(test)]
mod tests;

use labels::*;
use legend::*;
use regions::*;
use shapes::*;

/// A partner in the drawing.
pub struct SvgNode<'a> {
    /// The text drawn beside it: its short name, or its name.
    pub label: &'a str,
    /// Its full name, for the link's title (the accessible name).
    pub name: &'a str,
    /// Where the node links to, as given (usually relative).
    pub url: &'a str,
    /// Index into the sectors of [`Keys`]: picks colour and shape.
    pub sector: usize,
    /// How many items credit it: sets the node's size.
    pub contributions: usize,
}

/// A partnership in the drawing.
pub struct SvgGroup<'a> {
    pub label: &'a str,
    pub url: &'a str,
    /// Its members that are drawn, as indices into the nodes.
    pub members: Vec<usize>,
    /// When the partnership is drawn as one disc instead of member by member: the line under
    /// its name (its member count), and the number of members, which sets the disc's size.
    pub collapsed: Option<(&'a str, usize)>,
}

/// A legend entry: the name of a sector.
pub struct Legend<'a> {
    pub label: &'a str,
}

/// The words of the drawing.
pub struct Keys<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub sectors: &'a [Legend<'a>],
    /// Explains the sizes ("Larger shape: more contributions").
    pub size: &'a str,
    /// Explains the shaded regions ("Shaded region: a partnership").
    pub region: &'a str,
    /// Explains the lines ("Line: credited together on an item").
    pub line: &'a str,
}

const WIDTH: f64 = 1080.0;
const MARGIN_X: f64 = 36.0;
/// Room above and below the nodes, for the partnerships' names and the labels.
const MARGIN_Y: f64 = 56.0;
/// The nodes' area is this wide, and as high as the frame's shape makes it.
const INNER_W: f64 = WIDTH - 2.0 * MARGIN_X;
/// The frames tried, widest first: width over height of the area the components are packed
/// into (a taller frame puts them in more rows, each drawn larger), and how much that area is
/// then stretched downwards (which frees wide labels within one component).
const ASPECTS: [f64; 10] = [1.6, 1.35, 1.15, 1.0, 0.85, 0.72, 0.6, 0.5, 0.4, 0.32];
const STRETCHES: [f64; 2] = [1.0, 1.3];
const LABEL_SIZE: f64 = 13.0;
const GROUP_LABEL_SIZE: f64 = 14.0;
/// A label's lines are wrapped to about this width.
const LINE_WIDTH: f64 = 190.0;
/// Font metrics (of a generous sans-serif): ascent and descent per unit of size, and the
/// distance between baselines.
const ASCENT: f64 = 0.96;
const DESCENT: f64 = 0.28;
const LEADING: f64 = 1.25;
/// The white halo around each label's text.
const HALO: f64 = 2.0;
/// Between a shape and its label.
const GAP: f64 = 3.0;
/// Between a member and the edge of its partnership's region.
const REGION_PAD: f64 = 12.0;
const LEGEND_SIZE: f64 = 14.0;
const LEGEND_TOP: u32 = 6;
const LEGEND_ROW: u32 = 26;
const LEGEND_BOTTOM: u32 = 10;
/// Node outlines: 17:1 against white, so even the yellow nodes stand out.
const OUTLINE: &str = "#1a1a1a";
/// Lines: light, but 3:1 against white.
const EDGE: &str = "#949494";
/// Region outlines: 4.5:1 against white and against the pale fills.
const REGION_LINE: &str = "#6b6b6b";
/// Pale region fills; the regions are told apart by their names, not by these.
const REGION_FILLS: [&str; 4] = ["#eef3fb", "#f6f0e6", "#eef6ef", "#f5eef5"];
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
svg.network-graph a:focus-visible .ng-name,svg.network-graph a:hover .ng-name{text-decoration:underline}\
svg.network-graph text{font-family:system-ui,sans-serif}\
svg.network-graph .ng-label{fill:#111;stroke:#fff;stroke-width:3px;stroke-linejoin:round;paint-order:stroke}\
@media (forced-colors:active){svg.network-graph a:focus-visible .ng-ring{stroke:Highlight}}";

/// Draws the network: `nodes` are the partners drawn, `groups` the partnerships, `ties` the
/// lines between partners (credited together on items, with a weight). `positions(aspect)`
/// gives positions in [0,1]² of a frame `aspect` times as wide as high (see
/// [`super::layout::Layout::packed`]): first one per node, then one per group (used when the
/// group is drawn as one disc). Returns a complete <svg> element.
///
/// Nodes are links in the order given, which is the keyboard order; then the partnerships.
pub fn draw(
    nodes: &[SvgNode],
    groups: &[SvgGroup],
    ties: &[(usize, usize, u32)],
    positions: &dyn Fn(f64) -> Vec<(f64, f64)>,
    keys: &Keys,
) -> String {
    let requests = label_requests(nodes, groups);
    let (scene, labels) = arrange(nodes, groups, positions, &requests);
    let (legend, legend_height) = legend_layout(keys);
    // Likewise it ends just below its lowest shape or label.
    let bottom = labels
        .iter()
        .map(|l| l.rect.y1)
        .chain(scene.regions.iter().flatten().map(|p| p.1))
        .chain(
            scene
                .nodes
                .iter()
                .chain(scene.discs.iter().flatten())
                .map(|g| g.rect().y1),
        )
        .fold(0.0, f64::max);
    let plot_height = (bottom + 12.0).ceil();
    let width = labels
        .iter()
        .map(|l| l.rect.x1)
        .fold(WIDTH, f64::max)
        .ceil();
    // A tall frame may leave the components room above them: the drawing starts just above
    // its highest shape or label.
    let top = labels
        .iter()
        .filter(|l| l.rect.y1 > l.rect.y0)
        .map(|l| l.rect.y0)
        .chain(scene.regions.iter().flatten().map(|p| p.1))
        .chain(
            scene
                .nodes
                .iter()
                .chain(scene.discs.iter().flatten())
                .map(|g| g.rect().y0),
        )
        .fold(plot_height, f64::min);
    let top = (top - 12.0).max(0.0).floor();
    let height = plot_height - top + legend_height as f64;

    let mut out = String::with_capacity(2048 + 600 * nodes.len() + 60 * ties.len());
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"network-graph\" viewBox=\"0 {} {} {}\" \
         width=\"{}\" height=\"{}\" role=\"group\" aria-labelledby=\"network-title network-desc\">\n\
         <title id=\"network-title\">{}</title>\n<desc id=\"network-desc\">{}</desc>\n\
         <style>{STYLE}</style>\n",
        top as u32,
        width as u32,
        height as u32,
        width as u32,
        height as u32,
        Esc(keys.title),
        Esc(keys.description),
    );

    // The partnerships' regions, under everything else.
    out.push_str("<g class=\"ng-regions\" aria-hidden=\"true\">\n");
    for (g, region) in scene.regions.iter().enumerate() {
        if region.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "<path class=\"ng-region\" fill=\"{}\" stroke=\"{REGION_LINE}\" stroke-width=\"1.5\" \
             stroke-dasharray=\"6 3\" stroke-linejoin=\"round\" d=\"",
            REGION_FILLS[g % REGION_FILLS.len()]
        );
        for (k, &(x, y)) in region.iter().enumerate() {
            let _ = write!(out, "{}{} {}", if k == 0 { "M" } else { "L" }, F1(x), F1(y));
        }
        out.push_str("Z\"/>\n");
    }
    out.push_str("</g>\n");

    let _ = writeln!(
        out,
        "<g class=\"ng-edges\" stroke=\"{EDGE}\" stroke-linecap=\"round\" aria-hidden=\"true\">"
    );
    // A member's line to its partnership's disc is dashed: it is a membership, not an item.
    let line = |out: &mut String, a: &Geom, b: &Geom, width: f64, dashed: bool| {
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke-width=\"{}\"{}/>",
            F1(a.x),
            F1(a.y),
            F1(b.x),
            F1(b.y),
            F1(width),
            if dashed {
                " stroke-dasharray=\"5 4\""
            } else {
                ""
            },
        );
    };
    for &(a, b, w) in ties {
        if a == b || a >= scene.nodes.len() || b >= scene.nodes.len() {
            continue;
        }
        let width = (0.5 + 0.7 * (w.max(1) as f64).sqrt()).min(4.0);
        line(&mut out, &scene.nodes[a], &scene.nodes[b], width, false);
    }
    for (group, disc) in groups.iter().zip(&scene.discs) {
        if let Some(disc) = disc {
            for &m in &group.members {
                if let Some(node) = scene.nodes.get(m) {
                    line(&mut out, disc, node, 1.2, true);
                }
            }
        }
    }
    for label in &labels {
        if let Some((x1, y1, x2, y2)) = label.leader {
            let _ = writeln!(
                out,
                "<line class=\"ng-leader\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke-width=\"1\" stroke-dasharray=\"2 2\"/>",
                F1(x1),
                F1(y1),
                F1(x2),
                F1(y2),
            );
        }
    }
    out.push_str("</g>\n");

    // Partners: the shape, the focus ring and the label in one link.
    let _ = writeln!(out, "<g class=\"ng-nodes\">");
    for (i, (node, g)) in nodes.iter().zip(&scene.nodes).enumerate() {
        let (fill, shape) = look(node.sector);
        let title = if node.label.trim() == node.name.trim() {
            Esc(node.name).to_string()
        } else {
            format!("{} ({})", Esc(node.name), Esc(node.label))
        };
        let _ = write!(
            out,
            "<a class=\"ng-partner\" href=\"{}\"><title>{title}</title>\
             <g stroke=\"{OUTLINE}\" stroke-width=\"1.5\">",
            Esc(node.url),
        );
        shape.write(&mut out, g.x, g.y, g.size, fill, "ng-shape");
        let _ = write!(
            out,
            "<circle class=\"ng-ring\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"none\"/></g>",
            F1(g.x),
            F1(g.y),
            F1(g.extent + 3.0),
        );
        write_label(
            &mut out,
            &labels[groups.len() + i],
            &requests[groups.len() + i],
            true,
        );
        out.push_str("</a>\n");
    }
    out.push_str("</g>\n");

    // Partnerships: a disc for a large one, and each one's name as a link to its page.
    let _ = writeln!(out, "<g class=\"ng-groups\">");
    for (g, group) in groups.iter().enumerate() {
        if requests[g].lines.is_empty() {
            continue;
        }
        let _ = write!(out, "<a class=\"ng-group\" href=\"{}\">", Esc(group.url));
        if let (Some(disc), Some((count, _))) = (&scene.discs[g], group.collapsed) {
            let _ = write!(
                out,
                "<title>{}, {}</title><circle class=\"ng-shape ng-disc\" cx=\"{}\" cy=\"{}\" r=\"{}\" \
                 fill=\"{}\" stroke=\"{OUTLINE}\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>\
                 <circle class=\"ng-ring\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"none\"/>",
                Esc(group.label),
                Esc(count),
                F1(disc.x),
                F1(disc.y),
                F1(disc.size),
                REGION_FILLS[g % REGION_FILLS.len()],
                F1(disc.x),
                F1(disc.y),
                F1(disc.extent + 3.0),
            );
            write_label(&mut out, &labels[g], &requests[g], true);
        } else {
            write_label(&mut out, &labels[g], &requests[g], false);
        }
        out.push_str("</a>\n");
    }
    out.push_str("</g>\n");

    write_legend(&mut out, keys, &legend, plot_height);
    out.push_str("</svg>\n");
    out
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
