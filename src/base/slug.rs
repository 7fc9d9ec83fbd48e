//! Turning titles and tags into ids and URL segments, the site language's way: Danish æ→ae,
//! ø→oe, å→aa; Swedish å→a, ä→a, ö→o; then lowercase ASCII with hyphens.

use crate::base::Language;

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
    portable(slug::slugify(mapped))
}

/// The longest slug: a URL segment, a folder of the built site and a file name of `new`. File
/// systems allow 255 bytes per name and Windows about 260 per path; a pasted sentence as a tag
/// must not make a folder no disk can hold.
pub const MAX_SLUG: usize = 100;

/// Names Windows keeps for devices: a folder named `con` or `aux.md` cannot be made there, so a
/// site built elsewhere could not be copied to or opened on Windows.
pub fn is_windows_device(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || ((stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit())
}

/// A slug cut to [`MAX_SLUG`] at a word, and never a Windows device name.
fn portable(mut slug: String) -> String {
    if slug.len() > MAX_SLUG {
        // Slugs are ASCII: any byte is a character boundary.
        let cut = &slug[..MAX_SLUG];
        let end = match cut.rfind('-') {
            Some(i) if i > MAX_SLUG / 2 => i,
            _ => MAX_SLUG,
        };
        slug.truncate(end);
        while slug.ends_with('-') {
            slug.pop();
        }
    }
    if is_windows_device(&slug) {
        slug.push_str("-1");
    }
    slug
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
    fn slugs_fit_every_file_system() {
        let long = slugify(&"ordet partnerskab forpligter ".repeat(40), Language::Da);
        assert!(
            long.len() <= MAX_SLUG && long.len() > MAX_SLUG / 2,
            "{long}"
        );
        assert!(
            long.ends_with("forpligter")
                || long.ends_with("partnerskab")
                || long.ends_with("ordet")
        );
        assert_eq!(slugify(&"x".repeat(300), Language::Da).len(), MAX_SLUG);
        assert_eq!(slugify("CON", Language::En), "con-1");
        assert_eq!(slugify("Com1", Language::En), "com1-1");
        assert_eq!(slugify("Console", Language::En), "console");
        assert!(is_windows_device("aux.md") && !is_windows_device("auxiliary"));
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
