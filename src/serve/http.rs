//! The preview's HTTP side (axum): the site's files from memory, each HTML page with the live
//! reload script added, and the site's state as Server-Sent Events.
//!
//! Only files of the built site can be served: a request names a key of the in-memory map or
//! gets 404, so no path (`..`, `%2e%2e`, backslashes, absolute paths) can reach the disk. Only
//! requests for the preview's own names are answered ([`hosts`](super::hosts)).

use super::hosts::{AllowedHosts, Refusal};
use super::{Reporter, Shared, Status};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::collections::HashSet;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use tokio::sync::watch;

/// The preview's own addresses live under this prefix, which no page of a site can have (ids
/// are lowercase letters, digits and hyphens).
const PREFIX: &str = "/__brobygger/";

const SCRIPT: &str = include_str!("live.js");

/// How many refused names the terminal is told about: enough to see a mistake, too few for a
/// flood of names to flood the terminal.
const REFUSALS_TOLD: usize = 16;

#[derive(Clone)]
struct App {
    shared: Arc<Shared>,
    stop: watch::Receiver<bool>,
    hosts: Arc<AllowedHosts>,
    report: Reporter,
    /// The names refused so far, each told once.
    refused: Arc<Mutex<HashSet<String>>>,
}

/// The preview's routes, answering only requests that `hosts` allows; open event streams end
/// when `stop` turns true.
pub fn router(
    root: std::path::PathBuf,
    shared: Arc<Shared>,
    stop: watch::Receiver<bool>,
    hosts: AllowedHosts,
    report: Reporter,
) -> Router {
    let app = App {
        shared,
        stop,
        hosts: Arc::new(hosts),
        report,
        refused: Arc::default(),
    };
    Router::new()
        .route(&format!("{PREFIX}events"), get(events))
        .route(&format!("{PREFIX}status"), get(status))
        .route(&format!("{PREFIX}live.js"), get(script))
        .merge(super::cms_api::router(root))
        .fallback(file)
        .layer(axum::middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app)
}

/// Refuses requests for other names (DNS rebinding) and other sites' requests for the
/// preview's state, before anything else looks at them.
async fn guard(State(app): State<App>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let own = path.starts_with(PREFIX) || super::cms_api::is_own(path);
    match app.hosts.check(request.uri(), request.headers(), own) {
        Ok(()) => next.run(request).await,
        Err(refusal) => {
            if let Refusal::Name(Some(name)) = &refusal {
                let mut refused = app.refused.lock().unwrap_or_else(|e| e.into_inner());
                if refused.len() < REFUSALS_TOLD && refused.insert(name.clone()) {
                    (app.report)(super::Report::HostRefused(name.clone()));
                }
            }
            let said = refusal.text(app.shared.said_in);
            let mut response = (StatusCode::FORBIDDEN, said).into_response();
            set(
                &mut response,
                header::CONTENT_TYPE,
                "text/plain; charset=utf-8",
            );
            set(&mut response, header::CACHE_CONTROL, "no-store");
            set(&mut response, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
            response
        }
    }
}

/// The site's state now, then each time it changes.
async fn events(State(app): State<App>) -> impl IntoResponse {
    let rx = app.shared.status.subscribe();
    let stream = futures_util::stream::unfold(
        (rx, app.stop, true),
        |(mut rx, mut stop, first)| async move {
            if !first {
                tokio::select! {
                    changed = rx.changed() => changed.ok()?,
                    _ = stop.wait_for(|s| *s) => return None,
                }
            }
            let status: Arc<Status> = rx.borrow_and_update().clone();
            let data = serde_json::to_string(&*status).unwrap_or_default();
            let mut event = Event::default().event("state").data(data);
            if first {
                // After a restart of serve, pages find it again within a second.
                event = event.retry(std::time::Duration::from_millis(1000));
            }
            Some((Ok::<_, Infallible>(event), (rx, stop, false)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn status(State(app): State<App>) -> Response {
    let status = app.shared.status.borrow().clone();
    let mut response = serde_json::to_string(&*status)
        .unwrap_or_default()
        .into_response();
    set(&mut response, header::CONTENT_TYPE, "application/json");
    set(&mut response, header::CACHE_CONTROL, "no-store");
    response
}

async fn script() -> Response {
    let mut response = SCRIPT.into_response();
    set(
        &mut response,
        header::CONTENT_TYPE,
        "text/javascript; charset=utf-8",
    );
    set(&mut response, header::CACHE_CONTROL, "no-store");
    response
}

async fn file(State(app): State<App>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let shared = &app.shared;
    let generation = shared.status.borrow().generation.clone();
    let files = shared.files.read().unwrap_or_else(|e| e.into_inner());
    if files.is_empty() {
        // No good build yet: a page that only shows the errors, and reloads once they are fixed.
        let page = format!(
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>brobygger</title></head><body></body></html>",
            shared.language
        );
        return page_response(
            StatusCode::SERVICE_UNAVAILABLE,
            "x.html",
            page.as_bytes(),
            &generation,
        );
    }
    let Some(key) = site_path(uri.path()) else {
        return not_found(&files, &generation, shared.said_in);
    };
    if let Some(bytes) = files.get(&key) {
        return page_response(StatusCode::OK, &key, bytes, &generation);
    }
    // A folder asked for without its slash: relative links need it.
    if !key.ends_with("index.html") && files.contains_key(&format!("{key}/index.html")) {
        let mut response = StatusCode::PERMANENT_REDIRECT.into_response();
        if let Ok(location) = HeaderValue::from_str(&format!("{}/", uri.path())) {
            response.headers_mut().insert(header::LOCATION, location);
        }
        return response;
    }
    not_found(&files, &generation, shared.said_in)
}

/// The key of the file a request path names, or `None` for a path that tries to leave the
/// site: `..` or `.` segments (also percent-encoded), backslashes, NUL, a drive letter; and
/// for an encoded slash (`/partners%2f`), which would serve a folder's page under an address
/// whose relative links lead elsewhere.
fn site_path(raw: &str) -> Option<String> {
    if raw.to_ascii_lowercase().contains("%2f") {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    let path = decoded.strip_prefix('/')?;
    if path.contains(['\\', '\0', ':']) || path.starts_with('/') {
        return None;
    }
    if path
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return None;
    }
    if path.is_empty() || path.ends_with('/') {
        Some(format!("{path}index.html"))
    } else {
        Some(path.to_string())
    }
}

fn not_found(
    files: &crate::live::Files,
    generation: &str,
    language: crate::base::Language,
) -> Response {
    match files.get("404.html") {
        Some(page) => page_response(StatusCode::NOT_FOUND, "404.html", page, generation),
        None => {
            let said = crate::base::messages::PreviewText::NotFound.text(language);
            (StatusCode::NOT_FOUND, said).into_response()
        }
    }
}

fn page_response(status: StatusCode, key: &str, bytes: &[u8], generation: &str) -> Response {
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let body = if is_html {
        Body::from(with_script(bytes, generation))
    } else {
        Body::from(bytes.to_vec())
    };
    let mut response = (status, body).into_response();
    let content_type = match mime.essence_str() {
        "text/html"
        | "text/css"
        | "text/plain"
        | "text/csv"
        | "text/xml"
        | "application/xml"
        | "application/json"
        | "image/svg+xml"
        | "application/atom+xml" => {
            format!("{}; charset=utf-8", mime.essence_str())
        }
        "application/javascript" | "text/javascript" => "text/javascript; charset=utf-8".into(),
        other => other.to_string(),
    };
    set(&mut response, header::CONTENT_TYPE, &content_type);
    // A preview must never show yesterday's page from the browser's cache.
    set(&mut response, header::CACHE_CONTROL, "no-store");
    set(&mut response, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    response
}

/// The page with the live reload script added before `</body>` (at the end if it has none).
fn with_script(html: &[u8], generation: &str) -> Vec<u8> {
    let tag = format!("<script src=\"{PREFIX}live.js\" data-generation=\"{generation}\"></script>");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn set(response: &mut Response, name: header::HeaderName, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc/passwd",
            "/partners/..%2f..%2fsecret",
            "/partners/%5c..%5csecret",
            "/..\\secret",
            "//etc/passwd",
            "/C:/Windows/win.ini",
            "/./index.html",
            "/a/%00",
            "/%ff",
            "/partners%2f",
            "/partners%2F",
            "/partners%2fvive%2f",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/partners/vive/").as_deref(),
            Some("partners/vive/index.html")
        );
        assert_eq!(
            site_path("/tags/%C3%A6ldre/").as_deref(),
            Some("tags/ældre/index.html")
        );
    }

    #[test]
    fn the_script_goes_before_the_body_ends() {
        let out = with_script(b"<html><body><p>x</p></body></html>", "1-2");
        let out = String::from_utf8(out).unwrap();
        assert!(out.ends_with(
            "<script src=\"/__brobygger/live.js\" data-generation=\"1-2\"></script></body></html>"
        ));
    }
}
