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

/// Writes a placed label as a <text> with one <tspan> per line. A partner's label repeats its
/// link's title, so it is hidden from assistive technology; a partnership's name is its
/// link's only name, so it is not.
fn write_label(out: &mut String, label: &Label, request: &Request, hidden: bool) {
    let _ = write!(
        out,
        "<text class=\"ng-label{}\" font-size=\"{}\" text-anchor=\"{}\"{}{}>",
        if request.role == Role::Region {
            " ng-name"
        } else {
            ""
        },
        request.size as u32,
        label.anchor,
        if request.bold {
            " font-weight=\"700\""
        } else {
            ""
        },
        if hidden { " aria-hidden=\"true\"" } else { "" },
    );
    for (k, text) in request.lines.iter().enumerate() {
        let _ = write!(
            out,
            "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
            F1(label.x),
            F1(label.baseline + k as f64 * LEADING * request.size),
            Esc(text)
        );
    }
    out.push_str("</text>");
}

/// Colour and shape of a sector. Colours repeat every 8 sectors; from the ninth on the
/// shapes are shifted, so colour and shape together stay distinct for 64 sectors.
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

/// A shape in viewBox coordinates.
#[derive(Clone, Copy, Debug)]
struct Geom {
    x: f64,
    y: f64,
    /// Size: the radius of a circle of the same area.
    size: f64,
    /// Distance from the centre to the farthest point of the shape.
    extent: f64,
}

impl Geom {
    fn rect(&self) -> Rect {
        Rect {
            x0: self.x - self.extent,
            y0: self.y - self.extent,
            x1: self.x + self.extent,
            y1: self.y + self.extent,
        }
    }
}

/// A partner's size: grows with the square root of its contributions, so area tracks them.
fn node_size(contributions: usize) -> f64 {
    (5.0 + 2.4 * (contributions as f64).sqrt()).min(17.0)
}

/// A partnership drawn as one disc: grows with its member count, within bounds.
fn disc_size(members: usize) -> f64 {
    (14.0 + 1.2 * (members as f64).sqrt()).min(60.0)
}

/// The drawing's shapes at one stretch of the nodes' area.
struct Scene {
    nodes: Vec<Geom>,
    /// The disc of each group drawn as one.
    discs: Vec<Option<Geom>>,
    /// The outline of each group drawn member by member (a convex polygon); empty otherwise.
    regions: Vec<Vec<(f64, f64)>>,
    /// Height of the drawing above the legend.
    plot_height: f64,
}

fn scene(
    nodes: &[SvgNode],
    groups: &[SvgGroup],
    positions: &[(f64, f64)],
    (aspect, stretch): (f64, f64),
) -> Scene {
    let inner_h = INNER_W / aspect * stretch;
    let unit = |t: f64| {
        if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            0.5
        }
    };
    let at = |i: usize| {
        let (u, v) = positions.get(i).copied().unwrap_or((0.5, 0.5));
        (MARGIN_X + unit(u) * INNER_W, MARGIN_Y + unit(v) * inner_h)
    };
    // Crowded drawings get smaller nodes.
    let crowd = ((INNER_W * inner_h / nodes.len().max(1) as f64).sqrt() / 45.0).clamp(0.6, 1.0);
    let nodes_geom: Vec<Geom> = nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let (x, y) = at(i);
            let size = crowd * node_size(node.contributions);
            Geom {
                x,
                y,
                size,
                extent: size * look(node.sector).1.extent(),
            }
        })
        .collect();
    let discs = groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            group.collapsed.map(|(_, count)| {
                let (x, y) = at(nodes.len() + g);
                let size = disc_size(count);
                Geom {
                    x,
                    y,
                    size,
                    extent: size,
                }
            })
        })
        .collect();
    let regions = groups
        .iter()
        .map(|group| {
            if group.collapsed.is_some() {
                return Vec::new();
            }
            let mut points = Vec::with_capacity(group.members.len() * COMPASS.len());
            for g in group.members.iter().filter_map(|&m| nodes_geom.get(m)) {
                let r = g.extent + REGION_PAD;
                points.extend(COMPASS.iter().map(|&(u, v)| (g.x + u * r, g.y + v * r)));
            }
            convex_hull(points)
        })
        .collect();
    Scene {
        nodes: nodes_geom,
        discs,
        regions,
        plot_height: 2.0 * MARGIN_Y + inner_h,
    }
}

/// Sixteen unit vectors around the compass, from east clockwise (y grows downwards).
const COMPASS: [(f64, f64); 16] = [
    (1.0, 0.0),
    (0.924, 0.383),
    (0.707, 0.707),
    (0.383, 0.924),
    (0.0, 1.0),
    (-0.383, 0.924),
    (-0.707, 0.707),
    (-0.924, 0.383),
    (-1.0, 0.0),
    (-0.924, -0.383),
    (-0.707, -0.707),
    (-0.383, -0.924),
    (0.0, -1.0),
    (0.383, -0.924),
    (0.707, -0.707),
    (0.924, -0.383),
];

/// The convex hull of `points` (Andrew's monotone chain), without repeated corners.
fn convex_hull(mut points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    points.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    points.dedup();
    if points.len() < 3 {
        return points;
    }
    let cross = |o: (f64, f64), a: (f64, f64), b: (f64, f64)| {
        (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
    };
    let mut hull: Vec<(f64, f64)> = Vec::with_capacity(2 * points.len());
    for pass in 0..2 {
        let start = hull.len();
        let iter: Box<dyn Iterator<Item = &(f64, f64)>> = if pass == 0 {
            Box::new(points.iter())
        } else {
            Box::new(points.iter().rev())
        };
        for &p in iter {
            while hull.len() >= start + 2
                && cross(hull[hull.len() - 2], hull[hull.len() - 1], p) <= 0.0
            {
                hull.pop();
            }
            hull.push(p);
        }
        hull.pop(); // the last point is the first of the other chain
    }
    hull
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
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    /// A partnership's name on its region.
    Region,
    /// A partnership drawn as one disc.
    Disc,
    Partner,
}

/// A label to place: its lines, what it labels, and its size on the page.
#[derive(Debug)]
struct Request {
    lines: Vec<String>,
    role: Role,
    /// The node or group, by index.
    index: usize,
    size: f64,
    bold: bool,
    /// Width and height of its box, halo included.
    w: f64,
    h: f64,
}

/// The labels in the order they are placed: the partnerships' names first (they are few and
/// name whole regions), then the partners, most contributions first. Partner `i` is at
/// `groups.len() + i`.
fn label_requests(nodes: &[SvgNode], groups: &[SvgGroup]) -> Vec<Request> {
    let request =
        |text: &str, extra: Option<&str>, role: Role, index: usize, size: f64, bold: bool| {
            let mut lines = wrap(text, size, bold);
            if let Some(extra) = extra
                && !lines.is_empty()
            {
                lines.extend(wrap(extra, size, false));
            }
            let weight = if bold { 1.1 } else { 1.0 };
            let w = lines
                .iter()
                .map(|l| weight * text_width(l, size))
                .fold(0.0, f64::max);
            let h = if lines.is_empty() {
                0.0
            } else {
                (lines.len() - 1) as f64 * LEADING * size + (ASCENT + DESCENT) * size
            };
            Request {
                lines,
                role,
                index,
                size,
                bold,
                w: w + 2.0 * HALO,
                h: h + 2.0 * HALO,
            }
        };
    let mut out: Vec<Request> = groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            let empty = group.members.is_empty() && group.collapsed.is_none();
            let (role, extra) = match group.collapsed {
                Some((count, _)) => (Role::Disc, Some(count)),
                None => (Role::Region, None),
            };
            request(
                if empty { "" } else { group.label },
                extra,
                role,
                g,
                GROUP_LABEL_SIZE,
                true,
            )
        })
        .collect();
    out.extend(
        nodes
            .iter()
            .enumerate()
            .map(|(i, n)| request(n.label, None, Role::Partner, i, LABEL_SIZE, false)),
    );
    out
}

/// A placed label: its box (halo included), the x of its lines, the baseline of its first
/// line, and a leader line from what it labels when it had to move away.
#[derive(Debug, Clone)]
struct Label {
    rect: Rect,
    x: f64,
    baseline: f64,
    anchor: &'static str,
    leader: Option<(f64, f64, f64, f64)>,
}

impl Label {
    fn at(x0: f64, y0: f64, anchor: &'static str, request: &Request) -> Label {
        let rect = Rect {
            x0,
            y0,
            x1: x0 + request.w,
            y1: y0 + request.h,
        };
        let x = match anchor {
            "start" => x0 + HALO,
            "end" => rect.x1 - HALO,
            _ => x0 + request.w / 2.0,
        };
        Label {
            rect,
            x,
            baseline: y0 + HALO + ASCENT * request.size,
            anchor,
            leader: None,
        }
    }
}

/// Lays the drawing out at the smallest stretch at which every label has a spot of its own
/// near what it labels; failing that, at the largest, with the labels that found no such spot
/// moved farther out. Every label is placed.
fn arrange(
    nodes: &[SvgNode],
    groups: &[SvgGroup],
    positions: &dyn Fn(f64) -> Vec<(f64, f64)>,
    requests: &[Request],
) -> (Scene, Vec<Label>) {
    let mut frames: Vec<(f64, f64)> = ASPECTS
        .iter()
        .flat_map(|&a| STRETCHES.iter().map(move |&s| (a, s)))
        .collect();
    frames.sort_by(|x, y| (x.1 / x.0).total_cmp(&(y.1 / y.0)));
    let mut packed: Vec<(f64, Vec<(f64, f64)>)> = Vec::new();
    let mut at = |aspect: f64| -> Vec<(f64, f64)> {
        if let Some((_, p)) = packed.iter().find(|(a, _)| *a == aspect) {
            return p.clone();
        }
        let p = positions(aspect);
        packed.push((aspect, p.clone()));
        p
    };
    for &frame in &frames {
        let scene = scene(nodes, groups, &at(frame.0), frame);
        if let Some(labels) = place_labels(&scene, requests, false) {
            return (scene, labels);
        }
    }
    let last = frames[frames.len() - 1];
    let scene = scene(nodes, groups, &at(last.0), last);
    let labels = place_labels(&scene, requests, true).unwrap_or_default();
    (scene, labels)
}

/// What a label labels, as a box.
fn anchor_rect(scene: &Scene, request: &Request) -> Rect {
    match request.role {
        Role::Partner => scene.nodes[request.index].rect(),
        Role::Disc => scene.discs[request.index].map_or(
            Rect {
                x0: 0.0,
                y0: 0.0,
                x1: 0.0,
                y1: 0.0,
            },
            |d| d.rect(),
        ),
        Role::Region => scene.regions[request.index].iter().fold(
            Rect {
                x0: f64::MAX,
                y0: f64::MAX,
                x1: f64::MIN,
                y1: f64::MIN,
            },
            |r, &(x, y)| Rect {
                x0: r.x0.min(x),
                y0: r.y0.min(y),
                x1: r.x1.max(x),
                y1: r.y1.max(y),
            },
        ),
    }
}

/// Places every label clear of every other label and every shape, in request order. Near
/// spots come first (right, left, above, below, the corners; a region's name above or below
/// it); with `fall_back`, a label that finds none moves outwards ring by ring, with a leader
/// line, and at worst below everything. Without it, a label with no near spot gives `None`.
fn place_labels(scene: &Scene, requests: &[Request], fall_back: bool) -> Option<Vec<Label>> {
    let shapes: Vec<Rect> = scene
        .nodes
        .iter()
        .chain(scene.discs.iter().flatten())
        .map(Geom::rect)
        .collect();
    // By group: the box of its region (none for a disc or an empty group).
    let region_boxes: Vec<Rect> = requests
        .iter()
        .take_while(|r| r.role != Role::Partner)
        .map(|r| {
            if r.role != Role::Region || scene.regions[r.index].is_empty() {
                Rect {
                    x0: 0.0,
                    y0: 0.0,
                    x1: 0.0,
                    y1: 0.0,
                }
            } else {
                anchor_rect(scene, r)
            }
        })
        .collect();
    let mut taken: Vec<Rect> = Vec::with_capacity(requests.len());
    let mut labels = Vec::with_capacity(requests.len());
    let clear = |r: &Rect, taken: &[Rect]| {
        !taken.iter().any(|t| t.overlaps(r)) && !shapes.iter().any(|s| s.overlaps(r))
    };
    for request in requests {
        if request.lines.is_empty() {
            let none = Label::at(0.0, 0.0, "start", request);
            labels.push(Label {
                rect: Rect {
                    x0: 0.0,
                    y0: 0.0,
                    x1: 0.0,
                    y1: 0.0,
                },
                ..none
            });
            continue;
        }
        let a = anchor_rect(scene, request);
        let (w, h) = (request.w, request.h);
        let (cx, cy) = ((a.x0 + a.x1) / 2.0, (a.y0 + a.y1) / 2.0);
        let near: Vec<(f64, f64, &'static str)> = if request.role == Role::Region {
            vec![
                (cx - w / 2.0, a.y0 - h, "middle"),
                (cx - w / 2.0, a.y1, "middle"),
                (a.x0, a.y0 - h, "start"),
                (a.x1 - w, a.y0 - h, "end"),
                (a.x1, cy - h / 2.0, "start"),
                (a.x0 - w, cy - h / 2.0, "end"),
            ]
        } else {
            vec![
                (a.x1 + GAP, cy - h / 2.0, "start"),
                (a.x0 - GAP - w, cy - h / 2.0, "end"),
                (cx - w / 2.0, a.y0 - GAP - h, "middle"),
                (cx - w / 2.0, a.y1 + GAP, "middle"),
                (a.x1, a.y0 - h, "start"),
                (a.x1, a.y1, "start"),
                (a.x0 - w, a.y0 - h, "end"),
                (a.x0 - w, a.y1, "end"),
                // Beside it, but with the node by the label's first or last line.
                (
                    a.x1 + GAP,
                    cy - 0.5 * (ASCENT + DESCENT) * request.size - HALO,
                    "start",
                ),
                (
                    a.x1 + GAP,
                    cy + 0.5 * (ASCENT + DESCENT) * request.size + HALO - h,
                    "start",
                ),
                (
                    a.x0 - GAP - w,
                    cy - 0.5 * (ASCENT + DESCENT) * request.size - HALO,
                    "end",
                ),
                (
                    a.x0 - GAP - w,
                    cy + 0.5 * (ASCENT + DESCENT) * request.size + HALO - h,
                    "end",
                ),
            ]
        };
        let inside =
            |r: &Rect, bottom: f64| r.x0 >= 0.0 && r.y0 >= 0.0 && r.x1 <= WIDTH && r.y1 <= bottom;
        let candidates: Vec<Label> = near
            .iter()
            .map(|&(x0, y0, anchor)| Label::at(x0, y0, anchor, request))
            .filter(|l| inside(&l.rect, scene.plot_height) && clear(&l.rect, &taken))
            .collect();
        // A partnership's name reads as another's when it sits on that one's region: a spot
        // clear of the other regions comes first.
        let elsewhere = |l: &&Label| {
            request.role != Role::Region
                || !region_boxes
                    .iter()
                    .enumerate()
                    .any(|(g, b)| g != request.index && b.overlaps(&l.rect))
        };
        let mut chosen = candidates
            .iter()
            .find(elsewhere)
            .or(candidates.first())
            .cloned();
        if chosen.is_none() {
            // A little farther out, within the frame, with a short leader line.
            chosen = farther(a, request, NEAR_RINGS, |r| {
                inside(r, scene.plot_height) && clear(r, &taken)
            });
        }
        if chosen.is_none() {
            if !fall_back {
                return None;
            }
            chosen = farther(a, request, FAR_RINGS, |r| {
                inside(r, f64::MAX) && clear(r, &taken)
            });
        }
        let label = chosen.unwrap_or_else(|| {
            // Below everything drawn so far: always free.
            let bottom = taken
                .iter()
                .chain(&shapes)
                .map(|r| r.y1)
                .chain(scene.regions.iter().flatten().map(|p| p.1))
                .fold(scene.plot_height, f64::max);
            let x0 = (cx - w / 2.0).clamp(0.0, (WIDTH - w).max(0.0));
            with_leader(Label::at(x0, bottom + GAP, "middle", request), a)
        });
        taken.push(label.rect);
        labels.push(label);
    }
    Some(labels)
}

/// Rings tried around a node before the drawing grows taller, and after it has grown all it
/// may; each ring [`RING_STEP`] farther out.
const NEAR_RINGS: usize = 3;
const FAR_RINGS: usize = 60;
const RING_STEP: f64 = 10.0;

/// `rings` rings around the anchor, farther out each time: the first spot `free` accepts.
fn farther(
    a: Rect,
    request: &Request,
    rings: usize,
    free: impl Fn(&Rect) -> bool,
) -> Option<Label> {
    let (cx, cy) = ((a.x0 + a.x1) / 2.0, (a.y0 + a.y1) / 2.0);
    let (hw, hh) = ((a.x1 - a.x0) / 2.0, (a.y1 - a.y0) / 2.0);
    for ring in 1..=rings {
        let d = ring as f64 * RING_STEP;
        for &(u, v) in &COMPASS {
            let x = cx + u * (hw + d + request.w / 2.0);
            let y = cy + v * (hh + d + request.h / 2.0);
            let anchor = if u > 0.3 {
                "start"
            } else if u < -0.3 {
                "end"
            } else {
                "middle"
            };
            let label = Label::at(x - request.w / 2.0, y - request.h / 2.0, anchor, request);
            if free(&label.rect) {
                return Some(with_leader(label, a));
            }
        }
    }
    None
}

/// The label with a line from the middle of what it labels to the nearest point of its box.
fn with_leader(mut label: Label, a: Rect) -> Label {
    let (cx, cy) = ((a.x0 + a.x1) / 2.0, (a.y0 + a.y1) / 2.0);
    let r = label.rect;
    label.leader = Some((cx, cy, cx.clamp(r.x0, r.x1), cy.clamp(r.y0, r.y1)));
    label
}

/// The label's words on lines of about [`LINE_WIDTH`], balanced: a long name takes two or
/// more lines of similar length instead of being cut. A word longer than a line keeps a line
/// of its own.
fn wrap(text: &str, size: f64, bold: bool) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Vec::new();
    }
    let scale = if bold { 1.1 } else { 1.0 };
    let width = |s: &str| scale * text_width(s, size);
    let whole = words.join(" ");
    let total = width(&whole);
    let limit_at = LINE_WIDTH * size / LABEL_SIZE;
    if total <= limit_at || words.len() == 1 {
        return vec![whole];
    }
    let count = ((total / limit_at).ceil() as usize).min(words.len());
    // best[l][j]: the smallest longest line that sets the first j words on l lines, and where
    // its last line starts. Names have few words; a very long one is set greedily instead.
    if words.len() > 40 {
        return greedy(&words, limit_at, &width);
    }
    let line = |i: usize, j: usize| width(&words[i..j].join(" "));
    let m = words.len();
    let mut best = vec![vec![(f64::MAX, 0usize); m + 1]; count + 1];
    best[0][0] = (0.0, 0);
    for l in 1..=count {
        for j in 1..=m {
            for i in (l - 1)..j {
                let w = best[l - 1][i].0.max(line(i, j));
                if w < best[l][j].0 {
                    best[l][j] = (w, i);
                }
            }
        }
    }
    let mut lines = Vec::with_capacity(count);
    let (mut l, mut j) = (count, m);
    while l > 0 && j > 0 {
        let i = best[l][j].1;
        lines.push(words[i..j].join(" "));
        j = i;
        l -= 1;
    }
    lines.reverse();
    lines
}

/// Words on lines of at most `limit` (a longer word on a line of its own).
fn greedy(words: &[&str], limit: f64, width: &dyn Fn(&str) -> f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in words {
        if !line.is_empty() && width(&format!("{line} {word}")) > limit {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

/// A generous estimate of the width of `text` in a sans-serif font, so that estimated boxes
/// that do not overlap hold text that does not either (checked in a browser by
/// tests/browser/network.mjs).
fn text_width(text: &str, size: f64) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.34,
            'f' | 't' | 'r' | ' ' | '(' | ')' | '-' | '/' => 0.44,
            'm' | 'w' | 'M' | 'W' | '@' | 'Æ' | 'æ' | 'Œ' | 'œ' | '–' | '—' => 1.0,
            'A'..='Z' | 'Å' | 'Ä' | 'Ö' | 'Ø' | 'Ü' | '0'..='9' => 0.78,
            c if (c as u32) < 0x2E80 => 0.64,
            _ => 1.0, // CJK and other wide characters
        })
        .sum();
    em * size
}

/// A legend entry and where it goes: a sector's key, the sizes, or the regions.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Key {
    Sector(usize),
    Size,
    Region,
    Line,
}

/// A legend entry: what it explains and the left end of its row's middle line.
struct Entry {
    key: Key,
    x: f64,
    y: f64,
}

/// The width of a legend entry's drawn key, before its text.
fn key_width(key: Key) -> f64 {
    match key {
        Key::Sector(_) => 26.0,
        Key::Size => 58.0,
        Key::Region => 36.0,
        Key::Line => 36.0,
    }
}

fn key_text<'a>(keys: &Keys<'a>, key: Key) -> &'a str {
    match key {
        Key::Sector(g) => keys.sectors[g].label,
        Key::Size => keys.size,
        Key::Region => keys.region,
        Key::Line => keys.line,
    }
}

/// Flows the legend entries into rows below the drawing; returns them (with y relative to
/// the legend's top) and the legend's height.
fn legend_layout(keys: &Keys) -> (Vec<Entry>, u32) {
    let all: Vec<Key> = (0..keys.sectors.len())
        .map(Key::Sector)
        .chain([Key::Size, Key::Region, Key::Line])
        .filter(|&k| !key_text(keys, k).trim().is_empty())
        .collect();
    if all.is_empty() {
        return (Vec::new(), 0);
    }
    let mut entries = Vec::with_capacity(all.len());
    let (mut x, mut row) = (MARGIN_X, 0u32);
    for key in all {
        // The size and region keys start a row of their own, after the sectors.
        let first_of_its_kind = key == Key::Size && x > MARGIN_X;
        let width = key_width(key) + text_width(key_text(keys, key), LEGEND_SIZE) + 22.0;
        if first_of_its_kind || (x > MARGIN_X && x + width > WIDTH - MARGIN_X) {
            x = MARGIN_X;
            row += 1;
        }
        let y = (LEGEND_TOP + row * LEGEND_ROW) as f64 + LEGEND_ROW as f64 / 2.0;
        entries.push(Entry { key, x, y });
        x += width;
    }
    (entries, LEGEND_TOP + (row + 1) * LEGEND_ROW + LEGEND_BOTTOM)
}

fn write_legend(out: &mut String, keys: &Keys, legend: &[Entry], top: f64) {
    if legend.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<g class=\"ng-legend\">\n<g stroke=\"{OUTLINE}\" stroke-width=\"1.5\" aria-hidden=\"true\">\n"
    );
    for entry in legend {
        let y = top + entry.y;
        match entry.key {
            Key::Sector(g) => {
                let (fill, shape) = look(g);
                shape.write(out, entry.x + 10.0, y, 7.0, fill, "ng-key");
            }
            Key::Size => {
                for (dx, c) in [(6.0, 1), (20.0, 6), (38.0, 20)] {
                    let r = node_size(c) * 0.8;
                    let _ = write!(
                        out,
                        "<circle class=\"ng-key\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#fff\"/>",
                        F1(entry.x + dx),
                        F1(y),
                        F1(r)
                    );
                }
            }
            Key::Region => {
                let _ = write!(
                    out,
                    "<rect class=\"ng-key\" x=\"{}\" y=\"{}\" width=\"28\" height=\"16\" rx=\"6\" \
                     fill=\"{}\" stroke=\"{REGION_LINE}\" stroke-dasharray=\"6 3\"/>",
                    F1(entry.x),
                    F1(y - 8.0),
                    REGION_FILLS[0]
                );
            }
            Key::Line => {
                let _ = write!(
                    out,
                    "<line class=\"ng-key\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{EDGE}\" stroke-width=\"2\"/>",
                    F1(entry.x),
                    F1(y),
                    F1(entry.x + 28.0),
                    F1(y)
                );
            }
        }
        out.push('\n');
    }
    let _ = write!(
        out,
        "</g>\n<g font-size=\"{}\" fill=\"#111\">\n",
        LEGEND_SIZE as u32
    );
    for entry in legend {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            F1(entry.x + key_width(entry.key)),
            F1(top + entry.y + 0.35 * LEGEND_SIZE),
            Esc(key_text(keys, entry.key)),
        );
    }
    out.push_str("</g>\n</g>\n");
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
}
