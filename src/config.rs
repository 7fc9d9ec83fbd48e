//! `site.yaml`: the site's title, language, sectors and settings.

use crate::base::Language;
use crate::base::diagnostic::{Diagnostic, Diagnostics};
use crate::base::messages::{AccentProblem, ErrorText, SettingKey};
use crate::base::yaml;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// The settings of one site, as written in `site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub language: Language,
    /// Only feeds, the sitemap and canonical links use it; every other link is relative.
    #[serde(default)]
    pub base_url: Option<String>,
    /// A theme under `themes/NAME/` whose files override the built-in theme's.
    #[serde(default)]
    pub theme: Option<String>,
    /// Sector key → its label, in the order written: partners' `sector` is one of the keys.
    pub sectors: IndexMap<String, String>,
    /// Contribution type key → its label, in the order written: what a partnership member's
    /// `brings:` may name.
    #[serde(default)]
    pub contribution_types: IndexMap<String, String>,
    /// Catalogue id → its title and source, in the order the catalogue page shows them. An
    /// item's `catalogue:` names one; a site without any has one catalogue of its own.
    #[serde(default)]
    pub catalogues: IndexMap<String, CatalogueConfig>,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    #[serde(default)]
    pub accessibility: Option<AccessibilityConfig>,
    /// Warnings of `check` silenced for the whole site.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Hidden files and folders of `static/` to publish, by name (`.well-known`,
    /// `.nojekyll`, `.htaccess`): every other hidden file is left out.
    #[serde(default)]
    pub publish_hidden: Vec<String>,
    /// The site's logo: a file in static/, by its path there, shown in every page's header.
    #[serde(default)]
    pub logo: Option<String>,
    /// The site's colour, `#rrggbb` or `#rgb`: checked to read at 4.5:1 on the page and under
    /// white text (see [`Colour`]).
    #[serde(default)]
    pub accent: Option<String>,
    /// Tag → the label pages show for it, in place of the tag as written.
    #[serde(default)]
    pub tags: IndexMap<String, String>,
    /// Whether `build` publishes the editing forms under `admin/`, and where they save: `cms:
    /// true` for Decap's git-gateway, or a mapping naming a hosted backend (docs/editing.md).
    #[serde(default, deserialize_with = "cms_setting")]
    pub cms: Option<CmsBackend>,
}

/// Where the published editing forms save: site.yaml's `cms:` (`true`, or a mapping with
/// `backend:`). The local backend is not among them: `serve` offers that one by itself.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(tag = "backend", rename_all = "kebab-case", deny_unknown_fields)]
pub enum CmsBackend {
    /// Decap's default hosted backend (Netlify Identity, or any git-gateway).
    GitGateway {
        #[serde(default = "main_branch")]
        branch: String,
    },
    /// A GitHub repository, `owner/name`; signing in needs an OAuth helper.
    Github {
        repo: String,
        #[serde(default = "main_branch")]
        branch: String,
    },
    /// A GitLab repository, `group/name`, signing in with PKCE under the OAuth application
    /// `app_id`.
    Gitlab {
        repo: String,
        #[serde(default = "main_branch")]
        branch: String,
        #[serde(default)]
        app_id: Option<String>,
    },
}

fn main_branch() -> String {
    "main".into()
}

/// `cms: true` is git-gateway on `main`, `cms: false` no forms, and a mapping names the
/// backend: a boolean alone is what most sites need, so it needs no mapping.
fn cms_setting<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<CmsBackend>, D::Error> {
    struct Setting;
    impl<'de> serde::de::Visitor<'de> for Setting {
        type Value = Option<CmsBackend>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            // Read by the error explainer: "true or false", the form most sites write; the
            // mapping form is in docs/editing.md.
            f.write_str("a boolean")
        }
        fn visit_bool<E: serde::de::Error>(self, on: bool) -> Result<Self::Value, E> {
            Ok(on.then(|| CmsBackend::GitGateway {
                branch: main_branch(),
            }))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        // `cms:` with nothing after it reads as an empty text (see yaml::options).
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
            if text.is_empty() {
                return Ok(None);
            }
            Err(E::invalid_value(serde::de::Unexpected::Str(text), &self))
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            CmsBackend::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Some)
        }
    }
    d.deserialize_any(Setting)
}

/// One catalogue of numbered challenges, opportunities and recommendations from one source.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct CatalogueConfig {
    pub title: String,
    /// The source it is from, as a reader would cite it.
    pub source: String,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Raw HTML in Markdown is escaped unless this is true.
    #[serde(default)]
    pub unsafe_html: bool,
}

/// The accessibility statement public bodies must publish.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityConfig {
    /// An external statement (in Denmark, the WAS tool's); `was/` redirects to it.
    #[serde(default)]
    pub statement_url: Option<String>,
    #[serde(default)]
    pub compliance: Option<Compliance>,
    #[serde(default)]
    pub assessed: Option<crate::base::Date>,
    #[serde(default)]
    pub contact: Option<String>,
    /// How the site was assessed (tools, browsers, manual checks), shown on the statement.
    #[serde(default)]
    pub method: Option<String>,
    /// What is known not to be accessible, and why: the statement lists it.
    #[serde(default)]
    pub issues: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Compliance {
    Full,
    Partial,
    None,
}

pub const FILE_NAME: &str = "site.yaml";

const FIELDS: &[&str] = &[
    "title",
    "description",
    "language",
    "base_url",
    "theme",
    "sectors",
    "contribution_types",
    "catalogues",
    "markdown",
    "accessibility",
    "allow",
    "publish_hidden",
    "logo",
    "accent",
    "tags",
    "cms",
];

/// The language site.yaml's top-level `language:` line names (`language: sv`, quoted or not,
/// a comment after it), found line by line so that it is known even when the rest of the
/// file is not valid YAML.
pub fn declared_language(text: &str) -> Option<Language> {
    text.lines().find_map(|line| {
        let value = line.strip_prefix("language:")?;
        let value = value.split(" #").next().unwrap_or_default().trim();
        match value.trim_matches(|c| c == '"' || c == '\'') {
            "da" => Some(Language::Da),
            "sv" => Some(Language::Sv),
            "en" => Some(Language::En),
            _ => None,
        }
    })
}

impl Config {
    /// Checks the settings written in `text`, site.yaml's text (see `load::settings` for
    /// reading it).
    pub fn parse(text: &str) -> Result<Config, Diagnostics> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // Until the settings are read, their own errors (an unknown key, a value of the wrong
        // type) are in the language they name, if a `language:` line can be found.
        let declared = declared_language(text).unwrap_or_else(Language::before_settings);
        let config: Config = yaml::parse_in(FILE_NAME, text, 0..text.len(), FIELDS, declared)
            .map_err(|d| Diagnostics(vec![d]))?;
        let mut errors = Diagnostics::default();
        let language = config.language;
        let keys = (config.sectors.keys().map(|k| (SettingKey::Sector, k)))
            .chain(
                config
                    .contribution_types
                    .keys()
                    .map(|k| (SettingKey::ContributionType, k)),
            )
            .chain(config.catalogues.keys().map(|k| (SettingKey::Catalogue, k)));
        for (setting, key) in keys {
            if !crate::base::is_valid_id(key) {
                errors.push(
                    ErrorText::BadSettingKey {
                        setting,
                        key: key.clone(),
                    }
                    .diagnostic(FILE_NAME, language)
                    .at(
                        text,
                        yaml::find_key(text, key).unwrap_or(0),
                        key.len(),
                    ),
                );
            }
        }
        if config.sectors.is_empty() {
            errors.push(ErrorText::NoSectors.diagnostic(FILE_NAME, language).at(
                text,
                yaml::find_key(text, "sectors").unwrap_or(0),
                7,
            ));
        }
        for name in &config.publish_hidden {
            let first = name.split('/').next().unwrap_or_default();
            let never = [".git", crate::base::OUTPUT_MARKER].contains(&first)
                || name.split('/').any(|part| part == ".." || part.is_empty());
            if never {
                errors.push(
                    ErrorText::HiddenNeverPublished { name: name.clone() }
                        .diagnostic(FILE_NAME, config.language)
                        .at(
                            text,
                            yaml::find_key(text, "publish_hidden").unwrap_or(0),
                            14,
                        ),
                );
            }
        }
        if let Some(error) = accent_error(text, &config) {
            errors.push(error);
        }
        if errors.has_errors() {
            Err(errors)
        } else {
            Ok(config)
        }
    }

    /// The accent colour as CSS (`#rrggbb`), once it has passed [`Colour::accent`]: only
    /// such a value is ever put into a page's style.
    pub fn accent_css(&self) -> Option<String> {
        let colour = Colour::accent(self.accent.as_deref()?).ok()?;
        Some(colour.css())
    }

    /// The label pages show for a tag written `name`, whose page is `tags/SLUG/`: site.yaml's
    /// label for either, else the tag made readable (`mental-sundhed` → "Mental sundhed").
    pub fn tag_label(&self, name: &str, slug: &str) -> std::borrow::Cow<'_, str> {
        if let Some(label) = self.tags.get(name).or_else(|| self.tags.get(slug)) {
            return label.as_str().into();
        }
        readable_tag(name).into()
    }

    pub fn sector_label<'a>(&'a self, key: &'a str) -> &'a str {
        self.sectors.get(key).map_or(key, String::as_str)
    }

    pub fn contribution_type_label<'a>(&'a self, key: &'a str) -> &'a str {
        self.contribution_types.get(key).map_or(key, String::as_str)
    }
}

/// What is wrong with site.yaml's `accent`, pointing at it in `text`.
fn accent_error(text: &str, config: &Config) -> Option<Diagnostic> {
    let key = yaml::find_key(text, "accent");
    // The line's text after `accent:`, as written.
    let written = key.map(|k| {
        let line = &text[k..text[k..].find('\n').map_or(text.len(), |e| k + e)];
        let value = line.split_once(':').map_or("", |(_, v)| v);
        (k + line.len() - value.trim_start().len(), value.trim())
    });
    let (accent, problem) = match (&config.accent, written) {
        (Some(accent), _) => (accent.clone(), Colour::accent(accent).err()?),
        // `accent: #0b4f8a` is a key with a comment: YAML reads no value.
        (None, Some((_, value))) if value.starts_with('#') => {
            (value.to_string(), AccentProblem::Unquoted)
        }
        _ => return None,
    };
    let at = written.map_or(0, |(at, value)| {
        at + value.find(accent.as_str()).unwrap_or(0)
    });
    Some(
        ErrorText::BadAccent {
            accent: accent.clone(),
            problem,
        }
        .diagnostic(FILE_NAME, config.language)
        .at(text, at, accent.len().max(1)),
    )
}

/// A tag written as an id made readable: dashes and underscores become spaces and the first
/// letter a capital (`mental-sundhed` → "Mental sundhed"); a tag written as words stays so.
pub fn readable_tag(name: &str) -> String {
    let spaced: String = name
        .trim()
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect();
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A colour of site.yaml, as red, green and blue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub [u8; 3]);

/// The page's background and the text on accent-filled elements (the search button): the
/// default theme's white.
pub const PAGE_BACKGROUND: Colour = Colour([0xff, 0xff, 0xff]);

/// WCAG 2.1's minimum contrast for text (1.4.3, level AA): the accent colours links, buttons
/// and headings' marks, and carries white text.
pub const MIN_CONTRAST: f64 = 4.5;

impl Colour {
    /// `#rrggbb` or `#rgb`, in either case; anything else (names, `rgb()`, `;`) is refused,
    /// so nothing but a colour reaches the style.
    pub fn parse(text: &str) -> Option<Colour> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).ok();
        match hex.len() {
            3 => Some(Colour([digit(0)? * 17, digit(1)? * 17, digit(2)? * 17])),
            6 => {
                let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                Some(Colour([byte(0)?, byte(2)?, byte(4)?]))
            }
            _ => None,
        }
    }

    /// `text` as the site's accent: a colour that reads at [`MIN_CONTRAST`] on the page
    /// background and under white text.
    pub fn accent(text: &str) -> Result<Colour, AccentProblem> {
        let colour = Colour::parse(text).ok_or(AccentProblem::Malformed)?;
        let ratio = colour.contrast(PAGE_BACKGROUND);
        if ratio < MIN_CONTRAST {
            return Err(AccentProblem::LowContrast(ratio));
        }
        Ok(colour)
    }

    pub fn css(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Relative luminance, as WCAG 2.1 defines it.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// The contrast ratio of two colours (1 to 21), as WCAG 2.1 defines it.
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_read_in_both_lengths_and_nothing_else() {
        assert_eq!(Colour::parse("#0B4F8A"), Some(Colour([0x0b, 0x4f, 0x8a])));
        assert_eq!(Colour::parse("#fff"), Some(Colour([255, 255, 255])));
        for bad in [
            "0b4f8a",
            "#0b4f8",
            "#0b4f8a;}",
            "red",
            "#ggg",
            "",
            "#",
            "#+1+2+3",
        ] {
            assert_eq!(Colour::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn contrast_is_wcag_s() {
        let black = Colour([0, 0, 0]);
        assert!((black.contrast(PAGE_BACKGROUND) - 21.0).abs() < 1e-9);
        // #767676 is the lightest grey that passes on white (4.54:1); #777777 fails (4.48:1).
        assert!(Colour::accent("#767676").is_ok());
        assert!(matches!(
            Colour::accent("#777"),
            Err(AccentProblem::LowContrast(r)) if (r - 4.48).abs() < 0.01
        ));
    }

    #[test]
    fn tags_written_as_ids_read_as_words() {
        assert_eq!(readable_tag("mental-sundhed"), "Mental sundhed");
        assert_eq!(readable_tag("øresund"), "Øresund");
        assert_eq!(readable_tag("Møder"), "Møder");
        assert_eq!(readable_tag("skole_og_arbejdsliv"), "Skole og arbejdsliv");
    }
}
