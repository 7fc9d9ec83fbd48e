//! The forms API's side of the site's files: which paths a request may name, and reading,
//! listing and writing entries and media by the loading stage's rules.

use super::*;

/// What a path may name.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Area {
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
pub(super) fn checked(
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
pub(super) fn list(root: &Path, folder: &str, extension: &str, depth: usize) -> Vec<String> {
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
pub(super) fn version(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}{:08x}", bytes.len())
}

/// The bytes of a checked path, read as the loading stage reads: a pipe or device is refused
/// at once instead of holding the request open, and nothing larger than `limit` is read.
pub(super) fn read_checked(root: &Path, path: &str, limit: usize) -> Option<Vec<u8>> {
    crate::load::site_folder::SiteFolder::new(root)
        .read(&root.join(path), limit as u64)
        .ok()
}

pub(super) fn entry(root: &Path, path: &str, label: Option<&str>) -> Value {
    match read_checked(root, path, MAX_ENTRY) {
        Some(bytes) => json!({
            "data": members_as_objects(path, &String::from_utf8_lossy(&bytes)),
            "file": {"path": path, "label": label, "id": version(&bytes)},
        }),
        None => json!({"data": null, "file": {"path": path, "label": label, "id": null}}),
    }
}

/// A partnership's text as the form shows it: members written as bare ids (`partners: [a,
/// b]`, as `new` and `init` write them) become `{id: a}`, since Decap's list of objects shows
/// a bare id as an empty row. Only such a file's front matter is rewritten (as JSON, which is
/// YAML); saving it then writes the object form (docs/editing.md, round trip).
pub(super) fn members_as_objects<'t>(path: &str, text: &'t str) -> std::borrow::Cow<'t, str> {
    use std::borrow::Cow;
    let folder = format!("content/{}/", crate::base::Kind::Partnership.folder());
    if !path.starts_with(&folder) {
        return Cow::Borrowed(text);
    }
    let l = Language::before_settings();
    let Ok((yaml, body)) = crate::load::split_front_matter(path, text, false, l) else {
        return Cow::Borrowed(text);
    };
    let parsed: Result<serde_json::Map<String, Value>, _> =
        crate::base::yaml::parse_in(path, text, yaml, &[], l);
    let Ok(mut fields) = parsed else {
        return Cow::Borrowed(text);
    };
    let Some(Value::Array(members)) = fields.get_mut("partners") else {
        return Cow::Borrowed(text);
    };
    if !members.iter().any(Value::is_string) {
        return Cow::Borrowed(text);
    }
    for member in members.iter_mut() {
        if let Value::String(id) = member {
            *member = json!({ "id": id });
        }
    }
    let front = serde_json::to_string_pretty(&fields).unwrap_or_default();
    Cow::Owned(format!("---\n{front}\n---\n{}", &text[body..]))
}

pub(super) fn media(root: &Path, path: &str) -> Option<Value> {
    let bytes = read_checked(root, path, MAX_REQUEST)?;
    Some(json!({
        "id": version(&bytes),
        "content": base64::engine::general_purpose::STANDARD.encode(&bytes),
        "encoding": "base64",
        "path": path,
        "name": path.rsplit('/').next().unwrap_or(path),
    }))
}

pub(super) fn decode(asset: &Value, l: Language) -> Result<Vec<u8>, (StatusCode, String)> {
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
pub(super) fn write(root: &Path, path: &str, bytes: &[u8]) -> Result<(), (StatusCode, String)> {
    let target = root.join(path);
    let failed = |e| system_failed(root, path, e);
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir).map_err(failed)?;
    }
    crate::cms::replace_file(&target, bytes).map_err(failed)
}
