//! brobygger compiles a partnership knowledge base (Markdown files with YAML front matter about
//! partners, partnerships and what arose in them) into a static site that shows each
//! partner's contribution and the inspiration catalogue of good practice.
//!
//! The data flows one way:
//! [`load`] (walk `content/`, parse front matter and Markdown) →
//! [`validate`] (every id and reference, all errors collected) →
//! [`model`] (the graph of partners, partnerships and items, with reverse links) →
//! [`render`] (Tera and the embedded theme) →
//! [`output`] (written atomically).

// Diagnostics are returned by value: they are the cold path, and boxing them would only add
// noise to every `?`.
#![allow(clippy::result_large_err)]

pub mod base;
pub mod check;
pub mod cms;
pub mod config;
pub mod init;
pub mod live;
pub mod load;
pub mod markdown;
pub mod model;
pub mod network;
pub mod new;
pub mod output;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod search;
pub mod serve;
pub mod validate;

use base::diagnostic::Diagnostics;
use std::path::{Path, PathBuf};

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    /// Overrides site.yaml's `base_url`.
    pub base_url: Option<String>,
    /// Publish files marked `draft: true`.
    pub drafts: bool,
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the site's files: nothing was written.
    Site(Diagnostics),
    /// The output folder could not be used or written: the previous output is untouched.
    Output(output::OutputError),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Site(d) => write!(f, "{d}"),
            BuildError::Output(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for BuildError {}

impl From<Diagnostics> for BuildError {
    fn from(d: Diagnostics) -> Self {
        BuildError::Site(d)
    }
}

/// What a successful build made.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub files: usize,
    pub partners: usize,
    pub partnerships: usize,
    pub items: usize,
    pub pages: usize,
    /// How many warnings `check` would show: `build` counts them, `check` shows them.
    pub warnings: usize,
    /// The site's language, for what is said about the build.
    pub language: base::Language,
}

/// Loads, validates and models the site in `root`, without writing anything.
pub fn load_model(root: &Path, drafts: bool) -> Result<pipeline::Modelled, Diagnostics> {
    pipeline::Pipeline::new(root, drafts).run()
}

/// Renders the site in memory: every output file with its path, in a stable order.
pub fn render(
    modelled: &pipeline::Modelled,
    base_url: Option<String>,
) -> Result<Vec<render::OutputFile>, Diagnostics> {
    let (site, network) = (&*modelled.site, &*modelled.network);
    let theme = render::theme::Theme::load(&site.root, &site.config)?;
    let files = std::sync::Mutex::new(Vec::new());
    render::render_site(
        site,
        network,
        &theme,
        &render::RenderOptions { base_url },
        &|f| {
            files
                .lock()
                .map_err(|_| {
                    base::messages::ErrorText::Internal.diagnostic("(render)", site.config.language)
                })?
                .push(f);
            Ok(())
        },
        None,
    )?;
    let mut files = files.into_inner().unwrap_or_default();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Builds the site: load → validate → model → render → write. Pages are written while others
/// are still rendering, into a staging folder that replaces the output only at the end.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, BuildError> {
    output::check_output(&options.root, &options.output).map_err(BuildError::Output)?;
    let mut pipeline = pipeline::Pipeline::new(&options.root, options.drafts);
    let validated = pipeline.validate();
    // `--base-url` is checked like site.yaml's, and reported with the site's errors.
    if let Some(url) = &options.base_url {
        let language = match &validated {
            Ok(v) => v.loaded.config.language,
            Err(_) => {
                load::read_config(&options.root).map_or_else(|_| Default::default(), |c| c.language)
            }
        };
        if let Err(e) = validate::check_base_url_option(url, language) {
            let mut errors = validated.err().unwrap_or_default();
            errors.push(e);
            return Err(BuildError::Site(errors));
        }
    }
    let validated = validated?;
    // The warnings are counted from the files loaded here and the model built here; a build
    // with drafts has drafts in its model, which `check` never looks at, so it checks apart.
    let pending = (!options.drafts).then(|| check::Pending::of(&validated.loaded));
    let modelled = pipeline.model(validated);
    // What the pipeline keeps for a next run (every file's text and parse) is not needed
    // again: the texts go as soon as the warnings have been counted, early in the rendering.
    drop(pipeline);
    let (site, network) = (&*modelled.site, &*modelled.network);
    let theme = render::theme::Theme::load(&site.root, &site.config)?;
    let staging = output::Staging::create(&options.output).map_err(BuildError::Output)?;
    let write_error = std::sync::Mutex::new(None);
    let options_render = render::RenderOptions {
        base_url: options.base_url.clone(),
    };
    let today = load::Date::today();
    // Counting the warnings runs beside the rendering, on a core the rendering leaves idle
    // at times (its last pages, the search index).
    let (rendered, warnings) = rayon::join(
        || {
            // A failed write is kept for the end; the renderer sees it as the page's error.
            let failed = |e: output::OutputError| {
                let said = e.text().diagnostic("(output)", site.config.language);
                if let Ok(mut slot) = write_error.lock() {
                    slot.get_or_insert(e);
                }
                said
            };
            render::render_site(
                site,
                network,
                &theme,
                &options_render,
                &|f| staging.write(f).map_err(failed),
                Some(&|path, fill| {
                    staging
                        .write_streamed(path, |w| fill(w))
                        .map_err(failed)
                        .and_then(|filled| filled)
                }),
            )
        },
        || match pending {
            Some(pending) => {
                // A site whose published files cannot be copied fails in the rendering
                // beside this; its warnings then count against no published paths.
                let published =
                    check::published_files(&site.root, &site.config).unwrap_or_default();
                pending.count(site, &published, today)
            }
            None => check::check(&options.root, today).map_or(0, |w| w.len()),
        },
    );
    // A failed write is a problem of the output folder, not of the site's files.
    if let Some(e) = write_error.into_inner().ok().flatten() {
        return Err(BuildError::Output(e));
    }
    let files = rendered?;
    staging.commit().map_err(BuildError::Output)?;
    Ok(BuildSummary {
        files,
        partners: site.partners.len(),
        partnerships: site.partnerships.len(),
        items: site.items.len(),
        pages: site.pages.len(),
        warnings,
        language: site.config.language,
    })
}
