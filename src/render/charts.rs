//! Small drawings made at build time as inline SVG: bars, columns by year, a sector coverage
//! strip and a timeline. Each is a picture (`role="img"`) named by a text alternative; the
//! page shows the same figures beside it in a table or list, so nothing is in the drawing
//! alone. Colour is never the only cue: every bar carries its number, a missing sector is a
//! dashed box with the word for missing in it, and an open milestone is a hollow ring.
//!
//! The drawings are 400 units wide and scale with the column, so their text stays readable on
//! a phone; a label that is too long for one line is wrapped, never cut. Colours come from
//! classes that the theme's style.css sets (with the same colours as attributes, for a page
//! read without the stylesheet).

use crate::markdown::escape;
use std::fmt::Write;

const WIDTH: f32 = 400.0;
const FONT: f32 = 15.0;
const LINE: f32 = 19.0;
/// An average letter of a sans-serif font is about this wide, in font sizes: enough to know
/// where to wrap a label.
const LETTER: f32 = 0.58;

/// One bar: a label and the number it stands for.
pub struct Bar<'a> {
    pub label: &'a str,
    pub value: usize,
}

/// Breaks `text` into lines of at most `width` units at `size`, at spaces (or inside a word
/// longer than a line, which happens with Danish compounds).
fn wrap(text: &str, width: f32, size: f32) -> Vec<String> {
    let max = ((width / (size * LETTER)).floor() as usize).max(4);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > max {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..max).collect());
        }
        let word: String = word.into_iter().collect();
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The opening tag of a drawing `height` units high, named by `alt`.
fn open(class: &str, height: f32, alt: &str) -> String {
    format!(
        r#"<svg class="chart {class}" role="img" aria-label="{}" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" font-size="{FONT}">"#,
        escape(alt),
    )
}

/// Lines of text from (x, y), the first line's baseline at y.
fn text_lines(out: &mut String, x: f32, y: f32, lines: &[String], class: &str) {
    for (n, l) in lines.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text class="{class}" x="{x}" y="{}" fill="currentColor">{}</text>"#,
            y + n as f32 * LINE,
            escape(l)
        );
    }
}

/// Horizontal bars, each with its label above it and its number at its end; the longest bar
/// fills the width less room for the number.
pub fn bars(alt: &str, bars: &[Bar]) -> String {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f32;
    let room = WIDTH - 48.0;
    let mut body = String::new();
    let mut y = 0.0;
    for b in bars {
        let lines = wrap(b.label, WIDTH, FONT);
        text_lines(&mut body, 0.0, y + FONT, &lines, "chart-label");
        y += lines.len() as f32 * LINE + 2.0;
        let w = room * b.value as f32 / max;
        if b.value > 0 {
            let _ = write!(
                body,
                r##"<rect class="bar" x="0" y="{y}" width="{w:.1}" height="14" fill="#0b4f8a"/>"##
            );
        } else {
            // Nothing yet: a thin outline, so zero is seen as a bar of no length, not a gap.
            let _ = write!(
                body,
                r##"<rect class="bar-zero" x="0.5" y="{}" width="3" height="13" fill="none" stroke="#4a4a4a"/>"##,
                y + 0.5
            );
        }
        let _ = write!(
            body,
            r#"<text class="chart-value" x="{:.1}" y="{}" fill="currentColor" font-weight="600">{}</text>"#,
            w + 6.0,
            y + 12.5,
            b.value
        );
        y += 14.0 + 10.0;
    }
    let height = y.max(1.0);
    format!("{}{body}</svg>", open("chart-bars", height, alt))
}

/// Columns, one per label (years, in order), each with its number on top.
pub fn columns(alt: &str, columns: &[Bar]) -> String {
    let max = columns.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f32;
    let n = columns.len().max(1) as f32;
    let slot = (WIDTH / n).min(64.0);
    let plot = 90.0;
    let top = LINE;
    // Over many years the columns get thin: then only every few years is labelled, and a
    // column too thin for its number leaves it to the table beside the drawing.
    let label_every = (44.0 / slot).ceil().max(1.0) as usize;
    let numbers = slot >= 24.0;
    let mut body = String::new();
    for (i, c) in columns.iter().enumerate() {
        let x = i as f32 * slot;
        let h = plot * c.value as f32 / max;
        let w = (slot * 0.8).min(slot - 4.0).max(1.0);
        if c.value > 0 {
            let _ = write!(
                body,
                r##"<rect class="bar" x="{x:.1}" y="{:.1}" width="{w:.1}" height="{h:.1}" fill="#0b4f8a"/>"##,
                top + plot - h
            );
        }
        let mid = x + w / 2.0;
        if numbers {
            let _ = write!(
                body,
                r#"<text class="chart-value" x="{mid:.1}" y="{:.1}" text-anchor="middle" fill="currentColor" font-weight="600">{}</text>"#,
                top + plot - h - 4.0,
                c.value,
            );
        }
        if i % label_every == 0 {
            let _ = write!(
                body,
                r#"<text class="chart-label" x="{mid:.1}" y="{:.1}" text-anchor="middle" fill="currentColor">{}</text>"#,
                top + plot + LINE,
                escape(c.label)
            );
        }
    }
    let _ = write!(
        body,
        r##"<line class="axis" x1="0" x2="{:.1}" y1="{}" y2="{}" stroke="#4a4a4a"/>"##,
        slot * n,
        top + plot + 0.5,
        top + plot + 0.5
    );
    format!(
        "{}{body}</svg>",
        open("chart-columns", top + plot + LINE + 6.0, alt)
    )
}

/// One sector in a coverage strip.
#[derive(serde::Serialize)]
pub struct Cell {
    pub covered: bool,
}

/// Every sector of the site as a box in one strip, in site.yaml's order: a covered one filled
/// with a tick, a missing one an empty dashed box with a cross. The strip shows at a glance how
/// much is covered; the list beside it names each sector and says "missing" in words.
pub fn coverage(alt: &str, cells: &[Cell]) -> String {
    let n = cells.len().max(1) as f32;
    let gap = 4.0;
    let w = ((WIDTH - gap * (n - 1.0)) / n).min(56.0);
    let h = 34.0;
    // Many sectors make thin boxes: the tick and cross shrink with them.
    let sign_size = (w * 0.7).min(18.0);
    let mut body = String::new();
    for (k, c) in cells.iter().enumerate() {
        let x = k as f32 * (w + gap);
        let (rect, ink, sign) = if c.covered {
            (
                r##"class="cell covered" fill="#0b4f8a" stroke="#0b4f8a""##,
                r##"class="cell-text covered" fill="#ffffff""##,
                "✓",
            )
        } else {
            (
                r##"class="cell missing" fill="#ffffff" stroke="#4a4a4a" stroke-dasharray="5 3" stroke-width="1.5""##,
                r#"class="cell-text missing" fill="currentColor""#,
                "✗",
            )
        };
        let _ = write!(
            body,
            r#"<rect {rect} x="{:.1}" y="0.75" width="{:.1}" height="{:.1}" rx="4"/><text {ink} x="{:.1}" y="{:.1}" text-anchor="middle" font-size="{sign_size:.1}" font-weight="700">{sign}</text>"#,
            x + 0.75,
            w - 1.5,
            h - 1.5,
            x + w / 2.0,
            h / 2.0 + sign_size * 0.36,
        );
    }
    let width = n * (w + gap) - gap;
    format!(
        r#"<svg class="chart chart-coverage" role="img" aria-label="{}" viewBox="0 0 {width:.1} {h}" width="{width:.1}" height="{h}">{body}</svg>"#,
        escape(alt)
    )
}

/// A point on a timeline: the year with its fraction, so a month sits inside its year.
pub fn when(d: crate::load::Date) -> f32 {
    let d = d.first_day();
    d.year as f32 + (d.month as f32 - 1.0) / 12.0 + (d.day as f32 - 1.0) / 365.0
}

/// A milestone on a timeline.
#[derive(serde::Serialize)]
pub struct Mark<'a> {
    pub at: f32,
    pub title: &'a str,
    pub done: bool,
}

/// One row of a timeline: a period (from, to; `to` none while it runs) and its milestones.
pub struct Span<'a> {
    pub label: &'a str,
    pub from: Option<f32>,
    pub to: Option<f32>,
    pub marks: Vec<Mark<'a>>,
}

/// The whole years `rows` reach, first and last: the shared axis of a timeline.
fn years(rows: &[Span]) -> Option<(i32, i32)> {
    let points = rows.iter().flat_map(|r| {
        r.from
            .into_iter()
            .chain(r.to)
            .chain(r.marks.iter().map(|m| m.at))
    });
    let (lo, hi) = points.fold((f32::MAX, f32::MIN), |(lo, hi), p| (lo.min(p), hi.max(p)));
    // A period that ends with its year ends a hair after the next year begins: that is
    // still the next year's tick, not one more.
    let last = (hi - 0.01).ceil() as i32;
    (lo <= hi).then(|| (lo.floor() as i32, last.max(lo.floor() as i32 + 1)))
}

/// Partnerships along shared years: each a bar over its period (a dashed end while it runs
/// on, or where no end is given) with its milestones on it, a filled dot for one reached and
/// a hollow ring for one still to come; a row with neither period nor milestones says
/// `no_period` in words.
pub fn timeline(
    alt: &str,
    rows: &[Span],
    (done, not_done, no_period): (&str, &str, &str),
) -> Option<String> {
    let (first, last) = years(rows)?;
    let span = (last - first) as f32;
    let x_of = |t: f32| 4.0 + (WIDTH - 8.0) * (t - first as f32) / span;
    let mut body = String::new();
    // The axis: one tick and label per year, fewer when years are many.
    let step = ((span / 8.0).ceil() as i32).max(1);
    let mut y = 0.0;
    let legend_y = y + FONT;
    let _ = write!(
        body,
        r##"<circle class="mark done" cx="8" cy="{:.1}" r="5" fill="#0b4f8a"/><text class="chart-label" x="18" y="{legend_y:.1}" fill="currentColor">{}</text><circle class="mark open" cx="{:.1}" cy="{:.1}" r="4.5" fill="#ffffff" stroke="#0b4f8a" stroke-width="2"/><text class="chart-label" x="{:.1}" y="{legend_y:.1}" fill="currentColor">{}</text>"##,
        legend_y - 5.0,
        escape(done),
        WIDTH / 2.0 + 8.0,
        legend_y - 5.0,
        WIDTH / 2.0 + 18.0,
        escape(not_done)
    );
    y += LINE + 8.0;
    let rows_top = y;
    for r in rows {
        let lines = wrap(r.label, WIDTH, FONT);
        text_lines(&mut body, 0.0, y + FONT, &lines, "chart-label");
        y += lines.len() as f32 * LINE + 4.0;
        if r.from.is_none() && r.marks.is_empty() {
            let _ = write!(
                body,
                r#"<text class="chart-note" x="4" y="{:.1}" fill="currentColor" font-style="italic">{}</text>"#,
                y + 11.0,
                escape(no_period)
            );
        }
        if let Some(from) = r.from {
            let to = r.to.unwrap_or(last as f32);
            let (a, b) = (x_of(from), x_of(to).max(x_of(from) + 2.0));
            let _ = write!(
                body,
                r##"<rect class="period" x="{a:.1}" y="{y:.1}" width="{:.1}" height="12" fill="#b9d4ee" stroke="#0b4f8a"/>"##,
                b - a
            );
            if r.to.is_none() {
                let _ = write!(
                    body,
                    r##"<line class="runs-on" x1="{b:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="#0b4f8a" stroke-width="2" stroke-dasharray="4 3"/>"##,
                    (b + 16.0).min(WIDTH),
                    y + 6.0,
                    y + 6.0
                );
            }
        }
        for m in &r.marks {
            let x = x_of(m.at);
            if m.done {
                let _ = write!(
                    body,
                    r##"<circle class="mark done" cx="{x:.1}" cy="{:.1}" r="5" fill="#1b1b1b"/>"##,
                    y + 6.0
                );
            } else {
                let _ = write!(
                    body,
                    r##"<circle class="mark open" cx="{x:.1}" cy="{:.1}" r="4.5" fill="#ffffff" stroke="#1b1b1b" stroke-width="2"/>"##,
                    y + 6.0
                );
            }
        }
        y += 12.0 + 12.0;
    }
    let axis = y + 2.0;
    let _ = write!(
        body,
        r##"<line class="axis" x1="4" x2="{:.1}" y1="{axis:.1}" y2="{axis:.1}" stroke="#4a4a4a"/>"##,
        WIDTH - 4.0
    );
    let mut year = first;
    while year <= last {
        let x = x_of(year as f32);
        let anchor = if year == first {
            "start"
        } else if year == last {
            "end"
        } else {
            "middle"
        };
        let _ = write!(
            body,
            r##"<line class="grid" x1="{x:.1}" x2="{x:.1}" y1="{rows_top:.1}" y2="{:.1}" stroke="#c9ced4" stroke-dasharray="2 3"/><text class="chart-label" x="{x:.1}" y="{:.1}" text-anchor="{anchor}" fill="currentColor">{year}</text>"##,
            axis + 4.0,
            axis + LINE
        );
        year += step;
    }
    Some(format!(
        "{}{body}</svg>",
        open("chart-timeline", axis + LINE + 6.0, alt)
    ))
}

/// Milestones of one partnership down a line, each with its date and title written out
/// beside it: a filled dot when reached, a hollow ring when still to come.
pub fn milestones(alt: &str, marks: &[(String, Mark)], state: (&str, &str)) -> String {
    let mut body = String::new();
    let mut y = 4.0;
    let text_x = 28.0;
    let tops: Vec<f32> = marks
        .iter()
        .map(|(date, m)| {
            let top = y;
            let title = wrap(m.title, WIDTH - text_x, FONT);
            let mut lines = vec![format!(
                "{date} · {}",
                if m.done { state.0 } else { state.1 }
            )];
            lines.extend(title);
            text_lines(&mut body, text_x, y + FONT, &lines, "chart-label");
            if m.done {
                let _ = write!(
                    body,
                    r##"<circle class="mark done" cx="10" cy="{:.1}" r="7" fill="#0b4f8a"/>"##,
                    y + 9.0
                );
            } else {
                let _ = write!(
                    body,
                    r##"<circle class="mark open" cx="10" cy="{:.1}" r="6" fill="#ffffff" stroke="#0b4f8a" stroke-width="2.5"/>"##,
                    y + 9.0
                );
            }
            y += lines.len() as f32 * LINE + 12.0;
            top
        })
        .collect();
    if let (Some(a), Some(b)) = (tops.first(), tops.last()) {
        body.insert_str(
            0,
            &format!(
                r##"<line class="axis" x1="10" x2="10" y1="{:.1}" y2="{:.1}" stroke="#c9ced4" stroke-width="3"/>"##,
                a + 9.0,
                b + 9.0
            ),
        );
    }
    format!("{}{body}</svg>", open("chart-milestones", y, alt))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_years_are_labelled_without_overlap() {
        let labels: Vec<String> = (1990..2026).map(|y| y.to_string()).collect();
        let bars: Vec<Bar> = labels.iter().map(|l| Bar { label: l, value: 1 }).collect();
        let svg = columns("x", &bars);
        let drawn = svg.matches("chart-label").count();
        assert!(
            drawn > 3 && drawn * 44 <= 400 + 44,
            "{drawn} year labels in 400 units"
        );
        assert_eq!(
            svg.matches("<rect").count(),
            36,
            "every year still has its column"
        );
    }

    #[test]
    fn a_long_label_is_wrapped_not_cut() {
        let lines = wrap(
            "Forsknings- og uddannelsesmiljøer og erhvervsrettede vidensmiljøer",
            200.0,
            13.0,
        );
        assert!(lines.len() > 1);
        assert_eq!(
            lines.join(" "),
            "Forsknings- og uddannelsesmiljøer og erhvervsrettede vidensmiljøer"
        );
    }

    #[test]
    fn a_missing_sector_is_an_empty_dashed_box_with_a_cross() {
        let svg = coverage("x", &[Cell { covered: true }, Cell { covered: false }]);
        assert_eq!(svg.matches("✓").count(), 1);
        assert_eq!(svg.matches("✗").count(), 1);
        assert!(svg.contains("stroke-dasharray"));
    }
}
