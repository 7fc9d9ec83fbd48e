//! `brobygger init` and `brobygger new`: a starter site in each language that builds and
//! checks clean, and new files named the language's way, never overwriting anything.

mod common;

use common::*;
use std::path::Path;

fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    command().args(args).current_dir(dir).output().unwrap()
}

fn init(dir: &Path, language: &str) {
    let o = brobygger(&["init", dir.to_str().unwrap(), "--language", language]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn init_in_each_language_builds_and_checks_clean() {
    for language in ["da", "sv", "en"] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("site");
        init(&dir, language);
        for f in ["site.yaml", ".gitignore", "content/_index.md"] {
            assert!(dir.join(f).is_file(), "{language}: {f}");
        }
        let kinds = [
            "partners",
            "partnerships",
            "challenges",
            "opportunities",
            "recommendations",
            "learnings",
            "quotes",
            "pages",
        ];
        for k in kinds {
            assert!(
                std::fs::read_dir(dir.join("content").join(k))
                    .unwrap()
                    .count()
                    >= 1,
                "{language}: {k}"
            );
        }
        assert_eq!(
            std::fs::read_dir(dir.join("content/partners"))
                .unwrap()
                .count(),
            3
        );
        assert!(read(&dir.join("site.yaml")).contains(&format!("language: {language}")));
        assert!(
            !read(&dir.join("site.yaml")).contains("{{"),
            "placeholders are filled in"
        );

        let o = brobygger(&["check", "--root", dir.to_str().unwrap(), "--deny-warnings"]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            o.status.success() && !err.contains("warning["),
            "{language}: {err}"
        );
        let out = dir.join("public");
        build(&dir, &out);
        let front = html(&out.join("index.html"));
        assert_eq!(
            select(&front, "html")[0].value().attr("lang"),
            Some(language)
        );
        assert!(
            out.join("accessibility/index.html").is_file(),
            "{language}: the statement stub"
        );
    }
}

#[test]
fn init_refuses_a_folder_with_files_and_force_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("site.yaml"), "mine").unwrap();
    let o = brobygger(&["init", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not empty"));
    assert_eq!(files(dir).len(), 1, "nothing written");

    let o = brobygger(&["init", dir.to_str().unwrap(), "--force", "--language", "da"]);
    assert!(o.status.success());
    assert_eq!(
        read(&dir.join("site.yaml")),
        "mine",
        "an existing file is never overwritten"
    );
    assert!(
        dir.join("content/_index.md").is_file(),
        "missing files are filled in"
    );
}

#[test]
fn new_names_files_the_site_languages_way() {
    let tmp = tempfile::tempdir().unwrap();
    let da = tmp.path().join("da");
    init(&da, "da");
    for (kind, title, path) in [
        (
            "udfordring",
            "Ældre på arbejdsmarkedet",
            "content/challenges/aeldre-paa-arbejdsmarkedet.md",
        ),
        (
            "challenges",
            "Tid til møder",
            "content/challenges/tid-til-moeder.md",
        ),
        (
            "mulighed",
            "Fælles sprog",
            "content/opportunities/faelles-sprog.md",
        ),
        (
            "anbefaling",
            "Udpeg en brobygger",
            "content/recommendations/udpeg-en-brobygger.md",
        ),
        (
            "læringspunkt",
            "Små skridt",
            "content/learnings/smaa-skridt.md",
        ),
        (
            "Partner",
            "Region Hovedstaden",
            "content/partners/region-hovedstaden.md",
        ),
        (
            "partnerskab",
            "Peer-støtte",
            "content/partnerships/peer-stoette.md",
        ),
        (
            "citat",
            "Det var en åben proces fra start",
            "content/quotes/det-var-en-aaben-proces-fra.md",
        ),
        ("side", "Om os", "content/pages/om-os.md"),
    ] {
        let o = run_in(&da, &["new", kind, title]);
        assert!(
            o.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), path);
        let text = read(&da.join(path));
        assert!(
            text.starts_with("---\n") && text.contains("date: "),
            "{path}: {text}"
        );
    }
    // Every new file loads: the site still builds (the new quote is not approved, so it is
    // checked but not published).
    let out = tmp.path().join("out");
    build(&da, &out);
    assert!(out.join("challenges/tid-til-moeder/index.html").is_file());
    assert!(out.join("partnerships/peer-stoette/index.html").is_file());
    assert!(
        !out.join("quotes/det-var-en-aaben-proces-fra/index.html")
            .exists()
    );
    assert_eq!(
        text(
            &select(
                &html(&out.join("partners/region-hovedstaden/index.html")),
                "h1"
            )[0]
        ),
        "Region Hovedstaden"
    );

    let sv = tmp.path().join("sv");
    init(&sv, "sv");
    for (kind, title, path) in [
        (
            "utmaning",
            "Samverkan i Västerås",
            "content/challenges/samverkan-i-vasteras.md",
        ),
        (
            "möjligheter",
            "Öppen dialog på måndagar",
            "content/opportunities/oppen-dialog-pa-mandagar.md",
        ),
        (
            "lärdom",
            "Skolan och arbetslivet",
            "content/learnings/skolan-och-arbetslivet.md",
        ),
    ] {
        let o = brobygger(&["new", kind, title, "--root", sv.to_str().unwrap()]);
        assert!(
            o.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(sv.join(path).is_file(), "{path}");
    }
}

#[test]
fn new_refuses_an_existing_file_and_an_unknown_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let da = tmp.path().join("da");
    init(&da, "da");
    assert!(
        run_in(&da, &["new", "udfordring", "Tid til møder"])
            .status
            .success()
    );
    let path = da.join("content/challenges/tid-til-moeder.md");
    std::fs::write(&path, "edited by hand").unwrap();
    let o = run_in(&da, &["new", "udfordring", "Tid til møder"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already exists"));
    assert_eq!(read(&path), "edited by hand");

    let o = run_in(&da, &["new", "udfordrng", "X"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean \"udfordring\""));
}

#[test]
fn every_command_has_help_with_an_example_and_typos_get_suggestions() {
    for cmd in ["build", "check", "init", "new"] {
        let o = brobygger(&[cmd, "--help"]);
        assert!(o.status.success());
        let help = String::from_utf8_lossy(&o.stdout);
        assert!(help.contains("Example"), "{cmd}: {help}");
    }
    let o = brobygger(&["chek"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("'check'"));
    let o = brobygger(&["check", "--deny-warning"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("--deny-warnings"));
}
