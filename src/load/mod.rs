//! Loading: walk `content/`, split each file into front matter and body, parse the front matter
//! into its kind's typed struct and the body into HTML with wikilinks left open. Each file is
//! checked on its own here; checks that need the whole site live in `validate`.

pub mod front_matter;
pub mod settings;
pub mod site_folder;

pub use crate::base::text::{is_control, printable};
pub use crate::base::{Date, Kind, is_valid_id};
pub use front_matter::*;
pub use settings::read_config;

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
    /// The whole file, for pointing at lines in messages. Shared, like `body`: a live preview
    /// keeps every file's parse and hands it to each rebuild without copying it.
    pub text: std::sync::Arc<str>,
    /// Where the YAML between the `---` lines is in `text`.
    pub front_matter: Range<usize>,
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

fn hash_text(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    text.hash(&mut h);
    h.finish()
}

/// What a live preview keeps between loads: each file's parse, with the size and time of
/// change it had, so a reload reads only the files that changed since.
#[derive(Default)]
pub struct LoadCache {
    files: std::collections::HashMap<PathBuf, CachedFile>,
    /// site.yaml's text when the files were parsed: parsing depends on it.
    config_text: Option<String>,
    /// Files to read again whatever their size and time say (a change event named them).
    stale: std::collections::HashSet<PathBuf>,
    /// The content files and the walk's errors as of the last load, once a load walked
    /// content/; `None` makes the next load walk.
    listing: Option<(Vec<PathBuf>, Diagnostics)>,
}

struct CachedFile {
    stamp: (std::time::SystemTime, u64),
    loaded: Result<Loaded, Diagnostics>,
}

impl LoadCache {
    /// Marks a file as changed: it is read again at the next load even if its size and time of
    /// change look the same (coarse file-system clocks, two saves in one tick).
    pub fn invalidate(&mut self, path: &Path) {
        self.stale.insert(path.to_path_buf());
    }

    /// Makes the next load walk content/ and compare every file's size and time of change:
    /// for when the changed paths are not known (events were lost).
    pub fn rescan(&mut self) {
        self.listing = None;
    }

    /// Reads again only the files marked changed, when each of them is a content file that was
    /// loaded before and still loads without errors: each one's (previous, new) document.
    /// `None` asks for a full [`load_site_cached`] (a file was added, removed or has errors;
    /// site.yaml changed), which then reuses what was read here.
    pub fn reload_changed(&mut self, root: &Path) -> Option<Vec<(Document, Document)>> {
        let (listing, walk_errors) = self.listing.as_ref()?;
        // An error of the walk (a link refused) may have gone with the change: walk again.
        if self.stale.is_empty() || !walk_errors.is_empty() {
            return None;
        }
        let site = SiteFolder::new(root);
        let (config, text) = settings::read(&site).ok()?;
        if Some(text) != self.config_text {
            return None;
        }
        let content = site
            .entry("content", Area::Content, config.language)
            .ok()??;
        let mut pairs = Vec::new();
        let mut fresh = Vec::new();
        for path in &self.stale {
            // A link may lead outside the site: the walk judges it (`link_outside`).
            if listing.binary_search(path).is_err() || path.is_symlink() {
                return None;
            }
            let Ok(Loaded::Document(old)) = &self.files.get(path)?.loaded else {
                return None;
            };
            let meta = std::fs::metadata(path).ok()?;
            let stamp = (meta.modified().ok()?, meta.len());
            let loaded = load_file(&site, &content, path, &config);
            let Ok(Loaded::Document(new)) = &loaded else {
                return None;
            };
            pairs.push(((**old).clone(), (**new).clone()));
            fresh.push((path.clone(), CachedFile { stamp, loaded }));
        }
        self.stale.clear();
        self.files.extend(fresh);
        Some(pairs)
    }
}

/// [`load_site`], reading again only the files whose size or time of change differ from
/// `cache`, or that [`LoadCache::invalidate`] named.
pub fn load_site_cached(
    root: &Path,
    cache: &mut LoadCache,
) -> Result<(LoadedSite, Diagnostics), Diagnostics> {
    let site = SiteFolder::new(root);
    let (config, config_text) = settings::read(&site)?;
    if cache.config_text.as_ref() != Some(&config_text) {
        cache.files.clear();
        cache.listing = None;
        cache.config_text = Some(config_text);
    }
    let content = site
        .entry("content", Area::Content, config.language)
        .map_err(|d| Diagnostics(vec![d]))?
        .unwrap_or_else(|| root.join("content"));
    if !content.is_dir() {
        return Err(Diagnostics(vec![
            Diagnostic::error(
                "missing-content",
                "content/",
                format!("no content/ folder in {}", root.display()),
            )
            .with_help("create content/ with a folder per kind, e.g. content/partners/"),
        ]));
    }
    let stale = std::mem::take(&mut cache.stale);
    // A load that knows every changed path reuses the last listing instead of walking
    // content/ again: on a large site the walk costs more than the parse of one file.
    let listing = cache.listing.take();
    let relisting = listing
        .as_ref()
        .and_then(|(paths, _)| relisted(paths, &stale, &content));
    let (paths, walk_errors, walked) = match (listing, relisting) {
        // The walk's errors stand only while nothing changed: a change may have removed
        // the link an error is about.
        (Some((paths, errors)), Some(None)) if errors.is_empty() || stale.is_empty() => {
            (paths, errors, false)
        }
        (Some((_, errors)), Some(Some(paths))) if errors.is_empty() => (paths, errors, false),
        _ => {
            let (paths, errors) = walk(&site, &content, config.language);
            (paths, errors, true)
        }
    };
    let mut errors = walk_errors.clone();
    type Stamp = Option<(std::time::SystemTime, u64)>;
    let stamp_of = |p: &PathBuf| -> Stamp {
        let m = std::fs::metadata(p).ok()?;
        Some((m.modified().ok()?, m.len()))
    };
    // Read again: after a walk, every file whose size or time of change differs from the
    // cache's; after a quick listing, only the files the events named.
    let parsed: std::collections::HashMap<usize, (Stamp, Result<Loaded, Diagnostics>)> = paths
        .par_iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let cached = cache.files.get(p);
            let stamp = (walked || cached.is_none() || stale.contains(p)).then(|| stamp_of(p));
            let fresh = match (cached, &stamp) {
                (Some(c), Some(stamp)) => !stale.contains(p) && stamp.as_ref() == Some(&c.stamp),
                (Some(_), None) => true,
                (None, _) => false,
            };
            (!fresh).then(|| {
                let stamp = stamp.flatten();
                (i, (stamp, load_file(&site, &content, p, &config)))
            })
        })
        .collect();
    if walked {
        let listed: std::collections::HashSet<&PathBuf> = paths.iter().collect();
        cache.files.retain(|p, _| listed.contains(p));
    } else {
        for p in &stale {
            if !paths.contains(p) {
                cache.files.remove(p);
            }
        }
    }
    let results: Vec<Result<Loaded, Diagnostics>> = paths
        .par_iter()
        .enumerate()
        .map(|(i, p)| match parsed.get(&i) {
            Some((_, r)) => r.clone(),
            None => cache
                .files
                .get(p)
                .map(|c| c.loaded.clone())
                .expect("a file not read again is in the cache"),
        })
        .collect();
    for (i, (stamp, loaded)) in parsed {
        match stamp {
            Some(stamp) => {
                cache
                    .files
                    .insert(paths[i].clone(), CachedFile { stamp, loaded });
            }
            None => {
                cache.files.remove(&paths[i]);
            }
        }
    }
    let mut documents = Vec::with_capacity(results.len());
    let mut front = None;
    let mut broken = Vec::new();
    let kind_and_id = |path: &Path| {
        let folder = path
            .strip_prefix(&content)
            .ok()
            .and_then(|p| p.components().next());
        let kind = folder.and_then(|f| Kind::from_folder(&f.as_os_str().to_string_lossy()));
        match (kind, path.file_stem()) {
            (Some(kind), Some(stem)) => Some((kind, stem.to_string_lossy().into_owned())),
            _ => None,
        }
    };
    // A file refused as a link outside the site exists: references to it are not unknown.
    for d in walk_errors.iter().filter(|d| d.code.starts_with("link-")) {
        broken.extend(kind_and_id(&root.join(&d.file)));
    }
    for (r, path) in results.into_iter().zip(&paths) {
        match r {
            Ok(Loaded::Document(d)) => documents.push(*d),
            Ok(Loaded::Front(f)) => front = Some(*f),
            Err(e) => {
                errors.extend(e);
                broken.extend(kind_and_id(path));
            }
        }
    }
    cache.listing = Some((paths, walk_errors));
    Ok((
        LoadedSite {
            root: root.to_path_buf(),
            config,
            front,
            documents,
            broken,
        },
        errors,
    ))
}

/// Every Markdown file under `content/`, in name order, with the folders that could not be
/// read and the links the site may not follow.
fn walk(site: &SiteFolder, content: &Path, language: Language) -> (Vec<PathBuf>, Diagnostics) {
    let mut errors = Diagnostics::default();
    let mut paths = Vec::new();
    let mut walk = walkdir::WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        match entry {
            Ok(e) => {
                let name = e.file_name().to_string_lossy();
                if e.depth() > 0 && e.file_type().is_file() && name == ".md" {
                    errors
                        .push(ErrorText::BadIdNameless.diagnostic(site.shown(e.path()), language));
                    continue;
                }
                if e.depth() > 0 && is_set_aside(&name) {
                    continue;
                }
                if refuse_link(site, Area::Content, &e, &mut walk, &mut errors, language) {
                    continue;
                }
                if !name.ends_with(".md") {
                    continue;
                }
                if let Some(what) = site_folder::special(&e.file_type()) {
                    errors.push(
                        ErrorText::NotAFile { what }.diagnostic(site.shown(e.path()), language),
                    );
                } else if e.file_type().is_file() {
                    paths.push(e.into_path());
                }
            }
            Err(e) => errors.push(walk_error(site.root(), "content/", &e)),
        }
    }
    (paths, errors)
}

/// Whether `path` is a content file by its name: Markdown, not hidden, not an editor's
/// back-up.
fn is_content_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.ends_with(".md") && !is_set_aside(&name)
}

/// Whether a file or folder name is one the site leaves out: hidden, or an editor's swap or
/// back-up file (`.x.md.swp`, `x.md~`, `#x.md#`).
pub fn is_set_aside(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#')
}

/// The last listing with the `changed` paths added or removed: `Some(None)` when it stays as
/// it was, `None` when only a walk can tell (a folder was created, removed or renamed).
fn relisted(
    listing: &[PathBuf],
    changed: &std::collections::HashSet<PathBuf>,
    content: &Path,
) -> Option<Option<Vec<PathBuf>>> {
    // The usual case, an edit of files that exist and are listed, changes nothing here.
    let listed = |p: &PathBuf| listing.binary_search(p).is_ok();
    if changed
        .iter()
        .all(|p| listed(p) && std::fs::metadata(p).is_ok_and(|m| m.is_file()))
    {
        return Some(None);
    }
    let mut paths: std::collections::BTreeSet<PathBuf> = listing.iter().cloned().collect();
    for path in changed {
        if !path.starts_with(content) || path == content {
            return None;
        }
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => return None,
            // A new link (which may lead outside the site), or a file with no name, is for
            // the walk to judge and report.
            Ok(_) if path.is_symlink() || path.file_name().is_some_and(|n| n == ".md") => {
                return None;
            }
            Ok(_) => {
                if is_content_file(path) {
                    paths.insert(path.clone());
                }
            }
            Err(_) => {
                // Gone: a file, or a folder with files in it (which sort right after it).
                if paths
                    .range(path.clone()..)
                    .find(|p| *p != path)
                    .is_some_and(|p| p.starts_with(path))
                {
                    return None;
                }
                paths.remove(path);
            }
        }
    }
    Some(Some(paths.into_iter().collect()))
}

#[derive(Clone)]
enum Loaded {
    Document(Box<Document>),
    Front(Box<FrontPage>),
}

/// What went wrong walking a folder, in words: a link that loops or leads nowhere is named
/// as such, since "No such file or directory" for a file one can see is a riddle.
fn walk_error(root: &Path, folder: &str, e: &walkdir::Error) -> Diagnostic {
    let file = e.path().map_or(folder.to_string(), |p| relative(root, p));
    // For a link: where it points, and why following it failed.
    let link = e.path().and_then(|p| {
        let target = std::fs::read_link(p).ok()?;
        let failure = std::fs::metadata(p).err()?;
        Some((target, failure.kind() == std::io::ErrorKind::NotFound))
    });
    let message = if e.loop_ancestor().is_some() {
        "this link leads back to a folder it is in (a symlink loop)".to_string()
    } else if let Some((target, true)) = &link {
        format!(
            "this link leads nowhere: {} does not exist",
            printable(&target.to_string_lossy())
        )
    } else if let Some((target, false)) = &link {
        format!(
            "this link, to {}, cannot be followed: {}",
            printable(&target.to_string_lossy()),
            e.io_error().map_or(e.to_string(), |io| io.to_string())
        )
    } else {
        format!(
            "cannot read: {}",
            e.io_error().map_or(e.to_string(), |io| io.to_string())
        )
    };
    Diagnostic::error("unreadable-file", file, message)
        .with_help("remove the link or fix the file's permissions")
}

/// During a walk: whether `e` is a link the site may not follow from `area`. If so its error
/// is added and, for a folder, the walk does not go into it.
fn refuse_link(
    site: &SiteFolder,
    area: Area,
    e: &walkdir::DirEntry,
    walk: &mut walkdir::IntoIter,
    errors: &mut Diagnostics,
    language: Language,
) -> bool {
    if e.depth() == 0 || !e.path_is_symlink() {
        return false;
    }
    let Err(d) = site.check_link(e.path(), area, language) else {
        return false;
    };
    errors.push(d);
    if e.file_type().is_dir() {
        walk.skip_current_dir();
    }
    true
}

/// The site's `static/` folder: each file as (path in the output, bytes), copied as it is to
/// the output's root.
pub fn read_static(root: &Path, config: &Config) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let site = SiteFolder::new(root);
    let one = |d| Diagnostics(vec![d]);
    match site
        .entry("static", Area::Published, config.language)
        .map_err(one)?
    {
        Some(dir) if dir.is_dir() => read_folder(
            &site,
            &dir,
            "static",
            &config.publish_hidden,
            config.language,
        ),
        _ => Ok(Vec::new()),
    }
}

/// A file in `static/` or a theme may be at most this large: they are read whole into memory.
pub const MAX_PUBLISHED_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// Reads every file under `dir` (the site's `static/`, a theme folder) as (path relative to
/// `dir` with `/` separators, bytes), in name order. `shown_as` is how messages name `dir`.
/// Hidden files and folders are left out, but for those named in `hidden` (site.yaml's
/// `publish_hidden`, such as `.well-known` or `.nojekyll`): they can hold what no site
/// should publish (`.git`, `.env`), and hosts need only a few by name.
pub fn read_folder(
    site: &SiteFolder,
    dir: &Path,
    shown_as: &str,
    hidden: &[String],
    language: Language,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    use unicode_normalization::UnicodeNormalization;
    let mut files = Vec::new();
    let mut errors = Diagnostics::default();
    // Each name in Unicode's composed form, for names that are one file on macOS.
    let mut composed: std::collections::HashMap<String, String> = Default::default();
    let mut walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let e = match entry {
            Ok(e) => e,
            Err(err) => {
                errors.push(walk_error(site.root(), &format!("{shown_as}/"), &err));
                continue;
            }
        };
        if e.depth() == 0 {
            continue;
        }
        let rel = relative(dir, e.path());
        let file = format!("{shown_as}/{rel}");
        let asked_for = |name: &String| rel == *name || rel.starts_with(&format!("{name}/"));
        if rel.split('/').any(|part| part.starts_with('.')) && !hidden.iter().any(asked_for) {
            if e.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        if refuse_link(site, Area::Published, &e, &mut walk, &mut errors, language) {
            continue;
        }
        if let Some(what) = site_folder::special(&e.file_type()) {
            errors.push(ErrorText::NotAFile { what }.diagnostic(file, language));
            continue;
        }
        if !e.file_type().is_file() {
            continue;
        }
        let key: String = rel.nfc().collect();
        if let Some(other) = composed.get(&key) {
            let other_file = format!("{shown_as}/{other}");
            errors.push(ErrorText::SameNameNormalised { other_file }.diagnostic(file, language));
            continue;
        }
        composed.insert(key, rel.clone());
        match site.read(e.path(), MAX_PUBLISHED_FILE_BYTES) {
            Ok(bytes) => files.push((rel, bytes)),
            Err(ReadError::TooLarge(size)) => errors.push(
                ErrorText::StaticTooLarge {
                    size,
                    max: MAX_PUBLISHED_FILE_BYTES,
                }
                .diagnostic(file, language),
            ),
            Err(ReadError::Special(what)) => {
                errors.push(ErrorText::NotAFile { what }.diagnostic(file, language))
            }
            Err(ReadError::Io(err)) => errors.push(
                Diagnostic::error("unreadable-file", file, format!("cannot read: {err}"))
                    .with_help("fix the file's permissions so that you may read it"),
            ),
        }
    }
    if errors.has_errors() {
        Err(errors)
    } else {
        Ok(files)
    }
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

/// Replaces control characters in a file's text with spaces of the same length (U+FFFE and
/// U+FFFF with U+FFFD), so that every byte offset stays where it was for messages. They come
/// from text pasted out of PDFs and word processors; left in, one makes the feed unreadable
/// XML, and ESC would steer the terminal that shows a message quoting the line.
fn blank_controls(text: &mut String) {
    if !text.chars().any(is_control) {
        return;
    }
    *text = text
        .chars()
        .map(|c| match c {
            '\u{FFFE}' | '\u{FFFF}' => "\u{FFFD}".to_string(),
            c if is_control(c) => " ".repeat(c.len_utf8()),
            c => c.to_string(),
        })
        .collect();
}

fn load_file(
    site: &SiteFolder,
    content: &Path,
    path: &Path,
    config: &Config,
) -> Result<Loaded, Diagnostics> {
    let file = site.shown(path);
    let bytes = site.read(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::Special(what) => {
            one(ErrorText::NotAFile { what }.diagnostic(file.clone(), config.language))
        }
        ReadError::Io(e) => Diagnostics(vec![
            Diagnostic::error(
                "unreadable-file",
                file.clone(),
                format!("cannot read this file: {e}"),
            )
            .with_help("fix the file's permissions so that you may read it, or move it out of content/"),
        ]),
        ReadError::TooLarge(size) => Diagnostics(vec![
            Diagnostic::error(
                "file-too-large",
                file.clone(),
                format!(
                    "this file is {}; a content file can be at most {}",
                    megabytes(size),
                    megabytes(MAX_FILE_BYTES)
                ),
            )
            .with_help("a text written by hand is far smaller: if this is an image, a PDF or a data export, move it to static/ and link to it; if it is text, split it into several files"),
        ]),
    })?;
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let utf16 = e.as_bytes().starts_with(&[0xFF, 0xFE]) || e.as_bytes().starts_with(&[0xFE, 0xFF]);
        let help = if utf16 {
            "this file is saved as UTF-16 (\"Unicode\" in Notepad): save it as UTF-8 in your editor"
        } else {
            "save the file as UTF-8 in your editor; if it is not a text file, move it out of content/"
        };
        Diagnostics(vec![
            Diagnostic::error("not-utf8", file.clone(), format!("this file is not UTF-8 text (bad byte at offset {})", e.utf8_error().valid_up_to()))
                .with_help(help),
        ])
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    blank_controls(&mut text);
    crate::base::text::normalise(&mut text);
    let under_content = path.strip_prefix(content).unwrap_or(path);
    let mut parts = under_content
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let first = parts.next().unwrap_or_default();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if first == "_index.md" {
        let (fm, body_start) = split_front_matter(&file, &text, true, config.language)?;
        let meta: FrontMeta =
            yaml::parse_in(&file, &text, fm, FrontMeta::FIELDS, config.language).map_err(one)?;
        let body = markdown::parse(
            &text[body_start..],
            body_start,
            &text,
            &file,
            "",
            config.markdown.unsafe_html,
            config.language,
        );
        return Ok(Loaded::Front(Box::new(FrontPage {
            title: meta.title,
            body: body.map_err(Diagnostics)?,
            file,
            text,
        })));
    }
    let Some(kind) = Kind::from_folder(&first).filter(|_| under_content.components().count() > 1)
    else {
        let folders: Vec<&str> = Kind::ALL.iter().map(|k| k.folder()).collect();
        let help = match did_you_mean(&first, folders.iter().copied()) {
            Some(f) if under_content.components().count() > 1 => {
                format!("did you mean the folder `content/{f}/`?")
            }
            _ => format!(
                "put each file in the folder of its kind: {}; the front page's text is content/_index.md",
                folders.join(", ")
            ),
        };
        return Err(Diagnostics(vec![
            Diagnostic::error(
                "unknown-kind",
                file,
                "this file is not in a folder that says what kind of thing it is",
            )
            .with_help(help),
        ]));
    };
    let (fm, body_start) = split_front_matter(&file, &text, false, config.language)?;
    let mut errors = Diagnostics::default();
    if !is_valid_id(&stem) {
        let suggestion = crate::base::slug::slugify(&stem, config.language);
        errors.push(
            ErrorText::BadIdCharacters {
                stem: stem.clone(),
                suggestion,
            }
            .diagnostic(file.clone(), config.language),
        );
    } else if stem.len() > crate::base::slug::MAX_SLUG {
        let suggestion = crate::base::slug::slugify(&stem, config.language);
        errors.push(
            ErrorText::BadIdTooLong {
                length: stem.len(),
                max: crate::base::slug::MAX_SLUG,
                suggestion,
            }
            .diagnostic(file.clone(), config.language),
        );
    } else if crate::base::slug::is_windows_device(&stem) {
        errors.push(
            ErrorText::BadIdDevice { stem: stem.clone() }.diagnostic(file.clone(), config.language),
        );
    }
    let meta = match kind {
        Kind::Partner => Meta::Partner(
            yaml::parse_in(
                &file,
                &text,
                fm.clone(),
                PartnerMeta::FIELDS,
                config.language,
            )
            .map_err(one)?,
        ),
        Kind::Partnership => {
            let m: PartnershipMeta = yaml::parse_in(
                &file,
                &text,
                fm.clone(),
                PartnershipMeta::FIELDS,
                config.language,
            )
            .map_err(one)?;
            // The same partner named twice (`vive` and `partners/vive`) is one partner.
            let distinct: std::collections::HashSet<&str> = m
                .partners
                .iter()
                .map(|p| p.id.strip_prefix("partners/").unwrap_or(&p.id))
                .collect();
            if distinct.len() < 2 {
                errors.push(
                    ErrorText::TooFewPartners {
                        count: distinct.len(),
                    }
                    .diagnostic(file.clone(), config.language)
                    .at(
                        &text,
                        yaml::find_value(&text, fm.clone(), "partners", ""),
                        8,
                    ),
                );
            }
            Meta::Partnership(m)
        }
        Kind::Challenge | Kind::Opportunity | Kind::Learning => Meta::Item(
            yaml::parse_in(&file, &text, fm.clone(), ItemMeta::FIELDS, config.language)
                .map_err(one)?,
            Vec::new(),
        ),
        Kind::Recommendation => {
            let r: RecommendationMeta = yaml::parse_in(
                &file,
                &text,
                fm.clone(),
                RecommendationMeta::FIELDS,
                config.language,
            )
            .map_err(one)?;
            let item = ItemMeta {
                title: r.title,
                partners: r.partners,
                partnerships: r.partnerships,
                number: r.number,
                tags: r.tags,
                draft: r.draft,
                date: r.date,
                updated: r.updated,
                allow: r.allow,
                language: r.language,
            };
            Meta::Item(item, r.addresses)
        }
        Kind::Quote => {
            let q: QuoteMeta =
                yaml::parse_in(&file, &text, fm.clone(), QuoteMeta::FIELDS, config.language)
                    .map_err(one)?;
            if q.by.is_none() && q.speaker.is_none() {
                errors.push(
                    ErrorText::QuoteWithoutSpeaker
                        .diagnostic(file.clone(), config.language)
                        .at(&text, fm.start, 3),
                );
            }
            Meta::Quote(q)
        }
        Kind::Page => Meta::Page(
            yaml::parse_in(&file, &text, fm.clone(), PageMeta::FIELDS, config.language)
                .map_err(one)?,
        ),
    };
    let body = match markdown::parse(
        &text[body_start..],
        body_start,
        &text,
        &file,
        &kind.page_folder(&stem),
        config.markdown.unsafe_html,
        config.language,
    ) {
        Ok(b) => b,
        Err(e) => {
            errors.extend(e);
            Body::default()
        }
    };
    if errors.has_errors() {
        return Err(errors);
    }
    let mut document = Document {
        kind,
        id: stem,
        file,
        front_matter: fm,
        meta,
        body: std::sync::Arc::new(body),
        source_hash: hash_text(&text),
        text: text.into(),
        sort_key: String::new(),
    };
    document.sort_key = crate::base::slug::collation_key(&document.title(), config.language);
    Ok(Loaded::Document(Box::new(document)))
}

/// The largest content file read. Texts written by hand are kilobytes; a file of tens of
/// megabytes is an export or a binary saved as `.md`, and building it would take seconds and
/// a gigabyte of memory per copy shown. The limit keeps every build's memory bounded.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}

/// Finds the YAML between the opening and closing `---` lines: (YAML range, body start).
fn split_front_matter(
    file: &str,
    text: &str,
    optional: bool,
    language: Language,
) -> Result<(Range<usize>, usize), Diagnostics> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        if optional {
            return Ok((0..0, 0));
        }
        return Err(Diagnostics(vec![
            ErrorText::MissingFrontMatter
                .diagnostic(file, language)
                .at(text, 0, 1),
        ]));
    }
    let mut offset = first_line_end;
    for line in text[first_line_end..].split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Ok((first_line_end..offset, offset + line.len()));
        }
        offset += line.len();
    }
    Err(Diagnostics(vec![
        ErrorText::UnclosedFrontMatter
            .diagnostic(file, language)
            .at(text, 0, 3),
    ]))
}
