//! The files published as they are: the site's `static/` folder and a theme's files.

use super::walk::{refuse_link, walk_error};
use super::*;

/// The site's `static/` folder: each file as (path in the output, bytes), copied as it is to
/// the output's root.
pub fn read_static(root: &Path, config: &Config) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let site = SiteFolder::new(root);
    let one = |d| Diagnostics(vec![d]);
    match site
        .entry("static", Area::Published, config.language)
        .map_err(one)?
    {
        Some(dir) if dir.is_dir() => read_folder(
            &site,
            &dir,
            "static",
            &config.publish_hidden,
            config.language,
        ),
        _ => Ok(Vec::new()),
    }
}

/// A file in `static/` or a theme may be at most this large: they are read whole into memory.
pub const MAX_PUBLISHED_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// Reads every file under `dir` (the site's `static/`, a theme folder) as (path relative to
/// `dir` with `/` separators, bytes), in name order. `shown_as` is how messages name `dir`.
/// Hidden files and folders are left out, but for those named in `hidden` (site.yaml's
/// `publish_hidden`, such as `.well-known` or `.nojekyll`): they can hold what no site
/// should publish (`.git`, `.env`), and hosts need only a few by name.
pub fn read_folder(
    site: &SiteFolder,
    dir: &Path,
    shown_as: &str,
    hidden: &[String],
    language: Language,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    use unicode_normalization::UnicodeNormalization;
    let mut files = Vec::new();
    let mut errors = Diagnostics::default();
    // Each name in Unicode's composed form, for names that are one file on macOS.
    let mut composed: std::collections::HashMap<String, String> = Default::default();
    let mut walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let e = match entry {
            Ok(e) => e,
            Err(err) => {
                errors.push(walk_error(
                    site.root(),
                    &format!("{shown_as}/"),
                    &err,
                    language,
                ));
                continue;
            }
        };
        if e.depth() == 0 {
            continue;
        }
        let rel = relative(dir, e.path());
        let file = format!("{shown_as}/{rel}");
        let asked_for = |name: &String| rel == *name || rel.starts_with(&format!("{name}/"));
        let in_dir = e.path().strip_prefix(dir).unwrap_or(e.path());
        if site_folder::is_hidden(in_dir) && !hidden.iter().any(asked_for) {
            if e.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        if refuse_link(site, Area::Published, &e, &mut walk, &mut errors, language) {
            continue;
        }
        if let Some(what) = site_folder::special(&e.file_type()) {
            errors.push(ErrorText::NotAFile { what }.diagnostic(file, language));
            continue;
        }
        if !e.file_type().is_file() {
            continue;
        }
        let key: String = rel.nfc().collect();
        if let Some(other) = composed.get(&key) {
            let other_file = format!("{shown_as}/{other}");
            errors.push(ErrorText::SameNameNormalised { other_file }.diagnostic(file, language));
            continue;
        }
        composed.insert(key, rel.clone());
        match site.read(e.path(), MAX_PUBLISHED_FILE_BYTES) {
            Ok(bytes) => files.push((rel, bytes)),
            Err(err) => errors.push(unreadable(err, file, language)),
        }
    }
    if errors.has_errors() {
        Err(errors)
    } else {
        Ok(files)
    }
}

/// Why a file to be published as it is could not be read, for `file`.
pub fn unreadable(err: ReadError, file: String, language: Language) -> Diagnostic {
    match err {
        ReadError::TooLarge(size) => ErrorText::StaticTooLarge {
            size,
            max: MAX_PUBLISHED_FILE_BYTES,
        }
        .diagnostic(file, language),
        ReadError::Special(what) => ErrorText::NotAFile { what }.diagnostic(file, language),
        ReadError::Io(err) => {
            ErrorText::FileUnreadable { detail: err.into() }.diagnostic(file, language)
        }
    }
}
