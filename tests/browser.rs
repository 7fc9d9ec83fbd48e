//! The built example site as readers get it: in a real browser, and through the Nu HTML
//! Checker. Each test builds the site, then runs a node script of `tests/browser/` (Debian's
//! Chromium driven by npm's playwright-core) or the checker (npm's vnu-jar on Java):
//!
//! - `search.mjs`: the search, from disk and under a sub-path; word families in da, sv, en
//!   and nb (tests/fixtures/search/);
//! - `pages.mjs`: every page type with axe-core (WCAG 2.1 A and AA), the keyboard and a
//!   320/375 px screen;
//! - `pages-visual.mjs`: the drawings of the partner, partnership, partnerships and
//!   contributions pages: missing sectors in a partnership's first screen, no hidden column
//!   at 375 and 320 px, axe on the new components, drawn from disk and in print;
//! - `navigation.mjs`: every page followed link by link, from disk and under a sub-path;
//! - `print.mjs`: the catalogue printed to PDF;
//! - `identity.mjs`: the phone menu within 100 px, entries' key facts beside the text at
//!   1280 px, the front page's drawings, axe on the front and an entry page;
//! - `network.mjs`: the network drawing's labels measured as drawn (whole, none overlapping),
//!   and the list that stands in for it on a phone;
//! - `serve.mjs`: `brobygger serve` reloading an open page and laying errors over it;
//! - `cms.mjs`: the editing forms at `/admin/` under serve: no other host, every collection
//!   opens, a partner made through the form and added to a partnership with the relation
//!   picker, both shown by the preview; axe's findings in Decap match docs/accessibility.md
//!   (needs the Decap bundle, see [`decap_bundle`]);
//! - the Nu HTML Checker over every page.
//!
//! Needs /usr/bin/chromium (`apt-get install chromium`), Java (`apt-get install
//! default-jre-headless`), Node and `npm ci` in the repository root. When one is missing the
//! tests fail and say how to install it: they never skip.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

const CHROMIUM: &str = "/usr/bin/chromium";
const VNU_JAR: &str = "node_modules/vnu-jar/build/dist/vnu.jar";
const HOW_TO_INSTALL: &str = "Install them with:\n    apt-get install chromium default-jre-headless nodejs npm\n    npm ci    # in the repository root\n(then run `cargo test --test browser` again)";

/// One Chromium at a time: on a 2-core machine several at once slow each other down until
/// their timeouts fire.
static CHROMIUM_LOCK: Mutex<()> = Mutex::new(());

fn works(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn npm_package(root: &Path, name: &str, what: &str) -> Option<String> {
    let dir = root.join("node_modules").join(name);
    (!dir.join("package.json").exists()).then(|| {
        format!(
            "{} is missing: run `npm ci` in {} (installs {name}, {what}, from package-lock.json)",
            dir.display(),
            root.display()
        )
    })
}

/// What is missing to run the browser tests, with how to install it.
fn missing_for_browser(root: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    if !Path::new(CHROMIUM).exists() {
        missing.push(format!(
            "{CHROMIUM} is missing: install Debian's Chromium with `apt-get install chromium`"
        ));
    }
    if !works("node", "--version") {
        missing.push("`node` is not on PATH: install Node.js 20 or newer (e.g. `apt-get install nodejs npm`)".into());
    }
    missing.extend(npm_package(
        root,
        "playwright-core",
        "which drives /usr/bin/chromium and never downloads a browser",
    ));
    missing.extend(npm_package(root, "axe-core", "the accessibility checker"));
    missing
}

/// What is missing to run the Nu HTML Checker, with how to install it.
fn missing_for_vnu(root: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    if !works("java", "-version") {
        missing.push("`java` is not on PATH: install a Java runtime with `apt-get install default-jre-headless`".into());
    }
    if !root.join(VNU_JAR).exists() {
        missing.push(format!(
            "{} is missing: run `npm ci` in {} (installs vnu-jar, the Nu HTML Checker, from package-lock.json)",
            root.join(VNU_JAR).display(),
            root.display()
        ));
    }
    missing
}

fn require(missing: Vec<String>, what: &str) {
    assert!(
        missing.is_empty(),
        "{what} cannot run:\n  - {}\n\n{HOW_TO_INSTALL}",
        missing.join("\n  - ")
    );
}

/// The example site built into a temporary folder (kept while the returned guard lives).
fn example_site(root: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(root, &out);
    (tmp, out)
}

/// Runs `node tests/browser/SCRIPT ARGS…`; fails with its whole output when it fails.
fn node(root: &Path, script: &str, args: &[&Path]) {
    let _one_at_a_time = CHROMIUM_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let script = root.join("tests/browser").join(script);
    let o = Command::new("node")
        .arg(&script)
        .args(args)
        .current_dir(root)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    if o.status.success() {
        println!("{stdout}{stderr}"); // shown with --nocapture
    }
    assert!(
        o.status.success(),
        "node {} {} failed ({}):\n{stdout}\n{stderr}",
        script.display(),
        args.iter()
            .map(|a| a.display().to_string())
            .collect::<Vec<_>>()
            .join(" "),
        o.status
    );
}

#[test]
fn search_works_in_chromium_from_disk_and_under_a_sub_path() {
    let root = repo();
    require(missing_for_browser(&root), "the browser test");
    let (_tmp, out) = example_site(&root);
    node(&root, "search.mjs", &[&out]);
}

#[test]
fn search_finds_word_families_in_da_sv_en_nb_from_disk_and_over_http() {
    let root = repo();
    require(missing_for_browser(&root), "the browser test");
    let tmp = tempfile::tempdir().unwrap();
    let mut args = Vec::new();
    for lang in ["da", "sv", "en", "nb"] {
        let site = root.join("tests/fixtures/search").join(lang);
        let out = tmp.path().join(lang);
        build_with_stemmer(&site, &out, lang);
        args.push(format!("{lang}={}", out.display()));
    }
    let mut argv = vec![std::ffi::OsString::from("--families")];
    argv.extend(args.into_iter().map(Into::into));
    let argv: Vec<&Path> = argv.iter().map(Path::new).collect();
    node(&root, "search.mjs", &argv);
}

#[test]
fn every_page_type_passes_axe_the_keyboard_and_a_phone_screen() {
    let root = repo();
    require(missing_for_browser(&root), "the browser test");
    let (_tmp, out) = example_site(&root);
    node(&root, "pages.mjs", &[&out]);
}

#[test]
fn the_drawings_show_missing_sectors_first_hide_no_column_on_a_phone_and_pass_axe() {
    let root = repo();
    require(missing_for_browser(&root), "the browser test");
    let (_tmp, out) = example_site(&root);
    node(&root, "pages-visual.mjs", &[&out]);
}

#[test]
fn every_page_is_reached_by_links_from_disk_and_under_a_sub_path() {
    let root = repo();
    require(missing_for_browser(&root), "the browser test");
    let (_tmp, out) = example_site(&root);
    node(&root, "navigation.mjs", &[&out]);
}

#[test]
fn identity_phone_menu_key_facts_beside_the_text_and_front_page_drawings() {
    let root = repo();
    require(missing_for_browser(&root), "the browser test");
    let (_tmp, out) = example_site(&root);
    node(&root, "identity.mjs", &[&out]);
}

#[test]
fn network_drawing_labels_every_partner_without_overlap_and_gives_way_to_a_list_on_a_phone() {
    let root = repo();
    require(missing_for_browser(&root), "the browser test");
    let (tmp, out) = example_site(&root);
    let crowded = tmp.path().join("crowded");
    write_crowded_network_site(&crowded, 60);
    let crowded_out = tmp.path().join("crowded-site");
    build(&crowded, &crowded_out);
    node(&root, "network.mjs", &[&out, &crowded_out]);
}

#[test]
fn the_catalogue_prints_to_a_clean_pdf() {
    let root = repo();
    require(missing_for_browser(&root), "the browser test");
    let (tmp, out) = example_site(&root);
    let print_site = tmp.path().join("print-site");
    build(&root.join("tests/browser/print-site"), &print_site);
    node(&root, "print.mjs", &[&out, &print_site, tmp.path()]);
}

#[test]
fn serve_reloads_the_open_page_and_shows_errors_over_it() {
    let root = repo();
    require(missing_for_browser(&root), "the browser test");
    // A copy of the example site, for the script to edit.
    let copy = example_copy();
    node(
        &root,
        "serve.mjs",
        &[copy.path(), Path::new(env!("CARGO_BIN_EXE_brobygger"))],
    );
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    let root = repo();
    require(missing_for_vnu(&root), "the Nu HTML Checker");
    let (_tmp, out) = example_site(&root);
    let pages: Vec<PathBuf> = files(&out)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
        .map(|f| out.join(f))
        .collect();
    assert!(
        pages.len() > 100,
        "only {} HTML pages in {}",
        pages.len(),
        out.display()
    );

    // Once over all pages: the JVM takes seconds to start.
    let o = Command::new("java")
        .arg("-jar")
        .arg(root.join(VNU_JAR))
        .args(["--format", "json", "--skip-non-html"])
        .args(&pages)
        .output()
        .expect("run java");
    let report = String::from_utf8_lossy(&o.stderr);
    let json: serde_json::Value = serde_json::from_str(&report).unwrap_or_else(|e| {
        panic!(
            "the Nu HTML Checker did not answer in JSON ({e}; status {}):\n{report}",
            o.status
        )
    });
    let messages = json["messages"].as_array().cloned().unwrap_or_default();
    let errors: Vec<String> = messages
        .iter()
        .filter(|m| m["type"] != "info")
        .map(|m| {
            let url = m["url"].as_str().unwrap_or("?");
            let file = url
                .strip_prefix("file:")
                .and_then(|p| Path::new(p).strip_prefix(&out).ok())
                .map_or(url.to_string(), |p| p.display().to_string());
            format!(
                "{file}:{}:{}: {} {}\n      {}",
                m["lastLine"],
                m["firstColumn"],
                m["type"].as_str().unwrap_or("?"),
                m["message"].as_str().unwrap_or(""),
                m["extract"].as_str().unwrap_or("").replace('\n', "⏎")
            )
        })
        .collect();
    let warnings = messages
        .iter()
        .filter(|m| m["type"] == "info" && m["subType"] == "warning")
        .count();
    assert!(
        errors.is_empty() && o.status.success(),
        "the Nu HTML Checker {} found {} errors in {} pages (status {}):\n{}",
        json["version"].as_str().unwrap_or("?"),
        errors.len(),
        pages.len(),
        o.status,
        errors.join("\n")
    );
    println!(
        "Nu HTML Checker {}: {} pages, 0 errors, {warnings} warnings",
        json["version"].as_str().unwrap_or("?"),
        pages.len()
    );
}

/// The Decap bundle the editing-forms test puts into its site: `$DECAP_CMS_JS`, else
/// `target/decap-cms-VERSION.js`, fetched and checked as docs/editing.md says. Missing, the
/// test fails with the commands that fetch it.
fn decap_bundle(root: &Path) -> PathBuf {
    let version = brobygger::cms::DECAP_VERSION;
    let path = std::env::var_os("DECAP_CMS_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join(format!("target/decap-cms-{version}.js")));
    assert!(
        path.is_file(),
        "{} is missing. Fetch and check it with:\n    curl -fsSLO https://registry.npmjs.org/decap-cms/-/decap-cms-{version}.tgz\n    echo \"{}  decap-cms-{version}.tgz\" | sha512sum -c\n    tar -xzOf decap-cms-{version}.tgz package/dist/decap-cms.js > {}",
        path.display(),
        brobygger::cms::DECAP_SHA512,
        path.display()
    );
    path
}

#[test]
fn the_editing_forms_load_from_the_site_alone_create_a_partner_and_pick_it_as_a_member() {
    let root = repo();
    require(missing_for_browser(&root), "the browser test");
    let bundle = decap_bundle(&root);
    let copy = example_copy();
    std::fs::create_dir_all(copy.path().join("admin")).unwrap();
    std::fs::copy(&bundle, copy.path().join("admin/decap-cms.js")).unwrap();
    node(
        &root,
        "cms.mjs",
        &[copy.path(), Path::new(env!("CARGO_BIN_EXE_brobygger"))],
    );
    // Written through the forms, read back by brobygger: it builds.
    let made = read(
        &copy
            .path()
            .join("content/partners/aeroe-formularforeningen.md"),
    );
    assert!(made.contains("name: Ærø Formularforeningen"), "{made}");
    let partnership = read(&copy.path().join("content/partnerships/dropin.md"));
    assert!(
        partnership.contains("- id: aeroe-formularforeningen"),
        "{partnership}"
    );
    let out = tempfile::tempdir().unwrap();
    build(copy.path(), out.path());
}
