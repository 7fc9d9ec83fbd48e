//! Shared helpers for the integration tests: running the binary, reading the built site.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `brobygger` with `args`, without colour.
pub fn brobygger(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brobygger"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run brobygger")
}

/// Builds the site in `root` into `out`, panicking with the tool's output when it fails.
pub fn build(root: &Path, out: &Path) {
    let o = brobygger(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(
        o.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

pub fn html(path: &Path) -> scraper::Html {
    scraper::Html::parse_document(&read(path))
}

pub fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&scraper::Selector::parse(css).unwrap())
        .collect()
}

pub fn text(e: &scraper::ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A table row's cells as text, joined with ` | `.
pub fn cells(row: &scraper::ElementRef) -> String {
    row.children()
        .filter_map(scraper::ElementRef::wrap)
        .map(|c| text(&c))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Every file under `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    v.sort();
    v
}

/// Writes `files` (path, text) under `root`.
pub fn write_site(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

/// The id of the item page a relative link points at: `../../challenges/tid/index.html` →
/// (`challenges`, `tid`).
pub fn target_of(href: &str) -> Option<(String, String)> {
    let parts: Vec<&str> = href
        .split('/')
        .filter(|p| *p != ".." && !p.is_empty())
        .collect();
    match parts.as_slice() {
        [kind, id, "index.html"] => Some((kind.to_string(), id.to_string())),
        _ => None,
    }
}

/// A copy of the example site (site.yaml and content/) in a temporary folder, for tests that
/// edit it.
pub fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = repo();
    for entry in walkdir::WalkDir::new(repo.join("content")) {
        let entry = entry.unwrap();
        let to = dir.path().join(entry.path().strip_prefix(&repo).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    dir
}

/// The file a link on page `page` (a path in the built site, `challenges/x/index.html`) leads
/// to, as a browser follows it: `../../partners/vive/` → `partners/vive/index.html`. `None`
/// for a link out of the site (a scheme, `//host`, `/path`) or above its root.
pub fn follow(page: &str, href: &str) -> Option<PathBuf> {
    let before_path = href.split(['/', '?', '#']).next().unwrap_or("");
    if href.starts_with('/') || before_path.contains(':') {
        return None;
    }
    let path = href.split(['?', '#']).next().unwrap_or("");
    let mut segments: Vec<&str> = page.split('/').collect();
    segments.pop(); // the page's own file name
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            p => segments.push(p),
        }
    }
    let mut file: PathBuf = segments.iter().collect();
    if path.is_empty() || path.ends_with('/') {
        file.push("index.html");
    }
    Some(file)
}
