//! Fuzzes the whole path from a site folder to the rendered site: `site.yaml` and a few files
//! are written into a fresh folder, loaded, validated, modelled and rendered in memory.
//!
//! The input is a site folder in one file (see fuzz/README.md):
//!
//! ```text
//! title: A site            <- site.yaml, up to the first line starting with `@@ `
//! sectors: {r: R}
//! @@ content/partners/a.md <- then each file: `@@ PATH`, and its bytes up to the next `@@ `
//! ---
//! name: A
//! ...
//! ```
//!
//! Besides "no panic, no hang, no abort", every successful render is checked for what a
//! reader would suffer: a path leaving the output folder, a script or an event handler in a
//! page, a `javascript:` link, a feed or data file that no longer parses.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Component, Path, PathBuf};

const MAX_FILES: usize = 16;

fuzz_target!(|data: &[u8]| {
    let root = folder();
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("create the fuzz site folder");
    let (site_yaml, files) = split(data);
    if let Some(text) = site_yaml {
        std::fs::write(root.join("site.yaml"), text).expect("write site.yaml");
    }
    for (path, bytes) in files.into_iter().take(MAX_FILES) {
        let path = root.join(path);
        if let Some(parent) = path.parent()
            && std::fs::create_dir_all(parent).is_ok()
        {
            // A name the file system refuses (too long, a folder already there) is skipped.
            let _ = std::fs::write(&path, bytes);
        }
    }
    let Ok(modelled) = brobygger::load_model(&root, false) else {
        return;
    };
    let site = &modelled.site;
    let Ok(rendered) = brobygger::render(&modelled, None) else {
        return;
    };
    let trusted_html = site.config.markdown.unsafe_html || site.config.theme.is_some();
    for f in &rendered {
        check_path(&f.path);
        if !trusted_html {
            check_file(&f.path, &f.bytes);
        }
    }
});

/// One folder per fuzzing process, on a RAM disk when there is one.
fn folder() -> PathBuf {
    let base = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    base.join(format!("brobygger-fuzz-{}", std::process::id()))
}

/// A file of the site: where it goes and its bytes.
type File<'a> = (PathBuf, &'a [u8]);

/// Splits the input into site.yaml (absent when the input starts with a file) and the files.
fn split(data: &[u8]) -> (Option<&[u8]>, Vec<File<'_>>) {
    let mut starts = Vec::new();
    if data.starts_with(b"@@ ") {
        starts.push(0);
    }
    starts.extend(
        data.windows(4)
            .enumerate()
            .filter(|(_, w)| *w == b"\n@@ ")
            .map(|(i, _)| i + 1),
    );
    let site_yaml = match starts.first() {
        Some(0) => None,
        Some(&first) => Some(&data[..first]),
        None => Some(data),
    };
    let mut files = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(data.len());
        let chunk = &data[start + 3..end];
        let line_end = chunk
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(chunk.len());
        let bytes = chunk.get(line_end + 1..).unwrap_or_default();
        if let Some(path) = relative_path(&chunk[..line_end]) {
            files.push((path, bytes));
        }
    }
    (site_yaml, files)
}

/// The path as a relative path inside the site folder, or `None`: the harness must never
/// write outside its own folder, whatever the input.
fn relative_path(raw: &[u8]) -> Option<PathBuf> {
    let text = std::str::from_utf8(raw).ok()?;
    let parts: Vec<&str> = text
        .split('/')
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .collect();
    if parts.is_empty() || parts.len() > 6 || parts.iter().any(|p| p.contains('\0')) {
        return None;
    }
    let path: PathBuf = parts.iter().collect();
    path.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(path)
}

fn check_path(path: &str) {
    let p = Path::new(path);
    assert!(!path.is_empty(), "an output file without a path");
    assert!(
        p.components().all(|c| matches!(c, Component::Normal(_))),
        "output path leaves the output folder: {path:?}"
    );
}

fn check_file(path: &str, bytes: &[u8]) {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name.ends_with(".html") {
        let text = std::str::from_utf8(bytes).expect("pages are UTF-8");
        check_html(path, text);
    } else if path.starts_with("static/") {
        // The site's own static files are copied as they are.
    } else if name.ends_with(".xml") || name.ends_with(".gexf") {
        let text = std::str::from_utf8(bytes).expect("XML is UTF-8");
        if let Err(e) = roxmltree::Document::parse(text) {
            panic!("{path} is not well-formed XML: {e}");
        }
    } else if name.ends_with(".json") {
        if let Err(e) = serde_json::from_slice::<serde_json::Value>(bytes) {
            panic!("{path} is not valid JSON: {e}");
        }
    } else if path.starts_with("search/") && name.ends_with(".js") && path != "search/stem.js" {
        let text = std::str::from_utf8(bytes).expect("search files are UTF-8");
        check_search_js(path, text);
    }
}

/// The generated pages: every tag and attribute is the theme's, so a `<script>`, an `on…=`
/// attribute or a `javascript:` URL can only come from content that escaped escaping.
fn check_html(path: &str, html: &str) {
    let mut scripts = 0;
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with("!--") {
            rest = rest.find("-->").map_or("", |j| &rest[j + 3..]);
            continue;
        }
        let end = tag_end(rest);
        let tag = &rest[..end];
        rest = &rest[end..];
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '!')
            .collect::<String>()
            .to_ascii_lowercase();
        if name == "script" {
            scripts += 1;
            assert!(
                path == "search/index.html" && tag.contains(" src=\""),
                "{path}: a <script> tag: <{tag}>"
            );
        }
        for (attr, value) in attributes(&tag[name.len()..]) {
            assert!(
                !attr.starts_with("on"),
                "{path}: an event handler attribute in <{tag}>"
            );
            if matches!(
                attr.as_str(),
                "href" | "src" | "action" | "formaction" | "content"
            ) {
                let url = decode(&value);
                let url = if attr == "content" {
                    // <meta http-equiv="refresh" content="0; url=...">
                    url.split_once("url=")
                        .map_or(String::new(), |(_, u)| u.to_string())
                } else {
                    url
                };
                assert!(
                    !brobygger::markdown::is_dangerous_url(&url),
                    "{path}: a script URL in <{tag}>"
                );
            }
        }
    }
    assert!(scripts <= 2, "{path}: {scripts} script tags");
}

/// Where a tag ends: the first `>` outside a quoted attribute value.
fn tag_end(tag: &str) -> usize {
    let mut quote = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i,
            _ => {}
        }
    }
    tag.len()
}

/// The attributes of a tag's inside (after its name), lowercased names with raw values.
fn attributes(mut s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if s.is_empty() {
            return out;
        }
        let name_end = s
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(s.len());
        let name = s[..name_end].to_ascii_lowercase();
        s = s[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = s.strip_prefix('=') {
            let after = after.trim_start();
            let (v, rest) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let close = body.find(q).unwrap_or(body.len());
                    (&body[..close], body.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let close = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..close], &after[close..])
                }
            };
            value = v.to_string();
            s = rest;
        }
        if name.is_empty() {
            // A stray character: skip it so the loop always advances.
            s = s.get(1..).unwrap_or("");
            continue;
        }
        out.push((name, value));
    }
}

/// Decodes the character references a browser decodes in an attribute value.
fn decode(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let Some(end) = end else {
            out.push('&');
            continue;
        };
        let entity = &rest[..end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "colon" => Some(':'),
            "Tab" => Some('\t'),
            "NewLine" => Some('\n'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

/// The search index's parts are `brobyggerSearch.NAME(...JSON...);` calls: each must hold
/// valid JSON, and no markup a browser could mistake for a tag.
fn check_search_js(path: &str, text: &str) {
    assert!(
        !text.contains('<'),
        "{path}: a `<` in a script file (should be \\u003c)"
    );
    let Some(open) = text.find('(') else { return };
    let Some(close) = text.rfind(')') else { return };
    let inner = &text[open + 1..close];
    // `docs(k, [...])`: the JSON follows the block number.
    let json = match inner.split_once(',') {
        Some((k, rest)) if k.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => inner,
    };
    if let Err(e) = serde_json::from_str::<serde_json::Value>(json) {
        panic!("{path} does not hold valid JSON: {e}");
    }
}
