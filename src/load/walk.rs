//! Walking `content/`: which files are content, which links may be followed, and what went
//! wrong in words.

use super::*;
use crate::base::messages::{FollowProblem, SystemError};

/// Every Markdown file under `content/`, in name order, with the folders that could not be
/// read and the links the site may not follow.
pub(super) fn walk(
    site: &SiteFolder,
    content: &Path,
    language: Language,
) -> (Vec<PathBuf>, Diagnostics) {
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
            Err(e) => errors.push(walk_error(site.root(), "content/", &e, language)),
        }
    }
    (paths, errors)
}

/// Whether `path` is a content file by its name: Markdown, not hidden, not an editor's
/// back-up.
pub(super) fn is_content_file(path: &Path) -> bool {
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
pub(super) fn relisted(
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

/// What went wrong walking a folder, in words: a link that loops or leads nowhere is named
/// as such, since "No such file or directory" for a file one can see is a riddle.
pub(super) fn walk_error(
    root: &Path,
    folder: &str,
    e: &walkdir::Error,
    language: Language,
) -> Diagnostic {
    let file = e.path().map_or(folder.to_string(), |p| relative(root, p));
    // For a link: where it points, and why following it failed.
    let link = e.path().and_then(|p| {
        let target = std::fs::read_link(p).ok()?;
        let failure = std::fs::metadata(p).err()?;
        Some((target, failure.kind() == std::io::ErrorKind::NotFound))
    });
    let detail = || {
        e.io_error()
            .map_or_else(|| SystemError::other(e.to_string()), SystemError::from)
    };
    let problem = if e.loop_ancestor().is_some() {
        FollowProblem::Loop
    } else if let Some((target, true)) = &link {
        FollowProblem::Dangling {
            target: printable(&target.to_string_lossy()).into_owned(),
        }
    } else if let Some((target, false)) = &link {
        FollowProblem::Unfollowable {
            target: printable(&target.to_string_lossy()).into_owned(),
            detail: detail(),
        }
    } else {
        FollowProblem::Unreadable { detail: detail() }
    };
    ErrorText::CannotFollow { problem }.diagnostic(file, language)
}

/// During a walk: whether `e` is a link the site may not follow from `area`. If so its error
/// is added and, for a folder, the walk does not go into it.
pub(super) fn refuse_link(
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
