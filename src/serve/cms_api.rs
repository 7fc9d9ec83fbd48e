//! The editing forms under `serve`: `/admin/` (Decap CMS, configured for this preview) and
//! Decap's local-backend protocol at `/api/v1`, the one `decap-server` speaks (POST
//! `{action, params}`), so a facilitator edits through forms with no Node.
//!
//! Writes reach only `content/**.md` and the media folder, by paths of plain segments (no
//! `..`, no hidden or linked folders). Every save and deletion is first tried on a copy of the
//! site and checked like `build`: one that adds an error is refused with the located error, and
//! the site's files stay as they were.

use crate::base::diagnostic::{Diagnostics, Severity, render_in};
use crate::base::messages::{CmsText, PreviewText, SystemError};
use crate::base::{Date, Language};
use crate::cms::{Backend, MEDIA_FOLDER};
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The largest request: a picture of a few megabytes, in base64.
const MAX_REQUEST: usize = 16 * 1024 * 1024;
/// The largest entry a form may save.
const MAX_ENTRY: usize = 1024 * 1024;

/// Whether `path` is one of these routes: they take the preview's own-address checks, so no
/// other site's page can call them.
pub fn is_own(path: &str) -> bool {
    path == "/api/v1" || path.starts_with("/admin/") || path == "/admin"
}

#[derive(Clone)]
struct Api {
    root: Arc<PathBuf>,
    /// One change at a time: each is checked against the site as the one before left it.
    changing: Arc<Mutex<()>>,
}

/// The routes, for the site in `root`.
pub fn router<S: Clone + Send + Sync + 'static>(root: PathBuf) -> Router<S> {
    let api = Api {
        root: Arc::new(root),
        changing: Arc::default(),
    };
    Router::new()
        .route("/admin", get(admin_redirect))
        .route("/admin/", get(admin_index))
        .route("/admin/index.html", get(admin_index))
        .route("/admin/config.yml", get(admin_config))
        .route("/admin/decap-cms.js", get(admin_bundle))
        .route("/api/v1", post(api_call))
        .layer(DefaultBodyLimit::max(MAX_REQUEST))
        .with_state(api)
}

fn settings(root: &Path) -> Option<crate::config::Config> {
    crate::load::read_config(root).ok()
}

fn no_store(mut response: Response, kind: &str) -> Response {
    let h = response.headers_mut();
    if let Ok(v) = kind.parse() {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        "no-store".parse().expect("a header value"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        "nosniff".parse().expect("a header value"),
    );
    response
}

async fn admin_redirect() -> Response {
    let mut r = StatusCode::PERMANENT_REDIRECT.into_response();
    r.headers_mut()
        .insert(header::LOCATION, "/admin/".parse().expect("a header value"));
    r
}

async fn admin_index(State(api): State<Api>) -> Response {
    let language = settings(&api.root).map_or(Language::before_settings(), |c| c.language);
    if !api.root.join("admin").join(crate::cms::BUNDLE).is_file() {
        let page = crate::cms::bundle_missing_html(language);
        return no_store(
            (StatusCode::SERVICE_UNAVAILABLE, page).into_response(),
            "text/html; charset=utf-8",
        );
    }
    no_store(
        crate::cms::index_html(language).into_response(),
        "text/html; charset=utf-8",
    )
}

/// The config with `local_backend.url` set to the address this page was asked for: the host
/// was checked by the guard, and Decap refuses a relative URL.
async fn admin_config(State(api): State<Api>, headers: HeaderMap) -> Response {
    let Some(config) = settings(&api.root) else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let backend = Backend::Local {
        url: format!("http://{host}/api/v1"),
    };
    no_store(
        crate::cms::config_text(&config, &backend).into_response(),
        "text/yaml; charset=utf-8",
    )
}

/// The Decap bundle `brobygger cms` put into the site's `admin/`.
async fn admin_bundle(State(api): State<Api>) -> Response {
    match std::fs::read(api.root.join("admin").join(crate::cms::BUNDLE)) {
        Ok(bytes) => no_store(bytes.into_response(), "text/javascript; charset=utf-8"),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// A refusal as decap-server words one: `{error}`, which Decap shows in the form.
fn refuse(status: StatusCode, error: impl Into<String>) -> Response {
    json_response(status, &json!({ "error": error.into() }))
}

fn json_response(status: StatusCode, value: &Value) -> Response {
    no_store(
        (status, value.to_string()).into_response(),
        "application/json; charset=utf-8",
    )
}

async fn api_call(State(api): State<Api>, body: axum::body::Bytes) -> Response {
    let Ok(call) = serde_json::from_slice::<Value>(&body) else {
        let language = settings(&api.root).map_or(Language::before_settings(), |c| c.language);
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            CmsText::NotJson.text(language),
        );
    };
    let api2 = api.clone();
    match tokio::task::spawn_blocking(move || answer(&api2, &call)).await {
        Ok(Ok(value)) => json_response(StatusCode::OK, &value),
        Ok(Err((status, error))) => refuse(status, error),
        Err(_) => {
            let language = settings(&api.root).map_or(Language::before_settings(), |c| c.language);
            refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                PreviewText::EditFailed.text(language),
            )
        }
    }
}

type Answer = Result<Value, (StatusCode, String)>;

fn bad(what: impl Into<String>) -> (StatusCode, String) {
    (StatusCode::UNPROCESSABLE_ENTITY, what.into())
}

fn text<'a>(params: &'a Value, key: &str, l: Language) -> Result<&'a str, (StatusCode, String)> {
    params[key].as_str().ok_or_else(|| missing(key, l))
}

fn missing(name: &str, l: Language) -> (StatusCode, String) {
    bad(CmsText::MissingParameter { name: name.into() }.text(l))
}

fn answer(api: &Api, call: &Value) -> Answer {
    let root: &Path = &api.root;
    let l = settings(root).map_or(Language::before_settings(), |c| c.language);
    let params = &call["params"];
    match call["action"].as_str().unwrap_or_default() {
        "info" => Ok(json!({
            "repo": root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            "publish_modes": ["simple"],
            "type": "local_fs",
        })),
        "entriesByFolder" => {
            let folder = text(params, "folder", l)?;
            let extension = params["extension"].as_str().unwrap_or("md");
            let depth = params["depth"].as_u64().unwrap_or(1).min(8) as usize;
            let folder = checked(root, folder, Area::Folder, l)?;
            let files = list(root, &folder, extension, depth);
            Ok(files.iter().map(|p| entry(root, p, None)).collect())
        }
        "entriesByFiles" => {
            let files = params["files"]
                .as_array()
                .ok_or_else(|| missing("files", l))?;
            let mut out = Vec::new();
            for f in files {
                let path = f["path"]
                    .as_str()
                    .ok_or_else(|| missing("files[].path", l))?;
                let path = checked(root, path, Area::Entry, l)?;
                out.push(entry(root, &path, f["label"].as_str()));
            }
            Ok(Value::Array(out))
        }
        "getEntry" => {
            let path = checked(root, text(params, "path", l)?, Area::Entry, l)?;
            Ok(entry(root, &path, None))
        }
        "persistEntry" => persist(api, params, l),
        "getMedia" => {
            let folder = checked(root, text(params, "mediaFolder", l)?, Area::Media, l)?;
            let files = list(root, &folder, "", 1);
            Ok(files.iter().filter_map(|p| media(root, p)).collect())
        }
        "getMediaFile" => {
            let path = checked(root, text(params, "path", l)?, Area::Media, l)?;
            media(root, &path)
                .ok_or_else(|| bad(PreviewText::NoMediaFile { path: path.clone() }.text(l)))
        }
        "persistMedia" => {
            let asset = &params["asset"];
            let path = checked(root, text(asset, "path", l)?, Area::Media, l)?;
            let bytes = decode(asset, l)?;
            let _one = api.changing.lock().unwrap_or_else(|e| e.into_inner());
            write(root, &path, &bytes)?;
            media(root, &path)
                .ok_or_else(|| bad(PreviewText::NoMediaFile { path: path.clone() }.text(l)))
        }
        "deleteFile" => {
            let path = text(params, "path", l)?.to_string();
            delete(api, &[path], l)
        }
        "deleteFiles" => {
            let paths: Vec<String> = params["paths"]
                .as_array()
                .ok_or_else(|| missing("paths", l))?
                .iter()
                .map(|p| {
                    p.as_str()
                        .map(String::from)
                        .ok_or_else(|| missing("paths[]", l))
                })
                .collect::<Result<_, _>>()?;
            delete(api, &paths, l)
        }
        "getDeployPreview" => Ok(Value::Null),
        other => Err(bad(CmsText::UnknownAction {
            action: other.into(),
        }
        .text(l))),
    }
}

/// What a path may name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Area {
    /// A folder of entries under `content/`.
    Folder,
    /// A Markdown file under `content/`.
    Entry,
    /// The media folder or a file in it.
    Media,
    /// An entry or a media file (what may be deleted).
    Any,
}

/// `path` if it names something in `area` by plain segments, and no folder on the way is a
/// link; else the refusal.
fn checked(
    root: &Path,
    path: &str,
    area: Area,
    l: Language,
) -> Result<String, (StatusCode, String)> {
    let refused = || {
        let path = path.escape_debug().to_string();
        bad(CmsText::PathRefused {
            path,
            media: MEDIA_FOLDER.into(),
        }
        .text(l))
    };
    let plain = |s: &str| {
        !s.is_empty()
            && !s.starts_with('.')
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    };
    let trimmed = path.trim_end_matches('/');
    if trimmed.len() > 400 || !trimmed.split('/').all(plain) {
        return Err(refused());
    }
    let in_content = trimmed.starts_with("content/") || trimmed == "content";
    let in_media = trimmed == MEDIA_FOLDER || trimmed.starts_with(&format!("{MEDIA_FOLDER}/"));
    let is_md = trimmed.ends_with(".md");
    let ok = match area {
        Area::Folder => in_content,
        Area::Entry => in_content && is_md,
        Area::Media => in_media,
        Area::Any => (in_content && is_md) || (in_media && trimmed != MEDIA_FOLDER),
    };
    if !ok {
        return Err(refused());
    }
    let mut at = root.to_path_buf();
    for segment in trimmed.split('/') {
        at.push(segment);
        if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(refused());
        }
    }
    Ok(trimmed.to_string())
}

/// The files under `folder` ending in `.extension`, at most `depth` folders down.
fn list(root: &Path, folder: &str, extension: &str, depth: usize) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(root.join(folder))
        .max_depth(depth.max(1))
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| extension.is_empty() || e.path().extension().is_some_and(|x| x == extension))
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .ok()?
                .to_str()?
                .replace('\\', "/");
            (!rel.split('/').any(|s| s.starts_with('.'))).then_some(rel)
        })
        .collect();
    out.sort();
    out
}

/// A version id for a file's bytes (Decap compares them, it does not check them).
fn version(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}{:08x}", bytes.len())
}

fn entry(root: &Path, path: &str, label: Option<&str>) -> Value {
    match std::fs::read(root.join(path)) {
        Ok(bytes) => json!({
            "data": String::from_utf8_lossy(&bytes),
            "file": {"path": path, "label": label, "id": version(&bytes)},
        }),
        Err(_) => json!({"data": null, "file": {"path": path, "label": label, "id": null}}),
    }
}

fn media(root: &Path, path: &str) -> Option<Value> {
    let bytes = std::fs::read(root.join(path)).ok()?;
    Some(json!({
        "id": version(&bytes),
        "content": base64::engine::general_purpose::STANDARD.encode(&bytes),
        "encoding": "base64",
        "path": path,
        "name": path.rsplit('/').next().unwrap_or(path),
    }))
}

fn decode(asset: &Value, l: Language) -> Result<Vec<u8>, (StatusCode, String)> {
    let content = text(asset, "content", l)?;
    match asset["encoding"].as_str() {
        Some("base64") => base64::engine::general_purpose::STANDARD
            .decode(content)
            .map_err(|_| bad(CmsText::NotBase64.text(l))),
        _ => Ok(content.as_bytes().to_vec()),
    }
}

/// Writes a file whole: into a hidden file beside it, then renamed over it, so the preview
/// never reads half of it.
fn write(root: &Path, path: &str, bytes: &[u8]) -> Result<(), (StatusCode, String)> {
    let target = root.join(path);
    let failed = |e: std::io::Error| {
        let language = settings(root).map_or(Language::before_settings(), |c| c.language);
        let said = SystemError::from(e).text(language);
        (StatusCode::INTERNAL_SERVER_ERROR, format!("{path}: {said}"))
    };
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir).map_err(failed)?;
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = target.with_file_name(format!(".{name}.brobygger-cms"));
    std::fs::write(&temporary, bytes).map_err(failed)?;
    std::fs::rename(&temporary, &target).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        failed(e)
    })
}

/// One change to the site's files: a path and its new bytes, or `None` to delete it.
type Change = (String, Option<Vec<u8>>);

fn persist(api: &Api, params: &Value, l: Language) -> Answer {
    let root: &Path = &api.root;
    let entry = &params["entry"];
    let files: Vec<&Value> = match params["dataFiles"].as_array() {
        Some(list) => list.iter().collect(),
        None => vec![entry],
    };
    let mut changes: Vec<Change> = Vec::new();
    for file in files {
        let path = checked(root, text(file, "path", l)?, Area::Entry, l)?;
        let raw = text(file, "raw", l)?;
        if raw.len() > MAX_ENTRY {
            return Err(bad(CmsText::EntryTooLarge {
                path,
                bytes: MAX_ENTRY,
            }
            .text(l)));
        }
        match file["newPath"].as_str() {
            Some(new) => {
                let new = checked(root, new, Area::Entry, l)?;
                changes.push((path, None));
                changes.push((new, Some(raw.as_bytes().to_vec())));
            }
            None => changes.push((path, Some(raw.as_bytes().to_vec()))),
        }
    }
    for asset in params["assets"].as_array().into_iter().flatten() {
        let path = checked(root, text(asset, "path", l)?, Area::Media, l)?;
        changes.push((path, Some(decode(asset, l)?)));
    }
    let _one = api.changing.lock().unwrap_or_else(|e| e.into_inner());
    refuse_breaking(root, &changes)?;
    apply(root, &changes)?;
    Ok(json!({"message": "entry persisted"}))
}

fn delete(api: &Api, paths: &[String], l: Language) -> Answer {
    let root: &Path = &api.root;
    let mut changes: Vec<Change> = Vec::new();
    for p in paths {
        changes.push((checked(root, p, Area::Any, l)?, None));
    }
    let _one = api.changing.lock().unwrap_or_else(|e| e.into_inner());
    refuse_breaking(root, &changes)?;
    apply(root, &changes)?;
    let names: Vec<&str> = changes.iter().map(|(p, _)| p.as_str()).collect();
    Ok(json!({"message": format!("deleted files {}", names.join(", "))}))
}

fn apply(root: &Path, changes: &[Change]) -> Result<(), (StatusCode, String)> {
    for (path, bytes) in changes {
        match bytes {
            Some(b) => write(root, path, b)?,
            None => match std::fs::remove_file(root.join(path)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err((StatusCode::INTERNAL_SERVER_ERROR, format!("{path}: {e}")));
                }
                _ => {}
            },
        }
    }
    Ok(())
}

/// The errors `check` finds in the site in `root`, by file and message.
fn errors(root: &Path) -> (BTreeSet<(String, String)>, Diagnostics) {
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
fn refuse_breaking(root: &Path, changes: &[Change]) -> Result<(), (StatusCode, String)> {
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
fn tempfile_dir() -> std::io::Result<PathBuf> {
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
fn copy_site(root: &Path, to: &Path) -> std::io::Result<()> {
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
