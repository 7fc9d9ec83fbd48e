//! Writing the built site. The site is written into a fresh folder beside the output and
//! swapped in only when every file is written, so a failed or killed build leaves the previous
//! site whole. Nothing outside the output folder (and its temporary siblings) is ever removed.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::render::OutputFile;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Reads the site's `static/` folder: files copied as they are to the output root.
pub fn read_static(root: &Path) -> Result<Vec<OutputFile>, Diagnostics> {
    let dir = root.join("static");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let mut errors = Diagnostics::default();
    for entry in walkdir::WalkDir::new(&dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(&dir).unwrap_or(e.path());
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                match fs::read(e.path()) {
                    Ok(bytes) => files.push(OutputFile { path: rel, bytes }),
                    Err(err) => errors.push(Diagnostic::error(
                        "unreadable-file",
                        format!("static/{rel}"),
                        format!("cannot read: {err}"),
                    )),
                }
            }
            Ok(_) => {}
            Err(err) => errors.push(Diagnostic::error(
                "unreadable-file",
                "static/",
                err.to_string(),
            )),
        }
    }
    if errors.has_errors() {
        Err(errors)
    } else {
        Ok(files)
    }
}

/// Why the output folder cannot be used or written.
#[derive(Debug)]
pub enum OutputError {
    /// The output folder would hold or overlap the site's sources.
    Unsafe(PathBuf, &'static str),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::Unsafe(p, why) => {
                write!(f, "refusing to write the site to {}: {why}", p.display())
            }
            OutputError::Io(p, e) => write!(f, "cannot write {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for OutputError {}

/// Refuses output folders whose replacement would destroy the sources: the site root itself,
/// a folder holding `content/`, or one inside `content/`.
pub fn check_output(root: &Path, output: &Path) -> Result<(), OutputError> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Canonicalize the longest existing ancestor, so `..` and symlinks cannot hide overlap.
        let mut existing = p.as_path();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent;
                }
                _ => break,
            }
        }
        let mut out = fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
        for name in rest.iter().rev() {
            out.push(name);
        }
        out
    };
    let (root, out) = (abs(root), abs(output));
    if out == root || root.starts_with(&out) {
        return Err(OutputError::Unsafe(
            output.to_path_buf(),
            "it is the site folder or contains it",
        ));
    }
    if out.join("content").exists() {
        return Err(OutputError::Unsafe(
            output.to_path_buf(),
            "it holds a content/ folder",
        ));
    }
    if out.starts_with(root.join("content"))
        || out.starts_with(root.join("static"))
        || out.starts_with(root.join("themes"))
    {
        return Err(OutputError::Unsafe(
            output.to_path_buf(),
            "it lies inside the site's sources",
        ));
    }
    if out.parent().is_none() {
        return Err(OutputError::Unsafe(
            output.to_path_buf(),
            "it is the root of the file system",
        ));
    }
    Ok(())
}

/// Writes `files` into `output`, replacing what was there only once all were written.
pub fn write_atomically(output: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if let Ok(meta) = fs::symlink_metadata(output)
        && !meta.is_dir()
    {
        return Err(OutputError::Unsafe(
            output.to_path_buf(),
            "it exists and is not a folder (a file or a link)",
        ));
    }
    fs::create_dir_all(&parent).map_err(|e| OutputError::Io(parent.clone(), e))?;
    remove_leftovers(&parent, &name);
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.building-{pid}"));
    let retired = parent.join(format!(".{name}.old-{pid}"));
    let result = write_all(&staging, files).and_then(|()| {
        if output.exists() {
            fs::rename(output, &retired).map_err(|e| OutputError::Io(output.to_path_buf(), e))?;
        }
        fs::rename(&staging, output).map_err(|e| {
            // Put the previous site back so the reader never sees none.
            let _ = fs::rename(&retired, output);
            OutputError::Io(output.to_path_buf(), e)
        })
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    let _ = fs::remove_dir_all(&retired);
    result
}

fn write_all(dir: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    fs::create_dir(dir).map_err(|e| OutputError::Io(dir.to_path_buf(), e))?;
    let folders: BTreeSet<&str> = files
        .iter()
        .filter_map(|f| f.path.rsplit_once('/').map(|(d, _)| d))
        .collect();
    for folder in folders {
        let p = dir.join(folder);
        fs::create_dir_all(&p).map_err(|e| OutputError::Io(p, e))?;
    }
    files.par_iter().try_for_each(|f| {
        let p = dir.join(&f.path);
        fs::write(&p, &f.bytes).map_err(|e| OutputError::Io(p, e))
    })
}

/// Removes the staging and retired folders a killed build of this output left behind.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefixes = [format!(".{name}.building-"), format!(".{name}.old-")];
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| file_name.starts_with(p))
            && entry.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}
