//! The Markdown pipeline: CommonMark with tables, footnotes, strikethrough, task lists and
//! heading ids; wikilinks (`[[id]]`, `[[kind/id]]`, `[[id|text]]`); raw HTML escaped unless the
//! site allows it; dangerous link schemes neutralised.
//!
//! A body is parsed once, when it is loaded. Wikilinks cannot be resolved then (the rest of
//! the site is not known yet, nor the depth of the page showing the body), so the HTML keeps
//! NUL-delimited markers for them, which [`Body::resolve`] fills in per page. CommonMark turns
//! every NUL in the source into U+FFFD, so a marker can never come from the author.

use crate::base::diagnostic::Diagnostic;
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};
use std::collections::HashMap;
use std::fmt::Write;

/// A parsed Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// HTML with wikilink markers; see [`Body::resolve`].
    pub html: String,
    /// The wikilinks in order of appearance; marker `i` refers to `links[i]`.
    pub links: Vec<WikiLink>,
    /// The start of the text, plain, for listings and feeds.
    pub summary: String,
    /// The ids given to the headings, for checking `#anchor` links.
    pub heading_ids: Vec<String>,
    /// What `check` looks at: heading levels as rendered, images without alt text, and
    /// links to places inside the site, each with its byte offset in the file.
    /// Headings as written (number of `#`) with their offsets; `headings_shifted` says
    /// whether they render one level deeper (the body used `#`).
    pub outline: Vec<(u8, usize)>,
    pub headings_shifted: bool,
    pub images_without_alt: Vec<usize>,
    /// (URL, offset, length of the whole link in the source).
    pub local_links: Vec<(String, usize, usize)>,
}

/// One `[[...]]` in a body.
#[derive(Debug, Clone)]
pub struct WikiLink {
    /// What was written: `id` or `kind/id`.
    pub target: String,
    /// Byte offset of the `[[` in the whole file, for messages.
    pub offset: usize,
    /// Whether the author gave the link text (`[[id|text]]`).
    pub has_text: bool,
}

/// Where a wikilink leads, once the site is known.
#[derive(Debug, Clone)]
pub struct LinkTarget {
    /// Root-relative URL of the target page; `None` when it is not published (a draft).
    pub url: Option<String>,
    /// The target's title, used as the link text when the author gave none.
    pub title: String,
    /// The title's language when it is not the site's.
    pub lang: Option<&'static str>,
}

const SUMMARY_CHARS: usize = 280;

/// Marks where a page's anchor prefix goes in ids and `#anchor` links: the same body is shown
/// on its own page and, among many others, in the catalogue, where its ids must not collide.
const ANCHOR: &str = "\0P\0";

fn footnote_number(footnotes: &mut Vec<String>, label: &str) -> usize {
    match footnotes.iter().position(|l| l == label) {
        Some(i) => i + 1,
        None => {
            footnotes.push(label.to_string());
            footnotes.len()
        }
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// Parses `source` (a file's body, starting at byte `offset` of `file_text`).
pub fn parse(
    source: &str,
    offset: usize,
    file_text: &str,
    file: &str,
    unsafe_html: bool,
    language: crate::base::Language,
) -> Result<Body, Vec<Diagnostic>> {
    let raw: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(source, options())
        .into_offset_iter()
        .collect();
    // Bodies sit under the page's own h1 (its title), so a body that uses `#` headings is
    // shifted down one level to keep one h1 per page and the outline in order.
    let shift = raw.iter().any(|(e, _)| {
        matches!(
            e,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    });
    let mut body = Body {
        headings_shifted: shift,
        ..Body::default()
    };
    let mut errors = Vec::new();
    let mut events: Vec<Event> = Vec::with_capacity(raw.len());
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    let mut heading: Option<(usize, String)> = None; // (index of Start event, text so far)
    // (link index, author gave text, index of the first event of that text)
    let mut wikilink: Option<(usize, bool, usize)> = None;
    let mut summary_done = false;
    let mut footnotes: Vec<String> = Vec::new();
    let mut image: Option<(usize, bool)> = None; // (offset, has alt text)
    // A task list item's checkbox is labelled by the item's text (WCAG 1.3.1, 4.1.2): the
    // <label> opened at the marker closes where the item's first line of text ends.
    let mut task_label = false;

    for (event, range) in raw {
        if task_label && !is_inline(&event) {
            events.push(Event::InlineHtml("</label>".into()));
            task_label = false;
        }
        if let Some((_, text)) = heading.as_mut()
            && let Event::Text(t) | Event::Code(t) = &event
        {
            text.push_str(t);
        }
        match (&event, image.as_mut()) {
            (Event::Text(t) | Event::Code(t), Some((_, has_alt))) if !t.trim().is_empty() => {
                *has_alt = true
            }
            (Event::End(TagEnd::Image), Some(_)) => {
                if let Some((at, false)) = image.take() {
                    body.images_without_alt.push(at);
                }
            }
            _ => {}
        }
        if !summary_done {
            match &event {
                Event::Text(t) | Event::Code(t) => {
                    body.summary.push_str(t);
                }
                Event::SoftBreak | Event::HardBreak => body.summary.push(' '),
                Event::End(TagEnd::Paragraph) if !body.summary.is_empty() => summary_done = true,
                Event::End(TagEnd::Heading(_)) => body.summary.clear(),
                _ => {}
            }
            if body.summary.chars().count() > SUMMARY_CHARS {
                summary_done = true;
            }
        }
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => {
                let target = dest_url.trim().to_string();
                if target.is_empty() {
                    errors.push(
                        crate::base::messages::ErrorText::EmptyWikilink
                            .diagnostic(file, language)
                            .at(file_text, offset + range.start, range.len()),
                    );
                }
                let i = body.links.len();
                body.links.push(WikiLink {
                    target,
                    offset: offset + range.start,
                    has_text: has_pothole,
                });
                events.push(Event::InlineHtml(format!("\0A{i}\0").into()));
                if !has_pothole {
                    events.push(Event::InlineHtml(format!("\0T{i}\0").into()));
                }
                wikilink = Some((i, has_pothole, events.len()));
            }
            Event::End(TagEnd::Link) if wikilink.is_some() => {
                let (i, has_text, from) = wikilink.take().unwrap_or_default();
                // `[[id|]]`, or a text of spaces: a link nobody could see or click. It gets
                // the target's title, as `[[id]]` does: what the author evidently meant.
                let blank = events[from..]
                    .iter()
                    .all(|e| matches!(e, Event::Text(t) if crate::base::text::is_blank(t)));
                if has_text && blank {
                    events.truncate(from);
                    events.push(Event::InlineHtml(format!("\0T{i}\0").into()));
                    body.links[i].has_text = false;
                }
                events.push(Event::InlineHtml(format!("\0E{i}\0").into()));
            }
            // Without link text, the text event inside repeats the target: the title replaces it.
            _ if matches!(wikilink, Some((_, false, _))) => {}
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if is_local(&dest_url) {
                    body.local_links.push((
                        dest_url.to_string(),
                        offset + range.start,
                        range.len(),
                    ));
                }
                // `#anchor` links point into this body, whose ids get a prefix per page. The
                // tag is written here: pulldown-cmark would percent-encode the marker.
                if let Some(anchor) = dest_url.strip_prefix('#') {
                    let mut href = String::new();
                    pulldown_cmark_escape::escape_href(&mut href, anchor).ok();
                    let title = if title.is_empty() {
                        String::new()
                    } else {
                        format!(" title=\"{}\"", escape(&title))
                    };
                    events.push(Event::InlineHtml(
                        format!("<a href=\"#{ANCHOR}{href}\"{title}>").into(),
                    ));
                } else {
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: safe_url(dest_url),
                        title,
                        id,
                    }));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                image = Some((offset + range.start, false));
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: safe_url(dest_url),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                body.outline.push((level as u8, offset + range.start));
                let level = if shift { deeper(level) } else { level };
                heading = Some((events.len(), String::new()));
                // `{#id .class}` is kept; other attributes (`{onclick=...}`, `{style=...}`)
                // would be raw HTML by another name, so they follow the raw HTML setting.
                let attrs = if unsafe_html { attrs } else { Vec::new() };
                events.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                let level = if shift { deeper(level) } else { level };
                if let Some((start, text)) = heading.take()
                    && let Event::Start(Tag::Heading { id, .. }) = &mut events[start]
                {
                    let base = match id.take() {
                        Some(given) => given.to_string(),
                        None => heading_id(&text),
                    };
                    let unique = unique_id(base, &mut used_ids);
                    *id = Some(format!("{ANCHOR}{unique}").into());
                    body.heading_ids.push(unique);
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            // Footnotes are written here rather than by pulldown-cmark so that their ids can
            // carry the page's anchor prefix too.
            Event::FootnoteReference(label) => {
                let n = footnote_number(&mut footnotes, &label);
                let a = escape(&label);
                events.push(Event::InlineHtml(
                    format!(
                        "<sup class=\"footnote-reference\" id=\"{ANCHOR}fnref-{a}\"><a href=\"#{ANCHOR}fn-{a}\">{n}</a></sup>"
                    )
                    .into(),
                ));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = footnote_number(&mut footnotes, &label);
                let a = escape(&label);
                events.push(Event::Html(
                    format!(
                        "<div class=\"footnote-definition\" id=\"{ANCHOR}fn-{a}\"><sup class=\"footnote-definition-label\"><a href=\"#{ANCHOR}fnref-{a}\">{n}</a></sup>"
                    )
                    .into(),
                ));
            }
            Event::End(TagEnd::FootnoteDefinition) => events.push(Event::Html("</div>\n".into())),
            // A table wider than a phone scrolls inside this box, which the keyboard must be
            // able to reach to scroll it (WCAG 2.1.1).
            Event::Start(Tag::Table(alignments)) => {
                events.push(Event::Html(
                    "<div class=\"table-scroll\" role=\"group\" tabindex=\"0\">\n".into(),
                ));
                events.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                events.push(Event::Html("</div>\n".into()));
            }
            Event::TaskListMarker(checked) => {
                task_label = true;
                let checked = if checked { " checked" } else { "" };
                events.push(Event::InlineHtml(
                    format!("<label class=\"task\"><input type=\"checkbox\" disabled{checked}> ")
                        .into(),
                ));
            }
            // Comments are notes to other editors: never shown.
            Event::Html(h) | Event::InlineHtml(h)
                if !unsafe_html && h.trim_start().starts_with("<!--") => {}
            Event::Html(h) | Event::InlineHtml(h) if !unsafe_html => events.push(Event::Text(h)),
            Event::Start(Tag::HtmlBlock) if !unsafe_html => {
                events.push(Event::Start(Tag::Paragraph))
            }
            Event::End(TagEnd::HtmlBlock) if !unsafe_html => {
                events.push(Event::End(TagEnd::Paragraph))
            }
            e => events.push(e),
        }
    }
    if body.summary.chars().count() > SUMMARY_CHARS {
        let cut: String = body.summary.chars().take(SUMMARY_CHARS).collect();
        body.summary = match cut.rfind(' ') {
            Some(i) => format!("{}…", &cut[..i]),
            None => format!("{cut}…"),
        };
    }
    body.summary = body.summary.trim().to_string();
    body.html.reserve(source.len() * 3 / 2);
    html::push_html(&mut body.html, events.into_iter());
    if errors.is_empty() {
        Ok(body)
    } else {
        Err(errors)
    }
}

/// Whether `event` belongs inside a paragraph (text and inline markup), not a block.
fn is_inline(event: &Event) -> bool {
    match event {
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        Event::Html(_) | Event::Rule | Event::DisplayMath(_) => false,
        _ => true,
    }
}

fn deeper(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// A heading's anchor: lowercase letters and digits (any script), words joined by `-`.
pub fn heading_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            id.push(c);
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !id.is_empty()
            && !id.ends_with('-')
        {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() { "section".into() } else { id }
}

fn unique_id(base: String, used: &mut HashMap<String, usize>) -> String {
    let mut candidate = base.clone();
    while let Some(n) = used.get_mut(&candidate) {
        *n += 1;
        candidate = format!("{base}-{n}");
    }
    used.insert(candidate.clone(), 0);
    candidate
}

/// Whether a link's destination is a place in this site: no scheme, not protocol-relative.
pub fn is_local(url: &str) -> bool {
    let before_path = url.split(['/', '?', '#']).next().unwrap_or("");
    !url.is_empty() && !url.starts_with("//") && !before_path.contains(':')
}

/// Replaces `javascript:`, `vbscript:` and `data:` URLs other than raster images, which would
/// run code in a reader's browser, with a harmless `#`.
pub fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    if is_dangerous_url(&url) {
        CowStr::Borrowed("#")
    } else {
        url
    }
}

/// Whether a URL would run script when followed.
pub fn is_dangerous_url(url: &str) -> bool {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|c| *c != ':')
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    let has_scheme = url.contains(':');
    has_scheme
        && (scheme == "javascript"
            || scheme == "vbscript"
            || (scheme == "data" && !raster_image(url)))
}

/// Whether a `data:` URL holds a raster image (PNG, JPEG, GIF, WebP …): an image a page may
/// show. An SVG image is a document that can carry script, so it does not count.
fn raster_image(url: &str) -> bool {
    // What follows the first `:`, as a browser reads it: without whitespace and controls.
    let media: String = url
        .split_once(':')
        .map_or("", |(_, rest)| rest)
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(32)
        .collect::<String>()
        .to_ascii_lowercase();
    media.starts_with("image/") && !media.starts_with("image/svg")
}

impl Body {
    /// The HTML with every wikilink filled in, for a page `root` away from the site root
    /// (`""`, `"../"`, `"../../"`). `targets[i]` is where `links[i]` leads.
    ///
    /// `anchors` prefixes the body's ids (headings, footnotes) and its `#anchor` links: empty
    /// on the item's own page, unique per item where several bodies share a page.
    pub fn resolve(&self, root: &str, targets: &[LinkTarget], anchors: &str) -> String {
        if !self.html.contains('\0') {
            return self.html.clone();
        }
        let mut out = String::with_capacity(self.html.len() + 64 * self.links.len());
        let mut rest = self.html.as_str();
        while let Some(start) = rest.find('\0') {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            let Some(end) = after.find('\0') else { break };
            let marker = &after[..end];
            if marker == "P" {
                out.push_str(&escape(anchors));
                rest = &after[end + 1..];
                continue;
            }
            let (tag, index) = marker.split_at(1.min(marker.len()));
            if let Some(target) = index.parse::<usize>().ok().and_then(|i| targets.get(i)) {
                match (tag, &target.url) {
                    ("A", Some(url)) => {
                        let _ = write!(
                            out,
                            "<a class=\"wikilink\" href=\"{}{}\">",
                            escape(root),
                            escape(url)
                        );
                    }
                    ("E", Some(_)) => out.push_str("</a>"),
                    ("T", _) => match target.lang {
                        Some(lang) => {
                            let _ = write!(
                                out,
                                "<span lang=\"{lang}\">{}</span>",
                                escape(&target.title)
                            );
                        }
                        None => out.push_str(&escape(&target.title)),
                    },
                    _ => {}
                }
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// Moves every heading of rendered body HTML `by` levels down (at most to h6), for pages that
/// show a body under their own deeper headings, such as the catalogue.
pub fn shift_headings(html: &str, by: u8) -> String {
    // One pass over the tags: `<hN` and `</hN` get the deeper level.
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let b = tail.as_bytes();
        let digit = |at: usize| b.get(at).is_some_and(|d| (b'1'..=b'6').contains(d));
        let at = match (b.get(1), b.get(2)) {
            (Some(b'h'), _) if digit(2) => 2,
            (Some(b'/'), Some(b'h')) if digit(3) => 3,
            _ => {
                out.push('<');
                rest = &tail[1..];
                continue;
            }
        };
        out.push_str(&tail[..at]);
        out.push(char::from(b'0' + (b[at] - b'0' + by).min(6)));
        rest = &tail[at + 1..];
    }
    out.push_str(rest);
    out
}

impl Body {
    /// [`Body::resolve`], with the body's headings moved `by` levels down.
    pub fn resolve_deeper(
        &self,
        root: &str,
        targets: &[LinkTarget],
        anchors: &str,
        by: u8,
    ) -> String {
        let html = self.resolve(root, targets, anchors);
        if self.outline.is_empty() {
            html
        } else {
            shift_headings(&html, by)
        }
    }
}

/// Makes serialized JSON safe wherever it lands: in a script file, in a page, or opened by a
/// browser that guesses the type. `<`, `>` and `&` (which JSON holds only inside strings)
/// become `\u003c`, `\u003e` and `\u0026`, so no text can read as a tag or close a
/// `<script>`; U+2028 and U+2029, line breaks to older JavaScript, are escaped too.
pub fn script_safe_json(json: String) -> String {
    if !json.contains(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// HTML-escapes text for an element or a quoted attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).ok();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(src: &str, unsafe_html: bool) -> Body {
        parse(src, 0, src, "t.md", unsafe_html, crate::base::Language::En).unwrap()
    }

    #[test]
    fn wikilinks_become_markers_and_resolve_per_page() {
        let b = html(
            "Se [[vive]] og [[challenges/tid|tiden]].\n\n`[[ikke]]`",
            false,
        );
        assert_eq!(b.links.len(), 2);
        assert_eq!(b.links[1].target, "challenges/tid");
        let targets = vec![
            LinkTarget {
                url: Some("partners/vive/index.html".into()),
                title: "VIVE <Det Nationale>".into(),
                lang: None,
            },
            LinkTarget {
                url: None,
                title: "Tid".into(),
                lang: None,
            },
        ];
        let out = b.resolve("../../", &targets, "");
        assert!(out.contains(r#"<a class="wikilink" href="../../partners/vive/index.html">VIVE &lt;Det Nationale&gt;</a>"#), "{out}");
        assert!(
            out.contains(" og tiden."),
            "unpublished target becomes plain text: {out}"
        );
        assert!(out.contains("<code>[[ikke]]</code>"));
    }

    #[test]
    fn raw_html_is_escaped_unless_allowed() {
        let b = html("<script>alert(1)</script>\n\nhej <b>x</b>", false);
        assert!(
            !b.html.contains("<script>") && b.html.contains("&lt;script&gt;"),
            "{}",
            b.html
        );
        let b = html("hej <b>x</b>", true);
        assert!(b.html.contains("<b>x</b>"));
    }

    #[test]
    fn heading_attributes_other_than_id_and_class_are_raw_html() {
        let src = "## Hej {#hej .note onclick=alert(1) style=\"x\"}";
        let out = html(src, false).resolve("", &[], "");
        assert!(out.contains("<h2 id=\"hej\" class=\"note\">"), "{out}");
        assert!(!out.contains("onclick") && !out.contains("style"), "{out}");
        assert!(html(src, true).html.contains("onclick"));
    }

    #[test]
    fn heading_ids_are_unique_and_h1_shifts() {
        let b = html("# Mål\n\n## Mål\n\n## Mål", false);
        assert_eq!(b.heading_ids, ["mål", "mål-1", "mål-2"]);
        let html = b.resolve("", &[], "");
        assert!(
            html.contains("<h2 id=\"mål\">") && html.contains("<h3 id=\"mål-1\">"),
            "{html}"
        );
        let html = b.resolve("", &[], "x-");
        assert!(html.contains("<h2 id=\"x-mål\">"), "{html}");
    }

    #[test]
    fn headings_shift_down_for_the_catalogue() {
        let b = html("## To\n\n### Tre\n\n---", false);
        let shifted = shift_headings(&b.resolve("", &[], ""), 2);
        assert!(
            shifted.contains("<h4 id=\"to\">To</h4>")
                && shifted.contains("<h5 id=\"tre\">Tre</h5>"),
            "{shifted}"
        );
        assert!(shifted.contains("<hr"));
    }

    #[test]
    fn dangerous_urls_are_neutralised() {
        let b = html(
            "[x](javascript:alert(1)) [y](JavaScript:alert(1)) ![z](data:text/html,hi) [ok](https://a.dk)",
            false,
        );
        assert!(!b.html.to_lowercase().contains("javascript:"), "{}", b.html);
        assert!(!b.html.contains("data:text"), "{}", b.html);
        for url in [
            "data:image/svg+xml,<svg onload=alert(1)>",
            " DATA:Image/SVG+xml;base64,PHN2Zz4=",
            "java\tscript:alert(1)",
            "\u{80}\u{80}\u{80}data:text/html,x",
        ] {
            assert!(is_dangerous_url(url), "{url:?}");
        }
        for url in [
            "data:image/png;base64,iVBOR",
            "https://a.dk/x:y",
            "mailto:a@b.dk",
        ] {
            assert!(!is_dangerous_url(url), "{url:?}");
        }
        assert!(b.html.contains("https://a.dk"));
    }

    #[test]
    fn a_task_list_checkbox_is_labelled_by_its_item() {
        let tight = html("- [x] *Done* it\n- [ ] Not yet\n  - [ ] inner\n", false).html;
        assert!(
            tight.contains(
                "<li><label class=\"task\"><input type=\"checkbox\" disabled checked> <em>Done</em> it</label></li>"
            ) && tight.contains(
                "<li><label class=\"task\"><input type=\"checkbox\" disabled> Not yet</label>\n<ul>"
            ) && tight.contains("disabled> inner</label></li>"),
            "{tight}"
        );
        let loose = html("- [x] one\n\n  more\n\n- [ ] two\n", false).html;
        assert!(
            loose.contains("<p><label class=\"task\"><input type=\"checkbox\" disabled checked> one</label></p>")
                && loose.contains("<p>more</p>"),
            "{loose}"
        );
    }

    #[test]
    fn extensions_are_on() {
        let b = html(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ [^1]\n\n- [x] done\n\n[^1]: note",
            false,
        );
        assert!(
            b.html
                .contains("<div class=\"table-scroll\" role=\"group\" tabindex=\"0\">\n<table>"),
            "{}",
            b.html
        );
        for needle in ["<table>", "<del>", "footnote", "checkbox"] {
            assert!(b.html.contains(needle), "{needle} in {}", b.html);
        }
        let own = b.resolve("", &[], "");
        let anchors = html("## Mål\n\n[op](#mål \"Til målet\")", false);
        assert!(
            anchors
                .resolve("", &[], "")
                .contains(r##"<a href="#m%C3%A5l" title="Til målet">op</a>"##),
            "{}",
            anchors.html
        );
        assert!(
            anchors
                .resolve("", &[], "x-")
                .contains(r##"href="#x-m%C3%A5l""##)
        );
        assert!(
            own.contains(r##"href="#fn-1""##) && own.contains(r#"id="fn-1""#),
            "{own}"
        );
        let shared = b.resolve("", &[], "challenges-x-");
        assert!(
            shared.contains(r##"href="#challenges-x-fn-1""##)
                && shared.contains(r#"id="challenges-x-fn-1""#),
            "{shared}"
        );
    }

    #[test]
    fn notes_what_check_looks_at() {
        let src = "## A\n\n#### B\n\n![](x.png) ![alt](y.png)\n\n[a](../x/) [b](https://e.dk) [c](#a) [d](mailto:a@b.dk)";
        let b = html(src, false);
        assert_eq!(
            b.outline.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            [2, 4]
        );
        assert_eq!(b.images_without_alt, [src.find("![](").unwrap()]);
        let links: Vec<&str> = b.local_links.iter().map(|(l, _, _)| l.as_str()).collect();
        assert_eq!(links, ["../x/", "#a"]);
    }

    #[test]
    fn json_is_safe_in_scripts() {
        let json = serde_json::to_string(&["</script><img onerror=x>&\u{2028}"]).unwrap();
        let safe = script_safe_json(json);
        assert_eq!(
            safe,
            r#"["\u003c/script\u003e\u003cimg onerror=x\u003e\u0026\u2028"]"#
        );
        let back: Vec<String> = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, ["</script><img onerror=x>&\u{2028}"]);
    }

    #[test]
    fn a_wikilink_with_empty_text_shows_the_targets_title() {
        for src in ["Se [[vive|]].", "Se [[vive| ]].", "Se [[vive|\u{200B}]]."] {
            let b = html(src, false);
            assert_eq!(b.links.len(), 1, "{src}");
            assert!(!b.links[0].has_text, "{src}");
            let target = LinkTarget {
                url: Some("partners/vive/index.html".into()),
                title: "VIVE".into(),
                lang: None,
            };
            let out = b.resolve("", &[target], "");
            assert!(
                out.contains(r#"<a class="wikilink" href="partners/vive/index.html">VIVE</a>"#),
                "{src}: {out}"
            );
        }
    }

    #[test]
    fn summary_is_first_paragraph() {
        let b = html("## Overskrift\n\nFørste *afsnit* her.\n\nAndet.", false);
        assert_eq!(b.summary, "Første afsnit her.");
    }
}
