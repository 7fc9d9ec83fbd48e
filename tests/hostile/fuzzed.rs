//! Inputs in the fuzz target's format (fuzz/, see docs/reliability.md) that crashed the
//! generator or made it produce an unsafe site, kept as rows: each file in tests/hostile/fuzz/
//! is a site (site.yaml, then `@@ PATH` and each file's bytes), built with the real binary. It
//! must end in errors or in a safe site, never in a panic or a hang. The fuzzer saves what it
//! finds in this form; the four here are the catalogue's finds that the fuzz target's checks
//! were tried on (each fails the target with the code as it was before its fix).

use crate::common::site::Site;
use std::path::{Component, Path, PathBuf};

/// Unpacks an input of the fuzz target into `site`, the way the target does.
fn unpack(site: &Site, data: &[u8]) {
    let mut starts = Vec::new();
    if data.starts_with(b"@@ ") {
        starts.push(0);
    }
    starts.extend(
        data.windows(4)
            .enumerate()
            .filter(|(_, w)| *w == b"\n@@ ")
            .map(|(i, _)| i + 1),
    );
    match starts.first() {
        Some(0) => {}
        Some(&first) => {
            site.file("site.yaml", &data[..first]);
        }
        None => {
            site.file("site.yaml", data);
        }
    }
    for (n, &start) in starts.iter().enumerate().take(16) {
        let end = starts.get(n + 1).copied().unwrap_or(data.len());
        let chunk = &data[start + 3..end];
        let line_end = chunk
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(chunk.len());
        let bytes = chunk.get(line_end + 1..).unwrap_or_default();
        let Ok(path) = std::str::from_utf8(&chunk[..line_end]) else {
            continue;
        };
        let parts: Vec<&str> = path
            .split('/')
            .filter(|p| !p.is_empty() && *p != "." && *p != "..")
            .collect();
        if parts.is_empty() || parts.len() > 6 {
            continue;
        }
        let rel: PathBuf = parts.iter().collect();
        if rel.components().all(|c| matches!(c, Component::Normal(_))) {
            let p = site.root.join(&rel);
            if let Some(parent) = p.parent()
                && std::fs::create_dir_all(parent).is_ok()
            {
                let _ = std::fs::write(&p, bytes);
            }
        }
    }
}

fn inputs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/fuzz");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/hostile/fuzz")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "site"))
        .collect();
    v.sort();
    v
}

#[cfg(unix)]
#[test]
fn every_fuzz_regression_now_builds_or_fails_cleanly() {
    let inputs = inputs();
    assert!(
        !inputs.is_empty(),
        "tests/hostile/fuzz/ holds the fuzzer's finds"
    );
    for input in inputs {
        let site = Site::empty();
        unpack(&site, &std::fs::read(&input).expect("read a fuzz input"));
        let outcome = site.build();
        eprintln!("{}", input.display());
        if outcome.status.success() {
            outcome.built();
        } else {
            outcome.failed();
        }
    }
}
