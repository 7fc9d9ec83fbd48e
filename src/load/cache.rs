//! What a live preview keeps between loads, and the load that reads only what changed.

use super::file::load_file;
use super::walk::{relisted, walk};
use super::*;

pub(super) fn hash_text(text: &str) -> u64 {
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
        let site = std::sync::Arc::new(SiteFolder::new(root));
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
    let site = std::sync::Arc::new(SiteFolder::new(root));
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
            ErrorText::MissingContent {
                root: root.display().to_string(),
            }
            .diagnostic("content/", config.language),
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
