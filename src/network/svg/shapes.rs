//! The partners' shapes: colour and shape per sector, the shapes' vertices, and sizes.

use super::*;

/// Colour and shape of a sector. Colours repeat every 8 sectors; from the ninth on the
/// shapes are shifted, so colour and shape together stay distinct for 64 sectors.
pub(super) fn look(group: usize) -> (&'static str, Shape) {
    (PALETTE[group % 8], SHAPES[(group + group / 8) % 8])
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Shape {
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
pub(super) const SQUARE: [(f64, f64); 4] = [
    (-0.886, -0.886),
    (0.886, -0.886),
    (0.886, 0.886),
    (-0.886, 0.886),
];
pub(super) const TRIANGLE: [(f64, f64); 3] = [(0.0, -1.555), (1.347, 0.778), (-1.347, 0.778)];
pub(super) const DIAMOND: [(f64, f64); 4] =
    [(0.0, -1.253), (1.253, 0.0), (0.0, 1.253), (-1.253, 0.0)];
pub(super) const HEXAGON: [(f64, f64); 6] = [
    (0.0, -1.1),
    (0.952, -0.55),
    (0.952, 0.55),
    (0.0, 1.1),
    (-0.952, 0.55),
    (-0.952, -0.55),
];
pub(super) const CROSS: [(f64, f64); 12] = [
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
pub(super) const PENTAGON: [(f64, f64); 5] = [
    (0.0, -1.15),
    (1.093, -0.355),
    (0.676, 0.930),
    (-0.676, 0.930),
    (-1.093, -0.355),
];

impl Shape {
    /// Distance from the centre to the farthest point, per unit of size.
    pub(super) fn extent(self) -> f64 {
        match self {
            Shape::Circle => 1.0,
            Shape::TriangleUp | Shape::TriangleDown => 1.555,
            Shape::Square | Shape::Diamond | Shape::Cross => 1.253,
            Shape::Hexagon => 1.1,
            Shape::Pentagon => 1.15,
        }
    }

    /// Writes the shape centred on (x, y) at size `r` (the radius of a circle of equal area).
    pub(super) fn write(self, out: &mut String, x: f64, y: f64, r: f64, fill: &str, class: &str) {
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
pub(super) struct Geom {
    pub(super) x: f64,
    pub(super) y: f64,
    /// Size: the radius of a circle of the same area.
    pub(super) size: f64,
    /// Distance from the centre to the farthest point of the shape.
    pub(super) extent: f64,
}

impl Geom {
    pub(super) fn rect(&self) -> Rect {
        Rect {
            x0: self.x - self.extent,
            y0: self.y - self.extent,
            x1: self.x + self.extent,
            y1: self.y + self.extent,
        }
    }
}

/// A partner's size: grows with the square root of its contributions, so area tracks them.
pub(super) fn node_size(contributions: usize) -> f64 {
    (5.0 + 2.4 * (contributions as f64).sqrt()).min(17.0)
}

/// A partnership drawn as one disc: grows with its member count, within bounds.
pub(super) fn disc_size(members: usize) -> f64 {
    (14.0 + 1.2 * (members as f64).sqrt()).min(60.0)
}
