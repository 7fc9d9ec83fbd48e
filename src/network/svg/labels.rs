//! Labels: wrapping names on whole words, placing every label so that none covers another
//! label or a shape (growing the drawing when they do not fit), and writing them out.

use super::*;

/// Writes a placed label as a <text> with one <tspan> per line. A partner's label repeats its
/// link's title, so it is hidden from assistive technology; a partnership's name is its
/// link's only name, so it is not.
pub(super) fn write_label(out: &mut String, label: &Label, request: &Request, hidden: bool) {
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

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Rect {
    pub(super) x0: f64,
    pub(super) y0: f64,
    pub(super) x1: f64,
    pub(super) y1: f64,
}

impl Rect {
    pub(super) fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Role {
    /// A partnership's name on its region.
    Region,
    /// A partnership drawn as one disc.
    Disc,
    Partner,
}

/// A label to place: its lines, what it labels, and its size on the page.
#[derive(Debug)]
pub(super) struct Request {
    pub(super) lines: Vec<String>,
    pub(super) role: Role,
    /// The node or group, by index.
    pub(super) index: usize,
    pub(super) size: f64,
    pub(super) bold: bool,
    /// Width and height of its box, halo included.
    pub(super) w: f64,
    pub(super) h: f64,
}

/// The labels in the order they are placed: the partnerships' names first (they are few and
/// name whole regions), then the partners, most contributions first. Partner `i` is at
/// `groups.len() + i`.
pub(super) fn label_requests(nodes: &[SvgNode], groups: &[SvgGroup]) -> Vec<Request> {
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
pub(super) struct Label {
    pub(super) rect: Rect,
    pub(super) x: f64,
    pub(super) baseline: f64,
    pub(super) anchor: &'static str,
    pub(super) leader: Option<(f64, f64, f64, f64)>,
}

impl Label {
    pub(super) fn at(x0: f64, y0: f64, anchor: &'static str, request: &Request) -> Label {
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
pub(super) fn arrange(
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
pub(super) fn anchor_rect(scene: &Scene, request: &Request) -> Rect {
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
pub(super) fn place_labels(
    scene: &Scene,
    requests: &[Request],
    fall_back: bool,
) -> Option<Vec<Label>> {
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
pub(super) const NEAR_RINGS: usize = 3;
pub(super) const FAR_RINGS: usize = 60;
pub(super) const RING_STEP: f64 = 10.0;

/// `rings` rings around the anchor, farther out each time: the first spot `free` accepts.
pub(super) fn farther(
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
pub(super) fn with_leader(mut label: Label, a: Rect) -> Label {
    let (cx, cy) = ((a.x0 + a.x1) / 2.0, (a.y0 + a.y1) / 2.0);
    let r = label.rect;
    label.leader = Some((cx, cy, cx.clamp(r.x0, r.x1), cy.clamp(r.y0, r.y1)));
    label
}

/// The label's words on lines of about [`LINE_WIDTH`], balanced: a long name takes two or
/// more lines of similar length instead of being cut. A word longer than a line keeps a line
/// of its own.
pub(super) fn wrap(text: &str, size: f64, bold: bool) -> Vec<String> {
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
pub(super) fn greedy(words: &[&str], limit: f64, width: &dyn Fn(&str) -> f64) -> Vec<String> {
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
pub(super) fn text_width(text: &str, size: f64) -> f64 {
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
