//! Watching the site's sources (`content/`, `static/`, `themes/`, `site.yaml`) with notify,
//! and turning bursts of events into one [`Changes`] each.
//!
//! Editors save in several steps (write a temporary file, rename it over the old one), and a
//! `git checkout` touches hundreds of files: a batch ends only when no event came for a short
//! quiet time, so each burst ends in one rebuild. A rebuild always re-reads the folder, so a
//! batch that misses a path (an event the platform dropped) is still built right. When the
//! last event says a file written was closed (the save is done), the quiet time is shorter:
//! a save is shown sooner, and a burst that is cut in two is only one rebuild more.

use crate::base::messages::SystemError;
use crate::live::{Changes, SearchJob};
use crate::output::OutputFile;
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// The folders that feed the site, watched with everything under them.
const FOLDERS: [&str; 3] = ["content", "static", "themes"];

/// What the rebuild loop waits for.
pub enum Message {
    /// A file event from notify.
    File(notify::Result<notify::Event>),
    /// A search index made on another thread.
    Search(SearchJob, Vec<OutputFile>),
}

/// What the rebuild loop does next.
pub enum Next {
    Rebuild(Changes),
    Search(SearchJob, Vec<OutputFile>),
}

/// The longest a burst may keep a rebuild waiting.
const LONGEST_WAIT: Duration = Duration::from_secs(2);

/// The quiet time after a file written was closed: what comes next in a burst (the next file
/// of a `git checkout`, an editor's rename) comes within it, but a save waits less.
const AFTER_CLOSE: Duration = Duration::from_millis(4);

/// The watcher of one site's sources.
pub struct Watch {
    watcher: notify::RecommendedWatcher,
    root: PathBuf,
    /// The folders of [`FOLDERS`] that are watched: one created later is added by
    /// [`Watch::refresh`].
    watched: Vec<PathBuf>,
}

impl Watch {
    /// Starts watching `root`. Events go to `events` until the watch is dropped.
    pub fn start(root: &Path, events: Sender<Message>) -> Result<Watch, SystemError> {
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = events.send(Message::File(event));
        })
        .map_err(said)?;
        // The root alone, not recursively: its output folder (public/) and anything else in
        // it must not wake the preview. This also sees site.yaml, and static/ or themes/
        // appearing.
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(said)?;
        let mut watch = Watch {
            watcher,
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        watch.refresh()?;
        Ok(watch)
    }

    /// Watches the source folders that exist now and were not watched yet.
    pub fn refresh(&mut self) -> Result<(), SystemError> {
        for folder in FOLDERS {
            let path = self.root.join(folder);
            if path.is_dir() && !self.watched.contains(&path) {
                self.watcher
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(said)?;
                self.watched.push(path);
            }
        }
        // A folder that was removed is no longer watched by the platform.
        self.watched.retain(|p| p.is_dir());
        Ok(())
    }
}

/// What the watcher met, by its kind where it is the system's, to be said in the site's language.
fn said(e: notify::Error) -> SystemError {
    match e.kind {
        notify::ErrorKind::Io(io) => io.into(),
        notify::ErrorKind::PathNotFound => {
            std::io::Error::from(std::io::ErrorKind::NotFound).into()
        }
        _ => SystemError::other(e.to_string()),
    }
}

/// Waits for the next burst of file events that matters, or a finished search index. A search
/// that finishes during a burst is kept in `later` and returned on the next call.
pub fn next(
    messages: &Receiver<Message>,
    later: &mut Vec<Next>,
    root: &Path,
    quiet: Duration,
) -> Option<Next> {
    if let Some(next) = later.pop() {
        return Some(next);
    }
    loop {
        let first = match messages.recv().ok()? {
            Message::Search(job, files) => return Some(Next::Search(job, files)),
            Message::File(event) => event,
        };
        let mut paths: Vec<PathBuf> = Vec::new();
        let mut rescan = false;
        let mut wait = quiet_after(&first, quiet);
        collect(first, &mut paths, &mut rescan);
        let started = Instant::now();
        loop {
            match messages.recv_timeout(wait) {
                Ok(Message::File(event)) => {
                    wait = quiet_after(&event, quiet);
                    collect(event, &mut paths, &mut rescan);
                }
                Ok(Message::Search(job, files)) => later.push(Next::Search(job, files)),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
            if started.elapsed() > LONGEST_WAIT {
                break;
            }
        }
        if rescan {
            // The platform lost events: only a rebuild of everything is sure to be right.
            return Some(Next::Rebuild(Changes::all()));
        }
        if let Some(changes) = Changes::classify(root, &paths) {
            return Some(Next::Rebuild(changes));
        }
        if let Some(next) = later.pop() {
            return Some(next);
        }
    }
}

/// How long to wait for the next event after `event`: shorter once a file written is closed.
fn quiet_after(event: &notify::Result<notify::Event>, quiet: Duration) -> Duration {
    use notify::event::{AccessKind, AccessMode, EventKind};
    match event {
        Ok(e) if e.kind == EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
            quiet.min(AFTER_CLOSE)
        }
        _ => quiet,
    }
}

fn collect(event: notify::Result<notify::Event>, paths: &mut Vec<PathBuf>, rescan: &mut bool) {
    match event {
        Ok(event) => {
            if event.need_rescan() {
                *rescan = true;
            }
            // Opening or reading a file changes nothing.
            if matches!(event.kind, notify::EventKind::Access(_)) {
                return;
            }
            paths.extend(event.paths);
        }
        Err(_) => *rescan = true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, EventKind, ModifyKind};

    fn event(kind: EventKind) -> notify::Result<notify::Event> {
        Ok(notify::Event::new(kind).add_path(PathBuf::from("/site/content/challenges/a.md")))
    }

    #[test]
    fn a_save_waits_less_once_the_file_is_closed() {
        let quiet = Duration::from_millis(15);
        let closed = event(EventKind::Access(AccessKind::Close(AccessMode::Write)));
        assert_eq!(quiet_after(&closed, quiet), AFTER_CLOSE);
        assert!(AFTER_CLOSE < quiet);
        // Still being written, or a file that appeared: the burst may go on.
        for kind in [
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            EventKind::Create(CreateKind::File),
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
        ] {
            assert_eq!(quiet_after(&event(kind), quiet), quiet);
        }
        assert_eq!(
            quiet_after(&Err(notify::Error::generic("lost")), quiet),
            quiet
        );
    }
}
