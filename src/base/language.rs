//! The languages a site, its messages and its built-in words can be in, and the language of
//! the messages printed before a site's own `language:` is known.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The languages the built-in words exist in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Da,
    Sv,
    #[default]
    En,
}

/// The language of messages until site.yaml is read: set once by the command line from
/// `--language` or the environment. It belongs to the person at the terminal, not to a site,
/// which is why it is the process's and not an argument threaded through the loader.
static BEFORE_SETTINGS: OnceLock<Language> = OnceLock::new();

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Da => "da",
            Language::Sv => "sv",
            Language::En => "en",
        }
    }

    /// The language of a locale name such as `da_DK.UTF-8`, `sv_SE` or `nb_NO.UTF-8`.
    /// Norwegian (nb, nn, no) reads as Danish: written Bokmål is closer to Danish than to
    /// anything else the tool speaks. `C`, `POSIX` and unknown languages give `None`.
    pub fn from_locale(locale: &str) -> Option<Language> {
        let lang = locale
            .split(['_', '.', '@', '-'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match lang.as_str() {
            "da" | "nb" | "nn" | "no" => Some(Language::Da),
            "sv" => Some(Language::Sv),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// The language the environment asks messages in, as the C library reads it: the first
    /// of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty decides.
    pub fn from_environment(get: impl Fn(&str) -> Option<String>) -> Option<Language> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| get(name).filter(|v| !v.is_empty()))
            .and_then(|v| Language::from_locale(&v))
    }

    /// Sets the language of messages before site.yaml is read; only the first call counts.
    pub fn set_before_settings(language: Language) {
        let _ = BEFORE_SETTINGS.set(language);
    }

    /// The language of messages before site.yaml is read: English unless the command line
    /// set another.
    pub fn before_settings() -> Language {
        BEFORE_SETTINGS.get().copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::Language;

    #[test]
    fn locales_name_their_language() {
        assert_eq!(Language::from_locale("da_DK.UTF-8"), Some(Language::Da));
        assert_eq!(Language::from_locale("sv_SE"), Some(Language::Sv));
        assert_eq!(Language::from_locale("sv"), Some(Language::Sv));
        assert_eq!(Language::from_locale("nb_NO.UTF-8"), Some(Language::Da));
        assert_eq!(Language::from_locale("en_GB.UTF-8"), Some(Language::En));
        assert_eq!(Language::from_locale("C.UTF-8"), None);
        assert_eq!(Language::from_locale("de_DE"), None);
    }

    #[test]
    fn lc_all_wins_over_lang() {
        let env = |all: &'static str, lang: &'static str| {
            move |name: &str| match name {
                "LC_ALL" => Some(all.to_string()),
                "LANG" => Some(lang.to_string()),
                _ => None,
            }
        };
        assert_eq!(
            Language::from_environment(env("sv_SE.UTF-8", "da_DK.UTF-8")),
            Some(Language::Sv)
        );
        assert_eq!(
            Language::from_environment(env("", "da_DK.UTF-8")),
            Some(Language::Da)
        );
        assert_eq!(Language::from_environment(env("", "")), None);
    }
}
