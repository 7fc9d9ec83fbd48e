//! A site kept in memory and rebuilt as its files change, for `brobygger serve`: a rebuild
//! reads only the files that changed, reuses the network's metrics while the connections stay
//! the same, and renders only the pages whose view (what the page's template is given) changed.
//! The result equals a full
//! build of the same files; `tests/live.rs` holds it to that.
//!
//! The search index is the one part that is not rendered in the same step: it is rebuilt whole
//! (it spans every entry), so [`LiveSite::rebuild`] leaves it pending and
//! [`LiveSite::finish_search`] makes it after the changed pages are already served.

use crate::base::diagnostic::Diagnostics;
use crate::model::Site;
use crate::network::Network;
use crate::pipeline::Pipeline;
use crate::render::theme::Theme;
use crate::render::{OutputFile, Preview, RenderOptions, Seeing, Seen, Target, Unit};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// A group of served files that are made together: a page, the search index, the static files.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum UnitKey {
    /// A page, by its path.
    Page(String),
    SearchIndex,
    Statics,
}

/// The site's files as served: path relative to the site root → bytes.
pub type Files = FxHashMap<String, Arc<Vec<u8>>>;

/// Which of the site's source files changed, by what they feed.
#[derive(Debug, Default, Clone)]
pub struct Changes {
    /// Files under `content/`.
    pub content: Vec<PathBuf>,
    /// Something under `static/`.
    pub statics: bool,
    /// site.yaml or the theme: everything may look different.
    pub everything: bool,
}

impl Changes {
    /// Sorts changed paths by what they feed; paths that feed nothing (the output folder,
    /// editor back-ups) are left out. Returns `None` when no path matters.
    pub fn classify(root: &Path, paths: &[PathBuf]) -> Option<Changes> {
        let mut changes = Changes::default();
        let mut any = false;
        for path in paths {
            let Ok(relative) = path.strip_prefix(root) else {
                continue;
            };
            let mut parts = relative.components();
            let first = parts.next().map(|c| c.as_os_str().to_string_lossy());
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            // Editors' swap and back-up files come and go beside the file being edited.
            if crate::load::is_set_aside(&name) {
                continue;
            }
            match first.as_deref() {
                Some("content") => {
                    changes.content.push(path.clone());
                    any = true;
                }
                Some("static") => {
                    changes.statics = true;
                    any = true;
                }
                Some("themes") | Some("site.yaml") => {
                    changes.everything = true;
                    any = true;
                }
                _ => {}
            }
        }
        any.then_some(changes)
    }

    /// Everything, as at the start.
    pub fn all() -> Changes {
        Changes {
            content: Vec::new(),
            statics: true,
            everything: true,
        }
    }
}

/// What one rebuild did.
#[derive(Debug, Clone, Default)]
pub struct Rebuilt {
    /// Files that are new or whose bytes changed, sorted.
    pub changed: Vec<String>,
    /// Files that are gone, sorted.
    pub removed: Vec<String>,
    /// How many units were rendered again.
    pub units: usize,
    /// Whether the search index still has to be made ([`LiveSite::finish_search`]).
    pub search_pending: bool,
    pub took: Duration,
    /// Where the time went, step by step: for benchmarks and for `serve --verbose`.
    pub steps: Vec<(&'static str, Duration)>,
}

/// The last good site, in memory, with what is needed to rebuild it in part.
pub struct LiveSite {
    root: PathBuf,
    options: RenderOptions,
    /// Loading, validating and modelling, with their caches.
    pipeline: Pipeline,
    theme: Option<Theme>,
    site: Option<Arc<Site>>,
    /// The partner network of `site`, computed from it.
    network: Option<Arc<Network>>,
    /// What each page was given when it was last rendered.
    seen: Seen,
    /// The files each unit made, so a unit rendered again can drop the files it no longer makes.
    unit_files: FxHashMap<UnitKey, Vec<String>>,
    /// Shared with whoever serves them; written only in the short step that applies a rebuild.
    files: Arc<RwLock<Files>>,
    search_pending: bool,
}

impl LiveSite {
    pub fn new(root: &Path, drafts: bool, options: RenderOptions) -> LiveSite {
        LiveSite {
            root: root.to_path_buf(),
            options,
            pipeline: Pipeline::new(root, drafts),
            theme: None,
            site: None,
            network: None,
            seen: Seen::default(),
            unit_files: FxHashMap::default(),
            files: Arc::default(),
            search_pending: false,
        }
    }

    /// The site's files as of the last good rebuild.
    pub fn files(&self) -> std::sync::RwLockReadGuard<'_, Files> {
        self.files.read().unwrap_or_else(|e| e.into_inner())
    }

    /// The site's files, to serve them while rebuilds go on.
    pub fn shared_files(&self) -> Arc<RwLock<Files>> {
        Arc::clone(&self.files)
    }

    /// Brings the site up to date with its files. On errors in the site's files nothing
    /// changes: the last good site stays as it was.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Rebuilt, Diagnostics> {
        let start = Instant::now();
        for path in &changes.content {
            self.pipeline.cache().invalidate(path);
        }
        let everything = changes.everything || self.site.is_none();
        if everything {
            self.pipeline.cache().rescan();
        }
        let theme = if everything || self.theme.is_none() {
            let site_yaml = crate::load::read_config(&self.root)?;
            Theme::load(&self.root, &site_yaml)?
        } else {
            self.theme.take().expect("checked above")
        };
        let result = self.rebuild_with(&theme, changes, everything, start);
        self.theme = Some(theme);
        result
    }

    fn rebuild_with(
        &mut self,
        theme: &Theme,
        changes: &Changes,
        everything: bool,
        start: Instant,
    ) -> Result<Rebuilt, Diagnostics> {
        let mut steps = Vec::new();
        let mut lap = Instant::now();
        let mut step = |name: &'static str| {
            steps.push((name, lap.elapsed()));
            lap = Instant::now();
        };
        let (site, changed) = match self.patched(changes, everything) {
            Some((site, changed)) => {
                step("patch");
                (site, Some(changed))
            }
            None => {
                let validated = self.pipeline.validate()?;
                step("load and validate");
                let modelled = self.pipeline.model(validated);
                step("model and network");
                self.network = Some(modelled.network);
                (modelled.site, None)
            }
        };
        let network = Arc::clone(self.network.as_ref().expect("a network beside every site"));
        // Theme or settings changed: no page rendered before can be reused.
        let before = if everything {
            Seen::default()
        } else {
            std::mem::take(&mut self.seen)
        };
        let now = Seeing::sized_as(&before);
        let rendered = render(
            &site,
            &network,
            theme,
            &self.options,
            Preview {
                before: &before,
                now: &now,
                texts_only: changed.is_some(),
                changed: changed.as_deref().unwrap_or_default(),
            },
        )?;
        let seen = now.into_seen(before);
        step("render");
        // The search index holds what the entries' pages show: it changes only with one.
        let search_changed = everything
            || rendered
                .iter()
                .any(|(unit, _)| matches!(unit, Unit::Entry(_)));
        let units = rendered.len();
        let made: FxHashMap<UnitKey, Vec<OutputFile>> = rendered
            .into_iter()
            .map(|(_, file)| (UnitKey::Page(file.path.clone()), vec![file]))
            .collect();
        let statics = if changes.statics || everything {
            Some(crate::render::static_files(&site, theme, &self.options)?)
        } else {
            None
        };

        // Units that are gone (a deleted item's page) take their files with them.
        let gone: Vec<UnitKey> = self
            .unit_files
            .keys()
            .filter(|k| matches!(k, UnitKey::Page(path) if !seen.views.contains_key(path)))
            .cloned()
            .collect();
        self.check_clashes(&made, statics.as_deref(), site.config.language)?;
        let mut plan = Plan::default();
        for key in gone {
            plan.drop_unit(&mut self.unit_files, key);
        }
        for (key, files) in made {
            plan.replace_unit(&mut self.unit_files, key, files);
        }
        if let Some(statics) = statics {
            plan.replace_unit(&mut self.unit_files, UnitKey::Statics, statics);
        }

        let mut rebuilt = plan.apply(&mut self.files.write().unwrap_or_else(|e| e.into_inner()));
        step("apply");
        rebuilt.units = units;
        rebuilt.steps = steps;
        self.search_pending |= search_changed;
        rebuilt.search_pending = self.search_pending;
        self.seen = seen;
        self.site = Some(site);
        rebuilt.took = start.elapsed();
        Ok(rebuilt)
    }

    /// The last site with the new text of the changed files, when only their Markdown text
    /// changed: the same front matter, the same wikilinks in the same order. Then no reference,
    /// relation or title can have changed, and validating and modelling the whole site again
    /// would give the same site with these bodies; `None` asks for that full rebuild.
    /// Returns the site with the entries whose text changed.
    fn patched(
        &mut self,
        changes: &Changes,
        everything: bool,
    ) -> Option<(Arc<Site>, Vec<crate::model::Ref>)> {
        if everything || changes.statics || changes.content.is_empty() {
            return None;
        }
        let pairs = self.pipeline.cache().reload_changed(&self.root)?;
        let targets = |d: &crate::load::Document| {
            d.body
                .links
                .iter()
                .map(|l| l.target.clone())
                .collect::<Vec<_>>()
        };
        let site = self.site.as_ref()?;
        // Each changed file's entry, when only its text changed.
        let changed: Vec<crate::model::Ref> = pairs
            .iter()
            .map(|(old, new)| {
                // A quote's title is the start of its text.
                let body_only = old.kind != crate::load::Kind::Quote
                    && old.front_matter_hash == new.front_matter_hash
                    && targets(old) == targets(new);
                // A draft has no page of its own.
                body_only.then(|| site.find(new.kind, &new.id)).flatten()
            })
            .collect::<Option<_>>()?;
        // In place, unless the search thread still reads this site: then a copy.
        let mut site = self.site.take()?;
        let editable = Arc::make_mut(&mut site);
        for (&r, (_, new)) in changed.iter().zip(pairs) {
            let entry = editable.entry_mut(r);
            // Cards and feeds show the start of the text: the same wikilinks lead to the same
            // targets, so the summary is taken as the model takes it.
            entry.summary = new.body.summary(&entry.links);
            entry.body = new.body;
            entry.source = new.source_hash;
        }
        Some((site, changed))
    }

    /// A static file may not silently replace a page, whichever of the two is new: checked
    /// before anything is changed, so a clash leaves the last good site as it was.
    fn check_clashes(
        &self,
        made: &FxHashMap<UnitKey, Vec<OutputFile>>,
        statics: Option<&[OutputFile]>,
        language: crate::base::Language,
    ) -> Result<(), Diagnostics> {
        let static_key = UnitKey::Statics;
        let static_paths: BTreeSet<&str> = match statics {
            Some(files) => files.iter().map(|f| f.path.as_str()).collect(),
            None => self
                .unit_files
                .get(&static_key)
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect(),
        };
        let mut pages: Vec<&str> = made.values().flatten().map(|f| f.path.as_str()).collect();
        if statics.is_some() {
            // New static files: every page that stays as it was counts too.
            pages.extend(
                self.unit_files
                    .iter()
                    .filter(|(k, _)| **k != static_key && !made.contains_key(*k))
                    .flat_map(|(_, paths)| paths.iter().map(String::as_str)),
            );
        }
        crate::render::check_clashes(
            pages.into_iter().filter(|p| static_paths.contains(p)),
            language,
        )
    }

    /// Makes the search index if a rebuild left it pending. Returns what changed.
    pub fn finish_search(&mut self) -> Result<Rebuilt, Diagnostics> {
        let Some(job) = self.search_job() else {
            return Ok(Rebuilt::default());
        };
        let files = job.run();
        Ok(self.apply_search(job, files).unwrap_or_default())
    }

    /// The search index to make, if a rebuild left it pending: [`SearchJob::run`] may run on
    /// another thread while the next edits are rebuilt.
    pub fn search_job(&self) -> Option<SearchJob> {
        let site = self.site.as_ref()?;
        self.search_pending.then(|| SearchJob {
            site: Arc::clone(site),
        })
    }

    /// Serves the index a [`SearchJob`] made, if its site is still the current one; `None`
    /// when a rebuild came in between (the index is still pending then).
    pub fn apply_search(&mut self, job: SearchJob, files: Vec<OutputFile>) -> Option<Rebuilt> {
        let current = self.site.as_ref()?;
        if !Arc::ptr_eq(current, &job.site) {
            return None;
        }
        let start = Instant::now();
        let mut plan = Plan::default();
        plan.replace_unit(&mut self.unit_files, UnitKey::SearchIndex, files);
        let mut rebuilt = plan.apply(&mut self.files.write().unwrap_or_else(|e| e.into_inner()));
        rebuilt.units = 1;
        self.search_pending = false;
        rebuilt.took = start.elapsed();
        Some(rebuilt)
    }
}

/// Making the search index of one version of the site.
pub struct SearchJob {
    site: Arc<Site>,
}

impl SearchJob {
    pub fn run(&self) -> Vec<OutputFile> {
        crate::search::files(&self.site)
    }
}

/// The files a rebuild writes and removes, worked out unit by unit.
#[derive(Default)]
struct Plan {
    written: Vec<OutputFile>,
    removed: Vec<String>,
}

impl Plan {
    /// Writes and removes the planned files; reports the files whose bytes changed.
    fn apply(self, files: &mut Files) -> Rebuilt {
        let mut rebuilt = Rebuilt::default();
        let written: BTreeSet<&String> = self.written.iter().map(|f| &f.path).collect();
        for path in self.removed {
            if !written.contains(&path) && files.remove(&path).is_some() {
                rebuilt.removed.push(path);
            }
        }
        for file in self.written {
            if files.get(&file.path).is_none_or(|old| **old != *file.bytes) {
                rebuilt.changed.push(file.path.clone());
                files.insert(file.path, Arc::new(file.bytes));
            }
        }
        rebuilt.changed.sort();
        rebuilt.removed.sort();
        rebuilt
    }

    fn drop_unit(&mut self, units: &mut FxHashMap<UnitKey, Vec<String>>, key: UnitKey) {
        if let Some(paths) = units.remove(&key) {
            self.removed.extend(paths);
        }
    }

    fn replace_unit(
        &mut self,
        units: &mut FxHashMap<UnitKey, Vec<String>>,
        key: UnitKey,
        files: Vec<OutputFile>,
    ) {
        let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        if let Some(old) = units.insert(key, paths.clone()) {
            let now: BTreeSet<&String> = paths.iter().collect();
            // Another unit may have taken over a path this one dropped (an id moved from a
            // draft to a page): removing it is undone when that unit's file is written below.
            self.removed
                .extend(old.into_iter().filter(|p| !now.contains(p)));
        }
        self.written.extend(files);
    }
}

/// Renders, in memory, the pages whose view changed since `preview.before`; the search index
/// and the static files are made apart.
fn render(
    site: &Site,
    network: &Network,
    theme: &Theme,
    options: &RenderOptions,
    preview: Preview,
) -> Result<Vec<(Unit, OutputFile)>, Diagnostics> {
    let out = Mutex::new(Vec::new());
    crate::render::render_units(
        site,
        network,
        theme,
        options,
        &Target {
            wanted: &|unit| !matches!(unit, Unit::SearchIndex | Unit::Statics | Unit::Admin),
            emit: &|unit, f| {
                out.lock()
                    .map_err(|_| {
                        crate::base::messages::ErrorText::Internal
                            .diagnostic("(render)", site.config.language)
                    })?
                    .push((unit, f));
                Ok(())
            },
            preview: Some(preview),
        },
    )?;
    Ok(out.into_inner().unwrap_or_default())
}
