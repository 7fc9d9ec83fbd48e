//! Turning titles and tags into ids and URL segments, the site language's way: Danish æ→ae,
//! ø→oe, å→aa; Swedish å→a, ä→a, ö→o; then lowercase ASCII with hyphens.

use crate::config::Language;

/// The id or URL segment for `text` in `language`.
pub fn slugify(text: &str, language: Language) -> String {
    let mut mapped = String::with_capacity(text.len());
    for c in text.chars() {
        let lower = c.to_lowercase();
        for c in lower {
            match (language, c) {
                (Language::Sv, 'å' | 'ä') => mapped.push('a'),
                (Language::Sv, 'ö' | 'ø') => mapped.push('o'),
                (Language::Sv, 'æ') => mapped.push('a'),
                (_, 'æ') => mapped.push_str("ae"),
                (_, 'ø') => mapped.push_str("oe"),
                (_, 'å') => mapped.push_str("aa"),
                _ => mapped.push(c),
            }
        }
    }
    slug::slugify(mapped)
}

/// A key that sorts text the way the language's alphabet does: Danish ends with æ, ø, å and
/// Swedish with å, ä, ö, where plain code-point order would put å before æ.
pub fn collation_key(text: &str, language: Language) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match (language, c) {
            (Language::Da, 'æ') | (Language::Sv, 'å') => '\u{10FF01}',
            (Language::Da, 'ø') | (Language::Sv, 'ä' | 'æ') => '\u{10FF02}',
            (Language::Da, 'å') | (Language::Sv, 'ö' | 'ø') => '\u{10FF03}',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn slugs_the_language_way() {
        assert_eq!(slugify("Tid til møder", Language::Da), "tid-til-moeder");
        assert_eq!(
            slugify("Ældre på arbejdsmarkedet", Language::Da),
            "aeldre-paa-arbejdsmarkedet"
        );
        assert_eq!(
            slugify("Samverkan i Västerås", Language::Sv),
            "samverkan-i-vasteras"
        );
        assert_eq!(slugify("Öppen dialog", Language::Sv), "oppen-dialog");
    }
    #[test]
    fn sorts_the_language_way() {
        let mut words = vec!["åben", "ærlig", "øre", "zebra"];
        words.sort_by_key(|w| collation_key(w, Language::Da));
        assert_eq!(words, ["zebra", "ærlig", "øre", "åben"]);
        words.sort_by_key(|w| collation_key(w, Language::Sv));
        assert_eq!(words, ["zebra", "åben", "ærlig", "øre"]);
    }
}
