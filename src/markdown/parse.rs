//! Markdown to HTML, once per body when it is loaded: wikilinks, relative links and ids are
//! left as markers for [`Body::resolve`](super::Body::resolve); what `check` looks at is noted
//! on the way.

use super::escape::{escape, escape_href};
use super::url::{from_root, is_local, safe_url};
use super::{ANCHOR, Body, ROOT, SUMMARY_CHARS, WikiLink};
use crate::base::diagnostic::Diagnostic;
use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};
use std::collections::HashMap;

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

/// A wikilink whose closing `]]` is still to come.
struct OpenWikiLink {
    index: usize,
    /// Whether the author gave the link text (`[[id|text]]`).
    has_text: bool,
    /// Where its text starts in the events.
    from: usize,
    /// Where it starts in the summary, while the summary is being taken.
    summary_at: Option<usize>,
}

/// An image whose alt text is still being read: the tag is written when it ends.
struct OpenImage {
    /// Where its alt text starts in the events.
    from: usize,
    src: String,
    title: String,
    /// Images inside its alt text, which only give it their text.
    nested: usize,
}

/// An `href` or `src` for `url` as written in a body whose page is in `folder`: a relative URL
/// is kept from the site's root, after the page's [`ROOT`] marker.
fn href(folder: &str, url: &str) -> String {
    match from_root(folder, url) {
        Some(path) => format!("{ROOT}{}", escape_href(&path)),
        None => escape_href(&safe_url(CowStr::Borrowed(url))),
    }
}

/// ` title="..."`, or nothing for an empty title.
fn title_attribute(title: &str) -> String {
    if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape(title))
    }
}

/// An image's alt text from the events of its description, as pulldown-cmark writes it: the
/// text without markup. Markers (a wikilink's, a footnote's) are left out: an attribute
/// cannot hold a link.
fn alt_text<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    let mut alt = String::new();
    for event in events {
        match event {
            Event::InlineHtml(t) if t.contains('\0') => {}
            Event::InlineHtml(t) | Event::Code(t) | Event::Text(t) => {
                pulldown_cmark_escape::escape_html(&mut alt, &t).ok();
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule => alt.push(' '),
            _ => {}
        }
    }
    alt
}

/// Parses `source` (a file's body, starting at byte `offset` of `file_text`). `folder` is
/// where the body's own page is, from the site's root (`challenges/x/`, or `""` for the front
/// page): what its relative links are written from.
pub fn parse(
    source: &str,
    offset: usize,
    file_text: &str,
    file: &str,
    folder: &str,
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
    let mut wikilink: Option<OpenWikiLink> = None;
    let mut summary_done = false;
    // The summary's length as readers will see it: a title counts as at least one character.
    let mut summary_chars = 0;
    let mut footnotes: Vec<String> = Vec::new();
    let mut image: Option<(usize, bool)> = None; // (offset, has alt text)
    let mut open_image: Option<OpenImage> = None;
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
            // A wikilink without text shows its target's title, which is not known yet.
            let titled = matches!(
                wikilink,
                Some(OpenWikiLink {
                    has_text: false,
                    ..
                })
            );
            match &event {
                Event::Start(Tag::Link {
                    link_type: LinkType::WikiLink { has_pothole: false },
                    ..
                }) => {
                    body.summary.push_str(&format!("\0T{}\0", body.links.len()));
                    summary_chars += 1;
                }
                Event::Text(t) | Event::Code(t) if !titled => {
                    body.summary.push_str(t);
                    summary_chars += t.chars().count();
                }
                Event::SoftBreak | Event::HardBreak => {
                    body.summary.push(' ');
                    summary_chars += 1;
                }
                Event::End(TagEnd::Paragraph) if !body.summary.is_empty() => summary_done = true,
                Event::End(TagEnd::Heading(_)) => {
                    body.summary.clear();
                    summary_chars = 0;
                }
                _ => {}
            }
            if summary_chars > SUMMARY_CHARS {
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
                wikilink = Some(OpenWikiLink {
                    index: i,
                    has_text: has_pothole,
                    from: events.len(),
                    summary_at: (!summary_done).then_some(body.summary.len()),
                });
            }
            Event::End(TagEnd::Link) if wikilink.is_some() => {
                let Some(link) = wikilink.take() else {
                    continue;
                };
                let i = link.index;
                // `[[id|]]`, or a text of spaces: a link nobody could see or click. It gets
                // the target's title, as `[[id]]` does: what the author evidently meant.
                let blank = events[link.from..]
                    .iter()
                    .all(|e| matches!(e, Event::Text(t) if crate::base::text::is_blank(t)));
                if link.has_text && blank {
                    events.truncate(link.from);
                    events.push(Event::InlineHtml(format!("\0T{i}\0").into()));
                    body.links[i].has_text = false;
                    if let Some(at) = link.summary_at.filter(|&at| at <= body.summary.len()) {
                        body.summary.truncate(at);
                        body.summary.push_str(&format!("\0T{i}\0"));
                    }
                }
                events.push(Event::InlineHtml(format!("\0E{i}\0").into()));
            }
            // Without link text, the text event inside repeats the target: the title replaces it.
            _ if matches!(
                wikilink,
                Some(OpenWikiLink {
                    has_text: false,
                    ..
                })
            ) => {}
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
                // `#anchor` links point into this body, whose ids get a prefix per page, and
                // relative links are kept from the root, which each page gives its way to.
                // Their tags are written here: pulldown-cmark would percent-encode a marker.
                let href = if let Some(anchor) = dest_url.strip_prefix('#') {
                    Some(format!("#{ANCHOR}{}", escape_href(anchor)))
                } else if matches!(link_type, LinkType::Email) {
                    None
                } else {
                    from_root(folder, &dest_url).map(|path| format!("{ROOT}{}", escape_href(&path)))
                };
                match href {
                    Some(href) => events.push(Event::InlineHtml(
                        format!("<a href=\"{href}\"{}>", title_attribute(&title)).into(),
                    )),
                    None => events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: safe_url(dest_url),
                        title,
                        id,
                    })),
                }
            }
            // An image's tag is written here, when its alt text has been read, so that its
            // `src` can carry the root marker as a link's `href` does.
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                image = Some((offset + range.start, false));
                match open_image.as_mut() {
                    Some(open) => {
                        open.nested += 1;
                        events.push(Event::Start(Tag::Image {
                            link_type,
                            dest_url,
                            title,
                            id,
                        }));
                    }
                    None => {
                        open_image = Some(OpenImage {
                            from: events.len(),
                            src: href(folder, &dest_url),
                            title: title.to_string(),
                            nested: 0,
                        })
                    }
                }
            }
            Event::End(TagEnd::Image) => match open_image.take() {
                Some(mut open) if open.nested > 0 => {
                    open.nested -= 1;
                    open_image = Some(open);
                    events.push(Event::End(TagEnd::Image));
                }
                Some(open) => {
                    let alt = alt_text(events.drain(open.from.min(events.len())..));
                    events.push(Event::InlineHtml(
                        format!(
                            "<img src=\"{}\" alt=\"{alt}\"{} />",
                            open.src,
                            title_attribute(&open.title)
                        )
                        .into(),
                    ));
                }
                None => {}
            },
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
    body.html.reserve(source.len() * 3 / 2);
    html::push_html(&mut body.html, events.into_iter());
    // Every body is held until the site is written: room reserved and not used would be a
    // third of the loaded site's memory.
    body.html.shrink_to_fit();
    body.fingerprint = {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        (&body.html, &body.summary).hash(&mut h);
        h.finish()
    };
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
