//! Reading `site.yaml` by the site folder's rules; what its settings mean is `config`'s.

use super::site_folder::{Area, ReadError, SiteFolder};
use crate::base::Language;
use crate::base::diagnostic::{Diagnostic, Diagnostics};
use crate::base::messages::ErrorText;
use crate::config::{Config, FILE_NAME};
use std::path::Path;

/// Reads and checks `site.yaml` in `root`.
pub fn read_config(root: &Path) -> Result<Config, Diagnostics> {
    read(&SiteFolder::new(root)).map(|(config, _)| config)
}

/// Reads and checks `site.yaml` of `site`: the settings, and the text they were read from.
pub fn read(site: &SiteFolder) -> Result<(Config, String), Diagnostics> {
    let text = read_text(site)?;
    let config = Config::parse(&text)?;
    Ok((config, text))
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
