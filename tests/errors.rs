//! Every class of mistake a facilitator can make in a site's files stops the build with an error
//! that names the file, the line and the column, says what is wrong in plain words and what
//! would fix it, and leaves the previous output exactly as it was.
//!
//! Each case is a small site under `tests/fixtures/errors/<case>/`: a valid site (site.yaml,
//! two partners, a partnership, a challenge) with one mistake, except `several_mistakes`, which
//! has three in three files. The site is copied into a fresh temporary folder that already holds
//! a previous build (`public/index.html` = "previous site"), built with the real binary, and
//! stderr and the output folder are checked against the table below.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// (fixture, error code, where: `file:line:column` or, for a problem with the file itself
/// (its name or place), just `file`, a substring of the message, a substring of the `help:`).
/// A fixture with several rows must report each of them, and no other error.
const CASES: &[(&str, &str, &str, &str, &str)] = &[
    // Front matter that is not valid YAML.
    (
        "invalid_yaml_tab",
        "invalid-yaml",
        "content/challenges/tid.md:5:1",
        "invalid YAML: found character that cannot start any token",
        "spaces, not tabs",
    ),
    (
        // The quote opened on line 2 is never closed: point where it opens.
        "invalid_yaml_quote",
        "invalid-yaml",
        "content/challenges/tid.md:2:8",
        "invalid YAML: found unexpected end of stream",
        "quotes",
    ),
    (
        "duplicate_field",
        "duplicate-field",
        "content/challenges/tid.md:5:1",
        "the field `title` is given twice",
        "each field may appear once",
    ),
    // Missing required fields: there is no line to point at, so the start of the front matter.
    (
        "missing_title",
        "missing-field",
        "content/challenges/tid.md:2:1",
        "missing required field `title`",
        "add a line `title: ...`",
    ),
    (
        "missing_name",
        "missing-field",
        "content/partners/kommune.md:2:1",
        "missing required field `name`",
        "add a line `name: ...`",
    ),
    // Values of the wrong type.
    (
        "wrong_type_draft",
        "wrong-type",
        "content/challenges/tid.md:6:8",
        "`draft`: expected true or false, found text \"maybe\"",
        "write true or false",
    ),
    (
        "wrong_type_number",
        "wrong-type",
        "content/challenges/tid.md:3:9",
        "`number`: expected a whole number, found text \"tre\"",
        "write a whole number, e.g. 3",
    ),
    (
        "wrong_type_partners",
        "wrong-type",
        "content/challenges/tid.md:4:11",
        "`partners`: expected a list, found text \"vive\"",
        "write a list as `[a, b]` or as lines starting with `- `",
    ),
    // A field the kind does not take.
    (
        "unknown_field",
        "unknown-field",
        "content/challenges/tid.md:4:1",
        "unknown field `partnes`",
        "did you mean `partners`?",
    ),
    // References to things that do not exist, of every kind.
    (
        "unknown_partner",
        "unknown-reference",
        "content/challenges/tid.md:4:12",
        "unknown partner \"viv\"",
        "did you mean \"vive\"?",
    ),
    (
        // `viv` after `vive` on the same line: point at `viv`, not inside `vive`.
        "unknown_partner_after_similar",
        "unknown-reference",
        "content/challenges/tid.md:4:18",
        "unknown partner \"viv\"",
        "did you mean \"vive\"?",
    ),
    (
        "wrong_kind_reference",
        "unknown-reference",
        "content/challenges/tid.md:4:12",
        "`partners` takes partner ids, but \"partnerships/samarbejde\" is a partnership",
        "name a partner here",
    ),
    (
        "unknown_partnership",
        "unknown-reference",
        "content/challenges/tid.md:5:16",
        "unknown partnership \"projektet\"",
        "create content/partnerships/projektet.md, or use the id of an existing partnership",
    ),
    (
        "unknown_addressed_challenge",
        "unknown-reference",
        "content/recommendations/afsaet-tid.md:6:5",
        "unknown challenge \"tidd\"",
        "did you mean \"tid\"?",
    ),
    (
        "unknown_facilitator",
        "unknown-reference",
        "content/partnerships/samarbejde.md:4:14",
        "unknown partner \"brobyggeren\"",
        "create content/partners/brobyggeren.md, or use the id of an existing partner",
    ),
    (
        "unknown_quote_by",
        "unknown-reference",
        "content/quotes/citat.md:2:5",
        "unknown partner \"kommunen\"",
        "did you mean \"kommune\"?",
    ),
    (
        "unknown_quote_partnership",
        "unknown-reference",
        "content/quotes/citat.md:3:14",
        "unknown partnership \"samarbejdet\"",
        "did you mean \"samarbejde\"?",
    ),
    (
        "unknown_sector",
        "unknown-sector",
        "content/partners/vive.md:3:9",
        "unknown sector \"reserch\"",
        "did you mean \"research\"?",
    ),
    (
        "unknown_wikilink",
        "unknown-wikilink",
        "content/challenges/tid.md:7:34",
        "the wikilink [[vivx]] leads nowhere: nothing has the id \"vivx\"",
        "did you mean [[vive]]?",
    ),
    // Ids: problems with the file's name, so the file is named without a line.
    (
        "duplicate_id",
        "duplicate-id",
        "content/challenges/b/tid.md",
        "the id \"tid\" is already used by content/challenges/a/tid.md",
        "ids must be unique within challenges: rename one of the two files",
    ),
    (
        "bad_id",
        "bad-id",
        "content/challenges/Tid_Brug.md",
        "the file name \"Tid_Brug\" is not a valid id",
        "rename the file to `tid-brug.md`",
    ),
    (
        "unknown_kind_folder",
        "unknown-kind",
        "content/challange/x.md",
        "this file is not in a folder that says what kind of thing it is",
        "did you mean the folder `content/challenges/`?",
    ),
    // A member's `brings:` names a type site.yaml's `contribution_types` lacks.
    (
        "unknown_contribution_type",
        "unknown-contribution-type",
        "content/partnerships/samarbejde.md:4:50",
        "unknown contribution type \"vidn\" in `brings:`",
        "did you mean \"viden\"? The contribution types in site.yaml are: viden, data",
    ),
    // Catalogues: a number is unique within one catalogue (the same number in another is
    // fine), a number needs its catalogue once site.yaml declares catalogues, and a catalogue
    // must be declared.
    (
        "duplicate_number_in_catalogue",
        "duplicate-number",
        "content/challenges/tid.md:4:9",
        "number 1 is already used by content/challenges/penge.md",
        "each challenge in the catalogue needs its own number",
    ),
    (
        "number_without_catalogue",
        "number-without-catalogue",
        "content/challenges/tid.md:3:1",
        "`number:` without `catalogue:`",
        "add `catalogue:` with one of the catalogues in site.yaml (tre, ri)",
    ),
    (
        "unknown_catalogue",
        "unknown-catalogue",
        "content/challenges/tid.md:3:12",
        "unknown catalogue \"tre-partnerskaber\"",
        "The catalogues in site.yaml are: tre, ri",
    ),
    // Dates.
    (
        "bad_date_day",
        "bad-date",
        "content/challenges/tid.md:6:7",
        "bad date `2021-02-30`: month 2 of 2021 has no day 30",
        "write dates as YYYY-MM-DD",
    ),
    (
        "bad_date_format",
        "bad-date",
        "content/challenges/tid.md:6:7",
        "bad date `13-03-2024`: expected YYYY-MM-DD",
        "write dates as YYYY-MM-DD",
    ),
    // The shape of a file, and rules of a kind.
    (
        "unclosed_front_matter",
        "unclosed-front-matter",
        "content/challenges/tid.md:1:1",
        "the front matter is never closed",
        "add a line with only `---` after the last field",
    ),
    (
        "quote_without_speaker",
        "quote-without-speaker",
        "content/quotes/citat.md:2:1",
        "this quote says neither who said it (`by`) nor in what role (`speaker`)",
        "add `by: <partner id>` or `speaker: projektdeltager`",
    ),
    (
        "too_few_partners",
        "too-few-partners",
        "content/partnerships/samarbejde.md:3:1",
        "a partnership needs at least two partners; this one has 1",
        "list every partner under `partners:`",
    ),
    // Titles and names readers cannot see, logos that are not files in static/, dates in the
    // wrong order.
    (
        "empty_title",
        "empty-title",
        "content/challenges/tid.md:2:1",
        "`title` has nothing a reader can see (only spaces or invisible characters)",
        "write the text readers should see",
    ),
    (
        "bad_logo",
        "bad-logo",
        "content/partners/vive.md:4:7",
        "`logo`: there is no file static/logos/vive.pgn",
        "did you mean `logo: logos/vive.png`?",
    ),
    (
        "end_before_start",
        "end-before-start",
        "content/partnerships/samarbejde.md:6:6",
        "the partnership ends (`end: 2024-06-30`) before it starts (`start: 2024-09-01`)",
        "correct one of the two dates",
    ),
    // site.yaml.
    (
        "missing_site_yaml",
        "missing-site-yaml",
        "site.yaml",
        "no site.yaml in ",
        "a site folder needs a site.yaml",
    ),
    (
        "site_yaml_unknown_field",
        "unknown-field",
        "site.yaml:2:1",
        "unknown field `langauge`",
        "did you mean `language`?",
    ),
    // Three mistakes in three files (one found while loading, two by the whole-site checks):
    // all reported in one run.
    (
        "several_mistakes",
        "unknown-reference",
        "content/challenges/tid.md:4:12",
        "unknown partner \"viv\"",
        "did you mean \"vive\"?",
    ),
    (
        "several_mistakes",
        "unknown-sector",
        "content/partners/kommune.md:3:9",
        "unknown sector \"publik\"",
        "did you mean \"public\"?",
    ),
    (
        "several_mistakes",
        "unknown-field",
        "content/partnerships/samarbejde.md:2:1",
        "unknown field `titel`",
        "did you mean `title`?",
    ),
];

/// Fixtures that must build: the base every failing fixture is made from, and wikilink syntax
/// inside code, which is text and not a link.
const PASSING: &[&str] = &["ok_base", "ok_wikilink_in_code"];

const SENTINEL: &str = "previous site";

/// One test per failing fixture, so `cargo test` names the case that broke.
macro_rules! failing {
    ($($name:ident)*) => {
        const FAILING_TESTS: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                check_failing(stringify!($name));
            }
        )*
    };
}

failing! {
    invalid_yaml_tab
    invalid_yaml_quote
    duplicate_field
    missing_title
    missing_name
    wrong_type_draft
    wrong_type_number
    wrong_type_partners
    unknown_field
    unknown_partner
    unknown_partner_after_similar
    wrong_kind_reference
    unknown_partnership
    unknown_addressed_challenge
    unknown_facilitator
    unknown_quote_by
    unknown_quote_partnership
    unknown_sector
    unknown_contribution_type
    duplicate_number_in_catalogue
    number_without_catalogue
    unknown_catalogue
    unknown_wikilink
    duplicate_id
    bad_id
    empty_title
    bad_logo
    end_before_start
    unknown_kind_folder
    bad_date_day
    bad_date_format
    unclosed_front_matter
    quote_without_speaker
    too_few_partners
    missing_site_yaml
    site_yaml_unknown_field
    several_mistakes
}

#[test]
fn ok_base() {
    let site = build_fixture("ok_base");
    assert_built(&site);
}

#[test]
fn ok_wikilink_in_code() {
    let site = build_fixture("ok_wikilink_in_code");
    assert_built(&site);
    let page = site.dir.join("public/challenges/tid/index.html");
    let html =
        fs::read_to_string(&page).unwrap_or_else(|e| panic!("cannot read {}: {e}", page.display()));
    assert!(
        html.contains("<code>[[vivx]]</code>"),
        "the code span should be kept as text:\n{html}"
    );
}

/// The table, the test functions and the fixture folders agree: no case without a fixture, no
/// fixture without a test.
#[test]
fn every_fixture_has_a_case() {
    let on_disk: BTreeSet<String> = fs::read_dir(fixtures())
        .expect("tests/fixtures/errors")
        .map(|e| {
            e.expect("fixture entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let in_table: BTreeSet<String> = CASES.iter().map(|c| c.0.to_string()).collect();
    let tested: BTreeSet<String> = FAILING_TESTS.iter().map(|s| s.to_string()).collect();
    assert_eq!(
        in_table, tested,
        "every fixture in CASES needs a line in failing! and the other way round"
    );
    let expected: BTreeSet<String> = in_table
        .iter()
        .cloned()
        .chain(PASSING.iter().map(|s| s.to_string()))
        .collect();
    assert_eq!(
        on_disk, expected,
        "tests/fixtures/errors/ and the CASES/PASSING tables disagree"
    );
}

/// The same mistake, in a Danish, a Swedish and an English site: the message and the help
/// are in the site's language; code and place are the same.
/// (fixture, language, error code, where, message, help).
const LANGUAGE_CASES: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "unknown_partner",
        "da",
        "unknown-reference",
        "content/challenges/tid.md:4:12",
        "ukendt partner \"viv\"",
        "mente du \"vive\"?",
    ),
    (
        "unknown_partner",
        "sv",
        "unknown-reference",
        "content/challenges/tid.md:4:12",
        "okänd partner \"viv\"",
        "menade du \"vive\"?",
    ),
    (
        "unknown_partner",
        "en",
        "unknown-reference",
        "content/challenges/tid.md:4:12",
        "unknown partner \"viv\"",
        "did you mean \"vive\"?",
    ),
    (
        "unknown_field",
        "da",
        "unknown-field",
        "content/challenges/tid.md:4:1",
        "ukendt felt `partnes`",
        "mente du `partners`? Felterne her er:",
    ),
    (
        "unknown_field",
        "sv",
        "unknown-field",
        "content/challenges/tid.md:4:1",
        "okänt fält `partnes`",
        "menade du `partners`? Fälten här är:",
    ),
    (
        "unknown_field",
        "en",
        "unknown-field",
        "content/challenges/tid.md:4:1",
        "unknown field `partnes`",
        "did you mean `partners`? Fields here are:",
    ),
    (
        "missing_title",
        "da",
        "missing-field",
        "content/challenges/tid.md:2:1",
        "det påkrævede felt `title` mangler",
        "tilføj en linje `title: ...`",
    ),
    (
        "missing_title",
        "sv",
        "missing-field",
        "content/challenges/tid.md:2:1",
        "det obligatoriska fältet `title` saknas",
        "lägg till en rad `title: ...`",
    ),
    (
        "unknown_wikilink",
        "da",
        "unknown-wikilink",
        "content/challenges/tid.md:7:34",
        "wikilinket [[vivx]] fører ingen steder hen: intet har id'et \"vivx\"",
        "mente du [[vive]]?",
    ),
    (
        "unknown_wikilink",
        "sv",
        "unknown-wikilink",
        "content/challenges/tid.md:7:34",
        "wikilänken [[vivx]] leder ingenstans: inget har id:t \"vivx\"",
        "menade du [[vive]]?",
    ),
    (
        "wrong_type_number",
        "da",
        "wrong-type",
        "content/challenges/tid.md:3:9",
        "`number`: her skal stå et helt tal, men der står teksten \"tre\"",
        "skriv et helt tal, fx 3",
    ),
    (
        "wrong_type_number",
        "sv",
        "wrong-type",
        "content/challenges/tid.md:3:9",
        "`number`: här ska det stå ett heltal, men det står texten \"tre\"",
        "skriv ett heltal, t.ex. 3",
    ),
    (
        "empty_title",
        "da",
        "empty-title",
        "content/challenges/tid.md:2:1",
        "`title` indeholder intet, en læser kan se",
        "skriv den tekst, læserne skal se",
    ),
    (
        "bad_logo",
        "sv",
        "bad-logo",
        "content/partners/vive.md:4:7",
        "`logo`: det finns ingen fil static/logos/vive.pgn",
        "menade du `logo: logos/vive.png`?",
    ),
    (
        "end_before_start",
        "da",
        "end-before-start",
        "content/partnerships/samarbejde.md:6:6",
        "partnerskabet slutter (`end: 2024-06-30`), før det begynder (`start: 2024-09-01`)",
        "ret en af de to datoer",
    ),
];

#[test]
fn errors_follow_the_site_language() {
    for &(fixture, language, code, at, message, help) in LANGUAGE_CASES {
        let site = build_fixture_in(fixture, language);
        let stderr = site.stderr();
        let context = format!("{fixture} in {language}:\n{stderr}");
        assert!(!site.output.status.success(), "{context}");
        let blocks = diagnostics(&stderr);
        assert_eq!(blocks.len(), 1, "{context}");
        let block = &blocks[0];
        assert!(block.contains(&format!("error[{code}]: ")), "{context}");
        assert!(points_at(block, at), "{context}");
        let title = block.lines().next().unwrap_or_default();
        assert!(title.contains(message), "{context}");
        let help_line = block
            .lines()
            .find(|l| l.trim_start().starts_with("help: "))
            .unwrap_or_default();
        assert!(
            !help_line.is_empty() && help_line.contains(help),
            "{context}"
        );
        // Nothing of the English text is left in another language.
        if language != "en" {
            assert!(
                !block.contains("did you mean") && !block.contains("unknown "),
                "{context}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors")
}

/// A copy of a fixture in a fresh temporary folder, removed when dropped.
struct TempSite {
    dir: PathBuf,
    output: Output,
}

impl TempSite {
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }
}

impl Drop for TempSite {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
    for entry in
        fs::read_dir(from).unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display()))
    {
        let entry = entry.expect("directory entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap_or_else(|e| {
                panic!(
                    "cannot copy {} to {}: {e}",
                    entry.path().display(),
                    target.display()
                )
            });
        }
    }
}

/// Copies the fixture into a fresh folder holding a previous build, and builds it.
fn build_fixture(fixture: &str) -> TempSite {
    build_fixture_with(fixture, None)
}

/// [`build_fixture`] with the site's `language:` set to `language`.
fn build_fixture_in(fixture: &str, language: &str) -> TempSite {
    build_fixture_with(fixture, Some(language))
}

fn build_fixture_with(fixture: &str, language: Option<&str>) -> TempSite {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let source = fixtures().join(fixture);
    assert!(source.is_dir(), "no fixture {}", source.display());
    let dir = std::env::temp_dir().join(format!(
        "brobygger-errors-{}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        fixture
    ));
    let _ = fs::remove_dir_all(&dir);
    copy_dir(&source, &dir);
    if let Some(language) = language {
        let config = fs::read_to_string(dir.join("site.yaml")).expect("read site.yaml");
        assert!(
            config.contains("language: en\n"),
            "{fixture} is not an English site"
        );
        let config = config.replace("language: en\n", &format!("language: {language}\n"));
        fs::write(dir.join("site.yaml"), config).expect("write site.yaml");
    }
    fs::create_dir_all(dir.join("public")).expect("create public/");
    fs::write(dir.join("public/index.html"), SENTINEL).expect("write the sentinel");
    // A previous build's output carries brobygger's marker, so a new build may replace it.
    fs::write(dir.join("public/.brobygger"), "").expect("write the marker");
    let output = Command::new(env!("CARGO_BIN_EXE_brobygger"))
        .arg("build")
        .arg("--root")
        .arg(&dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run brobygger");
    TempSite { dir, output }
}

/// The folder's entries whose names start with `.public.` (the staging and retired folders).
fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("read the site folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect()
}

/// Every file under `dir`, relative, with `/` separators.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("read output folder") {
            let entry = entry.expect("entry");
            if entry.file_type().expect("file type").is_dir() {
                stack.push(entry.path());
            }
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("under dir")
                .to_string_lossy()
                .replace('\\', "/");
            out.push(rel);
        }
    }
    out.sort();
    out
}

/// The rendered diagnostics: each starts at a line `error[code]: ...` or `warning[code]: ...`.
fn diagnostics(stderr: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    for line in stderr.lines() {
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

/// Whether a diagnostic's `-->` line names `at`. A bare file (no line and column) also accepts
/// the file with a position, should the generator learn to point inside it.
fn points_at(block: &str, at: &str) -> bool {
    let file_only = !at.contains(':');
    block
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .any(|loc| {
            loc == at
                || (file_only
                    && loc
                        .strip_prefix(at)
                        .is_some_and(|rest| rest.starts_with(':')))
        })
}

fn check_failing(fixture: &str) {
    let expected: Vec<_> = CASES.iter().filter(|c| c.0 == fixture).collect();
    assert!(!expected.is_empty(), "no line in CASES for {fixture}");
    let site = build_fixture(fixture);
    let stderr = site.stderr();
    let context = format!("fixture {fixture}; stderr was:\n{stderr}");

    assert_eq!(site.output.status.code(), Some(1), "exit code; {context}");

    let blocks = diagnostics(&stderr);
    let errors: Vec<&String> = blocks.iter().filter(|b| b.starts_with("error[")).collect();
    assert_eq!(errors.len(), expected.len(), "number of errors; {context}");
    let n = expected.len();
    let summary = format!(
        "error: the site was not built: {n} {} (nothing was written)",
        if n == 1 { "error" } else { "errors" }
    );
    assert!(
        stderr.lines().any(|l| l == summary),
        "expected the summary `{summary}`; {context}"
    );

    for (_, code, at, message, help) in &expected {
        let Some(block) = errors.iter().find(|b| points_at(b, at)) else {
            panic!("no error points at `{at}` (expected `{message}`); {context}");
        };
        let header = block.lines().next().unwrap_or_default();
        let prefix = format!("error[{code}]: ");
        assert!(
            header.starts_with(&prefix),
            "the error at {at} should start with `{prefix}`; {context}"
        );
        assert!(
            header.contains(message),
            "the error at {at} should say `{message}`; {context}"
        );
        assert!(
            block
                .lines()
                .any(|l| l.starts_with("help: ") && l.contains(help)),
            "the error at {at} should have a `help:` with `{help}`; {context}"
        );
    }

    // Positions are given once, in the `-->` line, counted in the whole file: serde_yaml's
    // own "at line L column C" counts from the start of the front matter and must not leak.
    assert!(
        !stderr.contains(" at line "),
        "a YAML-relative position leaked into a message; {context}"
    );
    assert!(
        !stderr.contains("panicked"),
        "the generator panicked; {context}"
    );

    // Nothing was written: the previous output is exactly as it was.
    let public = site.dir.join("public");
    assert_eq!(
        files_under(&public),
        vec![".brobygger".to_string(), "index.html".to_string()],
        "the output folder changed; {context}"
    );
    assert_eq!(
        fs::read_to_string(public.join("index.html")).expect("read the sentinel"),
        SENTINEL,
        "{context}"
    );
    assert_eq!(
        leftovers(&site.dir),
        Vec::<String>::new(),
        "a staging folder was left behind; {context}"
    );
}

fn assert_built(site: &TempSite) {
    let stderr = site.stderr();
    assert_eq!(
        site.output.status.code(),
        Some(0),
        "the site should build; stderr was:\n{stderr}"
    );
    assert!(
        !stderr
            .lines()
            .any(|l| l.starts_with("error") || l.starts_with("warning")),
        "no errors or warnings expected:\n{stderr}"
    );
    let index = fs::read_to_string(site.dir.join("public/index.html")).expect("the new index.html");
    assert_ne!(index, SENTINEL, "the previous site should be replaced");
    assert_eq!(
        leftovers(&site.dir),
        Vec::<String>::new(),
        "a staging folder was left behind"
    );
}

/// `brobygger check 2>&1 | head -1` closes the pipe after one line, and a full disk
/// (`/dev/full`) refuses every write: the rest of the errors cannot be printed, which is no
/// reason to panic (exit code 101). The exit code still says how the check went.
#[cfg(unix)]
#[test]
fn a_closed_or_full_output_is_no_panic() {
    use std::process::Stdio;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("site");
    copy_dir(&fixtures().join("ok_base"), &root);
    // Enough errors to fill any pipe's buffer.
    for i in 0..300 {
        fs::write(
            root.join(format!("content/challenges/c{i}.md")),
            format!("---\ntitle: C{i}\npartners: [nobody{i}]\n---\n"),
        )
        .expect("write a challenge");
    }
    let closed = || {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        Stdio::from(writer)
    };
    let full = || {
        Stdio::from(
            fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .expect("open /dev/full"),
        )
    };
    let root = root.to_str().expect("a UTF-8 path");
    let out = dir.path().join("out");
    let out = out.to_str().expect("a UTF-8 path");
    let cases: Vec<(&str, Vec<&str>, Stdio, Stdio)> = vec![
        (
            "check, stderr closed",
            vec!["check", "--root", root],
            Stdio::null(),
            closed(),
        ),
        (
            "check, stderr full",
            vec!["check", "--root", root],
            Stdio::null(),
            full(),
        ),
        (
            "check --format json, stdout closed",
            vec!["check", "--root", root, "--format", "json"],
            closed(),
            Stdio::null(),
        ),
        (
            "check --format json, stdout full",
            vec!["check", "--root", root, "--format", "json"],
            full(),
            full(),
        ),
        (
            "build, stderr closed",
            vec!["build", "--root", root, "--output", out],
            Stdio::null(),
            closed(),
        ),
    ];
    for (case, args, stdout, stderr) in cases {
        let status = Command::new(env!("CARGO_BIN_EXE_brobygger"))
            .args(&args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            .status()
            .expect("run brobygger");
        assert_eq!(status.code(), Some(1), "{case}: {status:?}");
    }
}
