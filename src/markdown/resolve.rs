//! Filling in a parsed body for the page that shows it: its wikilinks, its way to the site's
//! root for relative links, and its anchor prefix. The same body is shown on its own page, in
//! the catalogue, in cards and in search results, each at its own depth.

use super::escape::escape;
use super::{Body, LinkTarget, SUMMARY_CHARS};

impl Body {
    /// The HTML with every wikilink filled in, for a page `root` away from the site root
    /// (`""`, `"../"`, `"../../"`). `targets[i]` is where `links[i]` leads. Relative links
    /// and images, kept from the site's root, are given the same `root`.
    ///
    /// `anchors` prefixes the body's ids (headings, footnotes) and its `#anchor` links: empty
    /// on the item's own page, unique per item where several bodies share a page.
    pub fn resolve(&self, root: &str, targets: &[LinkTarget], anchors: &str) -> String {
        if !self.html.contains('\0') {
            return self.html.clone();
        }
        let mut out = String::with_capacity(self.html.len() + 64 * self.links.len());
        self.resolve_pieces(root, targets, anchors, |piece| out.push_str(piece));
        out
    }

    /// [`Body::resolve`] handed to `piece` a piece at a time, in order, instead of copied
    /// into one string: the search index reads every body's text once and keeps none of it.
    pub fn resolve_pieces(
        &self,
        root: &str,
        targets: &[LinkTarget],
        anchors: &str,
        mut piece: impl FnMut(&str),
    ) {
        let mut rest = self.html.as_str();
        while let Some(start) = rest.find('\0') {
            piece(&rest[..start]);
            let after = &rest[start + 1..];
            let Some(end) = after.find('\0') else { break };
            let marker = &after[..end];
            rest = &after[end + 1..];
            match marker {
                "P" => piece(&escape(anchors)),
                "R" => piece(&escape(root)),
                _ => wikilink(&mut piece, marker, root, targets),
            }
        }
        piece(rest);
    }

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

    /// The start of the text, plain, for cards, feeds and search results: a wikilink without
    /// text of its own shows its target's title, as it does in the body. `targets[i]` is where
    /// `links[i]` leads; a link without one shows what was written.
    pub fn summary(&self, targets: &[LinkTarget]) -> String {
        let mut text = String::with_capacity(self.summary.len() + 32 * self.links.len());
        let mut rest = self.summary.as_str();
        while let Some(start) = rest.find('\0') {
            text.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            let Some(end) = after.find('\0') else { break };
            let index = after[..end]
                .strip_prefix('T')
                .and_then(|n| n.parse::<usize>().ok());
            if let Some(i) = index {
                match (targets.get(i), self.links.get(i)) {
                    (Some(target), _) => text.push_str(&target.title),
                    (None, Some(link)) => text.push_str(&link.target),
                    (None, None) => {}
                }
            }
            rest = &after[end + 1..];
        }
        text.push_str(rest);
        if text.chars().count() > SUMMARY_CHARS {
            let cut: String = text.chars().take(SUMMARY_CHARS).collect();
            text = match cut.rfind(' ') {
                Some(i) => format!("{}…", &cut[..i]),
                None => format!("{cut}…"),
            };
        }
        text.trim().to_string()
    }
}

/// Writes wikilink marker `marker` (`A3`: the link opens, `T3`: its target's title, `E3`: it
/// closes).
fn wikilink(piece: &mut impl FnMut(&str), marker: &str, root: &str, targets: &[LinkTarget]) {
    let (tag, index) = marker.split_at(1.min(marker.len()));
    let Some(target) = index.parse::<usize>().ok().and_then(|i| targets.get(i)) else {
        return;
    };
    match (tag, &target.url) {
        ("A", Some(url)) => {
            piece("<a class=\"wikilink\" href=\"");
            piece(&escape(root));
            piece(&escape(url));
            piece("\">");
        }
        ("E", Some(_)) => piece("</a>"),
        ("T", _) => match target.lang {
            Some(lang) => {
                piece("<span lang=\"");
                piece(lang);
                piece("\">");
                piece(&escape(&target.title));
                piece("</span>");
            }
            None => piece(&escape(&target.title)),
        },
        _ => {}
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
