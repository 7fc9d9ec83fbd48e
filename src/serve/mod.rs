//! `brobygger serve`: a live preview for the facilitator. The site is built into memory and
//! served over HTTP on loopback; a watcher rebuilds what an edit touched ([`crate::live`]),
//! and a small script injected into every served page reloads it when the site changed, or
//! lays the errors over it when the site has errors. Nothing is written to disk.
//!
//! The pieces: [`watch`] turns file events into [`Changes`]; the rebuild thread owns the
//! [`LiveSite`]; [`http`] serves the files and the events. What happens is reported to the
//! caller as [`Report`]s, so the command line prints it (this module prints nothing).
//! [`connections`] keeps a flood of clients from locking the facilitator out, and [`hosts`]
//! keeps other web pages from reading the preview.

mod background;
mod cms_api;
mod connections;
mod hosts;
mod http;
mod watch;

pub use connections::{HEADER_TIMEOUT, MAX_CONNECTIONS};
pub use hosts::parse_allowed_host;

use crate::base::Language;
use crate::base::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::base::messages::{CommandText, SystemError};
use crate::live::{Changes, Files, LiveSite, Rebuilt};
use crate::render::RenderOptions;
use serde::Serialize;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    /// Whether the user chose the port: then a taken port is an error, not a reason to move.
    pub port_chosen: bool,
    pub open: bool,
    pub drafts: bool,
    /// Names besides localhost and IP addresses that requests may be addressed to
    /// (`--allow-host`), each checked by [`parse_allowed_host`].
    pub allowed_hosts: Vec<String>,
}

/// What the preview tells its user.
#[derive(Debug)]
pub enum Report {
    /// The address asked for is taken; the preview moved to another port.
    PortTaken {
        wanted: u16,
        got: u16,
    },
    /// Listening on an address other machines can reach.
    Exposed(SocketAddr),
    Serving {
        url: String,
        first: Rebuilt,
    },
    Rebuilt(Rebuilt),
    /// The site has errors: the last good site stays served, with the errors over it.
    Errors(Diagnostics),
    /// How many warnings `check` finds now: told at the start and whenever it changes.
    Warnings(usize),
    /// The browser could not be opened.
    OpenFailed(OpenFailed),
    /// A request for a name the preview does not answer was refused (told once per name).
    HostRefused(String),
    Stopped,
}

/// Why serve could not start.
#[derive(Debug)]
pub enum ServeError {
    /// The port is taken (and was chosen with --port), or cannot be used.
    Bind {
        addr: SocketAddr,
        error: std::io::Error,
    },
    /// The site's folders cannot be watched.
    Watch(SystemError),
    Io(std::io::Error),
}

impl ServeError {
    /// What went wrong, as the line `serve` prints, in `language`.
    pub fn text(&self, language: Language) -> String {
        let said = match self {
            ServeError::Bind { addr, error } if error.kind() == std::io::ErrorKind::AddrInUse => {
                CommandText::PortInUse {
                    port: addr.port(),
                    ip: addr.ip().to_string(),
                    next: addr.port().wrapping_add(1).max(1024),
                }
            }
            ServeError::Bind { addr, error } => CommandText::CannotListen {
                addr: addr.to_string(),
                detail: error.into(),
            },
            ServeError::Watch(e) => CommandText::CannotWatch { detail: e.clone() },
            ServeError::Io(e) => {
                return format!(
                    "{}: {}",
                    crate::base::messages::error_label(language),
                    SystemError::from(e).text(language)
                );
            }
        };
        said.text(language)
    }
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.text(Language::En))
    }
}

/// The browser could not be opened: `detail` is the system's account.
#[derive(Debug)]
pub struct OpenFailed {
    pub url: String,
    pub detail: SystemError,
}

impl OpenFailed {
    pub fn text(&self, language: Language) -> String {
        CommandText::OpenFailed {
            url: self.url.clone(),
            detail: self.detail.clone(),
        }
        .text(language)
    }
}

impl std::error::Error for ServeError {}

/// One error or warning as the browser overlay shows it.
#[derive(Debug, Clone, Serialize)]
struct ErrorView {
    severity: &'static str,
    code: &'static str,
    file: String,
    line: usize,
    column: usize,
    message: String,
    help: Option<String>,
}

impl From<&Diagnostic> for ErrorView {
    fn from(d: &Diagnostic) -> Self {
        ErrorView {
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            code: d.code,
            file: d.file.clone(),
            line: d.line,
            column: d.column,
            message: d.message.clone(),
            help: d.help.clone(),
        }
    }
}

/// What the served pages' script and `/__brobygger/status` see.
#[derive(Debug, Clone, Default, Serialize)]
struct Status {
    /// Changes whenever the served site changed, and with every start of serve: a page whose
    /// generation differs is out of date.
    generation: String,
    errors: Vec<ErrorView>,
    /// The last rebuild: files changed and removed, and how long it took.
    changed: Vec<String>,
    removed: Vec<String>,
    millis: u128,
    /// Whether the search index is still being made after the last rebuild.
    search_pending: bool,
    /// How many rebuilds ran since serve started (the first build included).
    rebuilds: u64,
    /// How many warnings `check` finds in the site's files (`None` until first counted), and
    /// that said in the site's language, for the corner of the page.
    warnings: Option<usize>,
    warnings_note: String,
}

/// What the HTTP side shares with the rebuild thread.
struct Shared {
    files: Arc<RwLock<Files>>,
    status: tokio::sync::watch::Sender<Arc<Status>>,
    /// The site's language, for the page shown before the site first builds.
    language: String,
    /// The same, for what the preview says in the page.
    said_in: Language,
    /// The last count of warnings, kept for every status published after it.
    warnings: std::sync::Mutex<Option<usize>>,
    /// When this serve started: part of every generation, so pages reload after a restart.
    instance: u128,
    rebuilds: std::sync::atomic::AtomicU64,
}

/// How long the watcher waits for a burst of events (an editor's save-and-rename, a `git
/// checkout`) to end before it rebuilds; less once a saved file is closed
/// (`watch::AFTER_CLOSE`).
const QUIET: Duration = Duration::from_millis(15);

/// Where reports go: the command line prints them.
pub type Reporter = Arc<dyn Fn(Report) + Send + Sync>;

/// Builds the site, serves it and rebuilds it on every change until Ctrl-C.
pub fn run(options: ServeOptions, report: Reporter) -> Result<(), ServeError> {
    let root = options.root.canonicalize().map_err(ServeError::Io)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Io)?;
    let listener = runtime.block_on(bind(&options, &*report))?;
    let addr = listener.local_addr().map_err(ServeError::Io)?;
    if !addr.ip().is_loopback() {
        report(Report::Exposed(addr));
    }
    let host = match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".into(),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let url = format!("http://{host}:{}/", addr.port());

    let mut live = LiveSite::new(
        &root,
        options.drafts,
        RenderOptions {
            base_url: Some(url.clone()),
        },
    );
    let first = live.rebuild(&Changes::all());
    let first_for_search = first.clone().ok();
    let first_errors = first.as_ref().err().cloned();
    let said_in = crate::load::settings::language_of(&root);
    let language = said_in.code().to_string();
    let instance = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let shared = Arc::new(Shared {
        files: live.shared_files(),
        status: tokio::sync::watch::channel(Arc::new(Status::default())).0,
        language,
        said_in,
        warnings: std::sync::Mutex::new(None),
        instance,
        rebuilds: std::sync::atomic::AtomicU64::new(1),
    });
    let mut generation = 0u64;
    match &first {
        Ok(rebuilt) => {
            generation += 1;
            shared.publish(generation, Some(rebuilt), None);
        }
        Err(errors) => shared.publish(generation, None, Some(errors)),
    }

    let (events, changes) = std::sync::mpsc::channel();
    let mut watch = watch::Watch::start(&root, events.clone()).map_err(ServeError::Watch)?;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let router = http::router(
        root.clone(),
        Arc::clone(&shared),
        stop_rx.clone(),
        hosts::AllowedHosts::new(&options.allowed_hosts),
        Arc::clone(&report),
    );
    let server = runtime.spawn(connections::serve(
        listener,
        router,
        connections::Limits::for_this_process(),
        stop_rx,
    ));
    match first {
        Ok(first) => report(Report::Serving {
            url: url.clone(),
            first,
        }),
        Err(errors) => {
            report(Report::Serving {
                url: url.clone(),
                first: Rebuilt::default(),
            });
            report(Report::Errors(errors));
        }
    }
    if options.open
        && let Err(detail) = open_browser(&url)
    {
        report(Report::OpenFailed(OpenFailed {
            url: url.clone(),
            detail,
        }));
    }
    let checks = count_warnings(&root, Arc::clone(&shared), Arc::clone(&report));
    let _ = checks.send(Changes::all());

    // The rebuild loop. It is not joined: at Ctrl-C the process ends under it, which is safe
    // because it writes nothing to disk.
    let reporter = Arc::clone(&report);
    let state = Arc::clone(&shared);
    std::thread::spawn(move || {
        let mut last = first_for_search.unwrap_or_default();
        // The errors of the last rebuild, shown until a good one: a search index finishing in
        // between must not clear them.
        let mut current_errors: Option<Diagnostics> = first_errors;
        let mut later = Vec::new();
        // The search index spans every entry and takes longest: it is made on its own thread,
        // one at a time, so the next save is not kept waiting for it.
        let mut searching = false;
        let search = |live: &LiveSite, searching: &mut bool| {
            if *searching {
                return;
            }
            if let Some(job) = live.search_job() {
                *searching = true;
                let done = events.clone();
                std::thread::spawn(move || {
                    let files = background::run(|| job.run());
                    let _ = done.send(watch::Message::Search(job, files));
                });
            }
        };
        search(&live, &mut searching);
        while let Some(next) = watch::next(&changes, &mut later, &root, QUIET) {
            match next {
                watch::Next::Search(job, files) => {
                    searching = false;
                    if live.apply_search(job, files).is_some() {
                        last.search_pending = false;
                        state.publish(generation, Some(&last), current_errors.as_ref());
                    } else {
                        // A rebuild came in between: make the index of the newer site.
                        search(&live, &mut searching);
                    }
                }
                watch::Next::Rebuild(batch) => {
                    if batch.everything || batch.statics {
                        let _ = watch.refresh();
                    }
                    let result = live.rebuild(&batch);
                    state
                        .rebuilds
                        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    match result {
                        Ok(rebuilt) => {
                            if !rebuilt.changed.is_empty() || !rebuilt.removed.is_empty() {
                                generation += 1;
                            }
                            current_errors = None;
                            state.publish(generation, Some(&rebuilt), None);
                            reporter(Report::Rebuilt(rebuilt.clone()));
                            last = rebuilt;
                            search(&live, &mut searching);
                        }
                        Err(errors) => {
                            state.publish(generation, None, Some(&errors));
                            current_errors = Some(errors.clone());
                            reporter(Report::Errors(errors));
                        }
                    }
                    // Counted once the pages are served, in the background.
                    let _ = checks.send(batch);
                }
            }
        }
    });
    runtime.block_on(async {
        let _ = tokio::signal::ctrl_c().await;
    });
    let _ = stop_tx.send(true);
    let _ = runtime.block_on(server);
    report(Report::Stopped);
    Ok(())
}

impl Shared {
    /// Tells every open page what the site is now.
    fn publish(&self, generation: u64, rebuilt: Option<&Rebuilt>, errors: Option<&Diagnostics>) {
        self.status.send_replace(Arc::new(Status {
            rebuilds: self.rebuilds.load(std::sync::atomic::Ordering::Relaxed),
            generation: format!("{}-{generation}", self.instance),
            errors: errors.map_or_else(Vec::new, |d| d.iter().map(ErrorView::from).collect()),
            changed: rebuilt.map_or_else(Vec::new, |r| r.changed.clone()),
            removed: rebuilt.map_or_else(Vec::new, |r| r.removed.clone()),
            millis: rebuilt.map_or(0, |r| r.took.as_millis()),
            search_pending: rebuilt.is_some_and(|r| r.search_pending),
            ..self.warnings_status()
        }));
    }

    /// The warnings' part of the status.
    fn warnings_status(&self) -> Status {
        let warnings = *self.warnings.lock().unwrap_or_else(|e| e.into_inner());
        Status {
            warnings,
            warnings_note: match warnings {
                Some(count) if count > 0 => CommandText::Warnings {
                    count,
                    command: "brobygger check".into(),
                }
                .text(self.said_in),
                _ => String::new(),
            },
            ..Status::default()
        }
    }

    /// Keeps `count` and tells open pages, without touching the rest of their status.
    fn publish_warnings(&self, count: usize) {
        *self.warnings.lock().unwrap_or_else(|e| e.into_inner()) = Some(count);
        let now = self.warnings_status();
        self.status.send_modify(|status| {
            let mut next = Status::clone(status);
            next.warnings = now.warnings;
            next.warnings_note = now.warnings_note;
            *status = Arc::new(next);
        });
    }
}

/// Counts the warnings `check` finds, on a thread of its own, after every change sent to the
/// returned channel: the page is rebuilt and reloaded without waiting for them. Changes sent
/// while a count runs are taken together into the next one; its own pipeline reads again
/// only the files that changed.
fn count_warnings(
    root: &std::path::Path,
    shared: Arc<Shared>,
    report: Reporter,
) -> std::sync::mpsc::Sender<Changes> {
    let (tx, rx) = std::sync::mpsc::channel::<Changes>();
    let mut pipeline = crate::pipeline::Pipeline::new(root, false);
    std::thread::spawn(move || {
        let mut told = None;
        while let Ok(first) = rx.recv() {
            let mut all = vec![first];
            all.extend(rx.try_iter());
            for changes in &all {
                for path in &changes.content {
                    pipeline.cache().invalidate(path);
                }
                if changes.everything {
                    pipeline.cache().rescan();
                }
            }
            // A site with errors has no warnings to count: the last count stands.
            let checked = background::run(|| {
                crate::check::check_with(&mut pipeline, crate::load::Date::today())
            });
            let Ok(warnings) = checked else {
                continue;
            };
            shared.publish_warnings(warnings.len());
            if told != Some(warnings.len()) {
                told = Some(warnings.len());
                report(Report::Warnings(warnings.len()));
            }
        }
    });
    tx
}

/// Listens on the address asked for; a taken default port moves to the next free one.
async fn bind(
    options: &ServeOptions,
    report: &(dyn Fn(Report) + Sync),
) -> Result<tokio::net::TcpListener, ServeError> {
    let tries = if options.port_chosen || options.port == 0 {
        1
    } else {
        10
    };
    let mut last = None;
    for i in 0..tries {
        let port = options.port.saturating_add(i);
        let addr = SocketAddr::new(options.bind, port);
        match listen(addr) {
            Ok(l) => {
                if i > 0 {
                    report(Report::PortTaken {
                        wanted: options.port,
                        got: port,
                    });
                }
                return Ok(l);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some((addr, e)),
            Err(e) => return Err(ServeError::Bind { addr, error: e }),
        }
    }
    let (addr, error) = last.expect("at least one try");
    Err(ServeError::Bind {
        addr: SocketAddr::new(options.bind, options.port),
        error: if tries > 1 {
            std::io::Error::new(
                error.kind(),
                format!("{error} (and the next {} ports)", tries - 1),
            )
        } else {
            let _ = addr;
            error
        },
    })
}

/// How many connections the system may hold for serve before it accepts them: a burst of
/// connections (a flood, or a page with many files) must not make the system drop new ones
/// (a dropped connection is tried again only after a second). The standard is 128.
const BACKLOG: u32 = 1024;

fn listen(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = match addr {
        SocketAddr::V4(_) => tokio::net::TcpSocket::new_v4()?,
        SocketAddr::V6(_) => tokio::net::TcpSocket::new_v6()?,
    };
    // As the standard does on Unix: a restarted serve gets its port back at once. (On
    // Windows this would let another program take the port while serve uses it.)
    #[cfg(not(windows))]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

fn open_browser(url: &str) -> Result<(), SystemError> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(SystemError::from)
}
