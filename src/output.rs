//! Writing the built site. The site is written into a staging folder inside the output and
//! moved in, entry by entry, only when every file is written (see [`swap`]), so a failed or
//! killed build leaves the previous site whole, and the output folder itself, and whatever in
//! it brobygger did not write, stay as the user set them up. Nothing outside the output folder
//! is written or removed.

mod swap;

use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};

use crate::base::messages::{ErrorText, OutputRefusal, SystemError, WriteFailure};

pub use swap::MARKER;

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Why the output folder cannot be used or written.
#[derive(Debug)]
pub enum OutputError {
    /// The output folder would hold or overlap the site's sources, or is not one brobygger
    /// may write into.
    Unsafe(PathBuf, OutputRefusal),
    Io(PathBuf, std::io::Error),
    /// A folder the build must change (the output, or the folder it is in) cannot be changed.
    NotWritable(PathBuf, std::io::Error),
    /// Two paths of the site would be one where capital letters do not count (Windows,
    /// macOS); or, when both are the same, a path is both a file and a folder.
    Clash(String, String),
    /// An entry of the output that brobygger did not write has the name of one of the new
    /// site's top-level entries.
    NotOurs(PathBuf),
    /// An entry of the output could not be moved in or aside.
    Replace(PathBuf, std::io::Error),
    /// This build's staging folder was removed (by hand) while the site was written into it.
    StagingRemoved(PathBuf),
    /// A thread writing files failed where it never should.
    WriterFailed,
}

impl OutputError {
    /// What to tell the user, in words for [`ErrorText::text`]: the error is typed here and
    /// worded once, at the edge, in the site's language.
    pub fn text(&self) -> ErrorText {
        use std::io::ErrorKind;
        let shown = |p: &Path| p.display().to_string();
        match self {
            OutputError::Unsafe(p, why) => ErrorText::OutputRefused {
                output: shown(p),
                why: *why,
            },
            OutputError::Io(p, e) => ErrorText::OutputUnwritable {
                path: shown(p),
                detail: e.into(),
                cause: match e.kind() {
                    ErrorKind::StorageFull => WriteFailure::DiskFull,
                    ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
                        WriteFailure::NoPermission
                    }
                    ErrorKind::AlreadyExists | ErrorKind::NotADirectory => {
                        WriteFailure::FileInTheWay
                    }
                    _ => WriteFailure::Other,
                },
            },
            OutputError::StagingRemoved(p) => ErrorText::OutputUnwritable {
                path: shown(p),
                detail: SystemError::other(String::new()),
                cause: WriteFailure::StagingRemoved,
            },
            OutputError::NotWritable(p, e) => ErrorText::OutputNotWritable {
                folder: shown(p),
                detail: e.into(),
            },
            OutputError::Clash(a, b) if a == b => {
                ErrorText::OutputFileAndFolder { path: a.clone() }
            }
            OutputError::Clash(a, b) => ErrorText::OutputCaseClash {
                first: a.clone(),
                second: b.clone(),
            },
            OutputError::NotOurs(p) => ErrorText::OutputNotOurs { path: shown(p) },
            OutputError::Replace(p, e) => ErrorText::OutputReplace {
                path: shown(p),
                detail: e.into(),
                mounted: matches!(
                    e.kind(),
                    ErrorKind::ResourceBusy | ErrorKind::CrossesDevices
                ),
            },
            OutputError::WriterFailed => ErrorText::Internal,
        }
    }
}

impl std::fmt::Display for OutputError {
    /// The English text, message and help on one line, for logs and `{e}`; the command
    /// line words it in the site's language through [`OutputError::text`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (message, help) = self.text().text(crate::base::Language::En);
        write!(f, "{message}; {help}")
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
            OutputRefusal::SiteFolder,
        ));
    }
    if out.join("content").exists() {
        return Err(OutputError::Unsafe(
            output.to_path_buf(),
            OutputRefusal::HoldsContent,
        ));
    }
    if out.starts_with(root.join("content"))
        || out.starts_with(root.join("static"))
        || out.starts_with(root.join("themes"))
    {
        return Err(OutputError::Unsafe(
            output.to_path_buf(),
            OutputRefusal::InsideSources,
        ));
    }
    if out.parent().is_none() {
        return Err(OutputError::Unsafe(
            output.to_path_buf(),
            OutputRefusal::FileSystemRoot,
        ));
    }
    restore_interrupted(output);
    swap::recover(output)
}

/// Puts the previous site back when a build of brobygger before the output was kept (which
/// replaced the whole folder) was killed in the instant between moving the old output aside
/// and moving the new one in: the output folder is missing, and the old one waits, whole
/// (with its marker), as `.NAME.old-PID` of a build that no longer runs.
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
            n.strip_prefix(&prefix).is_some_and(abandoned_pid)
                && e.file_type().is_ok_and(|t| t.is_dir())
                && e.path().join(MARKER).exists()
        })
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok());
    if let Some(old) = newest {
        let _ = fs::rename(old.path(), output);
    }
}

/// A site being written: files go into a staging folder inside the output, written by a few
/// I/O threads while rendering goes on; [`Staging::commit`] moves them in.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    /// The staging folder's name after its prefix: process id and time.
    token: String,
    /// Open (and locked) while this build writes, so another build never takes the staging
    /// folder for a killed build's leftover.
    _held: Option<fs::File>,
    sender: Option<mpsc::SyncSender<OutputFile>>,
    writers: Vec<std::thread::JoinHandle<Result<(), OutputError>>>,
    /// Every path written and every folder they need, lowercased: (as written, is a folder).
    names: Mutex<std::collections::HashMap<String, (String, bool)>>,
}

/// Threads that write files. Creating files waits on the disk more than on the CPU, and on
/// virtual disks several requests in flight finish sooner than one at a time.
const WRITERS: usize = 8;

impl Staging {
    /// Creates the staging folder for `output`, after finishing or removing what killed
    /// builds left.
    pub fn create(output: &Path) -> Result<Staging, OutputError> {
        let (parent, name) = parent_and_name(output);
        restore_interrupted(output);
        if let Ok(meta) = fs::symlink_metadata(output)
            && !meta.is_dir()
        {
            return Err(OutputError::Unsafe(
                output.to_path_buf(),
                OutputRefusal::NotAFolder,
            ));
        }
        if output.is_dir()
            && !output.join(MARKER).exists()
            && fs::read_dir(output).is_ok_and(|d| {
                d.flatten()
                    .any(|e| !e.file_name().to_string_lossy().starts_with('.'))
            })
        {
            return Err(OutputError::Unsafe(
                output.to_path_buf(),
                OutputRefusal::NotBrobyggers,
            ));
        }
        if !output.is_dir() {
            fs::create_dir_all(&parent).map_err(|e| not_writable(&parent, e))?;
            match fs::create_dir(output) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                    return Err(not_writable(&parent, e));
                }
                _ => {}
            }
        }
        remove_old_leftovers(&parent, &name);
        swap::recover(output)?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        // The time too: in containers every build may be process 1.
        let token = format!("{}-{nanos:x}", std::process::id());
        let staging = output.join(format!("{}{token}", swap::STAGING_PREFIX));
        let mut builder = fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(&staging)
            .map_err(|e| not_writable(output, e))?;
        // Held before the marker is written: a folder with the marker is always held while
        // its build runs.
        let held = swap::hold(&staging).map_err(|e| OutputError::Io(staging.clone(), e))?;
        fs::write(staging.join(MARKER), "")
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
            token,
            _held: held,
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
        self.claim(&file.path)?;
        match &self.sender {
            Some(s) => s.send(file).map_err(|_| OutputError::WriterFailed),
            None => Ok(()),
        }
    }

    /// Takes `path` for one file of the build: refuses one that would leave the output folder,
    /// or clash with another where capital letters do not count.
    fn claim(&self, path: &str) -> Result<(), OutputError> {
        if !is_inside(path) {
            return Err(OutputError::Unsafe(
                PathBuf::from(path),
                OutputRefusal::PathLeavesOutput,
            ));
        }
        if let Ok(mut names) = self.names.lock() {
            let mut folder = String::new();
            for part in path.split('/') {
                if !folder.is_empty() {
                    folder.push('/');
                }
                folder.push_str(part);
                let is_folder = folder.len() < path.len();
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
        Ok(())
    }

    /// Writes one file piece by piece, in the calling thread, for a page too large to hold
    /// whole (the catalogue of a large site runs to hundreds of MB): `fill` writes into it.
    /// A failed write is the error; otherwise what `fill` returned. The same paths are
    /// refused as by [`Staging::write`].
    pub fn write_streamed<E>(
        &self,
        path: &str,
        fill: impl FnOnce(&mut dyn std::io::Write) -> Result<(), E>,
    ) -> Result<Result<(), E>, OutputError> {
        use std::io::Write as _;
        self.claim(path)?;
        let full = self.staging.join(path);
        let file = match fs::File::create(&full) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = full.parent() {
                    fs::create_dir_all(parent)
                        .map_err(|e| OutputError::Io(parent.to_path_buf(), e))?;
                }
                fs::File::create(&full)
            }
            r => r,
        }
        .map_err(|e| OutputError::Io(full.clone(), e))?;
        let mut out = Recording {
            inner: std::io::BufWriter::with_capacity(1 << 16, file),
            error: None,
        };
        let filled = fill(&mut out);
        let flushed = out.inner.flush();
        match out.error.map_or(flushed, Err) {
            Err(e) => Err(OutputError::Io(full, e)),
            Ok(()) => Ok(filled),
        }
    }

    fn finish_writing(&mut self) -> Result<(), OutputError> {
        self.sender = None;
        let mut result = Ok(());
        for w in self.writers.drain(..) {
            let r = w.join().unwrap_or(Err(OutputError::WriterFailed));
            if result.is_ok() {
                result = r;
            }
        }
        result
    }

    /// Waits for every file to be written, then moves the new site into the output.
    pub fn commit(mut self) -> Result<(), OutputError> {
        self.finish_writing()?;
        // The marker is the first file written. If it is gone, something removed this build's
        // folder while it was written (by hand): the writers may have made a partial folder
        // again, which must not become the site.
        if !self.staging.join(MARKER).is_file() {
            return Err(OutputError::StagingRemoved(self.staging.clone()));
        }
        swap::move_in(&self.output, &self.staging, &self.token)
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

/// Whether `pid` (as an older brobygger wrote it in a folder's name) is a process id, and no
/// build with it runs, so its folder is a leftover. Where that cannot be told (no `/proc`), it
/// counts as abandoned. A name that is not a process id (`.public.old-backup`) is never one.
fn abandoned_pid(pid: &str) -> bool {
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    if pid == std::process::id() {
        return false;
    }
    // A killed build that its parent has not yet waited for is a zombie: not running.
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
        Err(_) => true,
    }
}

/// A writer that keeps its first error, so that the caller of [`Staging::write_streamed`]
/// learns of a failed write even when `fill` turned it into an error of its own.
struct Recording<W> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: std::io::Write> std::io::Write for Recording<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).inspect_err(|e| {
            self.error
                .get_or_insert_with(|| std::io::Error::new(e.kind(), e.to_string()));
        })
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.inner.write_all(buf).inspect_err(|e| {
            self.error
                .get_or_insert_with(|| std::io::Error::new(e.kind(), e.to_string()));
        })
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
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

/// Removes a folder this build owns (a staging or old folder), files in parallel. Its marker
/// goes last, so that a removal cut short by a kill leaves a folder still known as
/// brobygger's, which the next build removes.
fn remove_tree(dir: &Path) {
    let marker = dir.join(MARKER);
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_dir() {
            folders.push((entry.depth(), entry.into_path()));
        } else if entry.path() != marker {
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
    let _ = fs::remove_file(&marker);
    // Whatever is left (it never follows links out of the folder).
    let _ = fs::remove_dir_all(dir);
}

/// Removes the staging and retired folders beside the output that a killed build of an older
/// brobygger (which replaced the whole folder) left: only those named with the process id of
/// a build that no longer runs, and carrying the marker.
fn remove_old_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefixes = [format!(".{name}.building-"), format!(".{name}.old-")];
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let pid = prefixes
            .iter()
            .find_map(|p| file_name.strip_prefix(p.as_str()));
        if pid.is_some_and(abandoned_pid)
            && entry.file_type().is_ok_and(|t| t.is_dir())
            && entry.path().join(MARKER).is_file()
        {
            remove_tree(&entry.path());
        }
    }
}
