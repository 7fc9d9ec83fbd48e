//! Writing the built site. The site is written into a fresh folder beside the output and
//! swapped in only when every file is written, so a failed or killed build leaves the previous
//! site whole. Nothing outside the output folder (and its temporary siblings) is ever removed,
//! and nothing is written outside the staging folder.

use crate::render::OutputFile;
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};

/// Why the output folder cannot be used or written.
#[derive(Debug)]
pub enum OutputError {
    /// The output folder would hold or overlap the site's sources.
    Unsafe(PathBuf, &'static str),
    Io(PathBuf, std::io::Error),
    /// A folder the build must change (the output, or the folder it is in) cannot be changed.
    NotWritable(PathBuf, std::io::Error),
    /// Two paths of the site would be one where capital letters do not count (Windows,
    /// macOS); or, when both are the same, a path is both a file and a folder.
    Clash(String, String),
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::Unsafe(p, why) => {
                write!(f, "refusing to write the site to {}: {why}", p.display())
            }
            OutputError::Io(p, e) => {
                write!(f, "cannot write {}: {e}", p.display())?;
                match e.kind() {
                    std::io::ErrorKind::StorageFull => {
                        f.write_str("; free some space on the disk and build again")
                    }
                    std::io::ErrorKind::PermissionDenied
                    | std::io::ErrorKind::ReadOnlyFilesystem => {
                        f.write_str("; choose an output folder you may write to with --output")
                    }
                    _ => Ok(()),
                }
            }
            OutputError::NotWritable(p, e) => write!(
                f,
                "cannot write the site: the folder {} cannot be changed ({e}); make it writable, or choose another output folder with --output",
                p.display()
            ),
            OutputError::Clash(a, b) if a == b => write!(
                f,
                "{a} would be both a file and a folder of the site; rename the file (in static/ or the theme)"
            ),
            OutputError::Clash(a, b) => write!(
                f,
                "{a} and {b} differ only in capital letters: on Windows and macOS, where capitals do not count, one would overwrite the other; rename one of them (in static/ or the theme)"
            ),
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
    restore_interrupted(output);
    Ok(())
}

/// Puts the previous site back when a build was killed in the instant between moving the
/// old output aside and moving the new one in: the output folder is missing, and the old
/// one waits, whole (with its marker), as `.NAME.old-PID` of a build that no longer runs.
/// Without this, the next build would remove it as a leftover, and a failing next build
/// would leave no site at all.
fn restore_interrupted(output: &Path) {
    if fs::symlink_metadata(output).is_ok() {
        return;
    }
    let (parent, name) = parent_and_name(output);
    let Ok(entries) = fs::read_dir(&parent) else {
        return;
    };
    let prefix = format!(".{name}.old-");
    let newest = entries
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.strip_prefix(&prefix).is_some_and(|pid| !running(pid))
                && e.file_type().is_ok_and(|t| t.is_dir())
                && e.path().join(MARKER).exists()
        })
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok());
    if let Some(old) = newest {
        let _ = fs::rename(old.path(), output);
    }
}

/// A site being written: files go into a staging folder beside the output, written by a few
/// I/O threads while rendering goes on; [`Staging::commit`] swaps the folder in.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    retired: PathBuf,
    sender: Option<mpsc::SyncSender<OutputFile>>,
    writers: Vec<std::thread::JoinHandle<Result<(), OutputError>>>,
    /// Every path written and every folder they need, lowercased: (as written, is a folder).
    names: Mutex<std::collections::HashMap<String, (String, bool)>>,
}

/// The file that marks a folder as brobygger's output, which a build may replace whole. A
/// folder without it is never replaced, so `--output ~/Documents` cannot wipe a user's files.
pub const MARKER: &str = ".brobygger";
const MARKER_TEXT: &str =
    "This folder is written by `brobygger build` and replaced whole on every build.\n";

/// Threads that write files. Creating files waits on the disk more than on the CPU, and on
/// virtual disks several requests in flight finish sooner than one at a time.
const WRITERS: usize = 8;

impl Staging {
    /// Creates the staging folder for `output`, after removing what killed builds left.
    pub fn create(output: &Path) -> Result<Staging, OutputError> {
        let (parent, name) = parent_and_name(output);
        restore_interrupted(output);
        if let Ok(meta) = fs::symlink_metadata(output)
            && !meta.is_dir()
        {
            return Err(OutputError::Unsafe(
                output.to_path_buf(),
                "it exists and is not a folder (a file or a link)",
            ));
        }
        if output.is_dir()
            && !output.join(MARKER).exists()
            && fs::read_dir(output).is_ok_and(|mut d| d.next().is_some())
        {
            return Err(OutputError::Unsafe(
                output.to_path_buf(),
                "it is not empty and was not written by brobygger, and a build replaces the whole folder; \
                 choose a new or empty folder, or empty this one yourself",
            ));
        }
        if output.is_dir() {
            check_writable(output)?;
        }
        fs::create_dir_all(&parent).map_err(|e| not_writable(&parent, e))?;
        remove_leftovers(&parent, &name);
        let pid = std::process::id();
        let staging = parent.join(format!(".{name}.building-{pid}"));
        let retired = parent.join(format!(".{name}.old-{pid}"));
        fs::create_dir(&staging).map_err(|e| not_writable(&parent, e))?;
        fs::write(staging.join(MARKER), MARKER_TEXT)
            .map_err(|e| OutputError::Io(staging.join(MARKER), e))?;
        let (sender, receiver) = mpsc::sync_channel::<OutputFile>(256);
        let receiver = Arc::new(Mutex::new(receiver));
        let writers = (0..WRITERS)
            .map(|_| {
                let receiver = Arc::clone(&receiver);
                let dir = staging.clone();
                std::thread::spawn(move || -> Result<(), OutputError> {
                    let mut first_error = None;
                    loop {
                        let next = match receiver.lock() {
                            Ok(r) => r.recv(),
                            Err(_) => break,
                        };
                        let Ok(file) = next else { break };
                        if first_error.is_none()
                            && let Err(e) = write_file(&dir, &file)
                        {
                            first_error = Some(e);
                        }
                    }
                    first_error.map_or(Ok(()), Err)
                })
            })
            .collect();
        Ok(Staging {
            output: output.to_path_buf(),
            staging,
            retired,
            sender: Some(sender),
            writers,
            names: Mutex::new(std::collections::HashMap::new()),
        })
    }

    /// Queues one file for writing; waits when the writers are behind. Refuses a path that
    /// would leave the output folder, and one that would be the same as another where
    /// capital letters do not count: a site built on Linux is often copied to Windows or a
    /// Mac, where `Logo.png` overwrites `logo.png`.
    pub fn write(&self, file: OutputFile) -> Result<(), OutputError> {
        if !is_inside(&file.path) {
            return Err(OutputError::Unsafe(
                PathBuf::from(&file.path),
                "the path leads outside the output folder",
            ));
        }
        if let Ok(mut names) = self.names.lock() {
            let mut folder = String::new();
            for part in file.path.split('/') {
                if !folder.is_empty() {
                    folder.push('/');
                }
                folder.push_str(part);
                let is_folder = folder.len() < file.path.len();
                match names.entry(folder.to_lowercase()) {
                    std::collections::hash_map::Entry::Occupied(seen) => {
                        let (first, was_folder) = seen.get();
                        if *first != folder {
                            return Err(OutputError::Clash(first.clone(), folder));
                        }
                        if *was_folder != is_folder {
                            return Err(OutputError::Clash(folder.clone(), folder));
                        }
                    }
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert((folder.clone(), is_folder));
                    }
                }
            }
        }
        match &self.sender {
            Some(s) => s.send(file).map_err(|_| {
                OutputError::Io(
                    self.staging.clone(),
                    std::io::Error::other("the writers stopped"),
                )
            }),
            None => Ok(()),
        }
    }

    fn finish_writing(&mut self) -> Result<(), OutputError> {
        self.sender = None;
        let mut result = Ok(());
        for w in self.writers.drain(..) {
            let r = w.join().unwrap_or_else(|_| {
                Err(OutputError::Io(
                    self.staging.clone(),
                    std::io::Error::other("a writer thread failed"),
                ))
            });
            if result.is_ok() {
                result = r;
            }
        }
        result
    }

    /// Waits for every file to be written, then replaces the output with the new site.
    pub fn commit(mut self) -> Result<(), OutputError> {
        self.finish_writing()?;
        // The marker is the first file written. If it is gone, something removed this build's
        // folder while it was written (a second build of the same output, by hand): the
        // writers may have made a partial folder again, which must not become the site.
        if !self.staging.join(MARKER).is_file() {
            return Err(OutputError::Io(
                self.staging.clone(),
                std::io::Error::other(
                    "this build's folder was removed while the site was written into it (was a second build of the same output running?); build again",
                ),
            ));
        }
        if self.output.exists() {
            fs::rename(&self.output, &self.retired)
                .map_err(|e| OutputError::Io(self.output.clone(), e))?;
        }
        if let Err(e) = fs::rename(&self.staging, &self.output) {
            // Put the previous site back so readers never see none.
            let _ = fs::rename(&self.retired, &self.output);
            return Err(OutputError::Io(self.output.clone(), e));
        }
        if self.retired.exists() {
            // The marker goes first: a retired folder whose removal is cut short by a kill is
            // then never taken for a whole site by `restore_interrupted`.
            let _ = fs::remove_file(self.retired.join(MARKER));
            remove_tree(&self.retired);
        }
        Ok(())
    }
}

impl Drop for Staging {
    /// An uncommitted build leaves nothing behind and the previous output untouched.
    fn drop(&mut self) {
        let _ = self.finish_writing();
        if self.staging.exists() {
            remove_tree(&self.staging);
        }
    }
}

fn parent_and_name(output: &Path) -> (PathBuf, String) {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    (parent, name)
}

/// Whether an output path stays inside the output folder: relative, and made only of names
/// (no `..`, no root, no drive).
fn is_inside(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

fn not_writable(folder: &Path, e: std::io::Error) -> OutputError {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            OutputError::NotWritable(folder.to_path_buf(), e)
        }
        _ => OutputError::Io(folder.to_path_buf(), e),
    }
}

/// Refuses an output folder whose files this build could not remove once the new site is
/// in: the swap would succeed, and the old site would stay behind as a hidden folder for
/// good. A small file is made and removed to find out, which also covers read-only disks
/// and folders owned by someone else, where permission bits alone do not tell.
fn check_writable(output: &Path) -> Result<(), OutputError> {
    let probe = output.join(format!(".brobygger-write-test-{}", std::process::id()));
    fs::write(&probe, b"").map_err(|e| not_writable(output, e))?;
    fs::remove_file(&probe).map_err(|e| not_writable(output, e))
}

/// Whether the build with this process id (as written in a staging folder's name) is still
/// running, so its folders are not removed from under it. Where that cannot be told (no
/// `/proc`), a leftover counts as abandoned.
fn running(pid: &str) -> bool {
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    if pid == std::process::id() {
        return true;
    }
    // A killed build that its parent has not yet waited for is a zombie: not running.
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
        Err(_) => false,
    }
}

fn write_file(dir: &Path, file: &OutputFile) -> Result<(), OutputError> {
    let path = dir.join(&file.path);
    match fs::write(&path, &file.bytes) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // The first file of a folder creates it; create_dir_all tolerates other writers
            // creating the same folder at the same time.
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| OutputError::Io(parent.to_path_buf(), e))?;
            }
            fs::write(&path, &file.bytes).map_err(|e| OutputError::Io(path, e))
        }
        r => r.map_err(|e| OutputError::Io(path, e)),
    }
}

/// Writes `files` into `output`, replacing what was there only once all were written.
pub fn write_atomically(output: &Path, files: Vec<OutputFile>) -> Result<(), OutputError> {
    let staging = Staging::create(output)?;
    for f in files {
        staging.write(f)?;
    }
    staging.commit()
}

/// Removes a folder this build owns (a retired or unfinished output), files in parallel.
fn remove_tree(dir: &Path) {
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_dir() {
            folders.push((entry.depth(), entry.into_path()));
        } else {
            files.push(entry.into_path());
        }
    }
    files.par_iter().for_each(|f| {
        let _ = fs::remove_file(f);
    });
    folders.sort_by_key(|f| std::cmp::Reverse(f.0));
    for (_, f) in &folders {
        let _ = fs::remove_dir(f);
    }
    // Whatever is left (it never follows links out of the folder).
    let _ = fs::remove_dir_all(dir);
}

/// Removes the staging and retired folders a killed build of this output left behind; those
/// of a build still running are its own.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefixes = [format!(".{name}.building-"), format!(".{name}.old-")];
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let pid = prefixes
            .iter()
            .find_map(|p| file_name.strip_prefix(p.as_str()));
        if pid.is_some_and(|pid| !running(pid)) && entry.file_type().is_ok_and(|t| t.is_dir()) {
            remove_tree(&entry.path());
        }
    }
}
