//! `init`: writes a small working site to start from, in Danish, Swedish or English. The
//! starter sites live in `src/init/scaffold/LANG/` and are compiled into the binary.

use crate::base::Language;
use crate::load::Date;
use include_dir::{Dir, include_dir};
use std::path::{Path, PathBuf};

static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/init/scaffold");

/// Why `init` wrote nothing.
#[derive(Debug)]
pub enum InitError {
    NotEmpty(PathBuf),
    Io(PathBuf, std::io::Error),
    NoScaffold(Language),
}

impl InitError {
    /// What went wrong, as the line `init` prints, in `language`.
    pub fn text(&self, language: Language) -> String {
        use crate::base::messages::CommandText;
        match self {
            InitError::NotEmpty(p) => CommandText::NotEmpty {
                dir: p.display().to_string(),
            },
            InitError::Io(p, e) => CommandText::CannotWrite {
                path: p.display().to_string(),
                detail: e.into(),
            },
            InitError::NoScaffold(l) => CommandText::NoStarterSite {
                language: l.code().to_string(),
            },
        }
        .text(language)
    }
}

impl std::fmt::Display for InitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.text(Language::En))
    }
}

impl std::error::Error for InitError {}

/// Writes the starter site into `dir` and returns the files written. Refuses a non-empty
/// folder unless `force`; never overwrites a file either way.
pub fn init(
    dir: &Path,
    language: Language,
    today: Date,
    force: bool,
) -> Result<Vec<PathBuf>, InitError> {
    let scaffold = SCAFFOLD
        .get_dir(language.code())
        .ok_or(InitError::NoScaffold(language))?;
    if !force && std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) {
        return Err(InitError::NotEmpty(dir.to_path_buf()));
    }
    let mut files = Vec::new();
    collect(scaffold, &mut files);
    let mut written = Vec::new();
    for file in files {
        let rel = file
            .path()
            .strip_prefix(language.code())
            .unwrap_or(file.path());
        let rel: PathBuf = rel
            .iter()
            .map(|part| {
                let s = part.to_string_lossy();
                match s.strip_prefix("dot-") {
                    Some(rest) => format!(".{rest}"),
                    None => s.into_owned(),
                }
            })
            .collect();
        let target = dir.join(&rel);
        if target.exists() {
            continue;
        }
        let text = String::from_utf8_lossy(file.contents())
            .replace("{{today}}", &today.to_string())
            .replace("{{year}}", &today.year.to_string())
            .replace("{{next_year}}", &(today.year + 1).to_string());
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| InitError::Io(parent.to_path_buf(), e))?;
        }
        std::fs::write(&target, text).map_err(|e| InitError::Io(target.clone(), e))?;
        written.push(target);
    }
    Ok(written)
}

fn collect(dir: &'static Dir<'static>, out: &mut Vec<&'static include_dir::File<'static>>) {
    out.extend(dir.files());
    for d in dir.dirs() {
        collect(d, out);
    }
}
