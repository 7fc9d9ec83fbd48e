//! The preview's connections, kept few and short-lived so that a flood of idle or slow clients
//! (slowloris) cannot use up the process's file descriptors and lock the facilitator out.
//!
//! - A connection must send a whole request head within [`Limits::header_timeout`] of opening,
//!   and of its last answer (keep-alive), or it is closed. A head sent a byte at a time does
//!   not stretch the deadline.
//! - A connection that takes none of its answer for as long (a client that asks and never
//!   reads, many requests sent at once so that the answers fill every buffer) is closed too.
//! - At most [`Limits::max_connections`] are open at once. When they are all open, the one that
//!   has waited longest for a request is closed (with a few more of the longest waiting, so a
//!   flood does not make every new connection wait for a close) to make room. A connection
//!   whose answer is being sent is never closed for room. Event streams (the live reload's)
//!   are closed for room only when no connection is idle, the oldest first: an open page
//!   reconnects within a second, and a flood of streams cannot fill the preview. When every
//!   connection is sending a page, the new one is closed at once.
//!
//! `axum::serve` offers no timeouts and no limit, so hyper serves each connection directly.

use axum::Router;
use axum::body::{Body, Bytes};
use http_body::{Frame, SizeHint};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::sync::{Notify, Semaphore, watch};

/// How long a connection may take to send a request head, and stay idle between requests.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// The most connections open at once (fewer when the process may open few files).
pub const MAX_CONNECTIONS: usize = 512;

/// A request head larger than this closes the connection (a browser's is a few kB).
const MAX_HEAD: usize = 64 * 1024;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub header_timeout: Duration,
    pub max_connections: usize,
}

impl Limits {
    /// The defaults, with at most half the files this process may open as connections, so
    /// rebuilds can always read the site. `BROBYGGER_SERVE_TIMEOUT_MS` shortens the timeout
    /// (the tests use it to see connections closed within seconds).
    pub fn for_this_process() -> Limits {
        let header_timeout = std::env::var("BROBYGGER_SERVE_TIMEOUT_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .filter(|ms| *ms > 0)
            .map_or(HEADER_TIMEOUT, Duration::from_millis);
        let max_connections =
            open_files_limit().map_or(MAX_CONNECTIONS, |n| (n / 2).clamp(16, MAX_CONNECTIONS));
        Limits {
            header_timeout,
            max_connections,
        }
    }
}

#[cfg(unix)]
fn open_files_limit() -> Option<usize> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes into the struct it is given, which lives on this stack.
    let ok = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0;
    (ok && limit.rlim_cur != libc::RLIM_INFINITY)
        .then(|| usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX))
}

#[cfg(not(unix))]
fn open_files_limit() -> Option<usize> {
    None
}

/// One open connection, as the accept loop sees it.
struct Connection {
    /// Requests whose answer is not yet wholly sent, event streams aside.
    busy: AtomicUsize,
    /// Event streams being sent.
    streams: AtomicUsize,
    /// When it last had nothing to answer, or began an event stream, in milliseconds since
    /// the server started.
    idle_since: AtomicU64,
    started: Instant,
    /// Since when the client has taken none of what is ready for it ([`NOT_BLOCKED`] when it
    /// takes it), in milliseconds since the server started.
    blocked_since: AtomicU64,
    /// Closes it to make room.
    close: Notify,
}

const NOT_BLOCKED: u64 = u64::MAX;

impl Connection {
    fn now(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX - 1)
    }

    fn note_write(&self, blocked: bool) {
        if blocked {
            let _ = self.blocked_since.compare_exchange(
                NOT_BLOCKED,
                self.now(),
                Ordering::Relaxed,
                Ordering::Relaxed,
            );
        } else {
            self.blocked_since.store(NOT_BLOCKED, Ordering::Relaxed);
        }
    }

    fn blocked_longer_than(&self, limit: Duration) -> bool {
        let since = self.blocked_since.load(Ordering::Relaxed);
        since != NOT_BLOCKED && self.now().saturating_sub(since) > limit.as_millis() as u64
    }
}

/// The open connections.
struct Pool {
    started: Instant,
    next: AtomicU64,
    open: Mutex<HashMap<u64, Arc<Connection>>>,
}

impl Pool {
    fn add(&self) -> (u64, Arc<Connection>) {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let connection = Arc::new(Connection {
            busy: AtomicUsize::new(0),
            streams: AtomicUsize::new(0),
            blocked_since: AtomicU64::new(NOT_BLOCKED),
            idle_since: AtomicU64::new(0),
            started: self.started,
            close: Notify::new(),
        });
        connection
            .idle_since
            .store(connection.now(), Ordering::Relaxed);
        self.lock().insert(id, Arc::clone(&connection));
        (id, connection)
    }

    fn remove(&self, id: u64) {
        self.lock().remove(&id);
    }

    /// Closes up to `count` of the connections that have waited longest for a request, or
    /// when none is idle, the oldest event streams; false when every connection is sending an
    /// answer.
    fn close_longest_idle(&self, count: usize) -> bool {
        let mut open = self.lock();
        // (streaming, idle since, id): idle ones first, the longest waiting first.
        let mut idle: Vec<(bool, u64, u64)> = open
            .iter()
            .filter(|(_, c)| c.busy.load(Ordering::Acquire) == 0)
            .map(|(id, c)| {
                let streaming = c.streams.load(Ordering::Acquire) > 0;
                (streaming, c.idle_since.load(Ordering::Relaxed), *id)
            })
            .collect();
        if idle.is_empty() {
            return false;
        }
        let count = count.clamp(1, idle.len());
        idle.select_nth_unstable(count - 1);
        for (_, _, id) in &idle[..count] {
            if let Some(connection) = open.remove(id) {
                connection.close.notify_one();
            }
        }
        true
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Connection>>> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Serves `router` on `listener` until `stop` turns true.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    limits: Limits,
    mut stop: watch::Receiver<bool>,
) -> std::io::Result<()> {
    let pool = Arc::new(Pool {
        started: Instant::now(),
        next: AtomicU64::new(0),
        open: Mutex::new(HashMap::new()),
    });
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(MAX_HEAD);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.wait_for(|s| *s) => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) if is_one_connections_error(&e) => continue,
            Err(_) => {
                // Out of file descriptors (other parts of the process hold them): make room,
                // and wait a moment rather than spin.
                pool.close_longest_idle(1);
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let permit = match Arc::clone(&permits).try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                // A few at once, so that a flood does not make every accept wait for a close.
                if !pool.close_longest_idle(limits.max_connections / 16) {
                    continue;
                }
                let room = Arc::clone(&permits).acquire_owned();
                match tokio::time::timeout(Duration::from_secs(1), room).await {
                    Ok(Ok(permit)) => permit,
                    _ => continue,
                }
            }
        };
        let _ = stream.set_nodelay(true);
        let (id, connection) = pool.add();
        let service = Service {
            router: router.clone(),
            connection: Arc::clone(&connection),
        };
        let io = Watched {
            io: stream,
            connection: Arc::clone(&connection),
        };
        let served = http.serve_connection(TokioIo::new(io), service);
        let pool = Arc::clone(&pool);
        let mut stop = stop.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let mut served = std::pin::pin!(served);
            let mut stopping = false;
            let mut check = tokio::time::interval(limits.header_timeout / 4);
            check.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = served.as_mut() => break,
                    () = connection.close.notified() => break,
                    _ = check.tick() => {
                        if connection.blocked_longer_than(limits.header_timeout) {
                            break;
                        }
                    }
                    _ = stop.wait_for(|s| *s), if !stopping => {
                        stopping = true;
                        served.as_mut().graceful_shutdown();
                    }
                }
            }
            pool.remove(id);
        });
    }
    // Answers under way get a moment to finish.
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(Duration::from_secs(2), permits.acquire_many(all)).await;
    Ok(())
}

/// An error of one connection (it went away before it was accepted), not of the listener.
fn is_one_connections_error(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionReset
    )
}

/// The router, counting the answers of one connection under way.
#[derive(Clone)]
struct Service {
    router: Router,
    connection: Arc<Connection>,
}

impl hyper::service::Service<hyper::Request<Incoming>> for Service {
    type Response = hyper::Response<Answer>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn call(&self, request: hyper::Request<Incoming>) -> Self::Future {
        let busy = Busy::start(Arc::clone(&self.connection));
        let mut router = self.router.clone();
        let answer = tower_service::Service::call(&mut router, request);
        Box::pin(async move {
            let response = answer.await?;
            let mut busy = busy;
            if response
                .headers()
                .get(axum::http::header::CONTENT_TYPE)
                .is_some_and(|t| t.as_bytes().starts_with(b"text/event-stream"))
            {
                busy.streaming();
            }
            Ok(response.map(|body| Answer { body, _busy: busy }))
        })
    }
}

/// Marks its connection busy from the request until the answer's body is sent or dropped.
struct Busy {
    connection: Arc<Connection>,
    stream: bool,
}

impl Busy {
    fn start(connection: Arc<Connection>) -> Busy {
        connection.busy.fetch_add(1, Ordering::AcqRel);
        Busy {
            connection,
            stream: false,
        }
    }

    /// The answer is an event stream, which lasts as long as the page that asked for it.
    fn streaming(&mut self) {
        let connection = &self.connection;
        connection
            .idle_since
            .store(connection.now(), Ordering::Relaxed);
        connection.streams.fetch_add(1, Ordering::AcqRel);
        connection.busy.fetch_sub(1, Ordering::AcqRel);
        self.stream = true;
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        let connection = &self.connection;
        connection
            .idle_since
            .store(connection.now(), Ordering::Relaxed);
        let count = if self.stream {
            &connection.streams
        } else {
            &connection.busy
        };
        count.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A response body that keeps its connection marked busy while it is sent.
struct Answer {
    body: Body,
    _busy: Busy,
}

impl http_body::Body for Answer {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// The connection's socket, noting when the client stops taking what is sent to it.
struct Watched {
    io: tokio::net::TcpStream,
    connection: Arc<Connection>,
}

impl tokio::io::AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_read(cx, buf)
    }
}

impl tokio::io::AsyncWrite for Watched {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.io).poll_write(cx, buf);
        this.connection.note_write(written.is_pending());
        written
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.io).poll_write_vectored(cx, bufs);
        this.connection.note_write(written.is_pending());
        written
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }
}
