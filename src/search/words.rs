//! How a text becomes the index's terms: split into words as the client (search.js) splits
//! them, folded so that Danish and Swedish spellings find each other, stop words left out, and
//! counted per document with a weight by where each word stands.

use super::vocabulary::{STOP, Vocabulary};
use crate::base::Language;
use rustc_hash::FxHashSet as HashSet;

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
/// beside the folded one; `None` when the word has none of them. The index spells a word
/// while it reads it ([`Words`]); this is the spelling of a whole word, to test that against.
#[cfg(test)]
pub(super) fn danish_spelling(word: &str) -> Option<String> {
    let mut out = String::new();
    let mut any = false;
    for c in word.chars() {
        if c.is_ascii() {
            fold_char(c.to_ascii_lowercase(), &mut out);
            continue;
        }
        for l in c.to_lowercase() {
            match l {
                'ø' | 'ö' => out.push_str("oe"),
                'å' => out.push_str("aa"),
                'ä' => out.push_str("ae"),
                _ => {
                    fold_char(l, &mut out);
                    continue;
                }
            }
            any = true;
        }
    }
    any.then_some(out)
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

/// The ASCII word that starts at `bytes[at]`, read eight bytes at a time, when it is at most
/// 16 letters and digits long and an ASCII character that is not one ends it: its
/// [`short_key`] (lowercased) and length. `None` sends the word the long way, letter by
/// letter: near the end of the text, or when it is long or goes on with a letter that is not
/// ASCII.
pub(super) fn ascii_word(bytes: &[u8], at: usize) -> Option<(u128, usize)> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let eight = |from: usize| -> Option<u64> {
        Some(u64::from_le_bytes(
            bytes.get(from..from + 8)?.try_into().ok()?,
        ))
    };
    // Per byte, the high bit when the byte is in lo..=hi (of bytes below 0x80; `x` has none
    // above, so no sum carries into the next byte).
    let within = |x: u64, lo: u8, hi: u8| {
        let at_least = x.wrapping_add(ONES * u64::from(0x80 - lo));
        let above = x.wrapping_add(ONES * u64::from(0x7f - hi));
        at_least & !above & HIGH
    };
    // The letters of eight bytes lowercased, and the high bit of each byte that is not an
    // ASCII letter or digit.
    let read = |v: u64| {
        let x = v & !HIGH;
        let letters = within(x | (ONES * 0x20), b'a', b'z') & !v;
        let alphanumeric = letters | (within(x, b'0', b'9') & !v);
        (v | (letters >> 2), !alphanumeric & HIGH)
    };
    let (low, ends) = read(eight(at)?);
    let (key, len, end) = if ends != 0 {
        let len = ends.trailing_zeros() as usize / 8;
        (u128::from(low & ((1u64 << (8 * len)) - 1)), len, at + len)
    } else {
        let (high, ends) = read(eight(at + 8)?);
        // Sixteen letters end where the next byte is no letter.
        let len = match ends {
            0 if bytes.get(at + 16)?.is_ascii_alphanumeric() => return None,
            0 => 8,
            _ => ends.trailing_zeros() as usize / 8,
        };
        let high = match len {
            0 => 0,
            _ => high & (u64::MAX >> (64 - 8 * len)),
        };
        (
            u128::from(low) | (u128::from(high) << 64),
            8 + len,
            at + 8 + len,
        )
    };
    bytes[end].is_ascii().then_some((key, len))
}

/// Where the tag open at `from` ends: its `>`. A byte loop, not `memchr`: tags are short.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    bytes[from..]
        .iter()
        .position(|&b| b == b'>')
        .map(|n| from + n)
}

/// Reads a document's texts into its [`Vocabulary`]'s counts: a word is a run of ASCII
/// letters and digits and the letters [`fold`] knows; anything else separates words, as in the
/// client (search.js).
pub(super) struct Words<'a> {
    vocabulary: &'a mut Vocabulary,
    stop: &'a StopWords,
    /// The word being read, folded.
    folded: String,
    /// Its Danish spelling (see [`danish_spelling`]), kept once the word has a letter whose
    /// Danish spelling is not its fold (ø, ö, å, ä).
    danish: String,
    spelled: bool,
    /// Inside a tag of HTML read in pieces, whose `>` is in a later piece.
    in_tag: bool,
}

impl<'a> Words<'a> {
    pub(super) fn new(vocabulary: &'a mut Vocabulary, stop: &'a StopWords) -> Words<'a> {
        Words {
            vocabulary,
            stop,
            folded: String::new(),
            danish: String::new(),
            spelled: false,
            in_tag: false,
        }
    }

    /// Adds the words of `text`.
    pub(super) fn add(&mut self, text: &str, source: Source) {
        self.scan(text, false, source);
        self.end_word(source);
    }

    /// Adds the words of rendered body HTML as a reader sees them: tags separate words and
    /// are not read, an entity is the character it stands for.
    #[cfg(test)]
    pub(super) fn add_html(&mut self, html: &str, source: Source) {
        self.add_html_piece(html, source);
        self.end_html(source);
    }

    /// Adds the next piece of body HTML (see [`crate::markdown::Body::resolve_pieces`]): a
    /// word or a tag may go on in the next piece. [`Words::end_html`] ends the last.
    pub(super) fn add_html_piece(&mut self, piece: &str, source: Source) {
        self.scan(piece, true, source);
    }

    pub(super) fn end_html(&mut self, source: Source) {
        self.end_word(source);
        self.in_tag = false;
    }

    fn scan(&mut self, text: &str, html: bool, source: Source) {
        let bytes = text.as_bytes();
        let mut i = 0;
        if self.in_tag {
            match tag_end(bytes, 0) {
                Some(end) => {
                    self.in_tag = false;
                    i = end + 1;
                }
                None => return,
            }
        }
        while i < bytes.len() {
            let b = bytes[i];
            let mut next = i + 1;
            if b.is_ascii_alphanumeric() {
                // Most words: ASCII, short, and read whole at once.
                if self.folded.is_empty()
                    && let Some((key, len)) = ascii_word(bytes, i)
                {
                    if len >= 2 {
                        let word = &text[i..i + len];
                        let n = self.vocabulary.short_number(
                            key,
                            || word.to_ascii_lowercase(),
                            self.stop,
                        );
                        if n & STOP == 0 {
                            self.vocabulary.count(n, source);
                        }
                    }
                    i += len;
                    continue;
                }
                // The rest of the ASCII run at once.
                let end = bytes[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .map_or(bytes.len(), |n| i + n);
                let from = self.folded.len();
                self.folded.push_str(&text[i..end]);
                self.folded[from..].make_ascii_lowercase();
                if self.spelled {
                    self.danish.push_str(&self.folded[from..]);
                }
                i = end;
                continue;
            }
            if !b.is_ascii() {
                // `i` is always at a character's start: every step is a whole character.
                let c = text[i..].chars().next().unwrap_or_default();
                next = i + c.len_utf8();
                if let Some(lower) = simple_lowercase(c) {
                    self.letter(lower);
                    i = next;
                    continue;
                }
                if is_word_letter(c) {
                    c.to_lowercase().for_each(|l| self.letter(l));
                    i = next;
                    continue;
                }
            } else if html && b == b'<' {
                match tag_end(bytes, i) {
                    Some(end) => next = end + 1,
                    None => {
                        next = bytes.len();
                        self.in_tag = true;
                    }
                }
            } else if html && b == b'&' {
                let entity = ENTITIES.iter().find(|e| text[i..].starts_with(*e));
                next = i + entity.map_or(1, |e| e.len());
            }
            if !self.folded.is_empty() {
                self.end_word(source);
            }
            i = next;
        }
    }

    /// A lowercase letter of a word that is not ASCII, folded, and spelled the Danish way as
    /// well once the word needs it.
    fn letter(&mut self, lower: char) {
        let danish = match lower {
            'ø' | 'ö' => "oe",
            'å' => "aa",
            'ä' => "ae",
            _ => "",
        };
        if !danish.is_empty() && !self.spelled {
            // Up to here the word's Danish spelling is its fold.
            self.danish.clear();
            self.danish.push_str(&self.folded);
            self.spelled = true;
        }
        let from = self.folded.len();
        fold_char(lower, &mut self.folded);
        if self.spelled {
            if danish.is_empty() {
                self.danish.push_str(&self.folded[from..]);
            } else {
                self.danish.push_str(danish);
            }
        }
    }

    /// Counts the word read, if any: unless it is a stop word or a single letter, with its
    /// Danish spelling beside it.
    #[inline]
    fn end_word(&mut self, source: Source) {
        if self.folded.is_empty() {
            return;
        }
        if self.folded.len() >= 2 {
            let n = self.vocabulary.number(&self.folded, self.stop);
            if n & STOP == 0 {
                self.vocabulary.count(n, source);
                if self.spelled {
                    let d = self.vocabulary.number(&self.danish, self.stop);
                    self.vocabulary.count(d, source);
                }
            }
        }
        self.folded.clear();
        self.spelled = false;
    }
}
