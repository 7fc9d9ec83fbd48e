//! The preview's connections, kept few and short-lived so that a flood of idle or slow clients
//! (slowloris) cannot use up the process's file descriptors and lock the facilitator out.
//!
//! - A connection must send a whole request head within [`Limits::header_timeout`] of opening,
//!   and of its last answer (keep-alive), or it is closed. A head sent a byte at a time does
//!   not stretch the deadline.
//! - At most [`Limits::max_connections`] are open at once. When they are all open, the one that
//!   has waited longest for a request is closed (with a few more of the longest waiting, so a
//!   flood does not make every new connection wait for a close) to make room; a connection
//!   that is being answered (a page being sent, the live reload's event stream) is never
//!   closed for room. When every connection is being answered, the new one is closed at once.
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
    /// Requests whose answer is not yet wholly sent.
    busy: AtomicUsize,
    /// When it last had nothing to answer, in milliseconds since the server started.
    idle_since: AtomicU64,
    started: Instant,
    /// Closes it to make room.
    close: Notify,
}

impl Connection {
    fn now(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
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

    /// Closes up to `count` of the connections that have waited longest for a request; false
    /// when every connection is being answered.
    fn close_longest_idle(&self, count: usize) -> bool {
        let mut open = self.lock();
        // (idle since, id): the longest waiting first.
        let mut idle: Vec<(u64, u64)> = open
            .iter()
            .filter(|(_, c)| c.busy.load(Ordering::Acquire) == 0)
            .map(|(id, c)| (c.idle_since.load(Ordering::Relaxed), *id))
            .collect();
        if idle.is_empty() {
            return false;
        }
        let count = count.clamp(1, idle.len());
        idle.select_nth_unstable(count - 1);
        for (_, id) in &idle[..count] {
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
        let served = http.serve_connection(TokioIo::new(stream), service);
        let pool = Arc::clone(&pool);
        let mut stop = stop.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let mut served = std::pin::pin!(served);
            let mut stopping = false;
            loop {
                tokio::select! {
                    _ = served.as_mut() => break,
                    () = connection.close.notified() => break,
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
            Ok(response.map(|body| Answer { body, _busy: busy }))
        })
    }
}

/// Marks its connection busy from the request until the answer's body is sent or dropped.
struct Busy(Arc<Connection>);

impl Busy {
    fn start(connection: Arc<Connection>) -> Busy {
        connection.busy.fetch_add(1, Ordering::AcqRel);
        Busy(connection)
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        let connection = &self.0;
        connection
            .idle_since
            .store(connection.now(), Ordering::Relaxed);
        connection.busy.fetch_sub(1, Ordering::AcqRel);
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
