//! Rendering: turns the [`Site`] model into the files of the built site with Tera and the
//! theme. Every page is rendered once, in parallel; each page's context holds only what that
//! page shows, and what every page shows (site title, menu, words) sits once in Tera's global
//! context.

mod charts;
mod entry_pages;
mod front_page;
mod network_pages;
mod overview_pages;
mod parts;
mod preview;
mod site_pages;
mod templates;
pub mod theme;
mod view;
mod views;

use parts::Parts;
use preview::{CATALOGUE_ENTRY, ITEM_PAGE};
pub use preview::{Preview, Seeing, Seen};

use crate::base::diagnostic::{Diagnostic, Diagnostics};
use crate::config::Compliance;
use crate::load::Kind;
use crate::model::{Ref, Site, url_of};
use crate::network::Network;
use crate::plan::Page;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::Mutex;
use templates::{build_tera, first, template_error};
use tera::Tera;
use theme::{Theme, Words};
use view::{Job, Made, ShownBody, View};
use views::*;

pub use crate::output::OutputFile;

/// Options that change what is rendered.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Overrides `base_url` of site.yaml.
    pub base_url: Option<String>,
}

pub use crate::plan::Unit;

/// Writes one large file piece by piece, in the calling thread: given its path and what fills
/// it. A build streams the catalogue page this way: on a large site with long bodies it runs to
/// hundreds of MB, which would otherwise be held whole several times over (the entries, the
/// page's context, Tera's output).
pub type Stream<'s> = &'s (dyn Fn(&str, &mut Fill) -> Result<(), Diagnostic> + Sync);

/// What fills a streamed file: it writes the file's bytes, in order, into the writer given.
pub type Fill<'f> = dyn FnMut(&mut dyn std::io::Write) -> Result<(), Diagnostic> + 'f;

/// Which units to render, and where each file goes.
pub struct Target<'t> {
    pub wanted: &'t (dyn Fn(Unit) -> bool + Sync),
    /// Called for each file as soon as it is ready, from several threads at once.
    pub emit: &'t (dyn Fn(Unit, OutputFile) -> Result<(), Diagnostic> + Sync),
    /// For a live preview: what each page was given when it was last rendered, and where to
    /// keep what it is given now. Pages given the same as before are not rendered.
    pub preview: Option<Preview<'t>>,
}

/// Renders every page and copies the theme's and site's static files, handing each file to
/// `emit` as soon as it is ready (from several threads at once), so a build can write pages
/// while others are still rendering and never hold the whole site in memory.
/// Returns the number of files emitted.
pub fn render_site(
    site: &Site,
    network: &Network,
    theme: &Theme,
    options: &RenderOptions,
    emit: &(dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync),
    stream: Option<Stream>,
) -> Result<usize, Diagnostics> {
    let generated = std::sync::Mutex::new(std::collections::HashSet::new());
    let streamed = |path: &str, fill: &mut Fill| -> Result<(), Diagnostic> {
        if let Ok(mut g) = generated.lock() {
            g.insert(path.to_string());
        }
        stream.map_or(Ok(()), |s| s(path, fill))
    };
    let count = render_units_streaming(
        site,
        network,
        theme,
        options,
        &Target {
            wanted: &|unit| unit != Unit::Statics,
            emit: &|_, f| {
                if let Ok(mut g) = generated.lock() {
                    g.insert(f.path.clone());
                }
                emit(f)
            },
            preview: None,
        },
        stream.is_some().then_some(&streamed as Stream),
    )?;
    let generated = generated.into_inner().unwrap_or_default();
    let statics = static_files(site, theme, options)?;
    check_clashes(
        statics
            .iter()
            .map(|f| f.path.as_str())
            .filter(|p| generated.contains(*p)),
        site.config.language,
    )?;
    let n = statics.len();
    statics
        .into_iter()
        .try_for_each(emit)
        .map_err(|d| Diagnostics(vec![d]))?;
    Ok(count + n)
}

/// Renders the units `target` wants. Returns the number of files emitted.
pub fn render_units(
    site: &Site,
    network: &Network,
    theme: &Theme,
    options: &RenderOptions,
    target: &Target,
) -> Result<usize, Diagnostics> {
    render_units_streaming(site, network, theme, options, target, None)
}

/// [`render_units`], writing the catalogue page through `stream` when one is given and no
/// preview is kept.
fn render_units_streaming(
    site: &Site,
    network: &Network,
    theme: &Theme,
    options: &RenderOptions,
    target: &Target,
    stream: Option<Stream>,
) -> Result<usize, Diagnostics> {
    let words = theme.words(site.config.language)?;
    let base_url = base_url(site, options);
    let (tera, global) = build_tera(site, theme, &words, base_url.as_deref())?;
    let shared = match target.preview {
        Some(p) => Parts::of(
            site,
            global,
            p.before
                .parts
                .as_ref()
                .filter(|_| p.texts_only)
                .map(|kept| (kept, p.changed)),
        ),
        None => Parts::default(),
    };
    let renderer = Renderer {
        site,
        network,
        words: &words,
        base_url: base_url.as_deref(),
        tera: &tera,
        preview: target.preview,
        global,
        shared: &shared,
        hashing: false,
    };
    let count = std::sync::atomic::AtomicUsize::new(0);
    let emit = |unit: Unit, f: OutputFile| {
        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        (target.emit)(unit, f)
    };
    let pages = crate::plan::pages(site, base_url.as_deref());
    let wanted = target.wanted;
    // The search index is made beside the pages: it is one large job.
    let (rendered, search) = rayon::join(
        || {
            pages
                .par_iter()
                .filter(|p| wanted(p.unit()))
                .try_for_each(|&p| {
                    if let (Page::Catalogue, Some(stream), None) = (p, stream, target.preview)
                        && renderer.stream_catalogue(stream)?
                    {
                        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        return Ok(());
                    }
                    match renderer.changed(p)? {
                        Some(f) => emit(p.unit(), f),
                        None => Ok(()),
                    }
                })
        },
        || {
            if wanted(Unit::SearchIndex) {
                crate::search::emit(site, |f| emit(Unit::SearchIndex, f))
            } else {
                Ok(())
            }
        },
    );
    rendered.map_err(|d| Diagnostics(vec![d]))?;
    search.map_err(|d| Diagnostics(vec![d]))?;
    if let Some(preview) = target.preview
        && let Ok(mut kept) = preview.now.parts.lock()
    {
        *kept = Some(shared.kept(global));
    }
    if wanted(Unit::Statics) {
        for f in static_files(site, theme, options)? {
            emit(Unit::Statics, f).map_err(|d| Diagnostics(vec![d]))?;
        }
    }
    Ok(count.into_inner())
}

fn base_url(site: &Site, options: &RenderOptions) -> Option<String> {
    options
        .base_url
        .clone()
        .or_else(|| site.config.base_url.clone())
        .map(|u| if u.ends_with('/') { u } else { format!("{u}/") })
}

/// The theme's static files, robots.txt and the site's `static/` folder, which overrides the
/// theme's files of the same name.
pub fn static_files(
    site: &Site,
    theme: &Theme,
    options: &RenderOptions,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut statics: std::collections::BTreeMap<String, Vec<u8>> = theme.statics.clone();
    statics.insert(
        "robots.txt".into(),
        robots(base_url(site, options).as_deref()).into_bytes(),
    );
    statics.extend(crate::load::read_static(&site.root, &site.config)?);
    Ok(statics
        .into_iter()
        .map(|(path, bytes)| OutputFile { path, bytes })
        .collect())
}

/// A static file may not silently replace a generated page: each path in `clashing` (a static
/// file's that is also a page's) is an error.
pub fn check_clashes<'p>(
    clashing: impl IntoIterator<Item = &'p str>,
    language: crate::base::Language,
) -> Result<(), Diagnostics> {
    let mut clashes = Diagnostics::default();
    for path in clashing {
        clashes.push(
            crate::base::messages::ErrorText::StaticClash
                .diagnostic(format!("static/{path}"), language),
        );
    }
    if clashes.has_errors() {
        return Err(clashes);
    }
    Ok(())
}

/// Makes pages. A live preview first makes each page with a copy set to `hashing`, to learn
/// whether what the page is given changed, and renders only the pages whose hash did.
#[derive(Clone, Copy)]
struct Renderer<'a> {
    site: &'a Site,
    /// Computed from the model, beside it.
    network: &'a Network,
    words: &'a Words,
    base_url: Option<&'a str>,
    /// For the parts of large pages that are rendered in parallel before the page itself.
    tera: &'a Tera,
    preview: Option<Preview<'a>>,
    /// The hash of what every page is given (Tera's global context).
    global: u64,
    /// For a live preview: the hashes of the parts many views show.
    shared: &'a Parts,
    /// Whether this renderer makes views only to hash them (see [`view`]).
    hashing: bool,
}

impl<'a> Renderer<'a> {
    fn render(&self, made: Made) -> Result<OutputFile, Diagnostic> {
        match made {
            Made::Template(job) => {
                // Each thread renders into one buffer it keeps, and the page gets a copy of
                // exactly its size: a page rendered into a fresh string grows it again and
                // again, and the kernel zeroes every new page of memory it takes.
                thread_local! {
                    static PAGE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
                }
                /// A buffer grown past this by a very large page is not kept.
                const KEPT: usize = 4 << 20;
                let bytes = PAGE
                    .with_borrow_mut(|page| {
                        page.clear();
                        let rendered = self
                            .tera
                            .render_to(job.template, job.context.context(), &mut *page)
                            .map(|()| page.as_slice().to_vec());
                        if page.capacity() > KEPT {
                            *page = Vec::new();
                        }
                        rendered
                    })
                    .map_err(|e| first(template_error(&e, &job.path)))?;
                Ok(OutputFile {
                    path: job.path,
                    bytes,
                })
            }
            Made::Text { path, text } => Ok(OutputFile {
                path,
                bytes: text.into_bytes(),
            }),
            Made::Bytes { path, bytes } => Ok(OutputFile { path, bytes }),
        }
    }

    /// The page, rendered; for a live preview only when what it is given changed since it
    /// was last rendered (`None` then).
    fn changed(&self, page: Page) -> Result<Option<OutputFile>, Diagnostic> {
        if let Some(preview) = self.preview {
            if let (Page::Data(_), true) = (page, preview.texts_only) {
                let path = page.path(self.site);
                if let Some(&hash) = preview.before.views.get(&path) {
                    if let Ok(mut views) = preview.now.views.lock() {
                        views.insert(path, hash);
                    }
                    return Ok(None);
                }
            }
            let (hash, path) = match page {
                Page::Entry(Ref::Item(x)) => (
                    self.kept_or_hashed(ITEM_PAGE, x, || {
                        let (job, taken) = self.item_page_taken(x);
                        (Made::Template(job).hash(self.global), taken)
                    }),
                    page.path(self.site),
                ),
                _ => {
                    let hasher = Renderer {
                        hashing: true,
                        ..*self
                    };
                    let hashed = hasher.made(page)?;
                    (hashed.hash(self.global), hashed.into_path())
                }
            };
            let same = preview.before.views.get(&path) == Some(&hash);
            if let Ok(mut views) = preview.now.views.lock() {
                views.insert(path, hash);
            }
            if same {
                return Ok(None);
            }
        }
        self.render(self.made(page)?).map(Some)
    }

    /// A job for the page at `path`, with what every page's layout needs.
    fn job(&self, path: String, template: &'static str, title: &str, section: &str) -> Job {
        self.parts().job(path, template, title, section)
    }

    /// What makes `page`: its template and view, or its text.
    fn made(&self, page: Page) -> Result<Made, Diagnostic> {
        let job = match page {
            Page::Entry(Ref::Item(i)) => self.item_page(i),
            Page::Entry(Ref::Partner(i)) => self.partner_page(i),
            Page::Entry(Ref::Partnership(i)) => self.partnership_page(i),
            Page::Entry(Ref::Page(i)) => self.free_page(i),
            Page::Front => self.front_page(),
            Page::KindIndex(kind) => self.kind_index(kind),
            // A live preview puts the page together from its entries (mostly kept from the
            // last rebuild) in one copy; while hashing, the page's view stands for it.
            Page::Catalogue if self.preview.is_some() && !self.hashing => {
                match self.catalogue_spliced()? {
                    Some((path, bytes)) => return Ok(Made::Bytes { path, bytes }),
                    None => self.catalogue_page()?,
                }
            }
            Page::Catalogue => self.catalogue_page()?,
            Page::Contributions => self.contributions_page(),
            Page::Network(order) => self.network_page(order),
            Page::Tags => self.tags_index(),
            Page::Tag(i) => self.tag_page(i),
            Page::Search => self.search_page(),
            Page::Accessibility => self.statement_page(),
            Page::StatementRedirect => self.statement_redirect(),
            Page::NotFound => self.not_found(),
            Page::Feed => self.feed(),
            Page::Sitemap => self.sitemap(),
            Page::Admin(file) => {
                let bytes = crate::cms::published(self.site, file)?;
                return Ok(Made::Bytes {
                    path: page.path(self.site),
                    bytes,
                });
            }
            Page::Data(export) => {
                let text = crate::network::export::render(self.site, self.network, export);
                return Ok(Made::Text {
                    path: page.path(self.site),
                    text,
                });
            }
        };
        debug_assert_eq!(
            job.path,
            page.path(self.site),
            "the plan and the page agree"
        );
        debug_assert!(
            self.hashing
                || job
                    .context
                    .context()
                    .get("section")
                    .and_then(|s| s.as_str())
                    == Some(page.section(self.site)),
            "the menu marks the page's part of the site"
        );
        Ok(Made::Template(job))
    }
}

fn robots(base_url: Option<&str>) -> String {
    let mut s = String::from("User-agent: *\nAllow: /\n");
    if let Some(b) = base_url {
        s.push_str(&format!("Sitemap: {b}sitemap.xml\n"));
    }
    s
}

fn level_key(l: crate::load::Level) -> &'static str {
    use crate::load::Level::*;
    match l {
        Local => "level_local",
        Regional => "level_regional",
        National => "level_national",
        European => "level_european",
    }
}

fn form_key(f: crate::load::Form) -> &'static str {
    use crate::load::Form::*;
    match f {
        Network => "form_network",
        Alliance => "form_alliance",
        Partnership => "form_partnership",
    }
}

fn status_key(s: crate::load::Status) -> &'static str {
    use crate::load::Status::*;
    match s {
        Planned => "status_planned",
        Active => "status_active",
        Completed => "status_completed",
    }
}
