//! The legend under the drawing: sectors, sizes, regions and lines, laid out in rows.

use super::*;

/// A legend entry and where it goes: a sector's key, the sizes, or the regions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Key {
    Sector(usize),
    Size,
    Region,
    Line,
}

/// A legend entry: what it explains and the left end of its row's middle line.
pub(super) struct Entry {
    pub(super) key: Key,
    pub(super) x: f64,
    pub(super) y: f64,
}

/// The width of a legend entry's drawn key, before its text.
pub(super) fn key_width(key: Key) -> f64 {
    match key {
        Key::Sector(_) => 26.0,
        Key::Size => 58.0,
        Key::Region => 36.0,
        Key::Line => 36.0,
    }
}

pub(super) fn key_text<'a>(keys: &Keys<'a>, key: Key) -> &'a str {
    match key {
        Key::Sector(g) => keys.sectors[g].label,
        Key::Size => keys.size,
        Key::Region => keys.region,
        Key::Line => keys.line,
    }
}

/// Flows the legend entries into rows below the drawing; returns them (with y relative to
/// the legend's top) and the legend's height.
pub(super) fn legend_layout(keys: &Keys) -> (Vec<Entry>, u32) {
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

pub(super) fn write_legend(out: &mut String, keys: &Keys, legend: &[Entry], top: f64) {
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
