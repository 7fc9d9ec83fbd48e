//! Where everything sits in one frame: the partners' shapes, the discs of partnerships drawn
//! as one, and the shaded hull around each partnership drawn member by member.

use super::*;

/// The drawing's shapes at one stretch of the nodes' area.
pub(super) struct Scene {
    pub(super) nodes: Vec<Geom>,
    /// The disc of each group drawn as one.
    pub(super) discs: Vec<Option<Geom>>,
    /// The outline of each group drawn member by member (a convex polygon); empty otherwise.
    pub(super) regions: Vec<Vec<(f64, f64)>>,
    /// Height of the drawing above the legend.
    pub(super) plot_height: f64,
}

pub(super) fn scene(
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
pub(super) const COMPASS: [(f64, f64); 16] = [
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
pub(super) fn convex_hull(mut points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
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
