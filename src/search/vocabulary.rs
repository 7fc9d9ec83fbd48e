//! The words a thread of a build has met, numbered, and a document's uses of them counted by
//! number: what [`Words`](super::words::Words) reads a text into.

use super::words::{Source, StopWords};
use rustc_hash::FxHashMap as HashMap;

/// One document's terms, as numbers in the [`Vocabulary`] of the thread that read it, and
/// their weights: per source, uses times weight up to the source's cap, summed over the
/// sources. Their order is that of first use.
pub(super) type DocumentTerms = Vec<(u32, u32)>;

/// A stop word's number in [`Vocabulary`] has this bit set.
pub(super) const STOP: u32 = 1 << 31;

/// The distinct words one thread of a build has met, each with a number, and one document's
/// uses of them counted by number. A word of a text then costs one lookup, whether it is a
/// stop word or not and however often the document uses it: most words of a text are words
/// met before, and a stop-word check, a copy and a count per use were most of the index's cost.
#[derive(Default)]
pub(super) struct Vocabulary {
    /// The numbers of words of up to 16 letters, by their letters read as one integer: most
    /// words, looked up without hashing or comparing a string.
    short: ShortNumbers,
    /// The numbers of longer words.
    long: HashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
    /// The document's uses of each word, per [`Source`], by number; all zero between
    /// documents.
    /// A count stops at 255: no source's cap needs more uses (see [`Source::cap`]), and four
    /// bytes per word keep a thread's counts in its nearest cache.
    counts: Vec<[u8; 4]>,
    /// The words the document uses, by number, in the order of their first use.
    used: Vec<u32>,
}

impl Vocabulary {
    /// The number of `word` (with [`STOP`] when it is a stop word), numbered when new.
    pub(super) fn number(&mut self, word: &str, stop: &StopWords) -> u32 {
        if let Some(key) = short_key(word) {
            return self.short_number(key, || word.to_string(), stop);
        }
        if let Some(&n) = self.long.get(word) {
            return n;
        }
        let n = self.new_number(word.to_string(), stop);
        self.long.insert(word.into(), n);
        n
    }

    /// [`Vocabulary::number`] of a short word by its [`short_key`]; `word` spells it out
    /// when it is new.
    #[inline]
    pub(super) fn short_number(
        &mut self,
        key: u128,
        word: impl FnOnce() -> String,
        stop: &StopWords,
    ) -> u32 {
        if let Some(n) = self.short.get(key) {
            return n;
        }
        let n = self.new_number(word(), stop);
        self.short.insert(key, n);
        n
    }

    fn new_number(&mut self, word: String, stop: &StopWords) -> u32 {
        let n = self.words.len() as u32 | if stop.contains(&word) { STOP } else { 0 };
        self.words.push(word.into());
        self.counts.push([0; 4]);
        n
    }

    pub(super) fn count(&mut self, number: u32, source: Source) {
        let counts = &mut self.counts[(number & !STOP) as usize];
        if *counts == [0; 4] {
            self.used.push(number & !STOP);
        }
        counts[source as usize] = counts[source as usize].saturating_add(1);
    }

    /// The document's words with their weights; the counts start again for the next one.
    pub(super) fn document(&mut self) -> DocumentTerms {
        let mut terms = Vec::with_capacity(self.used.len());
        for n in self.used.drain(..) {
            let counts = std::mem::take(&mut self.counts[n as usize]);
            let weight = Source::ALL
                .iter()
                .map(|&s| (u32::from(counts[s as usize]) * s.weight()).min(s.cap()))
                .sum();
            terms.push((n, weight));
        }
        terms
    }

    /// The word numbered `n`.
    pub(super) fn word(&self, n: u32) -> &str {
        &self.words[n as usize]
    }
}

/// Numbers by [`short_key`]: one probe of one array for most words, where a general hash map
/// reads its control bytes and then its slot. Open addressing, half full at most; key 0, which
/// no word has, marks a free slot.
#[derive(Default)]
struct ShortNumbers {
    slots: Vec<(u128, u32)>,
    len: usize,
}

impl ShortNumbers {
    fn slot(&self, key: u128) -> usize {
        let mixed = (key as u64) ^ ((key >> 64) as u64).rotate_left(23);
        // Multiplicative hashing: the product's high bits, as many as the table needs.
        let bits = self.slots.len().trailing_zeros();
        (mixed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
    }

    #[inline]
    fn get(&self, key: u128) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = self.slot(key);
        loop {
            let (k, n) = self.slots[at];
            if k == key {
                return Some(n);
            }
            if k == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    fn insert(&mut self, key: u128, n: u32) {
        if 2 * (self.len + 1) > self.slots.len() {
            let size = (2 * self.slots.len()).max(1024);
            let old = std::mem::replace(&mut self.slots, vec![(0, 0); size]);
            self.len = 0;
            for (k, n) in old.into_iter().filter(|&(k, _)| k != 0) {
                self.insert(k, n);
            }
        }
        let mask = self.slots.len() - 1;
        let mut at = self.slot(key);
        while self.slots[at].0 != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = (key, n);
        self.len += 1;
    }
}

/// A word of up to 16 bytes as one integer, its first byte lowest. A folded word has no zero
/// byte (it is made of a-z and 0-9), so no two words share one.
pub(super) fn short_key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    (bytes.len() <= 16).then(|| {
        bytes
            .iter()
            .rev()
            .fold(0u128, |key, &b| (key << 8) | u128::from(b))
    })
}
