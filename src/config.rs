//! `site.yaml`: the site's title, language, sectors and settings.

use crate::base::Language;
use crate::base::diagnostic::{Diagnostic, Diagnostics};
use crate::base::messages::ErrorText;
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
];

impl Config {
    /// Checks the settings written in `text`, site.yaml's text (see `load::settings` for
    /// reading it).
    pub fn parse(text: &str) -> Result<Config, Diagnostics> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let config: Config =
            yaml::parse(FILE_NAME, text, FIELDS).map_err(|d| Diagnostics(vec![d]))?;
        let mut errors = Diagnostics::default();
        let keys = (config.sectors.keys().map(|k| ("sector", k)))
            .chain(
                config
                    .contribution_types
                    .keys()
                    .map(|k| ("contribution type", k)),
            )
            .chain(config.catalogues.keys().map(|k| ("catalogue", k)));
        for (what, key) in keys {
            if !crate::base::is_valid_id(key) {
                errors.push(
                    Diagnostic::error("bad-id", FILE_NAME, format!("{what} key \"{key}\" has characters other than a-z, 0-9 and -"))
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
        if errors.has_errors() {
            Err(errors)
        } else {
            Ok(config)
        }
    }

    pub fn sector_label<'a>(&'a self, key: &'a str) -> &'a str {
        self.sectors.get(key).map_or(key, String::as_str)
    }

    pub fn contribution_type_label<'a>(&'a self, key: &'a str) -> &'a str {
        self.contribution_types.get(key).map_or(key, String::as_str)
    }
}
