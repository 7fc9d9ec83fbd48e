//! `brobygger init` and `brobygger new`: a starter site in each language that builds and
//! checks clean, and new files named the language's way, never overwriting anything.

mod common;

use common::diagnostics::diagnostics;
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
            o.status.success() && !diagnostics(&err).iter().any(|d| d.is_warning()),
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
        let mut args = vec!["new", kind, title];
        if kind == "Partner" {
            args.extend(["--sector", "public"]);
        }
        let o = run_in(&da, &args);
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
    // No date that the user did not write: neither the new partnership nor the starter
    // site's shows the day the file was made.
    for page in [
        "partnerships/peer-stoette/index.html",
        "partnerships/eksempel-partnerskab/index.html",
    ] {
        let shown: Vec<String> = select(&html(&out.join(page)), "time")
            .iter()
            .map(|t| t.value().attr("datetime").unwrap().to_string())
            .collect();
        let today = brobygger::load::Date::today().to_string();
        assert!(!shown.contains(&today), "{page}: {shown:?}");
    }
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
    assert!(String::from_utf8_lossy(&o.stderr).contains("findes allerede"));
    assert_eq!(read(&path), "edited by hand");

    let o = run_in(&da, &["new", "udfordrng", "X"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("mente du \"udfordring\""));
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
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean `brobygger check`?"));
    let o = brobygger(&["check", "--deny-warning"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean `--deny-warnings`?"));
}

#[test]
fn new_partner_takes_its_sector_from_site_yaml_and_refuses_an_unknown_one() {
    let tmp = tempfile::tempdir().unwrap();
    let da = tmp.path().join("da");
    init(&da, "da");
    let o = run_in(
        &da,
        &["new", "partner", "Region Hovedstaden", "--sector", "public"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = read(&da.join("content/partners/region-hovedstaden.md"));
    assert!(text.contains("\nsector: public "), "{text}");
    assert!(
        String::from_utf8_lossy(&o.stderr).is_empty(),
        "nothing to remind the facilitator of"
    );

    // A misspelt sector: nothing written, the build's own error in the site's language,
    // pointing at the sectors in site.yaml, with the close one suggested.
    let o = run_in(
        &da,
        &["new", "partner", "Aarhus Kommune", "--sector", "publc"],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("fejl[unknown-sector]: ukendt sektor \"publc\""),
        "{err}"
    );
    assert!(err.contains("--> site.yaml:9:1"), "{err}");
    assert!(err.contains("mente du \"public\"?"), "{err}");
    assert!(!da.join("content/partners/aarhus-kommune.md").exists());

    // Only partners have a sector.
    let o = run_in(&da, &["new", "udfordring", "Tid", "--sector", "public"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--sector"));
    assert!(!da.join("content/challenges/tid.md").exists());
}

#[test]
fn new_partner_without_a_sector_writes_a_placeholder_that_check_reports() {
    for (language, placeholder, notice) in [
        ("da", "VÆLG-SEKTOR", "skriv én af sektorerne fra site.yaml"),
        ("sv", "VÄLJ-SEKTOR", "skriv en av sektorerna från site.yaml"),
        (
            "en",
            "CHOOSE-A-SECTOR",
            "write one of the sectors in site.yaml",
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        init(&site, language);
        let o = run_in(&site, &["new", "partner", "Ny Partner"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let path = "content/partners/ny-partner.md";
        let text = read(&site.join(path));
        // Never a sector the facilitator did not choose.
        for key in ["research", "public", "civil"] {
            assert!(
                !text.contains(&format!("sector: {key}")),
                "{language}: {text}"
            );
        }
        let line = text
            .lines()
            .position(|l| l.starts_with(&format!("sector: {placeholder}")))
            .unwrap_or_else(|| panic!("{language}: {text}"))
            + 1;
        // The sectors to choose from are listed under it, with their labels.
        assert!(text.contains("\n#   public: "), "{language}: {text}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(path) && err.contains(notice) && err.contains("research, public, civil"),
            "{language}: {err}"
        );

        let o = brobygger(&["check", "--root", site.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{language}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            diagnostics(&err)
                .iter()
                .any(|d| d.is("error", "unknown-sector"))
                && err.contains(placeholder)
                && err.contains(&format!("{path}:{line}:9")),
            "{language}: {err}"
        );
        let o = brobygger(&["build", "--root", site.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{language}: the build stops too");
        assert!(!site.join("public").exists(), "{language}");
    }
}

/// The words of a file's `#` comments (the field names and YAML values before them left out).
fn comment_words(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.split_once('#').map(|(_, c)| c))
        .flat_map(|c| {
            // A commented-out field: only the words after its own comment count.
            let c = match c.trim_start().split_once(':') {
                Some((key, rest)) if key.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_') => {
                    rest.split_once('#').map_or("", |(_, note)| note)
                }
                _ => c,
            };
            c.split(|ch: char| !ch.is_alphabetic())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn new_files_carry_their_field_comments_in_the_site_language() {
    // Words that only English comments use ("partners" is Danish and Swedish too: *en
    // partners*, a partner's).
    let english = [
        "the",
        "its",
        "who",
        "where",
        "what",
        "once",
        "until",
        "one",
        "of",
        "it",
        "they",
        "is",
        "or",
        "a",
        "when",
        "write",
        "here",
        "text",
        "place",
        "contributed",
    ];
    for (language, expected) in [
        (
            "da",
            &[
                "partnere",
                "bidraget",
                "hvor",
                "id'erne",
                "opnå",
                "opstartsmøde",
            ][..],
        ),
        (
            "sv",
            &[
                "partner",
                "bidragit",
                "där",
                "id:na",
                "uppnå",
                "uppstartsmöte",
            ][..],
        ),
        (
            "en",
            &["partners", "contributed", "where", "ids", "achieve", "kick"][..],
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        init(&site, language);
        let mut all = String::new();
        for (kind, title) in [
            ("partner", "Ny Partner"),
            ("partnership", "Nyt samarbejde"),
            ("challenge", "En udfordring"),
            ("opportunity", "En mulighed"),
            ("recommendation", "En anbefaling"),
            ("learning", "Et læringspunkt"),
            ("quote", "Det var godt"),
            ("page", "Om os"),
        ] {
            let mut args = vec!["new", kind, title];
            if kind == "partner" {
                args.extend(["--sector", "civil"]);
            }
            let o = run_in(&site, &args);
            assert!(
                o.status.success(),
                "{language} {kind}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            let path = String::from_utf8_lossy(&o.stdout).trim().to_string();
            let text = read(&site.join(&path));
            let words = comment_words(&text);
            assert!(!words.is_empty(), "{language} {kind}: {text}");
            if language != "en" {
                let found: Vec<&String> = words
                    .iter()
                    .filter(|w| english.contains(&w.as_str()))
                    .collect();
                assert!(
                    found.is_empty(),
                    "{language} {kind}: English {found:?} in\n{text}"
                );
            }
            all.push_str(&text);
        }
        let expected_text = comment_words(&all).join(" ") + " " + &all.to_lowercase();
        for word in expected {
            assert!(
                expected_text.contains(word),
                "{language}: no {word:?} in\n{all}"
            );
        }
        // Every new file loads and the site still builds (the quote is not yet approved).
        let o = brobygger(&["check", "--root", site.to_str().unwrap()]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{language}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}
