//! The URLs a body links to: which lead into the site, which would run script, and where a
//! relative one leads from the site's root.

use pulldown_cmark::CowStr;

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

/// Where a relative `url`, written in a body whose own page is in `folder` (`challenges/x/`,
/// or `""` for the front page), leads from the site's root: `../../partners/vive/` →
/// `partners/vive/`. The same body is shown on pages at other depths (the catalogue, one
/// folder up), so its relative links are kept from the root and given each page's way there.
///
/// A path from the site's root (`/images/x.png`, as the editing forms insert a picture) is
/// read as `check` reads it, from the root: written so, it would only work with the site at
/// the top of its host, not under a sub-path or opened from disk.
///
/// `None` for what is not a place in the site (`#x`, `//host`, `scheme:`) and for a path that
/// climbs above the site's root, which stays as written.
pub fn from_root(folder: &str, url: &str) -> Option<String> {
    if url.starts_with('#') || !is_local(url) {
        return None;
    }
    let (folder, url) = match url.strip_prefix('/') {
        // `/\host` is `//host` to a browser.
        Some(rest) if rest.starts_with('\\') => return None,
        Some(rest) => ("", rest),
        None => (folder, url),
    };
    let end = url.find(['?', '#']).unwrap_or(url.len());
    let (path, query) = url.split_at(end);
    let mut segments: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    let parts: Vec<&str> = path.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        // Browsers read `%2e` as a dot in these segments, so this does too.
        let dots = part.to_ascii_lowercase().replace("%2e", ".");
        match dots.as_str() {
            "." if last => segments.push(""),
            "." => {}
            ".." => {
                segments.pop()?;
                if last {
                    segments.push("");
                }
            }
            _ => segments.push(part),
        }
    }
    let mut site_path = segments.join("/");
    // The path is put after each page's way to the root, which is empty on the front page:
    // there `a:b` would read as a scheme, and `/x` or `//host` as another place altogether.
    let first = site_path.split('/').next().unwrap_or("");
    if site_path.is_empty() || site_path.starts_with(['/', '\\']) || first.contains(':') {
        site_path.insert_str(0, "./");
    }
    site_path.push_str(query);
    Some(site_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_urls_are_named() {
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
    }

    #[test]
    fn relative_urls_are_kept_from_the_root() {
        let item = "challenges/x/";
        for (url, expected) in [
            ("../../partners/vive/", Some("partners/vive/")),
            ("bilag.pdf", Some("challenges/x/bilag.pdf")),
            ("./bilag.pdf?v=2#s", Some("challenges/x/bilag.pdf?v=2#s")),
            ("..", Some("challenges/")),
            ("%2E%2e/%2e/y/", Some("challenges/y/")),
            ("?q=1", Some("challenges/x/?q=1")),
            ("../../", Some("./")),
            // What is not relative, or climbs out of the site, stays as written.
            ("../../../x", None),
            // From the root, as the forms insert a picture.
            ("/images/x.png", Some("images/x.png")),
            ("/partners/", Some("partners/")),
            ("/", Some("./")),
            ("/../x", None),
            ("/\\evil.example/x", None),
            ("#mål", None),
            ("//evil.example/x", None),
            ("https://a.dk", None),
            ("javascript:alert(1)", None),
            ("", None),
        ] {
            assert_eq!(from_root(item, url).as_deref(), expected, "{url:?}");
        }
        // Nothing that leaves the front page's folder empty can read as a scheme or a host.
        assert_eq!(
            from_root(item, "../../javascript:alert(1)").as_deref(),
            Some("./javascript:alert(1)")
        );
        assert_eq!(
            from_root(item, "../..//evil.example").as_deref(),
            Some(".//evil.example")
        );
        assert_eq!(from_root("", "partners/").as_deref(), Some("partners/"));
    }
}
