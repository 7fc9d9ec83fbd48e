//! Stemming for the search: the Snowball algorithm of one language, run on folded words, so
//! that `partnerskaber` and `partnerskab`, `fastholdelsen` and `fastholdelse` meet. The index
//! uses rust-stemmers; the browser runs the Snowball project's JavaScript compiled from the same
//! algorithm files (themes/default/stemmers/, written by its generate.py), and only the site's
//! language is sent. Both sides stem the folded word (`milepaele`, not `milepæle`), so they
//! agree even where folding would change the outcome; tests/search.rs checks that they do.

use crate::base::Language;
use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;

/// A language the search can stem: the site languages and Norwegian Bokmål, ready for the
/// sites that will need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StemLanguage {
    Da,
    Sv,
    Nb,
    En,
}

impl StemLanguage {
    pub const ALL: [StemLanguage; 4] = [
        StemLanguage::Da,
        StemLanguage::Sv,
        StemLanguage::Nb,
        StemLanguage::En,
    ];

    pub fn of(language: Language) -> StemLanguage {
        match language {
            Language::Da => StemLanguage::Da,
            Language::Sv => StemLanguage::Sv,
            Language::En => StemLanguage::En,
        }
    }

    /// The stemmer for a language code (`nb`, and `no` as its older name), if there is one.
    pub fn from_code(code: &str) -> Option<StemLanguage> {
        match code {
            "da" => Some(StemLanguage::Da),
            "sv" => Some(StemLanguage::Sv),
            "nb" | "no" => Some(StemLanguage::Nb),
            "en" => Some(StemLanguage::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            StemLanguage::Da => "da",
            StemLanguage::Sv => "sv",
            StemLanguage::Nb => "nb",
            StemLanguage::En => "en",
        }
    }

    fn algorithm(self) -> Algorithm {
        match self {
            StemLanguage::Da => Algorithm::Danish,
            StemLanguage::Sv => Algorithm::Swedish,
            StemLanguage::Nb => Algorithm::Norwegian,
            StemLanguage::En => Algorithm::English,
        }
    }

    pub fn stemmer(self) -> Stemmer {
        Stemmer::create(self.algorithm())
    }

    /// The stem of one folded word.
    pub fn stem(self, folded: &str) -> String {
        match self.stemmer().stem(folded) {
            Cow::Borrowed(s) => s.to_string(),
            Cow::Owned(s) => s,
        }
    }

    /// The browser's stemmer for this language: a plain script (pages opened from disk may
    /// not load modules) that sets `brobyggerSearch.stem`, with the Snowball licence.
    pub fn script(self) -> &'static str {
        match self {
            StemLanguage::Da => include_str!("../../themes/default/stemmers/da.js"),
            StemLanguage::Sv => include_str!("../../themes/default/stemmers/sv.js"),
            StemLanguage::Nb => include_str!("../../themes/default/stemmers/nb.js"),
            StemLanguage::En => include_str!("../../themes/default/stemmers/en.js"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_forms_share_a_stem() {
        let da = StemLanguage::Da;
        assert_eq!(da.stem("partnerskaber"), da.stem("partnerskab"));
        assert_eq!(da.stem("fastholdelsen"), da.stem("fastholdelse"));
        assert_eq!(da.stem("milepaele"), da.stem("milepael"));
        let sv = StemLanguage::Sv;
        assert_eq!(sv.stem("skolorna"), sv.stem("skolor"));
        // Snowball's limit, which the query side makes up for (see search.js).
        assert_eq!(sv.stem("maktbalans"), "maktbalan");
        assert_eq!(sv.stem("maktbalansen"), "maktbalans");
    }
}
