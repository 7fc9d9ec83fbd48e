//! Reading `site.yaml` by the site folder's rules; what its settings mean is `config`'s.

use super::site_folder::{Area, ReadError, SiteFolder};
use crate::base::Language;
use crate::base::diagnostic::Diagnostics;
use crate::base::messages::ErrorText;
use crate::config::{Config, FILE_NAME};
use std::path::Path;

/// Reads and checks `site.yaml` in `root`.
pub fn read_config(root: &Path) -> Result<Config, Diagnostics> {
    read(&SiteFolder::new(root)).map(|(config, _)| config)
}

/// The language to speak about the site in `root`: its settings', or, while they have errors,
/// the one its `language:` line names, else the command line's. So that the words around an
/// error in site.yaml (`fel`, `hjälp`, the summary) are in the language of the error itself.
pub fn language_of(root: &Path) -> Language {
    let site = SiteFolder::new(root);
    match read(&site) {
        Ok((config, _)) => config.language,
        Err(_) => read_text(&site)
            .ok()
            .and_then(|text| crate::config::declared_language(&text))
            .unwrap_or_else(Language::before_settings),
    }
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
/// ever quoted. Errors are in the language the command line chose, since the site's is not
/// known yet.
pub fn read_text(site: &SiteFolder) -> Result<String, Diagnostics> {
    let language = Language::before_settings();
    let one = |e: ErrorText| Diagnostics(vec![e.diagnostic(FILE_NAME, language)]);
    let Some(path) = site
        .entry(FILE_NAME, Area::Settings, language)
        .map_err(|d| Diagnostics(vec![d]))?
    else {
        return Err(one(ErrorText::MissingSiteYaml {
            root: site.root().display().to_string(),
        }));
    };
    let bytes = site.read(&path, MAX_BYTES).map_err(|e| {
        one(match e {
            ReadError::Special(what) => ErrorText::NotAFile { what },
            ReadError::TooLarge(size) => ErrorText::SiteYamlTooLarge {
                size,
                max: MAX_BYTES,
            },
            ReadError::Io(e) => ErrorText::SiteYamlUnreadable { detail: e.into() },
        })
    })?;
    String::from_utf8(bytes).map_err(|e| {
        one(ErrorText::SiteYamlNotUtf8 {
            offset: e.utf8_error().valid_up_to(),
        })
    })
}
