//! A `logo` (a partner's, or the site's in site.yaml), checked against the files of static/.

use super::*;
use crate::base::messages::LogoProblem;

/// A partner's `logo`: a file in static/, as the docs say, named by its path there. Anything
/// else shows as a broken image, or loads one from another server, or (`../site.yaml`) points
/// outside the published site.
pub(super) fn check_logo(site: &LoadedSite, doc: &Document, logo: &str, errors: &mut Diagnostics) {
    let Some(error) = logo_error(site, logo) else {
        return;
    };
    let at = yaml::find_value(&doc.text, doc.front_matter.clone(), "logo", logo);
    errors.push(error.diagnostic(doc.file.clone(), site.config.language).at(
        &doc.text,
        at,
        logo.len().max(4),
    ));
}

/// What is wrong with `logo`, a path in static/ written in site.yaml or a partner's front
/// matter; `None` when it names a file that is published.
pub(super) fn logo_error(site: &LoadedSite, logo: &str) -> Option<ErrorText> {
    let path = logo.split('?').next().unwrap_or(logo);
    let segments: Vec<&str> = path.split(['/', '\\']).collect();
    let windows_drive = path.as_bytes().get(1) == Some(&b':')
        && path.as_bytes()[0].is_ascii_alphabetic()
        && matches!(path.as_bytes().get(2), None | Some(b'/' | b'\\'));
    let static_dir = site.root.join("static");
    let problem = if crate::base::text::is_blank(logo) {
        LogoProblem::Empty
    } else if windows_drive || path.starts_with(['/', '\\']) || segments.contains(&"..") {
        LogoProblem::Outside
    } else if !crate::markdown::is_local(logo) {
        LogoProblem::Address
    } else if static_dir.join(path).is_file() {
        // Hidden files in static/ are published only when site.yaml names them.
        let rel = segments.join("/");
        let asked = |name: &String| rel == *name || rel.starts_with(&format!("{name}/"));
        let hidden = segments.iter().any(|s| s.starts_with('.') && *s != ".");
        if !hidden || site.config.publish_hidden.iter().any(asked) {
            return None;
        }
        LogoProblem::Hidden
    } else {
        LogoProblem::Missing
    };
    let suggestion = (problem == LogoProblem::Missing)
        .then(|| {
            // `static/logos/x.png` written with the folder's name, or a near miss.
            let files = static_files(&static_dir);
            if let Some(inside) = path.strip_prefix("static/")
                && files.iter().any(|f| f == inside)
            {
                return Some(inside.to_string());
            }
            did_you_mean(path, files.iter().map(String::as_str)).map(str::to_string)
        })
        .flatten();
    Some(ErrorText::BadLogo {
        logo: logo.to_string(),
        problem,
        suggestion,
    })
}

/// The files under static/, as paths inside it with `/`: only read when a logo is missing.
fn static_files(dir: &std::path::Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .max_depth(8)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            Some(
                rel.components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
            )
        })
        .take(10_000)
        .collect()
}
