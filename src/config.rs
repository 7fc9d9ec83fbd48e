//! `site.yaml`: the site's title, language, sectors and settings.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::messages::ErrorText;
use crate::load::site_folder::{Area, ReadError, SiteFolder};
use crate::load::yaml;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The languages the built-in words exist in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Da,
    Sv,
    #[default]
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Da => "da",
            Language::Sv => "sv",
            Language::En => "en",
        }
    }
}

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
    pub assessed: Option<crate::load::Date>,
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
    "markdown",
    "accessibility",
    "allow",
    "publish_hidden",
];

impl Config {
    /// Reads and checks `site.yaml` in `root`.
    pub fn load(root: &Path) -> Result<Config, Diagnostics> {
        Config::read(&SiteFolder::new(root)).map(|(config, _)| config)
    }

    /// Reads and checks `site.yaml` of `site`: the settings, and the text they were read from.
    pub fn read(site: &SiteFolder) -> Result<(Config, String), Diagnostics> {
        let text = read_text(site)?;
        let config = Config::parse(&text)?;
        Ok((config, text))
    }

    fn parse(text: &str) -> Result<Config, Diagnostics> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let config: Config =
            yaml::parse(FILE_NAME, text, FIELDS).map_err(|d| Diagnostics(vec![d]))?;
        let mut errors = Diagnostics::default();
        for key in config.sectors.keys() {
            if !crate::load::is_valid_id(key) {
                errors.push(
                    Diagnostic::error("bad-id", FILE_NAME, format!("sector key \"{key}\" has characters other than a-z, 0-9 and -"))
                        .at(text, yaml::find_key(text, key).unwrap_or(0), key.len())
                        .with_help("use a short lowercase key such as `research`, and put the readable name after the colon"),
                );
            }
        }
        if config.sectors.is_empty() {
            errors.push(
                Diagnostic::error("missing-field", FILE_NAME, "`sectors` is empty")
                    .at(text, yaml::find_key(text, "sectors").unwrap_or(0), 7)
                    .with_help("list the sectors partners can belong to, e.g. `research: Forskning og uddannelse`"),
            );
        }
        for name in &config.publish_hidden {
            let first = name.split('/').next().unwrap_or_default();
            let never = [".git", crate::load::site_folder::OUTPUT_MARKER].contains(&first)
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
        if errors.has_errors() {
            Err(errors)
        } else {
            Ok(config)
        }
    }

    pub fn sector_label<'a>(&'a self, key: &'a str) -> &'a str {
        self.sectors.get(key).map_or(key, String::as_str)
    }
}

/// The most `site.yaml` may hold: settings written by hand are far smaller.
const MAX_BYTES: u64 = 1024 * 1024;

/// `site.yaml`'s text, read by the site folder's rules: a link leading out of the site, a
/// pipe or a device is an error before anything is read, and nothing read from elsewhere is
/// ever quoted. Errors are in English, since the site's language is not known yet.
pub fn read_text(site: &SiteFolder) -> Result<String, Diagnostics> {
    let english = Language::En;
    let one = |d: Diagnostic| Diagnostics(vec![d]);
    let Some(path) = site
        .entry(FILE_NAME, Area::Settings, english)
        .map_err(one)?
    else {
        return Err(one(Diagnostic::error(
            "missing-site-yaml",
            FILE_NAME,
            format!("no {FILE_NAME} in {}", site.root().display()),
        )
        .with_help("a site folder needs a site.yaml with at least `title:` and `sectors:`; pass --root to point at the site")));
    };
    let bytes = site.read(&path, MAX_BYTES).map_err(|e| {
        one(match e {
            ReadError::Special(what) => ErrorText::NotAFile { what }.diagnostic(FILE_NAME, english),
            ReadError::TooLarge(size) => Diagnostic::error(
                "file-too-large",
                FILE_NAME,
                format!(
                    "{FILE_NAME} is {} KB; it can be at most {} KB",
                    size / 1024,
                    MAX_BYTES / 1024
                ),
            )
            .with_help("site.yaml holds only the site's settings: move long texts into content/"),
            ReadError::Io(e) => Diagnostic::error(
                "unreadable-file",
                FILE_NAME,
                format!("cannot read {FILE_NAME}: {e}"),
            )
            .with_help("fix the file's permissions so that you may read it"),
        })
    })?;
    String::from_utf8(bytes).map_err(|e| {
        one(Diagnostic::error(
            "not-utf8",
            FILE_NAME,
            format!(
                "{FILE_NAME} is not UTF-8 text (bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
        .with_help("save site.yaml as UTF-8 in your editor"))
    })
}
