//! What every row asserts about a built site: it is safe for readers. The sites, the runs and
//! what a run must leave as it was are the shared kit's (`tests/common/site.rs`,
//! `tests/common/outcome.rs`).

use std::path::{Path, PathBuf};

use crate::common::outcome::Outcome;
use crate::common::site::Site;

/// The user to run a build as for rows about permissions: as root, permissions do not stop
/// reading or writing, so such rows run the build as `nobody` (65534), with the temporary
/// folder opened to it; otherwise the tests' own user, as it is. Either way the build meets
/// the permission it is denied.
#[cfg(unix)]
pub fn unprivileged(site: &Site) -> Option<u32> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let me = std::fs::metadata("/proc/self").map_or(1, |m| m.uid());
    if me != 0 {
        return None;
    }
    const NOBODY: u32 = 65534;
    for e in walkdir::WalkDir::new(site.tmp.path()).into_iter().flatten() {
        if e.path_is_symlink() {
            continue;
        }
        let p = e.path();
        let mode = std::fs::metadata(p)
            .map(|m| m.permissions().mode())
            .unwrap_or(0);
        // Leave files a row made unreadable as they are; open the rest to `nobody`.
        if e.file_type().is_dir() && mode & 0o700 == 0o700 {
            let _ = std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755));
        }
        if p.starts_with(&site.out) || p == site.tmp.path() {
            let _ = std::os::unix::fs::chown(p, Some(NOBODY), Some(NOBODY));
        }
    }
    Some(NOBODY)
}

impl Outcome<'_> {
    /// The site was built, and the output is safe for readers.
    pub fn built(&self) -> Built {
        self.wrote_site();
        let built = Built {
            out: self.site.out.clone(),
        };
        assert_safe(&built.out);
        built
    }
}

pub struct Built {
    pub out: PathBuf,
}

impl Built {
    pub fn read(&self, path: &str) -> String {
        let p = self.out.join(path);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()))
    }

    /// The text a reader sees on a page (tags gone, character references decoded).
    pub fn text(&self, path: &str) -> String {
        let page = scraper::Html::parse_document(&self.read(path));
        page.root_element().text().collect::<String>()
    }

    pub fn exists(&self, path: &str) -> bool {
        self.out.join(path).exists()
    }
}

// ---------------------------------------------------------------------------------------------
// What a safe output is.

/// Whether a browser would run `url` as script when it is followed or loaded: the scheme as
/// the URL standard reads it (leading and trailing C0 controls and spaces stripped, tabs and
/// newlines removed anywhere). Written here independently of the generator's own check.
pub fn runs_script(url: &str) -> bool {
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    if !scheme
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return false;
    }
    match scheme.to_ascii_lowercase().as_str() {
        "javascript" | "vbscript" => true,
        "data" => {
            let media = rest.trim_start().to_ascii_lowercase();
            ![
                "image/png",
                "image/jpeg",
                "image/gif",
                "image/webp",
                "image/avif",
            ]
            .iter()
            .any(|m| media.starts_with(m))
        }
        _ => false,
    }
}

/// Every file of a built site is safe for readers: see the module's documentation.
pub fn assert_safe(out: &Path) {
    for e in walkdir::WalkDir::new(out).into_iter().flatten() {
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(out)
            .expect("under out")
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(e.path()).expect("read an output file");
        let name = rel.rsplit('/').next().unwrap_or(&rel).to_string();
        if name.ends_with(".html") {
            assert_safe_html(&rel, &String::from_utf8(bytes).expect("pages are UTF-8"));
        } else if name.ends_with(".xml") || name.ends_with(".gexf") {
            assert_safe_xml(&rel, &String::from_utf8(bytes).expect("XML is UTF-8"));
        } else if name.ends_with(".json") {
            let text = String::from_utf8(bytes).expect("JSON is UTF-8");
            if let Err(e) = serde_json::from_str::<serde_json::Value>(&text) {
                panic!("{rel} is not valid JSON: {e}");
            }
            assert!(!text.contains('<'), "{rel}: a raw `<` in JSON");
        } else if rel.starts_with("search/") && name.ends_with(".js") && rel != "search/stem.js" {
            // The index's files hold the site's text; `stem.js` is the theme's stemmer, code
            // whose comparisons use `<`.
            let text = String::from_utf8(bytes).expect("the search index is UTF-8");
            assert!(!text.contains('<'), "{rel}: a raw `<` in a script file");
        } else if name.ends_with(".csv") {
            assert_safe_csv(&rel, &bytes);
        }
    }
}

fn assert_safe_html(rel: &str, html: &str) {
    let page = scraper::Html::parse_document(html);
    let all = scraper::Selector::parse("*").expect("selector");
    for el in page.select(&all) {
        let v = el.value();
        let tag = v.name();
        let shown = || el.html().chars().take(200).collect::<String>();
        assert!(
            !matches!(
                tag,
                "iframe" | "object" | "embed" | "base" | "frame" | "frameset" | "applet"
            ),
            "{rel}: a <{tag}> element: {}",
            shown()
        );
        if tag == "script" {
            let src = v.attr("src").unwrap_or_default();
            assert!(
                rel == "search/index.html"
                    && (src.ends_with("search.js") || src.ends_with("search/index.js"))
                    && el.inner_html().trim().is_empty(),
                "{rel}: a script that is not the theme's: {}",
                shown()
            );
        }
        for (attr, value) in v.attrs() {
            let attr = attr.to_ascii_lowercase();
            assert!(
                !attr.starts_with("on"),
                "{rel}: an event handler attribute: {}",
                shown()
            );
            assert!(attr != "style", "{rel}: a style attribute: {}", shown());
            if matches!(
                attr.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href" | "poster" | "data"
            ) {
                assert!(!runs_script(value), "{rel}: a script URL: {}", shown());
            }
        }
        if tag == "meta" && v.attr("http-equiv").is_some() {
            let content = v.attr("content").unwrap_or_default();
            let url = content
                .split_once("url=")
                .map_or("", |(_, u)| u)
                .to_string();
            assert!(
                !runs_script(&url),
                "{rel}: a refresh to a script URL: {}",
                shown()
            );
        }
    }
}

fn assert_safe_xml(rel: &str, text: &str) {
    let doc = match roxmltree::Document::parse(text) {
        Ok(d) => d,
        Err(e) => panic!("{rel} is not well-formed XML: {e}"),
    };
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name().to_ascii_lowercase();
        assert!(name != "script", "{rel}: a script element");
        for a in node.attributes() {
            assert!(
                !a.name().to_ascii_lowercase().starts_with("on"),
                "{rel}: an event handler attribute"
            );
            if a.name() == "href" {
                assert!(!runs_script(a.value()), "{rel}: a script URL");
            }
        }
    }
}

/// No cell a spreadsheet would run as a formula.
fn assert_safe_csv(rel: &str, bytes: &[u8]) {
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("{rel} is not valid CSV: {e}"));
        for cell in record.iter() {
            let formula = match cell.as_bytes().first() {
                Some(b'=' | b'+' | b'@' | b'\t' | b'\r') => true,
                Some(b'-') => cell.parse::<f64>().is_err(),
                _ => false,
            };
            assert!(
                !formula,
                "{rel}: a cell a spreadsheet runs as a formula: {cell:?}"
            );
        }
    }
}
