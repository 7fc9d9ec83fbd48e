//! How a text becomes the index's terms: split into words as the client (search.js) splits
//! them, folded so that Danish and Swedish spellings find each other, stop words left out, and
//! counted per document with a weight by where each word stands.

use crate::base::Language;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Folds a word the way the search matches: lowercase ASCII letters and digits; æ becomes ae,
/// ø and ö o, å and ä a, other accents dropped.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            fold_char(c.to_ascii_lowercase(), &mut out);
        } else {
            fold_letter(c, &mut out);
        }
    }
    out
}

/// A character that is not ASCII, lowercased and folded: Unicode's tables only for letters
/// outside [`simple_lowercase`].
fn fold_letter(c: char, out: &mut String) {
    match simple_lowercase(c) {
        Some(lower) => fold_char(lower, out),
        None => c.to_lowercase().for_each(|l| fold_char(l, out)),
    }
}

/// One lowercase letter, folded (see [`fold`]).
pub(super) fn fold_char(c: char, out: &mut String) {
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
pub(super) fn danish_spelling(word: &str) -> Option<String> {
    let mut out = String::new();
    danish_spelling_into(word, &mut out).then_some(out)
}

/// [`danish_spelling`] into a buffer the caller reuses, in one pass over the word; false when
/// the word has none of those letters (the buffer then holds its plain fold).
pub(super) fn danish_spelling_into(word: &str, out: &mut String) -> bool {
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
pub(super) fn is_folded_letter(c: char) -> bool {
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
pub(super) fn simple_lowercase(c: char) -> Option<char> {
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
pub(super) fn is_word_letter(c: char) -> bool {
    match c {
        _ if simple_lowercase(c).is_some() => true,
        // Latin-1's letters and punctuation, and Unicode's punctuation, which texts are full
        // of, lowercase to nothing [`fold`] knows.
        '\u{80}'..='\u{ff}' | '\u{2000}'..='\u{206f}' => false,
        _ => c.to_lowercase().all(is_folded_letter),
    }
}

pub(super) fn stop_words(language: Language) -> &'static [&'static str] {
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
pub(super) struct StopWords {
    words: HashSet<&'static str>,
    longest: usize,
    first_letters: [bool; 256],
}

impl StopWords {
    pub(super) fn new(words: &[&'static str]) -> StopWords {
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

    pub(super) fn contains(&self, word: &str) -> bool {
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
pub(super) const ENTITIES: [&str; 5] = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"];

/// Where in a document a word stands, with the weight of one use and the most that source
/// may add: a word in the title outweighs any number of uses in the text.
#[derive(Clone, Copy)]
pub(super) enum Source {
    Title,
    Tag,
    Name,
    Text,
}

impl Source {
    pub(super) const ALL: [Source; 4] = [Source::Title, Source::Tag, Source::Name, Source::Text];
    pub(super) fn weight(self) -> u32 {
        match self {
            Source::Title => 10,
            Source::Tag | Source::Name => 5,
            Source::Text => 1,
        }
    }
    pub(super) fn cap(self) -> u32 {
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
pub(super) struct DocumentTerms {
    pub(super) text: String,
    /// Each term's place in `text` and its weight: per source, uses times weight up to the
    /// source's cap, summed over the sources.
    pub(super) terms: Vec<(std::ops::Range<usize>, u32)>,
}

impl DocumentTerms {
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.terms.iter().map(|(r, w)| (&self.text[r.clone()], *w))
    }
}

/// A document's words, folded, and where each stands, before they are counted.
#[derive(Default)]
pub(super) struct Words {
    pub(super) text: String,
    pub(super) uses: Vec<(std::ops::Range<usize>, Source)>,
    pub(super) folded: String,
    pub(super) danish: String,
}

impl Words {
    /// Adds the words of `text`, split and folded in one pass: a word is a run of ASCII
    /// letters and digits and the letters [`fold`] knows; anything else separates words, as
    /// in the client (search.js).
    pub(super) fn add(&mut self, text: &str, source: Source, stop: &StopWords) {
        self.scan(text, false, source, stop);
    }

    /// Adds the words of rendered body HTML as a reader sees them: tags separate words and
    /// are not read, an entity is the character it stands for.
    pub(super) fn add_html(&mut self, html: &str, source: Source, stop: &StopWords) {
        self.scan(html, true, source, stop);
    }

    pub(super) fn scan(&mut self, text: &str, html: bool, source: Source, stop: &StopWords) {
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
                    fold_letter(c, &mut self.folded);
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
    pub(super) fn word(&mut self, original: &str, ascii: bool, source: Source, stop: &StopWords) {
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
    pub(super) fn count(self) -> DocumentTerms {
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
