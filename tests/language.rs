//! A Danish or Swedish facilitator never reads English: every command run through the binary
//! on a site in that language (init, new of each kind, check, build, build with errors, check
//! with warnings, serve, serve's refusal pages, an output folder that is not brobygger's or
//! that the system cannot make, a static file in a page's place, site.yaml's own settings
//! wrong, and the errors before site.yaml is read, by `--language` or by the system's locale)
//! says each thing in the site's language, the system's answers included, and no line of its
//! output is an English sentence. And `build` counts the warnings `check` shows.

mod common;

use common::diagnostics::diagnostics;
use common::*;
use std::path::Path;
use std::process::Output;

/// Words and pieces that only an English sentence (or label) has. Each is looked for in the
/// lowercased output with the site's own text (file names, quoted source lines) left in: a
/// Danish or Swedish site has none of them.
const ENGLISH: &[&str] = &[
    " the ",
    " and ",
    " of ",
    " is ",
    " not ",
    " a ",
    " found",
    "error",
    "warning",
    "help:",
    "expected",
    "invalid type",
    "did you mean",
    "unknown",
    "built ",
    "created",
    "serving",
    "watching",
    "nothing",
    "no errors",
    "no site.yaml",
    "cannot",
    "sequence",
    "u32",
];

/// What one language's output must say, and how its kinds are called on the command line.
struct Expected {
    code: &'static str,
    locale: &'static str,
    kinds: [&'static str; 8],
    created: &'static str,
    clean: &'static str,
    built: &'static str,
    no_warnings: &'static str,
    warnings_found: &'static str,
    warnings_line: &'static str,
    not_built: &'static str,
    errors_found: &'static str,
    error_label: &'static str,
    help_label: &'static str,
    unknown_kind_word: &'static str,
    exists: &'static str,
    not_empty: &'static str,
    serving: &'static str,
    watching: &'static str,
    serve_errors: &'static str,
    no_site_yaml: &'static str,
    not_utf8: &'static str,
    unknown_kind: &'static str,
    wrong_type: &'static str,
    utf16: &'static str,
    not_ours: &'static str,
    not_ours_help: &'static str,
    static_clash: &'static str,
    unknown_setting: &'static str,
    bad_setting_key: &'static str,
    no_sectors: &'static str,
    open_failed: &'static str,
    /// serve's page for a request addressed to evil.example, and how to allow it.
    refused: &'static str,
    refused_fix: &'static str,
    no_host: &'static str,
    cross_site: &'static str,
    /// The system's answers, in words: an output folder under a file, site.yaml a folder.
    output_under_file: &'static str,
    site_yaml_folder: &'static str,
}

const SWEDISH: Expected = Expected {
    code: "sv",
    locale: "sv_SE.UTF-8",
    kinds: [
        "partner",
        "partnerskap",
        "utmaning",
        "möjlighet",
        "rekommendation",
        "lärdom",
        "citat",
        "sida",
    ],
    created: "skapade en startwebbplats i ",
    clean: "inga fel, inga varningar",
    built: "byggde webbplatsen i ",
    no_warnings: "inga varningar",
    warnings_found: "varning: ",
    warnings_line: " varningar; `brobygger check --root ",
    not_built: "fel: webbplatsen byggdes inte: 4 fel (inget skrevs)",
    errors_found: "fel: 4 fel hittades",
    error_label: "fel[",
    help_label: "hjälp: ",
    unknown_kind_word: "fel: okänd sort \"kaka\"",
    exists: " finns redan; välj en annan titel",
    not_empty: " är inte tom; välj en ny mapp",
    serving: "visar webbplatsen på http://",
    watching: "bevakar ändringar; tryck Ctrl-C för att avsluta",
    serve_errors: "4 fel; sidan i webbläsaren visar dem",
    no_site_yaml: "fel[missing-site-yaml]: det finns ingen site.yaml i ",
    not_utf8: "site.yaml är inte UTF-8-text",
    unknown_kind: "filen ligger inte i en mapp som säger vilken sorts sak den är",
    wrong_type: "`tags`: här ska det stå en lista, men det står texten",
    utf16: "filen är sparad som UTF-16",
    not_ours: "fel: vägrar att skriva webbplatsen till ",
    not_ours_help: "hjälp: välj en ny eller tom mapp, eller töm den här själv",
    static_clash: "fel[static-clash]: den här filen har samma sökväg som en sida som webbplatsen skapar",
    unknown_setting: "fel[unknown-field]: okänt fält `färg`",
    bad_setting_key: "fel[bad-id]: nyckeln \"Forskning Och\" under `sectors` har andra tecken än a-z, 0-9 och -",
    no_sectors: "fel[missing-field]: `sectors` är tom",
    open_failed: "varning: kan inte öppna en webbläsare (det finns inget program för det); öppna http://",
    refused: "brobygger serve svarar inte för evil.example: bara för localhost, IP-adresser",
    refused_fix: "starta den med `brobygger serve --allow-host evil.example`",
    no_host: "brobygger serve svarar bara på förfrågningar som nämner den i en Host-header",
    cross_site: "brobygger serve visar inte sitt tillstånd för andra webbplatsers sidor",
    output_under_file: "notes.txt (den finns redan)\n  hjälp: en fil står där det ska vara en mapp",
    site_yaml_folder: "site.yaml går inte att läsa (det är en mapp, inte en fil)",
};

const DANISH: Expected = Expected {
    code: "da",
    locale: "da_DK.UTF-8",
    kinds: [
        "partner",
        "partnerskab",
        "udfordring",
        "mulighed",
        "anbefaling",
        "læringspunkt",
        "citat",
        "side",
    ],
    created: "oprettede et startsite i ",
    clean: "ingen fejl, ingen advarsler",
    built: "byggede sitet i ",
    no_warnings: "ingen advarsler",
    warnings_found: "advarsel: ",
    warnings_line: " advarsler; `brobygger check --root ",
    not_built: "fejl: sitet blev ikke bygget: 4 fejl (intet blev skrevet)",
    errors_found: "fejl: 4 fejl fundet",
    error_label: "fejl[",
    help_label: "hjælp: ",
    unknown_kind_word: "fejl: ukendt slags \"kaka\"",
    exists: " findes allerede; vælg en anden titel",
    not_empty: " er ikke tom; vælg en ny mappe",
    serving: "viser sitet på http://",
    watching: "holder øje med ændringer; tryk Ctrl-C for at stoppe",
    serve_errors: "4 fejl; siden i browseren viser dem",
    no_site_yaml: "fejl[missing-site-yaml]: der er ingen site.yaml i ",
    not_utf8: "site.yaml er ikke UTF-8-tekst",
    unknown_kind: "filen ligger ikke i en mappe, der siger, hvilken slags ting den er",
    wrong_type: "`tags`: her skal stå en liste, men der står teksten",
    utf16: "filen er gemt som UTF-16",
    not_ours: "fejl: nægter at skrive sitet til ",
    not_ours_help: "hjælp: vælg en ny eller tom mappe, eller tøm denne selv",
    static_clash: "fejl[static-clash]: denne fil har samme sti som en side, sitet laver",
    unknown_setting: "fejl[unknown-field]: ukendt felt `färg`",
    bad_setting_key: "fejl[bad-id]: nøglen \"Forskning Og\" under `sectors` har andre tegn end a-z, 0-9 og -",
    no_sectors: "fejl[missing-field]: `sectors` er tom",
    open_failed: "advarsel: kan ikke åbne en browser (der er intet program til det); åbn selv http://",
    refused: "brobygger serve svarer ikke for evil.example: kun for localhost, IP-adresser",
    refused_fix: "så start den med `brobygger serve --allow-host evil.example`",
    no_host: "brobygger serve svarer kun forespørgsler, der nævner den i en Host-header",
    cross_site: "brobygger serve viser ikke sin tilstand for andre websteders sider",
    output_under_file: "notes.txt (den findes allerede)\n  hjælp: en fil står, hvor der skal være en mappe",
    site_yaml_folder: "site.yaml kan ikke læses (det er en mappe, ikke en fil)",
};

/// All that the runs printed, with what each was, for the messages of failed assertions.
#[derive(Default)]
struct Transcript(String);

impl Transcript {
    fn add(&mut self, what: &str, said: &str) -> String {
        self.0.push_str(&format!("$ {what}\n{said}"));
        said.to_string()
    }
}

/// Runs `brobygger` with `args` and `env` in a clean locale (none of the runner's own), and
/// returns its stdout and stderr together.
fn run(transcript: &mut Transcript, args: &[&str], env: &[(&str, &str)]) -> (Output, String) {
    let mut command = command();
    for name in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        command.env_remove(name);
    }
    let o = command
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let said = transcript.add(&args.join(" "), &said);
    (o, said)
}

/// `line` without the codes in brackets (`[unknown-kind]`, `allow: [stale]`): they are the
/// same in every language, for `allow:` and for searching the docs.
fn without_codes(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close)
                if close > 0
                    && after[..close]
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-') =>
            {
                out.push_str("[]");
                rest = &after[close + 1..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out + rest
}

/// The English found in `said`: each line with a piece of [`ENGLISH`], with the piece.
fn english_in(said: &str) -> Vec<String> {
    said.lines()
        .flat_map(|line| {
            let lower = format!(" {} ", without_codes(&line.to_lowercase()));
            ENGLISH
                .iter()
                .filter(move |w| lower.contains(*w))
                .map(move |w| format!("{w:?} in: {line}"))
        })
        .collect()
}

#[test]
fn the_english_detector_finds_english() {
    // Each line the commands print for an English site is caught.
    let lines = [
        "error: the site was not built: 1 error (nothing was written)",
        "warning: 2 warnings found",
        "built 3 partners, 1 partnership, 2 items and 1 page into public (9 files, 3 ms)",
        "no errors, no warnings",
        "created a starter site in x (3 files). Next: …",
        "serving the site at http://127.0.0.1:1111/ (9 files, built in 3 ms)",
        "watching for changes; press Ctrl-C to stop",
        "1 error; the page in the browser shows it and the last good site stays served",
        "error[wrong-type]: `tags`: expected a list, found the text \"x\"",
        "help: did you mean \"vive\"?",
        "invalid type: string \"x\", expected a sequence",
        "2 warnings; `brobygger check` shows them",
    ];
    for line in lines {
        assert!(!english_in(line).is_empty(), "not caught: {line}");
    }
    // And no line of the Danish or Swedish tables is.
    assert!(english_in(DANISH.not_built).is_empty());
    assert!(english_in(SWEDISH.serve_errors).is_empty());
    // A code is not English, but the words around it are.
    assert!(english_in("fel[unknown-kind]: filen").is_empty());
    assert!(!english_in("fel[unknown-kind]: unknown").is_empty());
}

fn speaks_only(e: &Expected) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join(format!("site-{}", e.code));
    let root = site.to_str().unwrap();
    let mut t = Transcript::default();
    let mut said = String::new();
    let expect = |said_now: &str, wanted: &str, t: &Transcript| {
        assert!(
            said_now.contains(wanted),
            "{}: expected {wanted:?} in:\n{said_now}\n\nall of it:\n{}",
            e.code,
            t.0
        );
    };

    // init, and a clean check and build of the starter site.
    let (o, now) = run(&mut t, &["init", root, "--language", e.code], &[]);
    assert!(o.status.success(), "{}", t.0);
    expect(&now, e.created, &t);
    said += &now;
    let (_, now) = run(&mut t, &["check", "--root", root], &[]);
    expect(&now, e.clean, &t);
    said += &now;
    let (o, now) = run(&mut t, &["build", "--root", root], &[]);
    assert!(o.status.success(), "{}", t.0);
    expect(&now, e.built, &t);
    expect(&now, e.no_warnings, &t);
    said += &now;

    // new, of each kind, by the language's own word.
    for (i, kind) in e.kinds.iter().enumerate() {
        let title = format!("Nummer {i}");
        let mut args = vec!["new", kind, &title, "--root", root];
        if i == 0 {
            args.extend(["--sector", "public"]);
        }
        let (o, now) = run(&mut t, &args, &[]);
        assert!(o.status.success(), "{}", t.0);
        said += &now;
    }
    // The same again: refused, in the site's language; and a kind that does not exist.
    let (o, now) = run(
        &mut t,
        &["new", e.kinds[2], "Nummer 2", "--root", root],
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    expect(&now, e.exists, &t);
    said += &now;
    let (o, now) = run(&mut t, &["new", "kaka", "X", "--root", root], &[]);
    assert_eq!(o.status.code(), Some(1));
    expect(&now, e.unknown_kind_word, &t);
    said += &now;
    let (o, now) = run(&mut t, &["init", root, "--language", e.code], &[]);
    assert_eq!(o.status.code(), Some(1));
    expect(&now, e.not_empty, &t);
    said += &now;

    // The new files have warnings (a challenge nobody answers, …): check shows them, build
    // counts them.
    let (o, now) = run(&mut t, &["check", "--root", root], &[]);
    assert!(o.status.success(), "{}", t.0);
    let warnings = diagnostics(&now).iter().filter(|d| d.is_warning()).count();
    assert!(warnings >= 2, "{}", t.0);
    expect(&now, &format!("{}{warnings} ", e.warnings_found), &t);
    said += &now;
    let (o, now) = run(&mut t, &["build", "--root", root], &[]);
    assert!(o.status.success(), "{}", t.0);
    expect(&now, e.built, &t);
    expect(&now, &format!("{warnings}{}{root}`", e.warnings_line), &t);
    said += &now;

    // serve: its first lines, and the count of warnings.
    let now = t.add(
        "serve",
        &serve_says(&["--root", root], &[], |s| {
            s.contains(e.watching) && s.contains(e.warnings_line.trim_start())
        }),
    );
    expect(&now, e.serving, &t);
    expect(&now, e.watching, &t);
    said += &now;
    // With --open on a system without a browser to open (no program on the PATH).
    let no_programs = tmp.path().join("no-programs");
    std::fs::create_dir(&no_programs).unwrap();
    let now = t.add(
        "serve --open",
        &serve_says(
            &["--root", root, "--open"],
            &[("PATH", no_programs.to_str().unwrap())],
            |s| s.contains(e.open_failed),
        ),
    );
    // Why, in the site's words: no program opens a browser (not the system's "No such file").
    expect(&now, e.open_failed, &t);
    said += &now;

    // The refusal page for a name the preview does not answer (a page at evil.example that
    // points its name at this machine), for a request without a Host, and for another site's
    // page asking for the preview's state: in the site's language, with the fix.
    let preview = common::preview::Preview::start(&site);
    let ask = |path: &str, headers: &str| {
        let (code, page) = preview.send(&format!(
            "GET {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n"
        ));
        assert_eq!(code, 403, "{path} {headers:?}:\n{page}");
        let body = page.split_once("\r\n\r\n").map_or("", |(_, body)| body);
        body.to_string()
    };
    let page = t.add(
        "GET / (Host: evil.example)",
        &ask("/", "Host: evil.example\r\n"),
    );
    expect(&page, e.refused, &t);
    expect(&page, e.refused_fix, &t);
    said += &page;
    let page = t.add("GET / (no Host)", &ask("/", ""));
    expect(&page, e.no_host, &t);
    said += &page;
    let own = format!(
        "Host: {}\r\nOrigin: http://evil.example\r\n",
        preview.addr()
    );
    let page = t.add(
        "GET /__brobygger/status (Origin: evil.example)",
        &ask("/__brobygger/status", &own),
    );
    expect(&page, e.cross_site, &t);
    said += &page;
    drop(preview);

    // An output folder brobygger did not write (a folder of the user's notes): refused, and
    // the notes stay.
    let mine = tmp.path().join("mine");
    write_site(&mine, &[("anteckningar.txt", "mina anteckningar")]);
    let (o, now) = run(
        &mut t,
        &["build", "--root", root, "--output", mine.to_str().unwrap()],
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    expect(&now, &format!("{}{}", e.not_ours, mine.display()), &t);
    expect(&now, e.not_ours_help, &t);
    assert_eq!(
        std::fs::read_to_string(mine.join("anteckningar.txt")).unwrap(),
        "mina anteckningar"
    );
    assert_eq!(
        common::files(&mine).len(),
        1,
        "nothing was written beside the notes"
    );
    said += &now;

    // An output folder that cannot be made, since a file stands where its parent should be:
    // what the system said, in the site's words.
    let notes = tmp.path().join("notes.txt");
    std::fs::write(&notes, "mina anteckningar").unwrap();
    let under = notes.join("public");
    let (o, now) = run(
        &mut t,
        &["build", "--root", root, "--output", under.to_str().unwrap()],
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    expect(&now, e.output_under_file, &t);
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "mina anteckningar"
    );
    said += &now;

    // A file in static/ with the path of a page the site makes.
    write_site(&site, &[("static/index.html", "<p>min egen</p>")]);
    let (o, now) = run(&mut t, &["build", "--root", root], &[]);
    assert_eq!(o.status.code(), Some(1));
    expect(&now, e.static_clash, &t);
    said += &now;
    std::fs::remove_file(site.join("static/index.html")).unwrap();

    // site.yaml's own settings: a key it does not have, a sector key that is no id, no
    // sectors at all.
    let settings = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    let bad_key = e.bad_setting_key.split('"').nth(1).unwrap();
    for (yaml, wanted) in [
        (
            format!(
                "title: X\nlanguage: {}\nsectors:\n  research: Y\nfärg: blå\n",
                e.code
            ),
            e.unknown_setting,
        ),
        (
            format!("title: X\nlanguage: {}\nsectors:\n  {bad_key}: Y\n", e.code),
            e.bad_setting_key,
        ),
        (
            format!(
                "title: X\nlanguage: {}   # da | sv | en\nsectors: {{}}\n",
                e.code
            ),
            e.no_sectors,
        ),
    ] {
        std::fs::write(site.join("site.yaml"), yaml).unwrap();
        for args in [
            vec!["check", "--root", root],
            vec!["new", e.kinds[2], "Nummer 9", "--root", root],
        ] {
            let (o, now) = run(&mut t, &args, &[]);
            assert_eq!(o.status.code(), Some(1));
            expect(&now, wanted, &t);
            said += &now;
        }
    }
    std::fs::write(site.join("site.yaml"), settings).unwrap();

    // Four errors: a file outside the kinds' folders, text where a list belongs, an unknown
    // partner, a file saved as UTF-16.
    write_site(
        &site,
        &[
            ("content/lost.md", "---\ntitle: X\n---\n"),
            (
                "content/challenges/wrong.md",
                "---\ntitle: X\ntags: en text\n---\n",
            ),
            (
                "content/learnings/nobody.md",
                "---\ntitle: X\npartners: [nobody]\n---\n",
            ),
        ],
    );
    let utf16: Vec<u8> = "\u{feff}---\ntitle: X\n---\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(site.join("content/pages/utf16.md"), utf16).unwrap();
    let (o, now) = run(&mut t, &["check", "--root", root], &[]);
    assert_eq!(o.status.code(), Some(1));
    expect(&now, e.errors_found, &t);
    expect(&now, e.utf16, &t);
    expect(&now, e.unknown_kind, &t);
    expect(&now, e.wrong_type, &t);
    expect(&now, e.error_label, &t);
    expect(&now, e.help_label, &t);
    said += &now;
    let (o, now) = run(&mut t, &["build", "--root", root], &[]);
    assert_eq!(o.status.code(), Some(1));
    expect(&now, e.not_built, &t);
    said += &now;
    let now = t.add(
        "serve (with errors)",
        &serve_says(&["--root", root], &[], |s| s.contains(e.serve_errors)),
    );
    expect(&now, e.serve_errors, &t);
    said += &now;

    // Before site.yaml is read: the language asked for, or the system's.
    let nowhere = tmp.path().join("nowhere");
    let nowhere = nowhere.to_str().unwrap();
    let locale = [("LANG", e.locale)];
    for (args, env) in [
        (
            vec!["check", "--root", nowhere, "--language", e.code],
            &[][..],
        ),
        (vec!["build", "--root", nowhere, "--language", e.code], &[]),
        (vec!["new", e.kinds[2], "X", "--root", nowhere], &locale[..]),
        (vec!["check", "--root", nowhere], &locale),
        (vec!["build", "--root", nowhere], &locale),
    ] {
        let (o, now) = run(&mut t, &args, env);
        assert_eq!(o.status.code(), Some(1));
        expect(&now, e.no_site_yaml, &t);
        said += &now;
    }
    let now = t.add(
        "serve (no site)",
        &serve_says(&["--root", nowhere, "--language", e.code], &[], |_| false),
    );
    expect(&now, e.no_site_yaml, &t);
    said += &now;
    // site.yaml that is a folder: before it is read, so in the language asked for.
    let settings = site.join("site.yaml");
    let kept = tmp.path().join("site.yaml");
    std::fs::rename(&settings, &kept).unwrap();
    std::fs::create_dir(&settings).unwrap();
    for env in [&[][..], &locale[..]] {
        let mut args = vec!["check", "--root", root];
        if env.is_empty() {
            args.extend(["--language", e.code]);
        }
        let (o, now) = run(&mut t, &args, env);
        assert_eq!(o.status.code(), Some(1));
        expect(&now, e.site_yaml_folder, &t);
        said += &now;
    }
    std::fs::remove_dir(&settings).unwrap();
    std::fs::rename(&kept, &settings).unwrap();
    std::fs::write(site.join("site.yaml"), b"title: \xff\n").unwrap();
    let (o, now) = run(&mut t, &["build", "--root", root], &locale);
    assert_eq!(o.status.code(), Some(1));
    expect(&now, e.not_utf8, &t);
    said += &now;
    // Mistakes on the command line itself, before anything is read: in the language of
    // `--language`, else of the system.
    for (args, env) in [
        (&["bygg"][..], &locale[..]),
        (&["build", "--out", "x", "--language", e.code][..], &[][..]),
        (&["init", "x", "--language", "fi"][..], &locale[..]),
        (&["serve", "--allow-host", "x y"][..], &locale[..]),
        (&["new"][..], &locale[..]),
        (&[][..], &locale[..]),
    ] {
        let (o, now) = run(&mut t, args, env);
        assert_eq!(o.status.code(), Some(2), "{}", t.0);
        let label = format!("{}: ", e.error_label.trim_end_matches('['));
        expect(&now, &label, &t);
        expect(&now, e.help_label, &t);
        said += &now;
    }

    let english = english_in(&said);
    assert!(
        english.is_empty(),
        "{}: English in the output:\n{}\n\nall of it:\n{}",
        e.code,
        english.join("\n"),
        t.0
    );
}

#[test]
fn a_swedish_site_hears_only_swedish() {
    speaks_only(&SWEDISH);
}

#[test]
fn a_danish_site_hears_only_danish() {
    speaks_only(&DANISH);
}

/// The warnings of the site in `root` as `check` prints them.
fn checked_warnings(root: &Path) -> usize {
    let o = brobygger(&["check", "--root", root.to_str().unwrap()]);
    diagnostics(&String::from_utf8_lossy(&o.stderr))
        .iter()
        .filter(|d| d.is_warning())
        .count()
}

#[test]
fn build_counts_the_warnings_check_shows() {
    // The example site, in Danish, has warnings.
    let site = example_copy();
    let out = site.path().join("public");
    let expected = checked_warnings(site.path());
    assert!(expected > 1, "the example site has warnings to count");
    for drafts in [false, true] {
        let mut args = vec!["build", "--root", site.path().to_str().unwrap()];
        if drafts {
            // Drafts are published, but the count is still check's, which leaves them out.
            args.push("--drafts");
        }
        let o = brobygger(&args);
        assert!(o.status.success());
        let err = String::from_utf8_lossy(&o.stderr);
        let last = err.lines().last().unwrap_or_default();
        assert_eq!(
            last,
            format!(
                "{expected} advarsler; `brobygger check --root {}` viser dem",
                site.path().display()
            ),
            "{err}"
        );
    }
    assert!(out.join("index.html").is_file());

    // One more: a challenge that no recommendation answers; built from inside the site.
    write_site(
        site.path(),
        &[(
            "content/challenges/ny-udfordring.md",
            "---\ntitle: Ny udfordring\n---\nTekst.\n",
        )],
    );
    let now = checked_warnings(site.path());
    assert!(now > expected);
    let o = command()
        .args(["build"])
        .current_dir(site.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.ends_with(&format!("\n{now} advarsler; `brobygger check` viser dem\n")),
        "{err}"
    );
}
