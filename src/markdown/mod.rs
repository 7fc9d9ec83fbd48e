//! The Markdown pipeline: CommonMark with tables, footnotes, strikethrough, task lists and
//! heading ids; wikilinks (`[[id]]`, `[[kind/id]]`, `[[id|text]]`); raw HTML escaped unless the
//! site allows it; dangerous link schemes neutralised.
//!
//! A body is parsed once, when it is loaded ([`parse`]). What depends on the page showing it
//! cannot be settled then: where wikilinks lead (the rest of the site is not known yet), the
//! way to the site's root for relative links (the body is shown at several depths), and the
//! prefix of its ids. So the HTML keeps NUL-delimited markers for them, which
//! [`Body::resolve`] fills in per page. CommonMark turns every NUL in the source into U+FFFD,
//! so a marker can never come from the author.
//!
//! - `parse`: Markdown to HTML with markers, and what `check` looks at.
//! - `resolve`: the markers filled in for one page; the plain summary.
//! - `url`: which URLs lead where, and which would run script.
//! - `escape`: text made safe for HTML and for scripts.

mod escape;
mod parse;
mod resolve;
mod url;

pub use escape::{escape, script_safe_json};
pub use parse::{heading_id, parse};
pub use resolve::shift_headings;
pub use url::{is_dangerous_url, is_local, safe_url};

/// A parsed Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// HTML with markers for wikilinks, the root and the anchor prefix; see [`Body::resolve`].
    pub html: String,
    /// The wikilinks in order of appearance; marker `i` refers to `links[i]`.
    pub links: Vec<WikiLink>,
    /// The start of the text, plain, with markers for wikilinks that show their target's
    /// title; [`Body::summary`] fills them in.
    summary: String,
    /// The ids given to the headings, for checking `#anchor` links.
    pub heading_ids: Vec<String>,
    /// What `check` looks at: heading levels as rendered, images without alt text, and
    /// links to places inside the site, each with its byte offset in the file.
    /// Headings as written (number of `#`) with their offsets; `headings_shifted` says
    /// whether they render one level deeper (the body used `#`).
    pub outline: Vec<(u8, usize)>,
    pub headings_shifted: bool,
    pub images_without_alt: Vec<usize>,
    /// (URL as written, offset, length of the whole link in the source).
    pub local_links: Vec<(String, usize, usize)>,
    /// A hash of `html` and the summary: two bodies with the same fingerprint show the same.
    pub fingerprint: u64,
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
#[derive(Debug, Clone, Hash)]
pub struct LinkTarget {
    /// Root-relative URL of the target page; `None` when it is not published (a draft).
    pub url: Option<String>,
    /// The target's title, used as the link text when the author gave none.
    pub title: String,
    /// The title's language when it is not the site's.
    pub lang: Option<&'static str>,
}

/// How long a summary may be, in characters, before it is cut at a word.
const SUMMARY_CHARS: usize = 280;

/// Marks where a page's anchor prefix goes in ids and `#anchor` links: the same body is shown
/// on its own page and, among many others, in the catalogue, where its ids must not collide.
const ANCHOR: &str = "\0P\0";

/// Marks where a page's way to the site's root (`../../`) goes before a relative link or image,
/// which is kept from the root.
const ROOT: &str = "\0R\0";

#[cfg(test)]
mod tests;
