//! The search index, built with the site and split so that a query loads only the parts it
//! needs: a small manifest, one file of terms per two- or three-letter prefix, and the
//! documents' titles and snippets in blocks. Every part is a JavaScript file, because pages
//! opened from disk may load scripts but may not fetch JSON.
//!
//! Words are folded so that Danish and Swedish spellings find each other: `kobenhavn` and
//! `koebenhavn` find København, `aeldre` finds Ældre, `vasteras` finds Västerås.

use crate::config::Language;
use crate::model::{Ref, Site};
use crate::render::OutputFile;
use rayon::prelude::*;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};

/// Documents per block of `search/d/`.
pub const DOC_BLOCK: usize = 256;
/// A two-letter shard larger than this (serialized) is split by the third letter.
const SHARD_BYTES: usize = 48 * 1024;
/// How much of a document's text is kept for its snippet.
const SNIPPET_CHARS: usize = 300;

/// Folds a word the way the search matches: lowercase ASCII letters and digits; æ becomes ae,
/// ø and ö o, å and ä a, other accents dropped.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'æ' | 'ä' => out.push_str(if c == 'æ' { "ae" } else { "a" }),
            'ø' | 'ö' | 'ó' | 'ò' | 'ô' => out.push('o'),
            'å' | 'á' | 'à' | 'â' => out.push('a'),
            'ü' | 'ú' | 'ù' | 'û' => out.push('u'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'í' | 'ì' | 'î' | 'ï' => out.push('i'),
            'ß' => out.push_str("ss"),
            _ => {}
        }
    }
    out
}

/// The Danish spelling of a word with ø, å, ä or ö (`koebenhavn`, `vaesteraas`), indexed
/// beside the folded one.
fn danish_spelling(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    lower.contains(['ø', 'å', 'ä', 'ö']).then(|| {
        fold(
            &lower
                .replace(['ø', 'ö'], "oe")
                .replace('å', "aa")
                .replace('ä', "ae"),
        )
    })
}

/// Letters [`fold`] knows besides a-z; any other character separates words, as in the
/// client (search.js), so both split a text the same way.
const FOLDED_LETTERS: &str = "æäøöóòôåáàâüúùûéèêëíìîïß";

/// The words of a text.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let is_word =
        |c: char| c.is_ascii_alphanumeric() || c.to_lowercase().all(|l| FOLDED_LETTERS.contains(l));
    text.split(move |c: char| !is_word(c))
        .filter(|w| !w.is_empty())
}

fn stop_words(language: Language) -> &'static [&'static str] {
    match language {
        Language::Da => &[
            "og", "i", "at", "det", "en", "den", "til", "er", "som", "pa", "de", "med", "han",
            "af", "for", "ikke", "der", "var", "mig", "sig", "men", "et", "har", "om", "vi", "min",
            "havde", "ham", "hun", "nu", "over", "da", "fra", "du", "ud", "sin", "dem", "os", "op",
            "man", "hans", "hvor", "eller", "hvad", "skal", "selv", "her", "alle", "vil", "blev",
            "kunne", "ind", "nar", "vaere", "dog", "noget", "ville", "jo", "deres", "efter", "ned",
            "skulle", "denne", "end", "dette", "mit", "ogsa", "under", "have", "dig", "anden",
            "hende", "mine", "alt", "meget", "sit", "sine", "vor", "mod", "disse", "hvis", "din",
            "nogle", "hos", "blive", "mange", "ad", "bliver", "hendes", "vaeret", "thi", "jer",
            "sadan",
        ],
        Language::Sv => &[
            "och", "det", "att", "i", "en", "jag", "hon", "som", "han", "pa", "den", "med", "var",
            "sig", "for", "sa", "till", "ar", "men", "ett", "om", "hade", "de", "av", "icke",
            "mig", "du", "henne", "da", "sin", "nu", "har", "inte", "hans", "honom", "skulle",
            "hennes", "dar", "min", "man", "ej", "vid", "kunde", "nagot", "fran", "ut", "nar",
            "efter", "upp", "vi", "dem", "vara", "vad", "over", "an", "dig", "kan", "sina", "har",
            "ha", "mot", "alla", "under", "nagon", "eller", "allt", "mycket", "sedan", "ju",
            "denna", "sjalv", "detta", "at", "utan", "varit", "hur", "ingen", "mitt", "ni", "bli",
            "blev", "oss", "din", "dessa", "nagra", "deras", "blir", "mina", "samma", "vilken",
            "er", "sadan", "var", "blivit", "dess",
        ],
        Language::En => &[
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into",
            "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then",
            "there", "these", "they", "this", "to", "was", "will", "with", "we", "our", "its",
            "from", "has", "have", "had", "which", "who", "what",
        ],
    }
}

/// Plain text of rendered body HTML: tags dropped, the common entities decoded.
fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            '\0' => out.push(' '),
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// One document's terms and weights.
fn document_terms(site: &Site, r: Ref, stop: &[&str]) -> Vec<(String, u32)> {
    let e = site.entry(r);
    let mut weights: HashMap<String, u32> = HashMap::new();
    let mut add = |text: &str, weight: u32, cap: u32| {
        for w in words(text) {
            let folded = fold(w);
            if folded.len() < 2 || stop.contains(&folded.as_str()) {
                continue;
            }
            for term in std::iter::once(folded).chain(danish_spelling(w)) {
                // Each source adds up to its cap; a weaker source never lowers what a
                // stronger one gave.
                let slot = weights.entry(term).or_insert(0);
                *slot = (*slot + weight).min((*slot).max(cap));
            }
        }
    };
    add(&e.title, 10, 20);
    for t in &e.tags {
        add(t, 5, 10);
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
                add(&site.partners[p].entry.title, 5, 10);
            }
            for &p in &it.partnerships {
                add(&site.partnerships[p].entry.title, 5, 10);
            }
            if let Some(s) = it.quote.as_ref().and_then(|q| q.speaker.as_deref()) {
                add(s, 5, 10);
            }
        }
        Ref::Partnership(i) => {
            for m in &site.partnerships[i].members {
                add(&site.partners[m.partner].entry.title, 5, 10);
            }
        }
        Ref::Partner(i) => {
            let p = &site.partners[i];
            add(site.config.sector_label(&p.sector), 5, 10);
            if let Some(s) = &p.summary {
                add(s, 1, 5);
            }
        }
        Ref::Page(_) => {}
    }
    add(&plain_text(&e.body.html), 1, 5);
    let mut terms: Vec<(String, u32)> = weights.into_iter().collect();
    terms.sort();
    terms
}

/// The text a result shows, cut at a word.
fn snippet(site: &Site, r: Ref) -> String {
    let e = site.entry(r);
    let text = match r {
        Ref::Partner(i) => site.partners[i]
            .summary
            .clone()
            .unwrap_or_else(|| e.body.summary.clone()),
        _ => e.body.summary.clone(),
    };
    if text.chars().count() <= SNIPPET_CHARS {
        return text;
    }
    let cut: String = text.chars().take(SNIPPET_CHARS).collect();
    format!("{}…", cut.rsplit_once(' ').map_or(cut.as_str(), |x| x.0))
}

/// Every file of the index, under `search/`.
pub fn files(site: &Site) -> Vec<OutputFile> {
    let refs: Vec<Ref> = site.all_refs().collect();
    let stop = stop_words(site.config.language);
    let per_doc: Vec<Vec<(String, u32)>> = refs
        .par_iter()
        .map(|&r| document_terms(site, r, stop))
        .collect();
    let mut postings: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (doc, terms) in per_doc.into_iter().enumerate() {
        for (term, weight) in terms {
            let list = postings.entry(term).or_default();
            list.push(doc as u32);
            list.push(weight);
        }
    }

    // Shards by the first two letters; a large one is split by the third.
    let mut by_two: BTreeMap<String, Vec<(&String, &Vec<u32>)>> = BTreeMap::new();
    for (term, list) in &postings {
        by_two
            .entry(term.chars().take(2).collect())
            .or_default()
            .push((term, list));
    }
    let mut shards: BTreeMap<String, Vec<(&String, &Vec<u32>)>> = BTreeMap::new();
    for (key, terms) in by_two {
        let size: usize = terms.iter().map(|(t, l)| t.len() + 6 * l.len()).sum();
        if size <= SHARD_BYTES {
            shards.insert(key, terms);
        } else {
            for (term, list) in terms {
                let sub: String = term.chars().take(3).collect();
                shards.entry(sub).or_default().push((term, list));
            }
        }
    }

    let mut files = Vec::new();
    let mut manifest_shards = serde_json::Map::new();
    for (n, (key, terms)) in shards.iter().enumerate() {
        let map: serde_json::Map<String, serde_json::Value> = terms
            .iter()
            .map(|(t, l)| ((*t).clone(), json!(l)))
            .collect();
        let body = serde_json::to_string(&json!({ key.clone(): map })).unwrap_or_default();
        files.push(OutputFile {
            path: format!("search/t/{n}.js"),
            bytes: format!("brobyggerSearch.terms({body});\n").into_bytes(),
        });
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
        let body = serde_json::to_string(&docs).unwrap_or_default();
        files.push(OutputFile {
            path: format!("search/d/{k}.js"),
            bytes: format!("brobyggerSearch.docs({k},{body});\n").into_bytes(),
        });
    }
    let manifest = json!({ "docs": refs.len(), "docShard": DOC_BLOCK, "shards": manifest_shards, "stop": stop });
    files.push(OutputFile {
        path: "search/index.js".into(),
        bytes: format!(
            "window.brobyggerSearch=window.brobyggerSearch||{{}};brobyggerSearch.manifest={};\n",
            serde_json::to_string(&manifest).unwrap_or_default()
        )
        .into_bytes(),
    });
    files
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
        assert_eq!(
            words("Façade, Peer-støtte").collect::<Vec<_>>(),
            ["Fa", "ade", "Peer", "støtte"]
        );
    }

    #[test]
    fn plain_text_drops_tags_and_decodes_entities() {
        assert_eq!(
            plain_text("<p>A &amp; B</p><ul><li>C</li></ul>")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["A", "&", "B", "C"]
        );
    }
}
