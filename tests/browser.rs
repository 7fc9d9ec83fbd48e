//! The search in a real browser: builds the example site, then runs
//! `node tests/browser/search.mjs OUTPUT` (Debian's Chromium driven by npm's playwright-core).
//!
//! Needs /usr/bin/chromium (`apt-get install chromium`), Node and `npm ci` in the repository
//! root. When one is missing the test fails and says how to install it: it never skips.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

/// What is missing to run the browser tests, with how to install it.
fn missing_prerequisites(root: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    if !Path::new(CHROMIUM).exists() {
        missing.push(format!(
            "{CHROMIUM} is missing: install Debian's Chromium with `apt-get install chromium`"
        ));
    }
    if !Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        missing.push("`node` is not on PATH: install Node.js 20 or newer (e.g. `apt-get install nodejs npm`)".into());
    }
    if !root
        .join("node_modules/playwright-core/package.json")
        .exists()
    {
        missing.push(format!(
            "{} is missing: run `npm ci` in {} (installs playwright-core from package-lock.json; it never downloads a browser)",
            root.join("node_modules/playwright-core").display(),
            root.display()
        ));
    }
    missing
}

#[test]
fn search_works_in_chromium_from_disk_and_under_a_sub_path() {
    let root = repo();
    let missing = missing_prerequisites(&root);
    assert!(
        missing.is_empty(),
        "the browser test cannot run:\n  - {}\n\nInstall them with:\n    apt-get install chromium\n    npm ci\n(then run `cargo test --test browser` again)",
        missing.join("\n  - ")
    );

    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&root, &out);

    let script = root.join("tests/browser/search.mjs");
    let o = Command::new("node")
        .arg(&script)
        .arg(&out)
        .current_dir(&root)
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
        out.display(),
        o.status
    );
}
