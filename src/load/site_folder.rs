//! The site folder as a boundary. Everything brobygger reads for a site (`site.yaml`,
//! `content/`, `static/`, `themes/`) is found and opened here, so that one set of rules decides
//! what a site's files may lead to.
//!
//! A site folder is untrusted input: a CI job may build a pull request sent by a partner
//! organisation. Links are followed, so that a site may be arranged with them, but:
//! - a link (the top-level `content`, `static`, `themes`, `themes/NAME` and `site.yaml`
//!   included) must lead inside the site folder (`link-outside-site`);
//! - never to a hidden file or folder there (`.git/config`, `.env`: `link-to-hidden`);
//! - from `static/` or a theme, never into `content/`, whose raw Markdown holds drafts and
//!   unapproved quotes (`link-into-content`);
//! - never into a site brobygger built (a folder with its marker), which would copy the
//!   output into itself on every build (`link-into-output`).
//!
//! What is read must be a regular file: a named pipe, socket or device is an error at once
//! (`not-a-file`), since reading one can wait forever. Errors name the link and where it
//! points, and never quote what lies outside the folder.

use crate::base::Language;
use crate::base::OUTPUT_MARKER;
use crate::base::diagnostic::Diagnostic;
use crate::base::messages::ErrorText;
pub use crate::base::messages::Special;
use std::path::{Component, Path, PathBuf};

/// Which part of the site a path was found in: what it may lead to depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// `site.yaml`.
    Settings,
    /// `content/`: parsed, never published as it is.
    Content,
    /// `static/` and themes: published as they are.
    Published,
}

/// A site's folder, with its real name on the file system for telling where links lead.
#[derive(Debug, Clone)]
pub struct SiteFolder {
    root: PathBuf,
    real: PathBuf,
}

impl SiteFolder {
    pub fn new(root: &Path) -> SiteFolder {
        SiteFolder {
            root: root.to_path_buf(),
            real: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `path` as messages show it: relative to the site folder, with `/`, made printable.
    pub fn shown(&self, path: &Path) -> String {
        super::relative(&self.root, path)
    }

    /// A top-level entry of the site (`site.yaml`, `content`, `static`, `themes/NAME`):
    /// `Ok(None)` when there is none, an error when it is a link that may not be followed.
    pub fn entry(
        &self,
        rel: &str,
        area: Area,
        language: Language,
    ) -> Result<Option<PathBuf>, Diagnostic> {
        let path = self.root.join(rel);
        // Every part of `rel` may be a link (`themes` and `themes/NAME` both).
        let mut at = self.root.clone();
        for part in Path::new(rel).components() {
            at.push(part);
            if std::fs::symlink_metadata(&at).is_err() {
                return Ok(None);
            }
            self.check_link(&at, area, language)?;
        }
        Ok(std::fs::metadata(&path).is_ok().then_some(path))
    }

    /// An error when `path` is a link that leads where the site may not read from `area`;
    /// `Ok` for anything that is not a link, and for a link that leads nowhere (the walk or
    /// the read names that).
    pub fn check_link(
        &self,
        path: &Path,
        area: Area,
        language: Language,
    ) -> Result<(), Diagnostic> {
        if !std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Ok(());
        }
        let Ok(target) = std::fs::canonicalize(path) else {
            return Ok(());
        };
        let file = self.shown(path);
        let Ok(inside) = target.strip_prefix(&self.real) else {
            let target = super::printable(&target.to_string_lossy()).into_owned();
            return Err(ErrorText::LinkOutsideSite { target }.diagnostic(file, language));
        };
        let target = super::relative(&self.real, &target);
        if is_hidden(inside) {
            return Err(ErrorText::LinkToHidden { target }.diagnostic(file, language));
        }
        if area == Area::Published && inside.starts_with("content") {
            return Err(ErrorText::LinkIntoContent { target }.diagnostic(file, language));
        }
        let built = self
            .real
            .join(inside)
            .ancestors()
            .take_while(|folder| *folder != self.real)
            .any(|folder| folder.join(OUTPUT_MARKER).is_file());
        if built {
            return Err(ErrorText::LinkIntoOutput { target }.diagnostic(file, language));
        }
        Ok(())
    }

    /// Reads the regular file at `path`, of at most `limit` bytes, without waiting on a pipe
    /// and without reading more than `limit` of a larger file.
    pub fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
        use std::io::Read;
        let file = open_without_waiting(path).map_err(ReadError::Io)?;
        let meta = file.metadata().map_err(ReadError::Io)?;
        if let Some(special) = special(&meta.file_type()) {
            return Err(ReadError::Special(special));
        }
        if meta.is_dir() {
            return Err(ReadError::Io(std::io::ErrorKind::IsADirectory.into()));
        }
        if meta.len() > limit {
            return Err(ReadError::TooLarge(meta.len()));
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(ReadError::Io)?;
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge(bytes.len() as u64));
        }
        Ok(bytes)
    }
}

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// Its size in bytes, over the limit.
    TooLarge(u64),
    Special(Special),
}

impl ReadError {
    /// The error for `file` when it is a pipe, socket or device.
    pub fn special(&self, file: &str, language: Language) -> Option<Diagnostic> {
        match self {
            ReadError::Special(what) => {
                Some(ErrorText::NotAFile { what: *what }.diagnostic(file, language))
            }
            _ => None,
        }
    }
}

/// What stands at a path, when it is neither a file, a folder nor a link.
pub fn special(file_type: &std::fs::FileType) -> Option<Special> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some(Special::Pipe);
        }
        if file_type.is_socket() {
            return Some(Special::Socket);
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return Some(Special::Device);
        }
    }
    let _ = file_type;
    None
}

/// Opens `path` for reading. On Unix a named pipe is opened without waiting for a writer,
/// so that its type can be looked at on the open file, which no swap of the path can change.
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

/// Whether a path, relative to the folder it is in, is or lies in a hidden file or folder
/// (`.git/config`, `.env`): its name, or a folder's above it, starts with a dot.
pub fn is_hidden(relative: &Path) -> bool {
    relative.components().any(|c| match c {
        Component::Normal(name) => name.to_string_lossy().starts_with('.'),
        _ => false,
    })
}
