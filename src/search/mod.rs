//! The search index, built with the site and split so that a query loads only the parts it
//! needs: a small manifest, one file of terms per two- or three-letter prefix, and the
//! documents' titles and snippets in blocks. Every part is a JavaScript file, because pages
//! opened from disk may load scripts but may not fetch JSON.
//!
//! Words are folded so that Danish and Swedish spellings find each other: `kobenhavn` and
//! `koebenhavn` find København, `aeldre` finds Ældre, `vasteras` finds Västerås. Each word
//! carries its stem ([`StemLanguage`]), so that a query finds the other forms of its word:
//! `partnerskaber` finds a page that only says `partnerskab`.
//!
//! A term part maps each word to its postings, `[document, weight, document, weight, …]`.
//! When the word's stem is not the word itself, the stem comes first: a negative number `-n`
//! for a stem that is the word's first n letters (almost always, in the Nordic languages), or
//! the stem as a string (English `policy` → `polici`). A word of a page in another language
//! (`language:` in its front matter) carries that language's stem as well as the site's.

mod stem;
mod words;

pub use stem::StemLanguage;
pub use words::fold;

use words::*;

use crate::model::{Ref, Site};
use crate::output::OutputFile;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde_json::json;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Documents per block of `search/d/`.
pub const DOC_BLOCK: usize = 16;
/// A two-letter shard larger than this (serialized) is split by the third letter.
const SHARD_BYTES: usize = 32 * 1024;
/// How much of a document's text is kept for its snippet.
const SNIPPET_CHARS: usize = 160;

/// One document's terms and weights. Their order is of no matter: each term's postings are
/// listed by document.
fn document_terms(site: &Site, r: Ref, stop: &StopWords) -> DocumentTerms {
    let e = site.entry(r);
    let mut words = Words::default();
    let mut add = |text: &str, source: Source| words.add(text, source, stop);
    add(&e.title, Source::Title);
    for t in &e.tags {
        add(t, Source::Tag);
        // The label readers see (`aabenhed` shown as "Åbenhed") is searched for too.
        if let Some(label) = site.config.tags.get(t) {
            add(label, Source::Tag);
        }
    }
    // The names it is linked to: its partners, partnerships, members.
    match r {
        Ref::Item(i) => {
            let it = &site.items[i];
            for &p in it
                .partners
                .iter()
                .chain(it.quote.as_ref().and_then(|q| q.by).iter())
            {
                add(&site.partners[p].entry.title, Source::Name);
            }
            for &p in &it.partnerships {
                add(&site.partnerships[p].entry.title, Source::Name);
            }
            if let Some(s) = it.quote.as_ref().and_then(|q| q.speaker.as_deref()) {
                add(s, Source::Name);
            }
        }
        Ref::Partnership(i) => {
            for m in &site.partnerships[i].members {
                add(&site.partners[m.partner].entry.title, Source::Name);
            }
        }
        Ref::Partner(i) => {
            let p = &site.partners[i];
            add(site.config.sector_label(&p.sector), Source::Name);
            if let Some(s) = &p.summary {
                add(s, Source::Text);
            }
        }
        Ref::Page(_) => {}
    }
    // The text as readers see it: wikilinks become their targets' titles.
    words.add_html(&e.body.resolve("", &e.links, ""), Source::Text, stop);
    words.count()
}

/// The text a result shows, cut at a word.
fn snippet(site: &Site, r: Ref) -> String {
    let e = site.entry(r);
    let text = match r {
        Ref::Partner(i) => site.partners[i]
            .summary
            .clone()
            .unwrap_or_else(|| e.summary.clone()),
        _ => e.summary.clone(),
    };
    if text.chars().count() <= SNIPPET_CHARS {
        return text;
    }
    let cut: String = text.chars().take(SNIPPET_CHARS).collect();
    format!("{}…", cut.rsplit_once(' ').map_or(cut.as_str(), |x| x.0))
}

/// A term and its postings (document, weight, document, weight, …).
type Posting<'a> = (&'a String, &'a Vec<u32>);

/// Puts `terms` (all starting with `key`) into one shard, or, when that would be larger
/// than [`SHARD_BYTES`], into shards by the next letter. A term no longer than the key stays
/// under the key itself.
fn split_shard<'a>(
    key: String,
    terms: Vec<Posting<'a>>,
    shards: &mut BTreeMap<String, Vec<Posting<'a>>>,
) {
    const LONGEST_KEY: usize = 5;
    let size: usize = terms.iter().map(|(t, l)| t.len() + 6 * l.len()).sum();
    let len = key.chars().count();
    if size <= SHARD_BYTES || len >= LONGEST_KEY {
        shards.entry(key).or_default().extend(terms);
        return;
    }
    let mut groups: BTreeMap<String, Vec<Posting<'a>>> = BTreeMap::new();
    for (term, list) in terms {
        groups
            .entry(term.chars().take(len + 1).collect())
            .or_default()
            .push((term, list));
    }
    for (sub, group) in groups {
        if sub == key {
            shards.entry(sub).or_default().extend(group);
        } else {
            split_shard(sub, group, shards);
        }
    }
}

/// Every file of the index, under `search/`, stemmed in the site's language.
pub fn files(site: &Site) -> Vec<OutputFile> {
    files_in(site, StemLanguage::of(site.config.language))
}

/// [`files`], each handed to `emit` as soon as it is made, instead of all held at once.
pub fn emit<E>(site: &Site, emit: impl FnMut(OutputFile) -> Result<(), E>) -> Result<(), E> {
    emit_in(site, StemLanguage::of(site.config.language), emit)
}

/// The stems of each word, when they are not just the word: in `language` (the site's, which
/// the query is stemmed in) and in the language of any page that is written in another one.
fn stems_of<'a>(
    language: StemLanguage,
    postings: &'a BTreeMap<String, Vec<u32>>,
    foreign: &HashMap<&'a str, Vec<StemLanguage>>,
) -> HashMap<&'a str, Vec<String>> {
    let stemmers: Vec<(StemLanguage, rust_stemmers::Stemmer)> = StemLanguage::ALL
        .iter()
        .map(|&l| (l, l.stemmer()))
        .collect();
    let stemmer = |l: StemLanguage| &stemmers.iter().find(|s| s.0 == l).unwrap().1;
    let terms: Vec<&String> = postings.keys().collect();
    terms
        .par_iter()
        .filter_map(|term| {
            let mut stems = vec![stemmer(language).stem(term).into_owned()];
            for &l in foreign.get(term.as_str()).into_iter().flatten() {
                let other = stemmer(l).stem(term).into_owned();
                if !stems.contains(&other) {
                    stems.push(other);
                }
            }
            (stems.len() > 1 || stems[0] != **term).then_some((term.as_str(), stems))
        })
        .collect()
}

/// The index with words stemmed in `language`: the site's, or Norwegian (`nb`), which no
/// site setting names yet.
pub fn files_in(site: &Site, language: StemLanguage) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let _ = emit_in(site, language, |f| {
        files.push(f);
        Ok::<(), ()>(())
    });
    files
}

/// [`files_in`], each file handed to `emit` as soon as it is made.
pub fn emit_in<E>(
    site: &Site,
    language: StemLanguage,
    mut emit: impl FnMut(OutputFile) -> Result<(), E>,
) -> Result<(), E> {
    /// Documents whose terms are made at once and then merged: every document's terms held
    /// at once (a string per term) would be the largest part of a build's memory.
    const TERM_BLOCK: usize = 256;
    let refs: Vec<Ref> = site.all_refs().collect();
    let stop = stop_words(site.config.language);
    let stop_set = StopWords::new(stop);
    // The pages written in another language than the site's, with that language's stemmer.
    let doc_language: Vec<Option<StemLanguage>> = refs
        .iter()
        .map(|&r| {
            site.entry(r)
                .lang
                .and_then(StemLanguage::from_code)
                .filter(|&l| l != language)
        })
        .collect();
    let mut foreign_terms: HashMap<String, Vec<StemLanguage>> = HashMap::default();
    let mut by_term: HashMap<String, Vec<u32>> = HashMap::default();
    for (b, block) in refs.chunks(TERM_BLOCK).enumerate() {
        let per_doc: Vec<DocumentTerms> = block
            .par_iter()
            .map(|&r| document_terms(site, r, &stop_set))
            .collect();
        for (k, terms) in per_doc.iter().enumerate() {
            let doc = b * TERM_BLOCK + k;
            if let Some(l) = doc_language[doc] {
                for (term, _) in terms.iter() {
                    let langs = foreign_terms.entry(term.to_string()).or_default();
                    if !langs.contains(&l) {
                        langs.push(l);
                    }
                }
            }
            for (term, weight) in terms.iter() {
                let list = match by_term.get_mut(term) {
                    Some(list) => list,
                    None => by_term.entry(term.to_string()).or_default(),
                };
                list.push(doc as u32);
                list.push(weight);
            }
        }
    }
    let postings: BTreeMap<String, Vec<u32>> = by_term.into_iter().collect();
    let foreign: HashMap<&str, Vec<StemLanguage>> = foreign_terms
        .iter()
        .map(|(t, l)| (t.as_str(), l.clone()))
        .collect();
    let stems = stems_of(language, &postings, &foreign);

    // Shards by the first two letters; a large one is split by the next letter, again and
    // again up to five letters, so a query loads little.
    let mut by_two: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
    for (term, list) in &postings {
        by_two
            .entry(term.chars().take(2).collect())
            .or_default()
            .push((term, list));
    }
    let mut shards: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
    for (key, terms) in by_two {
        split_shard(key, terms, &mut shards);
    }

    let mut manifest_shards = serde_json::Map::new();
    for (n, (key, terms)) in shards.iter().enumerate() {
        // Written by hand: a JSON value per posting number would dominate the index's cost.
        let mut body = String::with_capacity(
            terms
                .iter()
                .map(|(t, l)| t.len() + 8 * l.len())
                .sum::<usize>()
                + 32,
        );
        let _ = write!(
            body,
            "brobyggerSearch.terms({{{}:{{",
            serde_json::Value::from(key.as_str())
        );
        let mut number = itoa::Buffer::new();
        for (i, (term, list)) in terms.iter().enumerate() {
            if i > 0 {
                body.push(',');
            }
            // A folded word is made of a-z and 0-9 only: it needs no escaping.
            debug_assert!(term.bytes().all(|b| b.is_ascii_alphanumeric()));
            body.push('"');
            body.push_str(term);
            body.push_str("\":[");
            for stem in stems.get(term.as_str()).into_iter().flatten() {
                if term.starts_with(stem.as_str()) {
                    body.push('-');
                    body.push_str(number.format(stem.len()));
                    body.push(',');
                } else {
                    let _ = write!(body, "{},", serde_json::Value::from(stem.as_str()));
                }
            }
            for (j, x) in list.iter().enumerate() {
                if j > 0 {
                    body.push(',');
                }
                body.push_str(number.format(*x));
            }
            body.push(']');
        }
        body.push_str("}});\n");
        emit(OutputFile {
            path: format!("search/t/{n}.js"),
            bytes: body.into_bytes(),
        })?;
        manifest_shards.insert(key.clone(), json!(n));
    }
    for (k, block) in refs.chunks(DOC_BLOCK).enumerate() {
        let docs: Vec<serde_json::Value> = block
            .iter()
            .map(|&r| {
                let e = site.entry(r);
                json!([e.kind.name(), e.title, e.url(), snippet(site, r)])
            })
            .collect();
        let body =
            crate::markdown::script_safe_json(serde_json::to_string(&docs).unwrap_or_default());
        emit(OutputFile {
            path: format!("search/d/{k}.js"),
            bytes: format!("brobyggerSearch.docs({k},{body});\n").into_bytes(),
        })?;
    }
    // The query is stemmed in the browser with the same algorithm, in the site's language only.
    emit(OutputFile {
        path: "search/stem.js".into(),
        bytes: language.script().as_bytes().to_vec(),
    })?;
    let manifest = json!({ "docs": refs.len(), "docShard": DOC_BLOCK, "shards": manifest_shards, "stop": stop, "lang": language.code() });
    emit(OutputFile {
        path: "search/index.js".into(),
        bytes: format!(
            "window.brobyggerSearch=window.brobyggerSearch||{{}};brobyggerSearch.manifest={};\n",
            serde_json::to_string(&manifest).unwrap_or_default()
        )
        .into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_danish_and_swedish_both_ways() {
        assert_eq!(fold("København"), "kobenhavn");
        assert_eq!(fold("Ældre"), "aeldre");
        assert_eq!(fold("Västerås"), "vasteras");
        assert_eq!(fold("Köping"), "koping");
        assert_eq!(danish_spelling("København").as_deref(), Some("koebenhavn"));
        assert_eq!(danish_spelling("Århus").as_deref(), Some("aarhus"));
        assert_eq!(danish_spelling("Västerås").as_deref(), Some("vaesteraas"));
        assert_eq!(danish_spelling("Tillid"), None);
        let mut words = Words::default();
        words.add(
            "Façade, Peer-støtte og ÆLDRE",
            Source::Text,
            &StopWords::new(&["og"]),
        );
        let mut terms: Vec<&str> = words
            .uses
            .iter()
            .map(|(r, _)| &words.text[r.clone()])
            .collect();
        terms.sort();
        assert_eq!(terms, ["ade", "aeldre", "fa", "peer", "stoette", "stotte"]);
    }

    #[test]
    fn the_letters_that_fold_are_the_clients() {
        let script = include_str!("../../themes/default/static/search.js");
        let map = script
            .split_once("var MAP = {")
            .and_then(|(_, rest)| rest.split_once('}'))
            .expect("search.js has its MAP of letters")
            .0;
        let client: Vec<char> = map
            .split(',')
            .filter_map(|pair| pair.trim().strip_prefix('\'')?.chars().next())
            .collect();
        assert_eq!(client.len(), 24, "{map}");
        let ours: Vec<char> = ('\u{80}'..='\u{24f}')
            .filter(|&c| is_folded_letter(c))
            .collect();
        let mut client_sorted = client.clone();
        client_sorted.sort();
        assert_eq!(ours, client_sorted);
        for c in client {
            let mut folded = String::new();
            fold_char(c, &mut folded);
            let theirs = map
                .split_once(&format!("'{c}': '"))
                .unwrap()
                .1
                .split('\'')
                .next();
            assert_eq!(Some(folded.as_str()), theirs, "{c}");
        }
    }

    #[test]
    fn the_quick_paths_for_letters_agree_with_unicodes_lowercase() {
        for c in ('\u{80}'..='\u{ffff}').chain('\u{10000}'..='\u{1ffff}') {
            let lower: String = c.to_lowercase().collect();
            assert_eq!(
                is_word_letter(c),
                lower.chars().all(is_folded_letter),
                "{c:?}"
            );
            if let Some(l) = simple_lowercase(c) {
                assert_eq!(lower, l.to_string(), "{c:?}");
            }
        }
    }

    #[test]
    fn html_is_read_as_a_reader_sees_it() {
        let mut words = Words::default();
        words.add_html(
            "<p>Ab &amp;cd Ef&#39;gh</p><ul><li>Æble</li></ul><a href=\"https://eksempel.dk/side\">Link</a> a&b",
            Source::Text,
            &StopWords::new(&[]),
        );
        let terms: Vec<&str> = words
            .uses
            .iter()
            .map(|(r, _)| &words.text[r.clone()])
            .collect();
        assert_eq!(terms, ["ab", "cd", "ef", "gh", "aeble", "link"]);
    }
}
