//! Loading: walk `content/`, split each file into front matter and body, parse the front matter
//! into its kind's typed struct and the body into HTML with wikilinks left open. Each file is
//! checked on its own here; checks that need the whole site live in `validate`.

mod cache;
mod file;
pub mod front_matter;
mod published;
pub mod settings;
pub mod site_folder;
mod source;
mod walk;

pub use crate::base::text::{is_control, printable};
pub use crate::base::{Date, Kind, is_valid_id};
pub use cache::{LoadCache, load_site_cached};
pub use file::{MAX_FILE_BYTES, split_front_matter};
pub use front_matter::*;
pub use published::{MAX_PUBLISHED_FILE_BYTES, read_folder, read_static, unreadable};
pub use settings::read_config;
pub use source::Source;
pub use walk::is_set_aside;

use crate::base::Language;
use crate::base::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::base::messages::ErrorText;
use crate::base::yaml;
use crate::config::Config;
use crate::markdown::{self, Body};
use rayon::prelude::*;
use site_folder::{Area, ReadError, SiteFolder};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The parsed front matter of one file.
#[derive(Debug, Clone)]
pub enum Meta {
    Partner(PartnerMeta),
    Partnership(PartnershipMeta),
    /// A challenge, opportunity or learning; or a recommendation, with its `addresses`.
    Item(ItemMeta, Vec<String>),
    Quote(QuoteMeta),
    Page(PageMeta),
}

impl Meta {
    pub fn tags(&self) -> &[String] {
        match self {
            Meta::Partner(m) => &m.tags,
            Meta::Partnership(m) => &m.tags,
            Meta::Item(m, _) => &m.tags,
            Meta::Quote(m) => &m.tags,
            Meta::Page(m) => &m.tags,
        }
    }
    pub fn draft(&self) -> bool {
        match self {
            Meta::Partner(m) => m.draft,
            Meta::Partnership(m) => m.draft,
            Meta::Item(m, _) => m.draft,
            Meta::Quote(m) => m.draft,
            Meta::Page(m) => m.draft,
        }
    }
    /// The warnings this file silences (`allow:`).
    pub fn allow(&self) -> &[String] {
        match self {
            Meta::Partner(m) => &m.allow,
            Meta::Partnership(m) => &m.allow,
            Meta::Item(m, _) => &m.allow,
            Meta::Quote(m) => &m.allow,
            Meta::Page(m) => &m.allow,
        }
    }

    /// The language the file says it is written in, if any.
    pub fn language(&self) -> Option<crate::base::Language> {
        match self {
            Meta::Partner(m) => m.language,
            Meta::Partnership(m) => m.language,
            Meta::Item(m, _) => m.language,
            Meta::Quote(m) => m.language,
            Meta::Page(m) => m.language,
        }
    }

    pub fn dates(&self) -> (Option<Date>, Option<Date>) {
        match self {
            Meta::Partner(m) => (m.date, m.updated),
            Meta::Partnership(m) => (m.date, m.updated),
            Meta::Item(m, _) => (m.date, m.updated),
            Meta::Quote(m) => (m.date, m.updated),
            Meta::Page(m) => (m.date, m.updated),
        }
    }
}

/// One content file, loaded.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: Kind,
    pub id: String,
    /// The path relative to the site root, with `/` separators, for messages.
    pub file: String,
    /// The whole file, for pointing at lines in messages: read again from the file when a
    /// message needs it, so that a build does not hold every file's text.
    pub text: Source,
    /// Where the YAML between the `---` lines is in `text`.
    pub front_matter: Range<usize>,
    /// A hash of the front matter's text: a live preview compares it with the last one to see
    /// whether only the body changed (the text itself is not kept).
    pub front_matter_hash: u64,
    pub meta: Meta,
    pub body: std::sync::Arc<Body>,
    /// A hash of `text`: what a live preview compares to see whether the file's page changed.
    pub source_hash: u64,
    /// The title as the site's language sorts it.
    pub sort_key: String,
}

impl Document {
    /// The title pages show: the front matter's, or for a quote the start of what was said.
    pub fn title(&self) -> String {
        match &self.meta {
            Meta::Partner(m) => m.name.clone(),
            Meta::Partnership(m) => m.title.clone(),
            Meta::Item(m, _) => m.title.clone(),
            Meta::Page(m) => m.title.clone(),
            // Its wikilinks as written: the model gives them their targets' titles.
            Meta::Quote(_) => quote_title(&self.body.summary(&[])),
        }
    }
}

/// A quote's title: the start of what was said (its summary).
pub fn quote_title(summary: &str) -> String {
    if summary.chars().count() > 80 {
        let cut: String = summary.chars().take(80).collect();
        format!("“{}…”", cut.rsplit_once(' ').map_or(cut.as_str(), |x| x.0))
    } else {
        format!("“{}”", summary.trim_end_matches('…'))
    }
}

/// `content/_index.md`: the front page's text.
#[derive(Debug, Clone, Default)]
pub struct FrontPage {
    pub title: Option<String>,
    pub body: Body,
    pub file: String,
    pub text: String,
}

/// Everything read from a site folder, each file checked on its own.
#[derive(Debug)]
pub struct LoadedSite {
    pub root: PathBuf,
    pub config: Config,
    pub front: Option<FrontPage>,
    pub documents: Vec<Document>,
    /// Files that exist but could not be loaded, as (kind, id): references to them are not
    /// reported as unknown on top of their own errors.
    pub broken: Vec<(Kind, String)>,
}

/// Reads a site folder: `site.yaml` and every Markdown file under `content/`.
/// Returns what loaded, with the errors of the files that did not, so that the whole-site
/// checks can still run on the rest and the user sees every problem at once.
pub fn load_site(root: &Path) -> Result<(LoadedSite, Diagnostics), Diagnostics> {
    load_site_cached(root, &mut LoadCache::default())
}

#[derive(Clone)]
enum Loaded {
    Document(Box<Document>),
    Front(Box<FrontPage>),
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let shown = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    // A file name is printed in messages: one with ESC in it must not steer the terminal.
    printable(&shown).into_owned()
}
