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

pub use stem::StemLanguage;

use crate::base::Language;
use crate::model::{Ref, Site};
use crate::output::OutputFile;
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde_json::json;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Documents per block of `search/d/`.
pub const DOC_BLOCK: usize = 16;
/// A two-letter shard larger than this (serialized) is split by the third letter.
const SHARD_BYTES: usize = 32 * 1024;
/// How much of a document's text is kept for its snippet.
const SNIPPET_CHARS: usize = 160;

/// Folds a word the way the search matches: lowercase ASCII letters and digits; æ becomes ae,
/// ø and ö o, å and ä a, other accents dropped.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            fold_char(c.to_ascii_lowercase(), &mut out);
        } else {
            c.to_lowercase().for_each(|l| fold_char(l, &mut out));
        }
    }
    out
}

/// One lowercase letter, folded (see [`fold`]).
fn fold_char(c: char, out: &mut String) {
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

/// The Danish spelling of a word with ø, å, ä or ö (`koebenhavn`, `vaesteraas`), indexed
/// beside the folded one.
#[cfg(test)]
fn danish_spelling(word: &str) -> Option<String> {
    let mut out = String::new();
    danish_spelling_into(word, &mut out).then_some(out)
}

/// [`danish_spelling`] into a buffer the caller reuses, in one pass over the word; false when
/// the word has none of those letters (the buffer then holds its plain fold).
fn danish_spelling_into(word: &str, out: &mut String) -> bool {
    out.clear();
    let mut any = false;
    for c in word.chars() {
        if c.is_ascii() {
            fold_char(c.to_ascii_lowercase(), out);
            continue;
        }
        for l in c.to_lowercase() {
            match l {
                'ø' | 'ö' => out.push_str("oe"),
                'å' => out.push_str("aa"),
                'ä' => out.push_str("ae"),
                _ => {
                    fold_char(l, out);
                    continue;
                }
            }
            any = true;
        }
    }
    any
}

/// Whether a lowercase letter is one [`fold`] knows besides a-z (`MAP` in search.js); any
/// other character separates words, in the client as here, so both split a text the same way.
fn is_folded_letter(c: char) -> bool {
    matches!(
        c,
        'æ' | 'ä'
            | 'ø'
            | 'ö'
            | 'ó'
            | 'ò'
            | 'ô'
            | 'å'
            | 'á'
            | 'à'
            | 'â'
            | 'ü'
            | 'ú'
            | 'ù'
            | 'û'
            | 'é'
            | 'è'
            | 'ê'
            | 'ë'
            | 'í'
            | 'ì'
            | 'î'
            | 'ï'
            | 'ß'
    )
}

/// A letter of [`is_folded_letter`] in its lowercase form, found without Unicode's tables for
/// the letters texts use: those already lowercase and Latin-1's capitals (Æ, Ø, Å, É…).
fn simple_lowercase(c: char) -> Option<char> {
    if is_folded_letter(c) {
        return Some(c);
    }
    // Latin-1's capitals are their small letters less 32, except × (U+D7).
    let lower = ('\u{c0}'..='\u{de}')
        .contains(&c)
        .then(|| char::from_u32(c as u32 + 32))
        .flatten()?;
    (c != '\u{d7}' && is_folded_letter(lower)).then_some(lower)
}

/// Whether a character that is not ASCII belongs to a word: it folds to letters.
fn is_word_letter(c: char) -> bool {
    match c {
        _ if simple_lowercase(c).is_some() => true,
        // Latin-1's letters and punctuation, and Unicode's punctuation, which texts are full
        // of, lowercase to nothing [`fold`] knows.
        '\u{80}'..='\u{ff}' | '\u{2000}'..='\u{206f}' => false,
        _ => c.to_lowercase().all(is_folded_letter),
    }
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

/// The words a query skips, looked up only for words that could be one by their length and
/// first letter (most words of a text are not).
struct StopWords {
    words: HashSet<&'static str>,
    longest: usize,
    first_letters: [bool; 256],
}

impl StopWords {
    fn new(words: &[&'static str]) -> StopWords {
        let mut first_letters = [false; 256];
        for w in words {
            if let Some(&b) = w.as_bytes().first() {
                first_letters[usize::from(b)] = true;
            }
        }
        StopWords {
            words: words.iter().copied().collect(),
            longest: words.iter().map(|w| w.len()).max().unwrap_or(0),
            first_letters,
        }
    }

    fn contains(&self, word: &str) -> bool {
        word.len() <= self.longest
            && word
                .as_bytes()
                .first()
                .is_some_and(|&b| self.first_letters[usize::from(b)])
            && self.words.contains(word)
    }
}

/// The entities rendered body HTML holds (pulldown-cmark's escaping): each stands for a
/// character that separates words.
const ENTITIES: [&str; 5] = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"];

/// Where in a document a word stands, with the weight of one use and the most that source
/// may add: a word in the title outweighs any number of uses in the text.
#[derive(Clone, Copy)]
enum Source {
    Title,
    Tag,
    Name,
    Text,
}

impl Source {
    const ALL: [Source; 4] = [Source::Title, Source::Tag, Source::Name, Source::Text];
    fn weight(self) -> u32 {
        match self {
            Source::Title => 10,
            Source::Tag | Source::Name => 5,
            Source::Text => 1,
        }
    }
    fn cap(self) -> u32 {
        match self {
            Source::Title => 20,
            Source::Tag | Source::Name => 10,
            Source::Text => 5,
        }
    }
}

/// One document's terms and weights. The terms' text stands side by side in one string, so a
/// document costs two allocations however many words it has: a string per term per document
/// was the index's largest cost.
struct DocumentTerms {
    text: String,
    /// Each term's place in `text` and its weight: per source, uses times weight up to the
    /// source's cap, summed over the sources.
    terms: Vec<(std::ops::Range<usize>, u32)>,
}

impl DocumentTerms {
    fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.terms.iter().map(|(r, w)| (&self.text[r.clone()], *w))
    }
}

/// A document's words, folded, and where each stands, before they are counted.
#[derive(Default)]
struct Words {
    text: String,
    uses: Vec<(std::ops::Range<usize>, Source)>,
    folded: String,
    danish: String,
}

impl Words {
    /// Adds the words of `text`, split and folded in one pass: a word is a run of ASCII
    /// letters and digits and the letters [`fold`] knows; anything else separates words, as
    /// in the client (search.js).
    fn add(&mut self, text: &str, source: Source, stop: &StopWords) {
        self.scan(text, false, source, stop);
    }

    /// Adds the words of rendered body HTML as a reader sees them: tags separate words and
    /// are not read, an entity is the character it stands for.
    fn add_html(&mut self, html: &str, source: Source, stop: &StopWords) {
        self.scan(html, true, source, stop);
    }

    fn scan(&mut self, text: &str, html: bool, source: Source, stop: &StopWords) {
        let bytes = text.as_bytes();
        self.folded.clear();
        let mut word_start = None;
        let mut ascii = true;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let mut next = i + 1;
            if b.is_ascii_alphanumeric() {
                word_start.get_or_insert(i);
                // The rest of the ASCII run at once.
                let end = bytes[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .map_or(bytes.len(), |n| i + n);
                let from = self.folded.len();
                self.folded.push_str(&text[i..end]);
                self.folded[from..].make_ascii_lowercase();
                i = end;
                continue;
            }
            if !b.is_ascii() {
                // `i` is always at a character's start: every step is a whole character.
                let c = text[i..].chars().next().unwrap_or_default();
                next = i + c.len_utf8();
                if is_word_letter(c) {
                    word_start.get_or_insert(i);
                    ascii = false;
                    match simple_lowercase(c) {
                        Some(lower) => fold_char(lower, &mut self.folded),
                        None => c
                            .to_lowercase()
                            .for_each(|l| fold_char(l, &mut self.folded)),
                    }
                    i = next;
                    continue;
                }
            } else if html && b == b'<' {
                next = text[i..].find('>').map_or(bytes.len(), |j| i + j + 1);
            } else if html && b == b'&' {
                let entity = ENTITIES.iter().find(|e| text[i..].starts_with(*e));
                next = i + entity.map_or(1, |e| e.len());
            }
            if let Some(start) = word_start.take() {
                self.word(&text[start..i], ascii, source, stop);
                ascii = true;
            }
            i = next;
        }
        if let Some(start) = word_start {
            self.word(&text[start..], ascii, source, stop);
        }
    }

    /// One word of the text, folded in `self.folded`; `original` is as written.
    fn word(&mut self, original: &str, ascii: bool, source: Source, stop: &StopWords) {
        if self.folded.len() >= 2 && !stop.contains(&self.folded) {
            let start = self.text.len();
            self.text.push_str(&self.folded);
            self.uses.push((start..self.text.len(), source));
            if !ascii && danish_spelling_into(original, &mut self.danish) {
                let start = self.text.len();
                self.text.push_str(&self.danish);
                self.uses.push((start..self.text.len(), source));
            }
        }
        self.folded.clear();
    }

    /// Each distinct word with its weight.
    fn count(self) -> DocumentTerms {
        let mut counts: HashMap<&str, (usize, [u32; 4])> =
            HashMap::with_capacity_and_hasher(self.uses.len(), Default::default());
        for (i, (range, source)) in self.uses.iter().enumerate() {
            counts
                .entry(&self.text[range.clone()])
                .or_insert((i, [0; 4]))
                .1[*source as usize] += 1;
        }
        let terms = counts
            .into_values()
            .map(|(first, counts)| {
                let weight = Source::ALL
                    .iter()
                    .map(|&s| (counts[s as usize] * s.weight()).min(s.cap()))
                    .sum();
                (self.uses[first].0.clone(), weight)
            })
            .collect();
        DocumentTerms {
            text: self.text,
            terms,
        }
    }
}

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
