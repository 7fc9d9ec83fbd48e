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
mod vocabulary;
mod words;

pub use stem::StemLanguage;
pub use words::fold;

use vocabulary::*;
use words::*;

use crate::model::{Ref, Site};
use crate::output::OutputFile;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde_json::json;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;

/// Documents per block of `search/d/`.
pub const DOC_BLOCK: usize = 16;
/// A two-letter shard larger than this (serialized) is split by the third letter.
const SHARD_BYTES: usize = 32 * 1024;
/// How much of a document's text is kept for its snippet.
const SNIPPET_CHARS: usize = 160;

/// One document's terms and weights. Their order is of no matter: each term's postings are
/// listed by document.
fn document_terms(
    site: &Site,
    r: Ref,
    stop: &StopWords,
    vocabulary: &mut Vocabulary,
) -> DocumentTerms {
    let e = site.entry(r);
    let mut words = Words::new(vocabulary, stop);
    let mut add = |text: &str, source: Source| words.add(text, source);
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
    // The text as readers see it: wikilinks become their targets' titles. Read in pieces,
    // not copied into one string first.
    e.body.resolve_pieces("", &e.links, "", |piece| {
        words.add_html_piece(piece, Source::Text)
    });
    words.end_html(Source::Text);
    vocabulary.document()
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
    // A vocabulary per thread of the pool (and one for a call from outside it): a thread
    // reads one document at a time, so its lock is never waited for.
    let threads = rayon::current_num_threads();
    let vocabularies: Vec<Mutex<Vocabulary>> = (0..=threads).map(|_| Mutex::default()).collect();
    let vocabulary = |slot: usize| {
        vocabularies[slot]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    // Every term's postings, and the languages other than the site's of the pages it is in;
    // `index[slot][n]` is where word `n` of a thread's vocabulary stands, once met.
    let mut term_numbers: HashMap<String, u32> = HashMap::default();
    let mut lists: Vec<Vec<u32>> = Vec::new();
    let mut term_languages: Vec<Vec<StemLanguage>> = Vec::new();
    let mut index: Vec<Vec<u32>> = vec![Vec::new(); threads + 1];
    for (b, block) in refs.chunks(TERM_BLOCK).enumerate() {
        let per_doc: Vec<(usize, DocumentTerms)> = block
            .par_iter()
            .map(|&r| {
                let slot = rayon::current_thread_index().map_or(threads, |t| t.min(threads));
                (
                    slot,
                    document_terms(site, r, &stop_set, &mut vocabulary(slot)),
                )
            })
            .collect();
        for (k, (slot, terms)) in per_doc.iter().enumerate() {
            let doc = b * TERM_BLOCK + k;
            let index = &mut index[*slot];
            for &(n, weight) in terms {
                let n = n as usize;
                if index.len() <= n {
                    index.resize(n + 1, u32::MAX);
                }
                if index[n] == u32::MAX {
                    let vocabulary = vocabulary(*slot);
                    let word = vocabulary.word(n as u32);
                    index[n] = match term_numbers.get(word) {
                        Some(&t) => t,
                        None => {
                            let t = lists.len() as u32;
                            term_numbers.insert(word.to_string(), t);
                            lists.push(Vec::new());
                            term_languages.push(Vec::new());
                            t
                        }
                    };
                }
                let t = index[n] as usize;
                lists[t].push(doc as u32);
                lists[t].push(weight);
                if let Some(l) = doc_language[doc]
                    && !term_languages[t].contains(&l)
                {
                    term_languages[t].push(l);
                }
            }
        }
    }
    let mut postings: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut foreign_terms: Vec<(String, Vec<StemLanguage>)> = Vec::new();
    for (term, t) in term_numbers {
        let t = t as usize;
        if !term_languages[t].is_empty() {
            foreign_terms.push((term.clone(), std::mem::take(&mut term_languages[t])));
        }
        postings.insert(term, std::mem::take(&mut lists[t]));
    }
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
mod tests;
