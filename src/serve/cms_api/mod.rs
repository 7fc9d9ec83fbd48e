//! The editing forms under `serve`: `/admin/` (Decap CMS, configured for this preview) and
//! Decap's local-backend protocol at `/api/v1`, the one `decap-server` speaks (POST
//! `{action, params}`), so a facilitator edits through forms with no Node.
//!
//! Writes reach only `content/**.md` and the media folder, by paths of plain segments (no
//! `..`, no hidden or linked folders). Every save and deletion is first tried on a copy of the
//! site (kept up to date between saves) and checked like `build`: one that adds an error is
//! refused with the located error, and the site's files stay as they were.

use crate::base::Language;
use crate::base::diagnostic::{Diagnostics, Severity, render_in};
use crate::base::messages::{CmsText, PreviewText, SystemError};
use crate::cms::{Backend, MEDIA_FOLDER};
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

mod files;
mod trial;

use files::*;
use trial::*;

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
    /// One change at a time: each is checked against the site as the one before left it, on
    /// the copy the last one was tried on.
    changing: Arc<Mutex<Option<Trial>>>,
    /// New entries saved under `brobygger new`'s id rather than Decap's slug: Decap's path →
    /// the file's, so the form that made one keeps reading and saving the same file.
    renamed: Arc<Mutex<HashMap<String, String>>>,
}

/// The routes, for the site in `root`.
pub fn router<S: Clone + Send + Sync + 'static>(root: PathBuf) -> Router<S> {
    let api = Api {
        root: Arc::new(root),
        changing: Arc::default(),
        renamed: Arc::default(),
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

/// The system's answer when a file cannot be written or removed, in the site's language,
/// after the file's path when there is one.
fn system_failed(root: &Path, path: &str, e: std::io::Error) -> (StatusCode, String) {
    let said = SystemError::from(e).text(language_of(root));
    let text = if path.is_empty() {
        said
    } else {
        format!("{path}: {said}")
    };
    (StatusCode::INTERNAL_SERVER_ERROR, text)
}

/// The site's language for what the forms are told, or the terminal's while site.yaml cannot
/// be read.
fn language_of(root: &Path) -> Language {
    settings(root).map_or(Language::before_settings(), |c| c.language)
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
    let language = language_of(&api.root);
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
    let language = language_of(&api.root);
    match crate::cms::read_admin_file(&api.root, crate::cms::AdminFile::Bundle, language) {
        Ok(Some(bytes)) => no_store(bytes.into_response(), "text/javascript; charset=utf-8"),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(refused) => (StatusCode::FORBIDDEN, refused.to_string()).into_response(),
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
        let language = language_of(&api.root);
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
            let language = language_of(&api.root);
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
    let l = language_of(root);
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
                let path = api.file_of(checked(root, path, Area::Entry, l)?);
                out.push(entry(root, &path, f["label"].as_str()));
            }
            Ok(Value::Array(out))
        }
        "getEntry" => {
            let path = api.file_of(checked(root, text(params, "path", l)?, Area::Entry, l)?);
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

/// One change to the site's files: a path and its new bytes, or `None` to delete it.
pub(super) type Change = (String, Option<Vec<u8>>);

fn persist(api: &Api, params: &Value, l: Language) -> Answer {
    let root: &Path = &api.root;
    let entry = &params["entry"];
    let files: Vec<&Value> = match params["dataFiles"].as_array() {
        Some(list) => list.iter().collect(),
        None => vec![entry],
    };
    let mut changes: Vec<Change> = Vec::new();
    let mut renames = Vec::new();
    for file in files {
        let path = api.file_of(checked(root, text(file, "path", l)?, Area::Entry, l)?);
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
            None => {
                let named = new_entry_path(root, &path, raw, l);
                if named != path {
                    renames.push((path, named.clone()));
                }
                changes.push((named, Some(raw.as_bytes().to_vec())));
            }
        }
    }
    for asset in params["assets"].as_array().into_iter().flatten() {
        let path = checked(root, text(asset, "path", l)?, Area::Media, l)?;
        changes.push((path, Some(decode(asset, l)?)));
    }
    let mut trial = api.changing.lock().unwrap_or_else(|e| e.into_inner());
    try_then_apply(&mut trial, root, &changes)?;
    if let Ok(mut renamed) = api.renamed.lock() {
        renamed.extend(renames);
    }
    Ok(json!({"message": "entry persisted"}))
}

impl Api {
    /// The file a path Decap knows stands for: itself, or the file a new entry saved at it
    /// was given instead (see [`new_entry_path`]) while no file of that name exists.
    fn file_of(&self, path: String) -> String {
        if self.root.join(&path).exists() {
            return path;
        }
        let renamed = self.renamed.lock().unwrap_or_else(|e| e.into_inner());
        renamed.get(&path).cloned().unwrap_or(path)
    }
}

/// Where a save at `path` goes: a new entry of a kind's folder gets the id `brobygger new`
/// would give its title (its name, a quote's text), since Decap's slug spells æ, ø, å and
/// apostrophes differently (docs/editing.md). An existing file, a title that makes no id, or
/// an id already taken keeps Decap's path.
fn new_entry_path(root: &Path, path: &str, raw: &str, l: Language) -> String {
    let keep = || path.to_string();
    if root.join(path).exists() {
        return keep();
    }
    let Some((folder, _)) = path.rsplit_once('/') else {
        return keep();
    };
    let Some(kind) = folder
        .strip_prefix("content/")
        .and_then(crate::base::Kind::from_folder)
    else {
        return keep();
    };
    let Ok((yaml, body)) = crate::load::split_front_matter(path, raw, false, l) else {
        return keep();
    };
    let title = if kind == crate::base::Kind::Quote {
        raw[body..].trim().to_string()
    } else {
        let key = if kind == crate::base::Kind::Partner {
            "name"
        } else {
            "title"
        };
        let fields: Result<serde_json::Map<String, Value>, _> =
            crate::base::yaml::parse_in(path, raw, yaml, &[], l);
        match fields
            .ok()
            .and_then(|f| f.get(key)?.as_str().map(String::from))
        {
            Some(title) => title,
            None => return keep(),
        }
    };
    let id = crate::new::id_of(kind, &title, l);
    let named = format!("{folder}/{id}.md");
    if id.is_empty() || root.join(&named).exists() {
        return keep();
    }
    named
}

fn delete(api: &Api, paths: &[String], l: Language) -> Answer {
    let root: &Path = &api.root;
    let mut changes: Vec<Change> = Vec::new();
    for p in paths {
        changes.push((checked(root, p, Area::Any, l)?, None));
    }
    let mut trial = api.changing.lock().unwrap_or_else(|e| e.into_inner());
    try_then_apply(&mut trial, root, &changes)?;
    let names: Vec<&str> = changes.iter().map(|(p, _)| p.as_str()).collect();
    Ok(json!({"message": format!("deleted files {}", names.join(", "))}))
}
