//! The search index written with the example site: split into parts, folded so Danish and
//! Swedish spellings meet, weighted so titles rank first.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = tempfile::tempdir().unwrap().keep().join("public");
        build(&repo(), &out);
        out
    })
}

/// The JSON argument of a `brobyggerSearch.x(...)` script, or of the manifest assignment.
fn payload(file: &Path) -> Value {
    let text = read(file);
    let start = text.find(['(', '=']).map(|i| i + 1).unwrap();
    let json = text[start..]
        .trim_end()
        .trim_end_matches(';')
        .trim_end_matches(')');
    let json = json
        .rsplit_once("brobyggerSearch.manifest=")
        .map_or(json, |x| x.1);
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn manifest() -> Value {
    payload(&built().join("search/index.js"))
}

/// The postings of `term` (doc, weight pairs), looked up the way the client does.
fn postings(term: &str) -> Vec<(u64, u64)> {
    let m = manifest();
    let shards = m["shards"].as_object().unwrap();
    let Some(key) = [5, 4, 3, 2]
        .iter()
        .map(|&n| term.chars().take(n).collect::<String>())
        .find(|k| shards.contains_key(k))
    else {
        return Vec::new();
    };
    let file = built().join(format!("search/t/{}.js", shards[&key]));
    let terms = payload(&file);
    let list = terms[&key][term].as_array().cloned().unwrap_or_default();
    list.chunks(2)
        .map(|p| (p[0].as_u64().unwrap(), p[1].as_u64().unwrap()))
        .collect()
}

/// Document `n`: (kind, title, url, text).
fn doc(n: u64) -> Vec<String> {
    let m = manifest();
    let block = m["docShard"].as_u64().unwrap();
    let text = read(&built().join(format!("search/d/{}.js", n / block)));
    let json = &text[text.find(',').unwrap() + 1..text.rfind(')').unwrap()];
    let list: Value = serde_json::from_str(json).unwrap();
    list[(n % block) as usize]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_index_is_split_into_small_parts_loaded_as_scripts() {
    let m = manifest();
    let docs = m["docs"].as_u64().unwrap();
    assert!(
        docs > 90,
        "every partner, partnership, item and page: {docs}"
    );
    let shard_files = files(&built().join("search/t"));
    assert_eq!(shard_files.len(), m["shards"].as_object().unwrap().len());
    for f in &shard_files {
        let text = read(&built().join("search/t").join(f));
        assert!(
            text.starts_with("brobyggerSearch.terms("),
            "{}",
            f.display()
        );
        assert!(
            text.len() < 64 * 1024,
            "{} is {} bytes",
            f.display(),
            text.len()
        );
    }
    let search = html(&built().join("search/index.html"));
    assert!(
        !select(&search, "noscript").is_empty(),
        "says search needs JavaScript"
    );
    assert!(!select(&search, "script[src='../search/index.js']").is_empty());
    let front = html(&built().join("index.html"));
    assert_eq!(
        select(&front, "form[role=search]")[0]
            .value()
            .attr("action"),
        Some("search/index.html")
    );
}

#[test]
fn danish_and_swedish_spellings_find_each_other() {
    // Västerås stad is a partner: its name is indexed folded and in the Danish spelling.
    for term in ["vasteras", "vaesteraas", "koping", "koepings"] {
        let hits = postings(term);
        assert!(!hits.is_empty(), "{term}");
    }
    let titles: Vec<String> = postings("vasteras")
        .iter()
        .map(|&(d, _)| doc(d)[1].clone())
        .collect();
    assert!(titles.iter().any(|t| t == "Västerås stad"), "{titles:?}");
    // æ: "aeldre"-style folding; the example's content has "sårbare" (å) and "fælles" (æ).
    assert!(!postings("faelles").is_empty());
    assert!(!postings("sarbare").is_empty() && !postings("saarbare").is_empty());
}

#[test]
fn a_word_in_the_title_weighs_more_than_in_the_text() {
    let hits = postings("tillid");
    let in_title = |d: u64| {
        doc(d)[1]
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "tillid")
    };
    let title = hits
        .iter()
        .find(|&&(d, _)| in_title(d))
        .expect("a title with the word tillid");
    let body_only = hits
        .iter()
        .find(|&&(d, _)| !in_title(d))
        .expect("a text with tillid");
    assert!(
        title.1 >= 10 && body_only.1 < 10,
        "title {title:?}, text only {body_only:?}"
    );
    // Stop words are not indexed.
    assert!(postings("og").is_empty());
}
