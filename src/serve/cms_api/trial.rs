//! A save or deletion tried first on a copy of the site and checked like `build`, so that one
//! that would break the site is refused and the site's own files stay as they were.

use super::*;

pub(super) fn apply(root: &Path, changes: &[Change]) -> Result<(), (StatusCode, String)> {
    for (path, bytes) in changes {
        match bytes {
            Some(b) => write(root, path, b)?,
            None => match std::fs::remove_file(root.join(path)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    let language =
                        settings(root).map_or(Language::before_settings(), |c| c.language);
                    let said = SystemError::from(e).text(language);
                    return Err((StatusCode::INTERNAL_SERVER_ERROR, format!("{path}: {said}")));
                }
                _ => {}
            },
        }
    }
    Ok(())
}

/// The errors `check` finds in the site in `root`, by file and message.
pub(super) fn errors(root: &Path) -> (BTreeSet<(String, String)>, Diagnostics) {
    let found = match crate::check::check(root, Date::today()) {
        Ok(_) => Diagnostics::default(),
        Err(d) => d,
    };
    let keys = found
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.file.clone(), d.message.clone()))
        .collect();
    (keys, found)
}

/// Tries `changes` on a copy of the site and refuses them, with the located errors, when the
/// copy has errors the site has not: a site broken before stays editable.
pub(super) fn refuse_breaking(root: &Path, changes: &[Change]) -> Result<(), (StatusCode, String)> {
    let failed = |e: std::io::Error| {
        let language = settings(root).map_or(Language::before_settings(), |c| c.language);
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            SystemError::from(e).text(language),
        )
    };
    let copy = tempfile_dir().map_err(failed)?;
    let result = (|| {
        copy_site(root, &copy).map_err(failed)?;
        apply(&copy, changes)?;
        let (before, _) = errors(root);
        let (after, found) = errors(&copy);
        let language = settings(root).map_or(Language::before_settings(), |c| c.language);
        let new: Vec<String> = found
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .filter(|d| !before.contains(&(d.file.clone(), d.message.clone())))
            .map(|d| render_in(d, false, language))
            .collect();
        if new.is_empty() || after.is_empty() {
            Ok(())
        } else {
            Err(bad(new.join("\n")))
        }
    })();
    let _ = std::fs::remove_dir_all(&copy);
    result
}

/// A new empty folder outside the site, so the preview's watcher never sees the copy.
pub(super) fn tempfile_dir() -> std::io::Result<PathBuf> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "brobygger-cms-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir(&dir)?;
    Ok(dir)
}

/// What `check` reads of a site: its settings, content, static files and themes. Files are
/// hard-linked where the disk allows (the copy only ever replaces whole files), else copied.
pub(super) fn copy_site(root: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::copy(
        root.join(crate::config::FILE_NAME),
        to.join(crate::config::FILE_NAME),
    )?;
    for top in ["content", "static", "themes"] {
        let from = root.join(top);
        if !from.is_dir() {
            continue;
        }
        for e in walkdir::WalkDir::new(&from).follow_links(false) {
            let e = e.map_err(std::io::Error::other)?;
            let rel = e.path().strip_prefix(root).map_err(std::io::Error::other)?;
            let target = to.join(rel);
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&target)?;
            } else if e.file_type().is_file() && std::fs::hard_link(e.path(), &target).is_err() {
                std::fs::copy(e.path(), &target)?;
            }
        }
    }
    Ok(())
}
