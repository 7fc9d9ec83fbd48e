//! `brobygger check`: it validates a site without writing anything, and warns about what is
//! valid but probably wrong (the contract: warning codes, where each points, silencing with
//! `allow:`, the JSON format and the exit codes).
//!
//! Each case is a small site under `tests/fixtures/check/<case>/`. All are copies of `ok_base`
//! (Danish, two sectors, two partners who both are in the one partnership, which has a
//! facilitator and covers both sectors; one challenge answered by one recommendation; one
//! approved quote with a source; every date in 2026) with one change that makes exactly one
//! warning fire. The `ok_*` fixtures are variants that must stay silent. Dates are written for
//! "today" around 2026-11-24: `stale` uses 2019 and `partnership-ended-but-active` ends in 2020.
//!
//! The site is copied into a fresh temporary folder and checked with the real binary; every run
//! must leave the folder exactly as it was (no `public/`).

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

/// (fixture, warning code, where: `file:line:column` (lines counted from the opening `---` as
/// line 1, columns in characters), a substring of the message). The contract fixes codes and
/// places; the substrings are the named thing where the message names one (partner, sector
/// label, link, date, tag), else a few words of the Danish wording.
///
/// `at` may be just `file:line` where the contract does not say which column.
const CASES: &[(&str, &str, &str, &str)] = &[
    // A partner "on paper only": in no partnership, named by nothing. At its `name:` line.
    (
        "partner_without_contribution",
        "partner-without-contribution",
        "content/partners/frivillig.md:2:1",
        "Frivilligcentret",
    ),
    // A partner only mentioned with [[frivillig]] in a challenge's text: a mention is not a
    // contribution, so it is still a partner on paper only.
    (
        "partner_mentioned_only",
        "partner-without-contribution",
        "content/partners/frivillig.md:2:1",
        "Frivilligcentret",
    ),
    // VIVE agreed to bring `viden` (`brings: [viden]`, line 4) and no item of the partnership
    // credits it: at its id in `partners:`.
    (
        "agreed_but_not_delivered",
        "agreed-but-not-delivered",
        "content/partnerships/samarbejde.md:4:10",
        "VIVE har aftalt at bidrage med Viden",
    ),
    // An active partnership with neither `agreement:` nor `agreed:`: at its `status:` line.
    (
        "partnership_without_agreement",
        "partnership-without-agreement",
        "content/partnerships/samarbejde.md:5:1",
        "Samarbejdet",
    ),
    // At the partnership's `title:` line.
    (
        "partnership_without_facilitator",
        "partnership-without-facilitator",
        "content/partnerships/samarbejde.md:2:1",
        "facilitator",
    ),
    // site.yaml gains a third sector that no member has. At `partners:`; names the label.
    (
        "sectors_missing",
        "sectors-missing",
        "content/partnerships/samarbejde.md:3:1",
        "Civilsamfund og borgere",
    ),
    // A second challenge that no recommendation addresses. At its `title:` line.
    (
        "challenge_unanswered",
        "challenge-unanswered",
        "content/challenges/mandat.md:2:1",
        "Manglende mandat",
    ),
    // A second recommendation without `addresses`, and one with `addresses: []`.
    (
        "recommendation_addresses_nothing",
        "recommendation-addresses-nothing",
        "content/recommendations/moedeform.md:2:1",
        "Vælg mødeform sammen",
    ),
    (
        "recommendation_addresses_empty",
        "recommendation-addresses-nothing",
        "content/recommendations/moedeform.md:2:1",
        "Vælg mødeform sammen",
    ),
    // `approved: false` on line 5: at that line; without `approved` at all: line 2.
    (
        "quote_not_approved",
        "quote-not-approved",
        "content/quotes/citat.md:5:1",
        "godkendt",
    ),
    (
        "quote_not_approved_missing",
        "quote-not-approved",
        "content/quotes/citat.md:2:1",
        "godkendt",
    ),
    (
        "quote_without_source",
        "quote-without-source",
        "content/quotes/citat.md:2:1",
        "kilde",
    ),
    // Body lines: `Mødets skitse: ![](../../files/skitse.png)` on line 11, the `!` at column 16
    // (columns count characters, not bytes: `ø` is one).
    (
        "image_without_alt",
        "image-without-alt",
        "content/challenges/tid.md:11:16",
        "alternativ tekst",
    ),
    // `## Baggrund` on line 11, then `#### Detaljer` on line 15.
    (
        "heading_level_skipped",
        "heading-level-skipped",
        "content/challenges/tid.md:15:1",
        "overskriften #### springer et niveau over",
    ),
    // The body's first heading is `### Baggrund` (line 11): h1 (the title) is followed by h3.
    (
        "heading_level_skipped_first",
        "heading-level-skipped",
        "content/challenges/tid.md:11:1",
        "overskriften ### springer et niveau over",
    ),
    // `Læs også om [VIVE](../../partners/viv/) her.`: the link starts at column 13.
    (
        "broken_link",
        "broken-link",
        "content/challenges/tid.md:11:13",
        "../../partners/viv/",
    ),
    // `Læs om [VIVE](../../partners/vive/#hvad-vi-goer).`: the page exists, the heading not.
    (
        "broken_link_anchor",
        "broken-link",
        "content/challenges/tid.md:11:8",
        "hvad-vi-goer",
    ),
    // `Se [nedenfor](#detaljer).`: no such heading on the page itself.
    (
        "broken_link_same_page_anchor",
        "broken-link",
        "content/challenges/tid.md:11:4",
        "detaljer",
    ),
    // `Hent [rapporten](../../files/rapport.pdf).` with no static/files/rapport.pdf.
    (
        "broken_link_static",
        "broken-link",
        "content/challenges/tid.md:11:6",
        "rapport.pdf",
    ),
    // `status: active` (line 5) with `end: 2020-06-30`.
    (
        "partnership_ended_but_active",
        "partnership-ended-but-active",
        "content/partnerships/samarbejde.md:5:1",
        "2020",
    ),
    // `updated: 2019-03-01` on line 6.
    ("stale", "stale", "content/challenges/tid.md:6:1", "2019"),
    // A quote with only `date: 2019-05-01` (line 6).
    ("stale_date", "stale", "content/quotes/citat.md:6:1", "2019"),
    // `tags: [Møder]` in content/challenges/tid.md, `tags: [moeder]` (line 8) in
    // content/recommendations/afsaet-tid.md, the second in sorted path order: at the tag.
    (
        "colliding_names",
        "colliding-names",
        "content/recommendations/afsaet-tid.md:8:8",
        "Møder",
    ),
    // `allow: [stael]` on line 4: the contract does not say which column.
    (
        "unknown_allow",
        "unknown-allow",
        "content/partners/vive.md:4",
        "stael",
    ),
];

/// Fixtures where `check --deny-warnings` must pass: the base, every valid kind of link, old
/// dates that do not make an item stale, and each way a partner contributes.
const CLEAN: &[&str] = &[
    "ok_base",
    "ok_links",
    "ok_links_site_pages",
    "ok_dates",
    "ok_contribution_item",
    "ok_contribution_quote",
    "ok_facilitator_counts",
];

/// Fixtures of the JSON tests.
const OTHER: &[&str] = &["json_two_warnings", "json_error"];

/// One test per warning case, so `cargo test` names the case that broke.
macro_rules! warning_cases {
    ($($name:ident)*) => {
        const WARNING_TESTS: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                check_warning_case(stringify!($name));
            }
        )*
    };
}

warning_cases! {
    partner_without_contribution
    partner_mentioned_only
    agreed_but_not_delivered
    partnership_without_agreement
    partnership_without_facilitator
    sectors_missing
    challenge_unanswered
    recommendation_addresses_nothing
    recommendation_addresses_empty
    quote_not_approved
    quote_not_approved_missing
    quote_without_source
    image_without_alt
    heading_level_skipped
    heading_level_skipped_first
    broken_link
    broken_link_anchor
    broken_link_same_page_anchor
    broken_link_static
    partnership_ended_but_active
    stale
    stale_date
    colliding_names
    unknown_allow
}

/// One test per clean fixture.
macro_rules! clean_cases {
    ($($name:ident)*) => {
        const CLEAN_TESTS: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                check_clean(stringify!($name));
            }
        )*
    };
}

clean_cases! {
    ok_base
    ok_links
    ok_links_site_pages
    ok_dates
    ok_contribution_item
    ok_contribution_quote
    ok_facilitator_counts
}

// ---------------------------------------------------------------------------------------------
// Helpers

fn fixtures() -> PathBuf {
    common::repo().join("tests/fixtures/check")
}

/// A copy of a fixture in a fresh temporary folder (removed when dropped).
struct Site {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Site {
    fn new(fixture: &str) -> Site {
        let source = fixtures().join(fixture);
        assert!(source.is_dir(), "no fixture {}", source.display());
        let tmp = tempfile::tempdir().expect("temporary folder");
        let root = tmp.path().join("site");
        copy_dir(&source, &root);
        Site { _tmp: tmp, root }
    }

    fn read(&self, file: &str) -> String {
        common::read(&self.root.join(file))
    }

    fn write(&self, file: &str, text: &str) {
        fs::write(self.root.join(file), text).unwrap_or_else(|e| panic!("write {file}: {e}"));
    }

    /// Adds `allow: [code]` to the front matter of `file` (right after the opening `---`), or
    /// at the top of site.yaml.
    fn allow(&self, file: &str, code: &str) {
        let text = self.read(file);
        let line = format!("allow: [{code}]\n");
        let new = if file == "site.yaml" {
            format!("{line}{text}")
        } else {
            let rest = text
                .strip_prefix("---\n")
                .unwrap_or_else(|| panic!("{file} does not start with `---`"));
            format!("---\n{line}{rest}")
        };
        self.write(file, &new);
    }

    /// Runs `brobygger check --root ROOT` with `args`, and checks that it wrote nothing: no
    /// `public/`, no file added, removed or changed.
    fn check(&self, args: &[&str]) -> Run {
        let before = snapshot(&self.root);
        let mut all = vec!["check", "--root", self.root.to_str().unwrap()];
        all.extend_from_slice(args);
        let output = common::brobygger(&all);
        let run = Run {
            args: all.iter().skip(3).map(|s| s.to_string()).collect(),
            output,
        };
        assert!(
            !self.root.join("public").exists(),
            "check created a public/ folder; {}",
            run.context()
        );
        assert_eq!(
            snapshot(&self.root),
            before,
            "check changed the site folder; {}",
            run.context()
        );
        run
    }
}

/// Every file under `dir` with its contents.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    common::files(dir)
        .into_iter()
        .map(|f| {
            let bytes = fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display())) {
        let entry = entry.expect("directory entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy a fixture file");
        }
    }
}

struct Run {
    args: Vec<String>,
    output: Output,
}

impl Run {
    fn code(&self) -> Option<i32> {
        self.output.status.code()
    }
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }
    fn context(&self) -> String {
        format!(
            "`check {}` exited with {:?}\n--- stdout:\n{}--- stderr:\n{}",
            self.args.join(" "),
            self.code(),
            self.stdout(),
            self.stderr()
        )
    }
    /// The rendered diagnostics on stderr: each starts at a line `error[code]: ...` or
    /// `warning[code]: ...`.
    fn diagnostics(&self) -> Vec<String> {
        let mut blocks: Vec<String> = Vec::new();
        for line in self.stderr().lines() {
            if line.starts_with("error[") || line.starts_with("warning[") {
                blocks.push(String::new());
            }
            if let Some(b) = blocks.last_mut() {
                b.push_str(line);
                b.push('\n');
            }
        }
        blocks
    }
    fn warnings(&self) -> Vec<String> {
        self.diagnostics()
            .into_iter()
            .filter(|b| b.starts_with("warning["))
            .collect()
    }
    fn errors(&self) -> Vec<String> {
        self.diagnostics()
            .into_iter()
            .filter(|b| b.starts_with("error["))
            .collect()
    }
    /// Asserts a run found nothing at all and exited 0.
    fn assert_silent(&self, what: &str) {
        assert_eq!(
            self.code(),
            Some(0),
            "{what}: exit code; {}",
            self.context()
        );
        for out in [self.stdout(), self.stderr()] {
            assert!(
                !out.contains("warning[") && !out.contains("error["),
                "{what}: expected no warning and no error; {}",
                self.context()
            );
        }
        assert!(
            !self.stderr().contains("panicked"),
            "{what}: {}",
            self.context()
        );
    }
}

/// The `-->` location of a diagnostic block.
fn location(block: &str) -> Option<&str> {
    block
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))
        .map(str::trim_end)
}

/// Whether `loc` is `at`, or, when `at` is `file:line`, `at` with a column after it.
fn points_at(loc: &str, at: &str) -> bool {
    loc == at
        || (at.matches(':').count() < 2
            && loc
                .strip_prefix(at)
                .is_some_and(|rest| rest.starts_with(':')))
}

/// The message of a block: its first line after `warning[code]: `.
fn message(block: &str) -> &str {
    let header = block.lines().next().unwrap_or_default();
    header.split_once("]: ").map_or("", |(_, m)| m)
}

fn help(block: &str) -> Option<&str> {
    block.lines().find_map(|l| l.strip_prefix("help: "))
}

/// The file a location names.
fn file_of(at: &str) -> &str {
    at.split(':').next().unwrap()
}

/// Asserts that `run` reports exactly one diagnostic: warning `code` at `at` whose message
/// contains `msg`. Returns the block.
fn assert_one_warning(run: &Run, code: &str, at: &str, msg: &str) -> String {
    let context = run.context();
    assert!(!run.stderr().contains("panicked"), "{context}");
    assert_eq!(run.errors().len(), 0, "no error expected; {context}");
    let warnings = run.warnings();
    assert_eq!(
        warnings.len(),
        1,
        "exactly one warning expected ({code}); {context}"
    );
    let block = warnings[0].clone();
    let prefix = format!("warning[{code}]: ");
    assert!(
        block.starts_with(&prefix),
        "the warning should start with `{prefix}`; {context}"
    );
    let loc =
        location(&block).unwrap_or_else(|| panic!("the warning has no `-->` line; {context}"));
    assert!(
        points_at(loc, at),
        "the warning should point at `{at}`, not `{loc}`; {context}"
    );
    assert!(
        message(&block).contains(msg),
        "the message should contain `{msg}`; {context}"
    );
    block
}

// ---------------------------------------------------------------------------------------------
// One warning per fixture; silencing it in the file it points at.

fn check_warning_case(fixture: &str) {
    let cases: Vec<_> = CASES.iter().filter(|c| c.0 == fixture).collect();
    assert_eq!(cases.len(), 1, "one line in CASES for {fixture}");
    let (_, code, at, msg) = *cases[0];

    let site = Site::new(fixture);

    // Warnings alone do not fail the check…
    let run = site.check(&[]);
    assert_eq!(
        run.code(),
        Some(0),
        "warnings alone exit 0; {}",
        run.context()
    );
    assert_one_warning(&run, code, at, msg);

    // …unless --deny-warnings.
    let run = site.check(&["--deny-warnings"]);
    assert_eq!(
        run.code(),
        Some(1),
        "--deny-warnings turns a warning into exit 1; {}",
        run.context()
    );
    assert_one_warning(&run, code, at, msg);

    if code == "unknown-allow" {
        // Its help lists the codes there are.
        let block = &run.warnings()[0];
        let help =
            help(block).unwrap_or_else(|| panic!("unknown-allow has a help; {}", run.context()));
        for known in [
            "partner-without-contribution",
            "stale",
            "broken-link",
            "colliding-names",
        ] {
            assert!(
                help.contains(known),
                "the help of unknown-allow should list `{known}`; {}",
                run.context()
            );
        }
        return;
    }

    // `allow: [code]` in the front matter of the file the warning points at silences it.
    let file = file_of(at);
    site.allow(file, code);
    let run = site.check(&["--deny-warnings"]);
    run.assert_silent(&format!("{fixture} with `allow: [{code}]` in {file}"));
}

// ---------------------------------------------------------------------------------------------
// Clean sites.

fn check_clean(fixture: &str) {
    let site = Site::new(fixture);
    site.check(&["--deny-warnings"]).assert_silent(fixture);
    let run = site.check(&[]);
    run.assert_silent(fixture);
}

#[test]
fn clean_site_json_is_an_empty_array() {
    let site = Site::new("ok_base");
    let run = site.check(&["--format", "json", "--deny-warnings"]);
    assert_eq!(run.code(), Some(0), "{}", run.context());
    let v: serde_json::Value = serde_json::from_str(&run.stdout())
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}); {}", run.context()));
    assert_eq!(v, serde_json::json!([]), "{}", run.context());
}

// ---------------------------------------------------------------------------------------------
// Silencing: site-wide, and what does not silence.

#[test]
fn allow_in_site_yaml_silences_the_whole_site() {
    let site = Site::new("stale");
    site.allow("site.yaml", "stale");
    site.check(&["--deny-warnings"])
        .assert_silent("stale with `allow: [stale]` at the top of site.yaml");
}

#[test]
fn allow_of_another_code_does_not_silence() {
    let site = Site::new("stale");
    site.allow("content/challenges/tid.md", "broken-link");
    let run = site.check(&["--deny-warnings"]);
    assert_eq!(run.code(), Some(1), "{}", run.context());
    // The allow line moved the `updated:` line down by one.
    assert_one_warning(&run, "stale", "content/challenges/tid.md:7:1", "2019");
}

#[test]
fn allow_in_another_file_does_not_silence() {
    let site = Site::new("stale");
    site.allow("content/recommendations/afsaet-tid.md", "stale");
    let run = site.check(&["--deny-warnings"]);
    assert_eq!(run.code(), Some(1), "{}", run.context());
    assert_one_warning(&run, "stale", "content/challenges/tid.md:6:1", "2019");
}

// ---------------------------------------------------------------------------------------------
// The language of warnings.

#[test]
fn warnings_speak_the_site_language() {
    let (_, code, at, name) = *CASES
        .iter()
        .find(|c| c.0 == "partner_without_contribution")
        .unwrap();
    let mut messages = Vec::new();
    for language in ["da", "sv", "en"] {
        let site = Site::new("partner_without_contribution");
        let yaml = site.read("site.yaml");
        assert!(yaml.contains("language: da\n"));
        site.write(
            "site.yaml",
            &yaml.replace("language: da\n", &format!("language: {language}\n")),
        );
        let run = site.check(&[]);
        assert_eq!(
            run.code(),
            Some(0),
            "language {language}; {}",
            run.context()
        );
        let block = assert_one_warning(&run, code, at, name);
        messages.push((language, message(&block).to_string()));
    }
    for i in 0..messages.len() {
        for j in i + 1..messages.len() {
            assert_ne!(
                messages[i].1, messages[j].1,
                "the {} and {} messages should differ: {messages:?}",
                messages[i].0, messages[j].0
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// JSON.

const KEYS: &[&str] = &[
    "severity", "code", "file", "line", "column", "message", "help",
];

/// Parses stdout as one JSON array of diagnostic objects, each with exactly [`KEYS`].
fn json_diagnostics(run: &Run) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let context = run.context();
    let v: serde_json::Value = serde_json::from_str(&run.stdout())
        .unwrap_or_else(|e| panic!("stdout should be exactly one JSON value ({e}); {context}"));
    let array = v
        .as_array()
        .unwrap_or_else(|| panic!("stdout should be a JSON array; {context}"));
    array
        .iter()
        .map(|o| {
            let o = o
                .as_object()
                .unwrap_or_else(|| panic!("every element should be an object; {context}"))
                .clone();
            let keys: BTreeSet<&str> = o.keys().map(String::as_str).collect();
            assert_eq!(
                keys,
                KEYS.iter().copied().collect::<BTreeSet<_>>(),
                "the keys of {o:?}; {context}"
            );
            assert!(
                o["help"].is_string() || o["help"].is_null(),
                "help is a string or null in {o:?}; {context}"
            );
            assert!(
                o["message"].is_string(),
                "message is a string in {o:?}; {context}"
            );
            o
        })
        .collect()
}

/// Asserts the object `o` is `severity`/`code` at `file`:`line`:`column`.
fn assert_json_at(
    o: &serde_json::Map<String, serde_json::Value>,
    severity: &str,
    code: &str,
    file: &str,
    line: u64,
    column: u64,
    context: &str,
) {
    assert_eq!(o["severity"], severity, "severity of {o:?}; {context}");
    assert_eq!(o["code"], code, "code of {o:?}; {context}");
    assert_eq!(o["file"], file, "file of {o:?}; {context}");
    assert_eq!(o["line"].as_u64(), Some(line), "line of {o:?}; {context}");
    assert_eq!(
        o["column"].as_u64(),
        Some(column),
        "column of {o:?}; {context}"
    );
}

#[test]
fn json_lists_both_warnings() {
    let site = Site::new("json_two_warnings");
    for (args, exit) in [
        (&["--format", "json"][..], 0),
        (&["--format", "json", "--deny-warnings"][..], 1),
    ] {
        let run = site.check(args);
        let context = run.context();
        assert_eq!(run.code(), Some(exit), "exit code; {context}");
        let all = json_diagnostics(&run);
        assert_eq!(all.len(), 2, "two warnings; {context}");
        let by_code = |code: &str| {
            all.iter()
                .find(|o| o["code"] == code)
                .unwrap_or_else(|| panic!("no {code} in the JSON; {context}"))
        };

        let partner = by_code("partner-without-contribution");
        assert_json_at(
            partner,
            "warning",
            "partner-without-contribution",
            "content/partners/frivillig.md",
            2,
            1,
            &context,
        );
        assert!(
            partner["message"]
                .as_str()
                .unwrap()
                .contains("Frivilligcentret"),
            "{context}"
        );

        let link = by_code("broken-link");
        assert_json_at(
            link,
            "warning",
            "broken-link",
            "content/challenges/tid.md",
            11,
            13,
            &context,
        );
        assert!(
            link["message"]
                .as_str()
                .unwrap()
                .contains("../../partners/viv/"),
            "{context}"
        );
    }
}

/// A site with an error (an unknown partner) and what would be a warning (a stale date):
/// only the error is reported, and the check fails.
#[test]
fn json_reports_errors_only() {
    let site = Site::new("json_error");
    let run = site.check(&["--format", "json"]);
    let context = run.context();
    assert_eq!(run.code(), Some(1), "errors exit 1; {context}");
    let all = json_diagnostics(&run);
    assert_eq!(all.len(), 1, "one error and no warning; {context}");
    assert_json_at(
        &all[0],
        "error",
        "unknown-reference",
        "content/challenges/tid.md",
        4,
        12,
        &context,
    );
    assert!(
        all[0]["message"].as_str().unwrap().contains("\"viv\""),
        "{context}"
    );
    assert!(
        all[0]["help"]
            .as_str()
            .is_some_and(|h| h.contains("\"vive\"")),
        "{context}"
    );
}

/// The JSON output carries the error's message and help in the site's language, the code
/// and place unchanged.
#[test]
fn json_errors_are_in_the_site_language() {
    for (language, message, help) in [
        ("da", "ukendt partner \"viv\"", "mente du \"vive\"?"),
        ("sv", "okänd partner \"viv\"", "menade du \"vive\"?"),
        ("en", "unknown partner \"viv\"", "did you mean \"vive\"?"),
    ] {
        let site = Site::new("json_error");
        let config = site.read("site.yaml");
        assert!(config.contains("language: da\n"));
        site.write(
            "site.yaml",
            &config.replace("language: da\n", &format!("language: {language}\n")),
        );
        let run = site.check(&["--format", "json"]);
        let context = run.context();
        assert_eq!(run.code(), Some(1), "errors exit 1; {context}");
        let all = json_diagnostics(&run);
        assert_eq!(all.len(), 1, "{context}");
        assert_json_at(
            &all[0],
            "error",
            "unknown-reference",
            "content/challenges/tid.md",
            4,
            12,
            &context,
        );
        assert_eq!(all[0]["message"].as_str(), Some(message), "{context}");
        assert_eq!(all[0]["help"].as_str(), Some(help), "{context}");
    }
}

#[test]
fn human_format_reports_errors_only() {
    let site = Site::new("json_error");
    let run = site.check(&[]);
    let context = run.context();
    assert_eq!(run.code(), Some(1), "errors exit 1; {context}");
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{context}");
    assert!(
        errors[0].starts_with("error[unknown-reference]: "),
        "{context}"
    );
    assert_eq!(
        location(&errors[0]),
        Some("content/challenges/tid.md:4:12"),
        "{context}"
    );
    assert!(
        run.warnings().is_empty(),
        "no warnings beside errors; {context}"
    );
}

// ---------------------------------------------------------------------------------------------

/// The tables, the test functions and the fixture folders agree.
#[test]
fn every_fixture_has_a_case() {
    let on_disk: BTreeSet<String> = fs::read_dir(fixtures())
        .expect("tests/fixtures/check")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let in_table: BTreeSet<String> = CASES.iter().map(|c| c.0.to_string()).collect();
    let tested: BTreeSet<String> = WARNING_TESTS.iter().map(|s| s.to_string()).collect();
    assert_eq!(in_table, tested, "CASES and warning_cases! disagree");
    assert_eq!(
        CLEAN.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>(),
        CLEAN_TESTS
            .iter()
            .map(|s| s.to_string())
            .collect::<BTreeSet<_>>(),
        "CLEAN and clean_cases! disagree"
    );
    let expected: BTreeSet<String> = in_table
        .into_iter()
        .chain(CLEAN.iter().map(|s| s.to_string()))
        .chain(OTHER.iter().map(|s| s.to_string()))
        .collect();
    assert_eq!(
        on_disk, expected,
        "tests/fixtures/check/ and the tables disagree"
    );
}

// ---------------------------------------------------------------------------------------------
// Check and build agree on the site's pages.

/// A page linking to every file `build` wrote (but the search index's shards, which nothing
/// links to) and to a few that do not exist: `check` warns for exactly the missing ones.
#[test]
fn check_warns_exactly_for_links_to_pages_build_does_not_write() {
    let dir = common::example_copy();
    let root = dir.path();
    let out = tempfile::tempdir().unwrap();
    common::build(root, out.path());
    let built: BTreeSet<String> = common::files(out.path())
        .into_iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| !p.starts_with("search/") || p == "search/index.html")
        .filter(|p| !p.starts_with('.'))
        .collect();
    for page in [
        "search/index.html",
        "network/degree/index.html",
        "data/kumu.json",
    ] {
        assert!(built.contains(page), "build wrote {page}");
    }
    let missing = [
        "findes-ikke/",
        "tags/findes-ikke/",
        "network/ukendt/",
        "data/mangler.csv",
        "was/",
    ];
    let link = |path: &str| {
        let path = path.strip_suffix("index.html").unwrap_or(path);
        format!("../../{path}")
    };
    let mut body = String::from("---\ntitle: Alle sider\n---\n");
    for (i, path) in built.iter().map(String::as_str).chain(missing).enumerate() {
        body.push_str(&format!("- [side {i}]({})\n", link(path)));
    }
    fs::write(root.join("content/pages/alle-sider.md"), body).unwrap();
    let o = common::brobygger(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let warnings: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("check's JSON ({e}): {}", String::from_utf8_lossy(&o.stderr)));
    let warned: BTreeSet<String> = warnings
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "broken-link" && w["file"] == "content/pages/alle-sider.md")
        .filter_map(|w| {
            let message = w["message"].as_str()?;
            Some(message.split('"').nth(1)?.to_string())
        })
        .collect();
    let expected: BTreeSet<String> = missing.iter().map(|p| link(p)).collect();
    assert_eq!(
        warned, expected,
        "check warns for exactly the missing pages"
    );
}
