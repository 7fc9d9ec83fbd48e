//! The shared test kit: running the binary, reading the built site; sites in a temporary
//! folder ([`site`]) and what a run on one must leave as it was ([`outcome`]); the printed
//! errors and warnings ([`diagnostics`]).
#![allow(dead_code)]

pub mod diagnostics;
pub mod outcome;
pub mod preview;
pub mod site;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `brobygger`, without colour, to be given its arguments.
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_brobygger"));
    command.env("NO_COLOR", "1");
    command
}

/// `brobygger`, without colour, run by the shell under `ulimit LIMIT` (such as `-n 1024`), to
/// be given its arguments. `exec` keeps the process id, so the process is brobygger itself.
pub fn command_under_ulimit(limit: &str) -> Command {
    let mut command = Command::new("sh");
    command
        .args([
            "-c",
            &format!("ulimit {limit} && exec \"$0\" \"$@\""),
            env!("CARGO_BIN_EXE_brobygger"),
        ])
        .env("NO_COLOR", "1");
    command
}

/// Runs `brobygger` with `args`, without colour.
pub fn brobygger(args: &[&str]) -> Output {
    command().args(args).output().expect("run brobygger")
}

/// Builds the site in `root` into `out`, panicking with the tool's output when it fails.
pub fn build(root: &Path, out: &Path) {
    let ran = site::build_into(root, out);
    assert!(ran.status.success(), "build failed:\n{}", ran.stderr);
}

/// A set of names, for a test that a file's tables of cases name the same cases.
pub fn names<'a>(names: impl IntoIterator<Item = &'a str>) -> BTreeSet<&'a str> {
    names.into_iter().collect()
}

/// One `#[test]` per case, named after it, so `cargo test` names the case that broke: each
/// calls `check(case)`. `LIST` lists the cases, for a test that the tables name them all.
///
/// ```ignore
/// common::test_per_case!(LIST, check: case_one case_two);
/// ```
#[allow(unused_macros)]
macro_rules! test_per_case {
    ($list:ident, $check:ident: $($name:ident)*) => {
        const $list: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                $check(stringify!($name));
            }
        )*
    };
}
#[allow(unused_imports)]
pub(crate) use test_per_case;

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

/// The elements under `e` that match `css`.
pub fn select_in<'a>(e: &scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    e.select(&scraper::Selector::parse(css).unwrap()).collect()
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

/// Builds the site in `root` into `out`, then writes its search index again stemmed in
/// `language` (a code such as `nb`) through the library: no site setting names Norwegian yet.
pub fn build_with_stemmer(root: &Path, out: &Path, language: &str) {
    build(root, out);
    let site = brobygger::load_model(root, false)
        .unwrap_or_else(|_| panic!("{} does not load", root.display()));
    let language = brobygger::search::StemLanguage::from_code(language)
        .unwrap_or_else(|| panic!("no stemmer for {language}"));
    for part in ["search/t", "search/d"] {
        std::fs::remove_dir_all(out.join(part)).unwrap();
    }
    for f in brobygger::search::files_in(&site.site, language) {
        let p = out.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, f.bytes).unwrap();
    }
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

/// A site whose network is hard to draw: 14 partners with long names (one with a short
/// name) in three overlapping partnerships, a partner in none, and a partnership of
/// `big` members more (`member-0` … and two of the 14), which the drawing shows as one
/// shape once it has more than 40. Items credit pairs of the 14, and two of the big
/// partnership's own members. Written under `root` (language en).
pub fn write_crowded_network_site(root: &Path, big: usize) {
    let mut files: Vec<(String, String)> = vec![(
        "site.yaml".into(),
        "title: Crowded\nlanguage: en\nsectors:\n  research: Research\n  public: Public sector\n  civil: Civil society\n".into(),
    )];
    let sectors = ["research", "public", "civil"];
    for i in 0..14 {
        let short = if i == 0 {
            "short_name: Short Zero\n"
        } else {
            ""
        };
        files.push((
            format!("content/partners/p{i}.md"),
            format!(
                "---\nname: \"Municipal Centre for Cross-Sector Partnerships and Wellbeing, branch {i}\"\n{short}sector: {}\n---\n",
                sectors[i % 3]
            ),
        ));
    }
    files.push((
        "content/partners/alone.md".into(),
        "---\nname: Standalone Foundation for Extremely Long Names in Partnership Networks\nsector: civil\n---\n".into(),
    ));
    for i in 0..big {
        files.push((
            format!("content/partners/member-{i}.md"),
            format!(
                "---\nname: Member organisation {i}\nsector: {}\n---\n",
                sectors[i % 3]
            ),
        ));
    }
    let list = |ids: Vec<String>| ids.join(", ");
    let range = |a: usize, b: usize| (a..b).map(|i| format!("p{i}")).collect::<Vec<_>>();
    for (id, title, members) in [
        (
            "north",
            "North Partnership for Children and Young People's Wellbeing",
            range(0, 6),
        ),
        ("south", "South", range(4, 10)),
        ("east", "East Coast Employment Alliance", range(9, 14)),
    ] {
        files.push((
            format!("content/partnerships/{id}.md"),
            format!(
                "---\ntitle: \"{title}\"\npartners: [{}]\n---\n",
                list(members)
            ),
        ));
    }
    let mut members: Vec<String> = (0..big).map(|i| format!("member-{i}")).collect();
    members.extend(["p0".to_string(), "p9".to_string()]);
    files.push((
        "content/partnerships/big.md".into(),
        format!(
            "---\ntitle: The Big Regional Network\npartners: [{}]\n---\n",
            list(members)
        ),
    ));
    for i in 0..13 {
        files.push((
            format!("content/challenges/c{i}.md"),
            format!(
                "---\ntitle: Challenge {i}\npartners: [p{i}, p{}]\n---\n",
                i + 1
            ),
        ));
    }
    if big >= 2 {
        files.push((
            "content/challenges/inside.md".into(),
            "---\ntitle: Inside the big one\npartners: [member-0, member-1]\n---\n".into(),
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_site(root, &refs);
}

/// Starts `brobygger serve` on a free port with `args` (`--root` among them) and `env`, reads
/// what it prints on stderr until `enough` holds for all of it (or serve ends, or 60 s pass),
/// then stops it: for tests of what serve says first.
pub fn serve_says(args: &[&str], env: &[(&str, &str)], enough: impl Fn(&str) -> bool) -> String {
    use std::io::BufRead;
    let mut child = command()
        .args(["serve", "--port", "0"])
        .args(args)
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start serve");
    let stderr = child.stderr.take().expect("piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let started = std::time::Instant::now();
    let mut said = String::new();
    while !enough(&said) {
        let left = std::time::Duration::from_secs(60).saturating_sub(started.elapsed());
        match rx.recv_timeout(left) {
            Ok(line) => {
                said.push_str(&line);
                said.push('\n');
            }
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    said
}
