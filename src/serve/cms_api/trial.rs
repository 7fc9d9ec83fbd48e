//! A save or deletion tried first on a copy of the site and checked like `build`, so that one
//! that would break the site is refused and the site's own files stay as they were.
//!
//! The copy is kept while `serve` runs and brought up to date before each trial: only the
//! files changed since the last one are linked again, and the copy's pipeline reads again only
//! those. A save on a large site so costs a look at each file's time of change, not a copy of
//! the site and two loads of every file.

use super::*;
use crate::pipeline::Pipeline;
use std::collections::HashSet;
use std::os::unix::fs::MetadataExt;

/// What `check` reads of a site, apart from site.yaml: its content, static files, themes and
/// the forms' bundle.
const READ_BY_CHECK: [&str; 4] = ["content", "static", "themes", "admin"];

/// A file as it was when it was put into the copy: device, inode, size and time of change.
/// One that still has them is the same file, so it is not linked again.
type Stamp = (u64, u64, u64, i64, i64);

fn stamp(meta: &std::fs::Metadata) -> Stamp {
    (
        meta.dev(),
        meta.ino(),
        meta.len(),
        meta.mtime(),
        meta.mtime_nsec(),
    )
}

/// The copy of one site that changes are tried on, with what its pipeline keeps between runs.
pub(super) struct Trial {
    copy: PathBuf,
    pipeline: Pipeline,
    /// Each file of the site (relative path) as last put into the copy.
    synced: HashMap<PathBuf, Stamp>,
    /// The errors of the copy when the last change was done with: those of the site as that
    /// change left it, unless something changed since.
    settled: Option<BTreeSet<(String, String)>>,
}

impl Drop for Trial {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.copy);
    }
}

impl Trial {
    fn new() -> std::io::Result<Trial> {
        // Canonical, so that a link into the copy reads as inside it.
        let copy = std::fs::canonicalize(tempfile_dir()?)?;
        Ok(Trial {
            pipeline: Pipeline::new(&copy, false),
            copy,
            synced: HashMap::new(),
            settled: None,
        })
    }

    /// Makes the copy what the site in `root` is now, touching only what changed since;
    /// whether anything did.
    fn sync(&mut self, root: &Path) -> std::io::Result<bool> {
        let real_root = std::fs::canonicalize(root)?;
        let mut seen: HashSet<PathBuf> = HashSet::new();
        let mut changed: Vec<PathBuf> = Vec::new();
        let settings = root.join(crate::config::FILE_NAME);
        if let Ok(meta) = std::fs::symlink_metadata(&settings) {
            let rel = PathBuf::from(crate::config::FILE_NAME);
            self.put(&settings, &rel, &meta, &real_root, &mut changed)?;
            seen.insert(rel);
        }
        for top in READ_BY_CHECK {
            let from = root.join(top);
            if !from.is_dir() {
                continue;
            }
            for e in walkdir::WalkDir::new(&from).follow_links(false) {
                let e = e.map_err(std::io::Error::other)?;
                let rel = e
                    .path()
                    .strip_prefix(root)
                    .map_err(std::io::Error::other)?
                    .to_path_buf();
                // The folder itself is a folder in the copy even when it is a link (the
                // loading stage judges the link in the site): a link there would lead the
                // copy's writes and removals out of it.
                let meta = if e.depth() == 0 {
                    std::fs::metadata(e.path())?
                } else {
                    std::fs::symlink_metadata(e.path())?
                };
                self.put(e.path(), &rel, &meta, &real_root, &mut changed)?;
                seen.insert(rel);
            }
        }
        // What the site no longer has, or never had (a change tried and refused).
        let mut gone = Vec::new();
        for top in std::iter::once(crate::config::FILE_NAME).chain(READ_BY_CHECK) {
            let walk = walkdir::WalkDir::new(self.copy.join(top))
                .follow_links(false)
                .follow_root_links(false)
                .contents_first(true);
            for e in walk.into_iter().filter_map(Result::ok) {
                let rel = e
                    .path()
                    .strip_prefix(&self.copy)
                    .map_err(std::io::Error::other)?;
                if !seen.contains(rel) {
                    gone.push((rel.to_path_buf(), e.file_type().is_dir()));
                }
            }
        }
        for (rel, is_dir) in gone {
            let at = self.copy.join(&rel);
            if is_dir {
                std::fs::remove_dir(&at)?;
            } else {
                std::fs::remove_file(&at)?;
            }
            self.synced.remove(&rel);
            changed.push(rel);
        }
        let any = !changed.is_empty();
        let cache = self.pipeline.cache();
        for rel in changed {
            cache.invalidate(&self.copy.join(rel));
        }
        Ok(any)
    }

    /// Puts the site's files at `paths` back into the copy (or removes them from it), after a
    /// change was tried on them: the copy is then the site again.
    fn restore(&mut self, root: &Path, paths: &[&str]) -> std::io::Result<()> {
        let real_root = std::fs::canonicalize(root)?;
        let mut changed = Vec::new();
        for path in paths {
            let rel = Path::new(path);
            self.synced.remove(rel);
            match std::fs::symlink_metadata(root.join(rel)) {
                Ok(meta) => self.put(&root.join(rel), rel, &meta, &real_root, &mut changed)?,
                Err(_) => remove_any(&self.copy.join(rel))?,
            }
            self.pipeline.cache().invalidate(&self.copy.join(rel));
        }
        Ok(())
    }

    /// Puts the site's `path` (`rel` in the site) into the copy unless it is there already:
    /// a file as a hard link (a copy across disks), a folder as a folder, a link as a link to
    /// the same place, so that a link out of the site never brings a file from outside in.
    fn put(
        &mut self,
        path: &Path,
        rel: &Path,
        meta: &std::fs::Metadata,
        real_root: &Path,
        changed: &mut Vec<PathBuf>,
    ) -> std::io::Result<()> {
        let at = self.copy.join(rel);
        let there = std::fs::symlink_metadata(&at).ok();
        let kind = meta.file_type();
        if kind.is_dir() {
            if !there.is_some_and(|t| t.is_dir()) {
                remove_any(&at)?;
                std::fs::create_dir(&at)?;
                changed.push(rel.to_path_buf());
            }
        } else if kind.is_symlink() {
            // Where it leads from the copy: the same place in the copy when that is inside
            // the site, else the same place outside, so the loading stage judges it alike.
            let target = match std::fs::canonicalize(path) {
                Ok(t) => match t.strip_prefix(real_root) {
                    Ok(inside) => self.copy.join(inside),
                    Err(_) => t,
                },
                Err(_) => std::fs::read_link(path)?,
            };
            if std::fs::read_link(&at).ok().as_ref() != Some(&target) {
                remove_any(&at)?;
                std::os::unix::fs::symlink(&target, &at)?;
                changed.push(rel.to_path_buf());
            }
            self.synced.remove(rel);
        } else if kind.is_file() {
            let now = stamp(meta);
            if there.is_none() || self.synced.get(rel) != Some(&now) {
                remove_any(&at)?;
                if std::fs::hard_link(path, &at).is_err() {
                    std::fs::copy(path, &at)?;
                }
                self.synced.insert(rel.to_path_buf(), now);
                changed.push(rel.to_path_buf());
            }
        }
        // Pipes and devices are left out: the loading stage reads none of them.
        Ok(())
    }

    /// Marks what a trial changed in the copy, so the next one puts the site's back.
    fn tried(&mut self, changes: &[Change]) {
        for (path, _) in changes {
            self.synced.remove(Path::new(path));
            self.pipeline.cache().invalidate(&self.copy.join(path));
        }
    }

    /// The errors `check` finds in the copy, by file and message.
    fn errors(&mut self) -> (BTreeSet<(String, String)>, Diagnostics) {
        let found = crate::check::errors_with(&mut self.pipeline);
        let keys = found
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| (d.file.clone(), d.message.clone()))
            .collect();
        (keys, found)
    }
}

fn remove_any(at: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(at) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(at),
        Ok(_) => std::fs::remove_file(at),
        Err(_) => Ok(()),
    }
}

pub(super) fn apply(root: &Path, changes: &[Change]) -> Result<(), (StatusCode, String)> {
    for (path, bytes) in changes {
        match bytes {
            Some(b) => write(root, path, b)?,
            None => match std::fs::remove_file(root.join(path)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(system_failed(root, path, e));
                }
                _ => {}
            },
        }
    }
    Ok(())
}

/// Tries `changes` on the copy of the site and makes them in `root` unless they add errors
/// the site does not have, which are returned, located: a site broken before stays editable.
/// `trial` is the copy kept from the last change, made on the first.
pub(super) fn try_then_apply(
    trial: &mut Option<Trial>,
    root: &Path,
    changes: &[Change],
) -> Result<(), (StatusCode, String)> {
    let failed = |e| system_failed(root, "", e);
    if trial.is_none() {
        *trial = Some(Trial::new().map_err(failed)?);
    }
    let t = trial.as_mut().expect("made above");
    let paths: Vec<&str> = changes.iter().map(|(p, _)| p.as_str()).collect();
    let result = (|| {
        let moved = t.sync(root).map_err(failed)?;
        // Nothing changed since the last change: the copy's errors are known.
        let before = match (moved, t.settled.take()) {
            (false, Some(settled)) => settled,
            _ => t.errors().0,
        };
        t.tried(changes);
        apply(&t.copy, changes)?;
        let (after, found) = t.errors();
        let language = language_of(root);
        let new: Vec<String> = found
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .filter(|d| !before.contains(&(d.file.clone(), d.message.clone())))
            .map(|d| render_in(d, false, language))
            .collect();
        if !new.is_empty() && !after.is_empty() {
            t.restore(root, &paths).map_err(failed)?;
            t.settled = Some(before);
            return Err(bad(new.join("\n")));
        }
        apply(root, changes)?;
        // The copy already holds what was written: it is the site's as it is now.
        for path in &paths {
            let rel = Path::new(path);
            if let Ok(meta) = std::fs::symlink_metadata(root.join(rel)) {
                t.synced.insert(rel.to_path_buf(), stamp(&meta));
            }
        }
        t.settled = Some(after);
        Ok(())
    })();
    // A copy that could not be brought up to date is made afresh next time.
    if result
        .as_ref()
        .is_err_and(|(status, _)| *status == StatusCode::INTERNAL_SERVER_ERROR)
    {
        *trial = None;
    }
    result
}

/// The start of a copy's folder name; the serving process's id and a number follow.
const COPY_PREFIX: &str = "brobygger-cms-";
/// A file in each copy that says it is one, so that only copies are ever swept away.
const COPY_MARK: &str = ".brobygger-cms-copy";

/// A new empty folder outside the site, so the preview's watcher never sees the copy.
fn tempfile_dir() -> std::io::Result<PathBuf> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let temp = std::env::temp_dir();
    sweep_left_copies(&temp);
    let dir = temp.join(format!(
        "{COPY_PREFIX}{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir(&dir)?;
    std::fs::File::create_new(dir.join(COPY_MARK))?;
    Ok(dir)
}

/// Removes the copies left by a `serve` that was killed before it could remove its own
/// (SIGKILL, a power cut): a folder named as [`tempfile_dir`] names them, that is a folder and
/// not a link, holds the mark, belongs to this user, and whose process no longer runs. Anything
/// else in the temporary folder is left alone. The copy's files are hard links and links, so
/// removing them never touches the site they were made from.
fn sweep_left_copies(temp: &Path) {
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(COPY_PREFIX))
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, n)| n.parse::<u64>().ok().and(pid.parse::<i32>().ok()))
        else {
            continue;
        };
        if pid <= 0 || pid as u32 == std::process::id() || process_runs(pid) {
            continue;
        }
        let path = entry.path();
        let is_copy = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir() && m.uid() == me)
            && std::fs::symlink_metadata(path.join(COPY_MARK)).is_ok_and(|m| m.is_file());
        if is_copy {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// Whether a process with this id runs (one of another user counts too).
fn process_runs(pid: i32) -> bool {
    // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
    let answer = unsafe { libc::kill(pid, 0) };
    answer == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}
