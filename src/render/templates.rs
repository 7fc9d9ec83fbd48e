//! The Tera set-up: the theme's templates and filters, and what every page shows (site title,
//! menu, words), which sits once in Tera's global context.

use super::theme::{Theme, Words};
use super::views::*;
use crate::base::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Ref, Site};
use serde::Serialize;
use tera::Tera;

/// Tera with the theme's templates and what every page is given, and a hash of all that (for
/// a live preview: a page is rendered again when it changes).
pub(super) fn build_tera(
    site: &Site,
    theme: &Theme,
    words: &Words,
    base_url: Option<&str>,
) -> Result<(Tera, u64), Diagnostics> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|(n, s)| (n.as_str(), s.as_str())),
    )
    .map_err(|e| template_error(&e, "(theme)"))?;
    let site_view = site_view(site, words, base_url);
    let mut h = rustc_hash::FxHasher::default();
    super::view::hash_value(&mut h, "templates", &theme.templates);
    super::view::hash_value(&mut h, "site", &site_view);
    super::view::hash_value(&mut h, "t", &words.words);
    // How dates read: a view's date hashes as the date alone (`views::DateView`).
    super::view::hash_value(&mut h, "date_format", &words.date_format);
    super::view::hash_value(&mut h, "months", &words.months);
    let g = tera.global_context();
    g.insert("site", &site_view);
    g.insert("t", &words.words);
    Ok((tera, std::hash::Hasher::finish(&h)))
}

/// The first of a list of diagnostics that holds at least one.
pub(super) fn first(d: Diagnostics) -> Diagnostic {
    d.0.into_iter()
        .next()
        .unwrap_or_else(|| Diagnostic::error("template", "(theme)", "template error"))
}

pub(super) fn template_error(e: &tera::Error, page: &str) -> Diagnostics {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    Diagnostics(vec![
        Diagnostic::error(
            "template",
            "(theme)",
            format!("template error while rendering {page}: {message}"),
        )
        .with_help("check the theme's template at the line named above"),
    ])
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    lang: &'static str,
    base_url: Option<&'a str>,
    menu: Vec<Link<'a>>,
    sections: Vec<Section<'a>>,
    statement: Option<StatementLink>,
    /// The accent colour as CSS, only once it has passed its check: nothing else reaches the
    /// style.
    accent: Option<String>,
    /// The logo's path from the site root.
    logo: Option<&'a str>,
}

#[derive(Serialize)]
struct Section<'a> {
    key: &'static str,
    url: String,
    label: &'a str,
}

#[derive(Serialize)]
struct StatementLink {
    url: String,
    external: bool,
}

fn site_view<'a>(site: &'a Site, words: &'a Words, base_url: Option<&'a str>) -> SiteView<'a> {
    let sections = crate::plan::menu(site)
        .into_iter()
        .map(|page| Section {
            key: page.section(site),
            url: page.path(site),
            label: words.get(page.section(site)),
        })
        .collect();
    let statement =
        crate::plan::statement(site).map(|(url, external)| StatementLink { url, external });
    SiteView {
        title: &site.config.title,
        description: site.config.description.as_deref(),
        lang: site.config.language.code(),
        base_url,
        menu: (0..site.pages.len())
            .map(|i| link(site, words, Ref::Page(i)))
            .collect(),
        sections,
        statement,
        accent: site.config.accent_css(),
        logo: site
            .config
            .logo
            .as_deref()
            .filter(|l| crate::markdown::is_local(l)),
    }
}
