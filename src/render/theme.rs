//! The theme: templates, static files and built-in words. The default theme in
//! `themes/default/` is compiled into the binary, so a site needs no theme folder; a site's
//! `themes/NAME/` overrides it one file at a time.

use crate::base::Language;
use crate::base::diagnostic::{Diagnostic, Diagnostics};
use include_dir::{Dir, include_dir};
use indexmap::IndexMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

static DEFAULT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A theme's files, the default's with the site theme's laid over them.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Template name (path under `templates/`) → source.
    pub templates: BTreeMap<String, String>,
    /// Path under `static/` → bytes, copied to the output root.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Language code → the words file's text.
    pub words: BTreeMap<String, (String, String)>,
}

/// The built-in words of one language: labels, month names and how dates are written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// How a date reads, with `{day}`, `{month}` (a name) and `{year}`.
    pub date_format: String,
    pub months: Vec<String>,
    pub words: IndexMap<String, String>,
}

impl Words {
    /// A date as the language writes it, at the precision it was written with: "13. marts
    /// 2019", "marts 2019" or "2019".
    pub fn date(&self, d: crate::load::Date) -> String {
        use crate::base::date::Precision;
        // One pass over the format: dates are written on almost every card of every list.
        let month = self
            .months
            .get(usize::from(d.month.max(1)) - 1)
            .map_or("", String::as_str);
        let format = match d.precision() {
            Precision::Day => std::borrow::Cow::Borrowed(self.date_format.as_str()),
            Precision::Month => without_day(&self.date_format).into(),
            Precision::Year => "{year}".into(),
        };
        let mut out = String::with_capacity(format.len() + 12);
        let mut rest = format.as_ref();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open..];
            let (value, used) = if after.starts_with("{day}") {
                (d.day.to_string(), 5)
            } else if after.starts_with("{month}") {
                (month.to_string(), 7)
            } else if after.starts_with("{year}") {
                (d.year.to_string(), 6)
            } else {
                ("{".to_string(), 1)
            };
            out.push_str(&value);
            rest = &after[used..];
        }
        out.push_str(rest);
        out
    }

    /// A built-in word by key; the key itself when a theme forgot one.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.words.get(key).map_or(key, String::as_str)
    }
}

/// A date format without its day and the separator that goes with it: "{day}. {month}
/// {year}" becomes "{month} {year}", "{month} {day}, {year}" becomes "{month} {year}".
fn without_day(format: &str) -> String {
    let Some(at) = format.find("{day}") else {
        return format.to_string();
    };
    let after = &format[at + 5..];
    match after.find('{') {
        // The separator after the day goes with it.
        Some(next) => format!("{}{}", &format[..at], &after[next..]),
        // The day comes last: the separator before it goes.
        None => {
            let before = format[..at].rfind('}').map_or(0, |i| i + 1);
            format!("{}{}", &format[..before], after)
        }
    }
}

impl Theme {
    /// The default theme, with `themes/NAME/` of `root` over it when `name` is given.
    pub fn load(root: &Path, config: &crate::config::Config) -> Result<Theme, Diagnostics> {
        let name = config.theme.as_deref();
        let mut theme = Theme::default();
        for file in all_files(&DEFAULT) {
            theme.add(
                &file.path().to_string_lossy(),
                file.contents().to_vec(),
                "(built-in theme)",
            );
        }
        if let Some(name) = name {
            let site = crate::load::site_folder::SiteFolder::new(root);
            let published = crate::load::site_folder::Area::Published;
            let dir = site
                .entry(&format!("themes/{name}"), published, config.language)
                .map_err(|d| Diagnostics(vec![d]))?
                .unwrap_or_else(|| root.join("themes").join(name));
            if !dir.is_dir() {
                return Err(Diagnostics(vec![
                    crate::base::messages::ErrorText::UnknownTheme {
                        name: name.to_string(),
                        missing: true,
                    }
                    .diagnostic(crate::config::FILE_NAME, config.language),
                ]));
            }
            let shown_as = format!("themes/{name}");
            for (rel, bytes) in
                crate::load::read_folder(&site, &dir, &shown_as, &[], config.language)?
            {
                theme.add(&rel, bytes, &format!("{shown_as}/{rel}"));
            }
        }
        Ok(theme)
    }

    fn add(&mut self, rel: &str, bytes: Vec<u8>, origin: &str) {
        let rel = rel.replace('\\', "/");
        if let Some(name) = rel.strip_prefix("templates/") {
            self.templates.insert(
                name.to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            );
        } else if let Some(name) = rel.strip_prefix("static/") {
            self.statics.insert(name.to_string(), bytes);
        } else if let Some(lang) = rel
            .strip_prefix("words/")
            .and_then(|f| f.strip_suffix(".yaml"))
        {
            self.words.insert(
                lang.to_string(),
                (
                    origin.to_string(),
                    String::from_utf8_lossy(&bytes).into_owned(),
                ),
            );
        }
    }

    pub fn words(&self, language: Language) -> Result<Words, Diagnostics> {
        let Some((origin, text)) = self.words.get(language.code()) else {
            return Err(Diagnostics(vec![Diagnostic::error(
                "missing-words",
                "(theme)",
                format!("the theme has no words/{}.yaml", language.code()),
            )]));
        };
        crate::base::yaml::parse(origin, text, &["date_format", "months", "words"])
            .map_err(|d| Diagnostics(vec![d]))
    }
}

fn all_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut files: Vec<_> = dir.files().collect();
    for d in dir.dirs() {
        files.extend(all_files(d));
    }
    files
}
