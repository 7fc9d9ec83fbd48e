//! The settings in site.yaml checked with the rest of the site: what leads somewhere
//! (`base_url`, `theme`, `logo`) and the names pages show (the title, sectors, contribution
//! types, catalogues, tags).

use super::*;

/// The settings in site.yaml that lead somewhere: `base_url` becomes the start of every link
/// on the 404 page, and `theme` names a folder that is read whole.
pub(super) fn check_config(site: &LoadedSite, errors: &mut Diagnostics) {
    let file = crate::config::FILE_NAME;
    // Read again only to point at the line: this runs only when something is wrong.
    let text = || {
        let site = crate::load::site_folder::SiteFolder::new(&site.root);
        crate::load::settings::read_text(&site).unwrap_or_default()
    };
    let at_key = |d: Diagnostic, key: &str, len: usize| {
        let text = text();
        let offset = yaml::find_key(&text, key).unwrap_or(0);
        d.at(&text, offset, len)
    };
    let language = site.config.language;
    if let Some(url) = &site.config.base_url
        && crate::markdown::is_dangerous_url(url)
    {
        errors.push(at_key(
            ErrorText::BadBaseUrl {
                url: url.clone(),
                command_line: false,
            }
            .diagnostic(file, language),
            "base_url",
            8,
        ));
    }
    // The site's title heads every page; a sector's name labels partners and filters.
    if let Some(e) = blank("title", &site.config.title) {
        errors.push(at_key(e.diagnostic(file, language), "title", 5));
    }
    for (key, label) in &site.config.sectors {
        if let Some(e) = blank(&format!("sectors.{key}"), label) {
            errors.push(at_key(e.diagnostic(file, language), key, key.len()));
        }
    }
    for (key, label) in &site.config.contribution_types {
        if let Some(e) = blank(&format!("contribution_types.{key}"), label) {
            errors.push(at_key(e.diagnostic(file, language), key, key.len()));
        }
    }
    for (key, catalogue) in &site.config.catalogues {
        if let Some(e) = blank(&format!("catalogues.{key}.title"), &catalogue.title) {
            errors.push(at_key(e.diagnostic(file, language), key, key.len()));
        }
    }
    // The site's logo heads every page, and a tag's label stands for the tag wherever it
    // is shown.
    if let Some(logo) = &site.config.logo
        && let Some(e) = super::logo::logo_error(site, logo)
    {
        let text = text();
        let offset = yaml::find_key(&text, "logo").map_or(0, |k| {
            k + text[k..]
                .find(logo.as_str())
                .filter(|_| !logo.is_empty())
                .unwrap_or(0)
        });
        errors.push(
            e.diagnostic(file, language)
                .at(&text, offset, logo.len().max(4)),
        );
    }
    for (tag, label) in &site.config.tags {
        if let Some(e) = blank(&format!("tags.{tag}"), label) {
            errors.push(at_key(e.diagnostic(file, language), tag, tag.len()));
        }
    }
    if let Some(theme) = &site.config.theme {
        let plain = std::path::Path::new(theme)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if theme.is_empty() || !plain || theme.contains(['/', '\\']) {
            errors.push(at_key(
                ErrorText::UnknownTheme {
                    name: theme.clone(),
                    missing: false,
                }
                .diagnostic(file, language),
                "theme",
                5,
            ));
        }
    }
}

/// `--base-url` as given on the command line: the same check as `base_url` in site.yaml, since
/// a CI job may take it from a pull request's settings as easily as from the site.
pub fn check_base_url_option(url: &str, language: Language) -> Result<(), Diagnostic> {
    if crate::markdown::is_dangerous_url(url) {
        return Err(ErrorText::BadBaseUrl {
            url: url.to_string(),
            command_line: true,
        }
        .diagnostic("(command line)", language));
    }
    Ok(())
}
