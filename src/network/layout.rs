//! Where each partner sits in the network drawing: a deterministic force-directed layout.
//!
//! Fruchterman–Reingold style: edges pull, all nodes push, and a falling temperature bounds
//! each step. Every run of the same input gives the same positions: the start is drawn from a
//! fixed-seed generator, the iteration count depends only on the graph's size, nothing is read
//! from hash maps or the OS, and only `+ - * / sqrt` are used (correctly rounded everywhere).
//! Each connected component is laid out on its own and the components are packed side by
//! side, so separate groups of partners never pile up on each other.

/// Fixed seed of the start positions.
const SEED: u64 = 0x6272_6f62_7967_6765;
/// Width over height of the drawing the unit square is stretched to (as [`super::svg::draw`]
/// does): components are packed for it, so that they are not distorted when drawn.
pub const ASPECT: f64 = 1.5;
/// Space between packed components, in ideal edge lengths.
const GAP: f64 = 1.5;
/// Repulsion is computed exactly up to this many nodes in a component, above it by cells.
const EXACT_LIMIT: usize = 600;
/// Pair interactions spent per component; sets the iteration count of large graphs.
const WORK_BUDGET: usize = 60_000_000;
const MIN_ITERATIONS: usize = 60;
const MAX_ITERATIONS: usize = 300;

/// Deterministic force-directed layout (Fruchterman–Reingold style, fixed seed and iteration
/// count, no randomness from the OS, no HashMap order): positions in the unit square [0,1]².
/// Nodes of different components must not pile up: place components side by side or in a grid.
///
/// Self-loops and edges naming a node `>= n` are ignored; weight (0 counts as 1) makes an edge
/// pull harder.
pub fn layout(n: usize, edges: &[(usize, usize, u32)]) -> Vec<(f64, f64)> {
    Layout::new(n, edges).packed(ASPECT)
}

/// The components of a graph, each laid out on its own; [`Layout::packed`] then places them
/// side by side in a frame of a chosen shape, so that a drawing can try a taller frame (its
/// components in more rows, each drawn larger) without laying anything out again.
pub struct Layout {
    n: usize,
    components: Vec<Vec<usize>>,
    /// Each component's points in units of the ideal edge length, from (0, 0), with its width
    /// and height (never higher than wide).
    local: Vec<Upright>,
}

/// Points from (0, 0), with their width and height.
type Upright = (Vec<(f64, f64)>, f64, f64);

impl Layout {
    pub fn new(n: usize, edges: &[(usize, usize, u32)]) -> Layout {
        let edges: Vec<(usize, usize, f64)> = edges
            .iter()
            .filter(|&&(a, b, _)| a != b && a < n && b < n)
            .map(|&(a, b, w)| (a, b, (w.clamp(1, 16) as f64).sqrt()))
            .collect();
        let components = components(n, &edges);

        // Component and index within it, of each node.
        let mut place = vec![(0usize, 0u32); n];
        for (c, members) in components.iter().enumerate() {
            for (i, &v) in members.iter().enumerate() {
                place[v] = (c, i as u32);
            }
        }
        let mut local_edges: Vec<Vec<(u32, u32, f64)>> = vec![Vec::new(); components.len()];
        for &(a, b, w) in &edges {
            local_edges[place[a].0].push((place[a].1, place[b].1, w));
        }

        // Each component in units of the ideal edge length, wider than high.
        let local = components
            .iter()
            .zip(&local_edges)
            .map(|(members, edges)| {
                let cells = members.len() > EXACT_LIMIT;
                upright(force_directed(
                    members.len(),
                    edges,
                    SEED ^ members[0] as u64,
                    cells,
                ))
            })
            .collect();
        Layout {
            n,
            components,
            local,
        }
    }

    /// Positions in [0,1]² of a frame `aspect` times as wide as high (x is divided by the
    /// frame's width, y by its height): the components packed to fill that frame best.
    pub fn packed(&self, aspect: f64) -> Vec<(f64, f64)> {
        if self.n == 0 {
            return Vec::new();
        }
        let aspect = if aspect.is_finite() && aspect > 0.0 {
            aspect
        } else {
            ASPECT
        };
        let boxes: Vec<(f64, f64)> = self
            .local
            .iter()
            .map(|&(_, w, h)| (w + GAP, h + GAP))
            .collect();
        let (corners, width, height) = pack(&boxes, aspect);
        // Fit into aspect × 1, centred; then x is divided by aspect.
        let scale = (width / aspect).max(height);
        let (ox, oy) = ((scale * aspect - width) / 2.0, (scale - height) / 2.0);

        let mut positions = vec![(0.5, 0.5); self.n];
        for ((members, (points, ..)), &(bx, by)) in
            self.components.iter().zip(&self.local).zip(&corners)
        {
            for (&v, &(u, w)) in members.iter().zip(points) {
                let x = (ox + bx + GAP / 2.0 + u) / (scale * aspect);
                let y = (oy + by + GAP / 2.0 + w) / scale;
                positions[v] = (x.clamp(0.0, 1.0), y.clamp(0.0, 1.0));
            }
        }
        positions
    }
}

/// Moves the points to start at (0, 0), mirrored on the diagonal if higher than wide; returns
/// them with their width and height.
fn upright(points: Vec<(f64, f64)>) -> Upright {
    let (x0, y0, x1, y1) = bounds(&points);
    let (w, h) = (x1 - x0, y1 - y0);
    if h > w {
        (
            points.iter().map(|&(x, y)| (y - y0, x - x0)).collect(),
            h,
            w,
        )
    } else {
        (
            points.iter().map(|&(x, y)| (x - x0, y - y0)).collect(),
            w,
            h,
        )
    }
}

fn bounds(points: &[(f64, f64)]) -> (f64, f64, f64, f64) {
    points
        .iter()
        .fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |b, &(x, y)| {
            (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y))
        })
}

/// The connected components, each listing its nodes in ascending order; largest first, ties
/// by smallest node.
fn components(n: usize, edges: &[(usize, usize, f64)]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut v: usize) -> usize {
        while parent[v] != v {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        v
    }
    for &(a, b, _) in edges {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    // With the smaller root kept, every root is the smallest node of its component.
    let mut index = vec![usize::MAX; n];
    let mut out: Vec<Vec<usize>> = Vec::new();
    for v in 0..n {
        let r = find(&mut parent, v);
        if index[r] == usize::MAX {
            index[r] = out.len();
            out.push(Vec::new());
        }
        out[index[r]].push(v);
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.len())); // stable: ties stay by smallest node
    out
}

/// Shelf-packs rectangles `(width, height)` (highest first), trying every first-row width
/// and keeping the one that fills an `aspect` × 1 frame best. Returns each rectangle's top-left
/// corner, in the order given, and the packing's width and height.
fn pack(boxes: &[(f64, f64)], aspect: f64) -> (Vec<(f64, f64)>, f64, f64) {
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    order.sort_by(|&a, &b| boxes[b].1.total_cmp(&boxes[a].1).then(a.cmp(&b)));
    let shelf = |limit: f64, corners: &mut Vec<(f64, f64)>| {
        corners.clear();
        corners.resize(boxes.len(), (0.0, 0.0));
        let (mut x, mut y, mut row, mut width) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
        for &i in &order {
            let (w, h) = boxes[i];
            if x > 0.0 && x + w > limit + 1e-9 {
                y += row;
                x = 0.0;
                row = 0.0;
            }
            corners[i] = (x, y);
            x += w;
            row = row.max(h);
            width = width.max(x);
        }
        (width, y + row)
    };
    let fit = |w: f64, h: f64| (w / aspect).max(h);
    let mut best: Option<(f64, f64, f64)> = None; // (limit, width, height)
    let mut corners = Vec::with_capacity(boxes.len());
    let mut limit = 0.0;
    for &i in &order {
        limit += boxes[i].0;
        let (w, h) = shelf(limit, &mut corners);
        if best.is_none_or(|(_, bw, bh)| fit(w, h) < fit(bw, bh)) {
            best = Some((limit, w, h));
        }
        if w >= h * aspect {
            break; // wider first rows only get wider
        }
    }
    let (limit, w, h) = best.unwrap_or((0.0, 0.0, 0.0));
    shelf(limit, &mut corners);
    (corners, w, h)
}

/// SplitMix64: a small fixed-seed generator for the start positions.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Lays out one connected component of `n` nodes, in units of the ideal edge length: a
/// component of `n` nodes takes about `n` square units.
fn force_directed(n: usize, edges: &[(u32, u32, f64)], seed: u64, cells: bool) -> Vec<(f64, f64)> {
    if n == 1 {
        return vec![(0.0, 0.0)];
    }
    let frame = (n as f64).sqrt();
    let mut rng = SplitMix64(seed);
    let mut pos: Vec<[f64; 2]> = (0..n)
        .map(|_| [frame * rng.unit(), frame * rng.unit()])
        .collect();
    let side = grid_side(n);
    let repulsion_work = if cells {
        n * (9 * n / (side * side) + side * side)
    } else {
        n * (n - 1) / 2
    };
    let iterations =
        (WORK_BUDGET / (repulsion_work + edges.len()).max(1)).clamp(MIN_ITERATIONS, MAX_ITERATIONS);
    let start_temperature = 0.1 * frame;
    let mut disp = vec![[0.0f64; 2]; n];
    let mut grid = Grid::default();
    for it in 0..iterations {
        disp.fill([0.0; 2]);
        if cells {
            grid.repel(&pos, &mut disp, side);
        } else {
            repel_exact(&pos, &mut disp);
        }
        for &(a, b, w) in edges {
            let (a, b) = (a as usize, b as usize);
            let dx = pos[a][0] - pos[b][0];
            let dy = pos[a][1] - pos[b][1];
            // Force d²/k along the edge (k = 1): the unit vector times d² is the offset times d.
            let f = w * (dx * dx + dy * dy).sqrt();
            disp[a][0] -= dx * f;
            disp[a][1] -= dy * f;
            disp[b][0] += dx * f;
            disp[b][1] += dy * f;
        }
        let t = start_temperature * (1.0 - it as f64 / iterations as f64);
        for (p, d) in pos.iter_mut().zip(&disp) {
            let len = (d[0] * d[0] + d[1] * d[1]).sqrt();
            if len > 0.0 {
                let s = len.min(t) / len;
                p[0] += d[0] * s;
                p[1] += d[1] * s;
            }
        }
    }
    pos.iter().map(|p| (p[0], p[1])).collect()
}

/// Two nodes closer than this (squared) are pushed as if this far.
const MIN_D2: f64 = 1e-12;

/// Pushes every pair apart with force k²/d (k = 1: the unit vector times 1/d is the offset
/// divided by d², so no square root is needed).
fn repel_exact(pos: &[[f64; 2]], disp: &mut [[f64; 2]]) {
    for i in 0..pos.len() {
        let [xi, yi] = pos[i];
        let (mut fx, mut fy) = (0.0, 0.0);
        for j in i + 1..pos.len() {
            let (dx, dy) = separation(xi - pos[j][0], yi - pos[j][1], i, j);
            let f = 1.0 / (dx * dx + dy * dy).max(MIN_D2);
            fx += dx * f;
            fy += dy * f;
            disp[j][0] -= dx * f;
            disp[j][1] -= dy * f;
        }
        disp[i][0] += fx;
        disp[i][1] += fy;
    }
}

/// The offset between two nodes, or a small fixed one if they coincide.
fn separation(dx: f64, dy: f64, i: usize, j: usize) -> (f64, f64) {
    if dx == 0.0 && dy == 0.0 {
        let s = if i < j { 1e-6 } else { -1e-6 };
        (s, s * 0.5)
    } else {
        (dx, dy)
    }
}

/// Cells per side of the repulsion grid: about (9n)^¼, which balances the exact work in the
/// 3×3 cells around a node against one interaction with every other cell.
fn grid_side(n: usize) -> usize {
    ((9.0 * n as f64).sqrt().sqrt().round() as usize).max(3)
}

/// Repulsion by cells: exact within the 3×3 cells around a node, and from each farther cell
/// as from its node count at its centre of mass.
#[derive(Default)]
struct Grid {
    start: Vec<usize>,
    nodes: Vec<usize>,
    cell_of: Vec<usize>,
    mass: Vec<(f64, f64, f64)>,
}

impl Grid {
    fn repel(&mut self, pos: &[[f64; 2]], disp: &mut [[f64; 2]], side: usize) {
        let n = pos.len();
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in pos {
            x0 = x0.min(p[0]);
            y0 = y0.min(p[1]);
            x1 = x1.max(p[0]);
            y1 = y1.max(p[1]);
        }
        let cell = ((x1 - x0).max(y1 - y0) / side as f64).max(1e-12);
        let coord = |v: f64, lo: f64| (((v - lo) / cell) as usize).min(side - 1);
        let cells = side * side;
        self.cell_of.clear();
        self.cell_of
            .extend(pos.iter().map(|p| coord(p[1], y0) * side + coord(p[0], x0)));
        // Counting sort of the nodes by cell, ascending within a cell.
        self.start.clear();
        self.start.resize(cells + 1, 0);
        for &c in &self.cell_of {
            self.start[c + 1] += 1;
        }
        for c in 0..cells {
            self.start[c + 1] += self.start[c];
        }
        self.nodes.clear();
        self.nodes.resize(n, 0);
        let mut fill = self.start[..cells].to_vec();
        for (v, &c) in self.cell_of.iter().enumerate() {
            self.nodes[fill[c]] = v;
            fill[c] += 1;
        }
        self.mass.clear();
        self.mass.resize(cells, (0.0, 0.0, 0.0));
        for c in 0..cells {
            let members = &self.nodes[self.start[c]..self.start[c + 1]];
            if !members.is_empty() {
                let (sx, sy) = members
                    .iter()
                    .fold((0.0, 0.0), |(sx, sy), &v| (sx + pos[v][0], sy + pos[v][1]));
                let m = members.len() as f64;
                self.mass[c] = (sx / m, sy / m, m);
            }
        }
        for i in 0..n {
            let [xi, yi] = pos[i];
            let (ci, ri) = (self.cell_of[i] % side, self.cell_of[i] / side);
            let (mut fx, mut fy) = (0.0, 0.0);
            for r in 0..side {
                for c in 0..side {
                    let cell = r * side + c;
                    if c.abs_diff(ci) <= 1 && r.abs_diff(ri) <= 1 {
                        for &j in &self.nodes[self.start[cell]..self.start[cell + 1]] {
                            if j != i {
                                let (dx, dy) = separation(xi - pos[j][0], yi - pos[j][1], i, j);
                                let f = 1.0 / (dx * dx + dy * dy).max(MIN_D2);
                                fx += dx * f;
                                fy += dy * f;
                            }
                        }
                    } else {
                        let (mx, my, m) = self.mass[cell];
                        if m > 0.0 {
                            let (dx, dy) = (xi - mx, yi - my);
                            let f = m / (dx * dx + dy * dy).max(MIN_D2);
                            fx += dx * f;
                            fy += dy * f;
                        }
                    }
                }
            }
            disp[i][0] += fx;
            disp[i][1] += fy;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two rings of 8 and 5 nodes, a pair, and two isolated nodes, interleaved.
    fn fixture() -> (usize, Vec<(usize, usize, u32)>) {
        let a = [0, 2, 4, 6, 8, 10, 12, 14];
        let b = [1, 3, 5, 7, 9];
        let mut edges = Vec::new();
        for w in 0..a.len() {
            edges.push((a[w], a[(w + 1) % a.len()], 1 + w as u32 % 3));
        }
        for w in 0..b.len() {
            edges.push((b[w], b[(w + 1) % b.len()], 2));
        }
        edges.push((11, 13, 1));
        (17, edges)
    }

    fn in_unit_square(p: &[(f64, f64)]) -> bool {
        p.iter()
            .all(|&(x, y)| (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y))
    }

    #[test]
    fn same_input_same_positions() {
        let (n, edges) = fixture();
        let a = layout(n, &edges);
        let b = layout(n, &edges);
        assert_eq!(a.len(), n);
        let bits = |p: &[(f64, f64)]| -> Vec<(u64, u64)> {
            p.iter().map(|&(x, y)| (x.to_bits(), y.to_bits())).collect()
        };
        assert_eq!(bits(&a), bits(&b));
    }

    #[test]
    fn positions_within_the_unit_square() {
        let (n, edges) = fixture();
        assert!(in_unit_square(&layout(n, &edges)));
        assert!(layout(0, &[]).is_empty());
        assert_eq!(layout(1, &[]), vec![(0.5, 0.5)]);
        // Bad edges are ignored, not a panic.
        assert!(in_unit_square(&layout(
            3,
            &[(0, 0, 1), (1, 7, 2), (1, 2, 0)]
        )));
        // A star, a dense clique and a long path.
        let mut edges: Vec<_> = (1..40).map(|i| (0, i, 1)).collect();
        for i in 40..60 {
            for j in i + 1..60 {
                edges.push((i, j, 3));
            }
        }
        edges.extend((60..99).map(|i| (i, i + 1, 1)));
        let p = layout(100, &edges);
        assert!(in_unit_square(&p));
        assert!(p.iter().all(|&(x, y)| x.is_finite() && y.is_finite()));
    }

    #[test]
    fn components_do_not_overlap() {
        let (n, edges) = fixture();
        let p = layout(n, &edges);
        let bounds = |nodes: &[usize]| {
            nodes
                .iter()
                .fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |b, &v| {
                    (
                        b.0.min(p[v].0),
                        b.1.min(p[v].1),
                        b.2.max(p[v].0),
                        b.3.max(p[v].1),
                    )
                })
        };
        let groups: [&[usize]; 5] = [
            &[0, 2, 4, 6, 8, 10, 12, 14],
            &[1, 3, 5, 7, 9],
            &[11, 13],
            &[15],
            &[16],
        ];
        let boxes: Vec<_> = groups.iter().map(|g| bounds(g)).collect();
        for i in 0..boxes.len() {
            for j in i + 1..boxes.len() {
                let (a, b) = (boxes[i], boxes[j]);
                let apart = a.2 < b.0 || b.2 < a.0 || a.3 < b.1 || b.3 < a.1;
                assert!(apart, "components {i} and {j} overlap: {a:?} {b:?}");
            }
        }
        // A connected component spreads out: its nodes are not all in one spot.
        let ring = boxes[0];
        assert!(ring.2 - ring.0 > 0.05 && ring.3 - ring.1 > 0.05);
    }

    #[test]
    fn many_isolated_nodes_are_spread_in_a_grid() {
        let p = layout(30, &[]);
        for i in 0..p.len() {
            for j in i + 1..p.len() {
                let d = (p[i].0 - p[j].0).abs().max((p[i].1 - p[j].1).abs());
                assert!(d > 0.05, "{i} and {j} too close");
            }
        }
    }

    #[test]
    fn cell_repulsion_keeps_nodes_apart_and_is_deterministic() {
        // A ring of 200 with chords, laid out with the cell approximation.
        let n = 200u32;
        let edges: Vec<_> = (0..n)
            .flat_map(|i| [(i, (i + 1) % n, 1.0), (i, (i + 17) % n, 1.0)])
            .collect();
        let a = force_directed(n as usize, &edges, SEED, true);
        let b = force_directed(n as usize, &edges, SEED, true);
        assert_eq!(a, b);
        assert!(a.iter().all(|&(x, y)| x.is_finite() && y.is_finite()));
        let mut close = 0;
        for i in 0..a.len() {
            for j in i + 1..a.len() {
                if (a[i].0 - a[j].0).hypot(a[i].1 - a[j].1) < 0.05 {
                    close += 1;
                }
            }
        }
        assert_eq!(close, 0, "nodes piled up");
        // About one square unit per node, as with exact repulsion.
        let (x0, y0, x1, y1) = bounds(&a);
        let area = (x1 - x0) * (y1 - y0);
        assert!(area > 50.0 && area < 2000.0, "area {area}");
    }

    #[test]
    fn packing_keeps_boxes_apart() {
        let boxes = [
            (3.0, 1.0),
            (2.0, 2.5),
            (1.5, 1.5),
            (1.0, 1.0),
            (1.0, 1.0),
            (4.0, 0.5),
        ];
        let (corners, w, h) = pack(&boxes, ASPECT);
        for i in 0..boxes.len() {
            let (xi, yi) = corners[i];
            let (wi, hi) = boxes[i];
            assert!(xi + wi <= w + 1e-9 && yi + hi <= h + 1e-9);
            for j in i + 1..boxes.len() {
                let (xj, yj) = corners[j];
                let (wj, hj) = boxes[j];
                let apart = xi + wi <= xj + 1e-9
                    || xj + wj <= xi + 1e-9
                    || yi + hi <= yj + 1e-9
                    || yj + hj <= yi + 1e-9;
                assert!(apart, "{i} and {j} overlap");
            }
        }
    }
}
