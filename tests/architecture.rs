//! The code's shape matches the flow it describes (docs/architecture.md): each top-level
//! module of `src/` sits on a floor, and imports only from floors below its own, so there is
//! no import circle and data flows one way. A new module must be given its floor here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module and its floor, lowest first.
const FLOORS: &[(&str, u8)] = &[
    ("base", 0),
    ("config", 1),
    ("output", 1),
    ("markdown", 2),
    ("load", 3),
    ("validate", 4),
    ("model", 5),
    ("plan", 6),
    ("network", 7),
    ("search", 7),
    ("cms", 7),
    ("pipeline", 8),
    ("render", 9),
    ("check", 10),
    ("live", 10),
    ("init", 10),
    ("new", 10),
    ("serve", 11),
];

/// The top-level module a file of `src/` belongs to; `None` for the edges (lib.rs, main.rs).
fn module_of(rel: &Path) -> Option<String> {
    let first = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    (name != "lib" && name != "main").then_some(name)
}

/// The top-level modules a file's text names with `crate::`, in paths and in grouped imports.
fn imports(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let word = |s: &str| {
        s.trim()
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .next()
            .unwrap_or_default()
            .to_string()
    };
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The group's parts at its own level: `{config::Config, load::{self, Kind}}`.
            let mut depth = 0;
            let mut start = 0;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        found.insert(word(&group[start..j]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.insert(word(&group[start..j]));
                        start = j + 1;
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(word(rest));
        }
    }
    found.retain(|m| !m.is_empty() && m != "self");
    found
}

#[test]
fn every_module_imports_only_from_floors_below_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let floors: BTreeMap<&str, u8> = FLOORS.iter().copied().collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = entry.path().strip_prefix(&src).unwrap();
        let Some(module) = module_of(rel) else {
            continue;
        };
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let used = imports(&text);
        edges.entry(module.clone()).or_default().extend(
            used.into_iter()
                .filter(|m| *m != module && floors.contains_key(m.as_str())),
        );
    }
    let unplaced: Vec<&String> = edges
        .keys()
        .filter(|m| !floors.contains_key(m.as_str()))
        .collect();
    assert!(
        unplaced.is_empty(),
        "give these modules a floor in tests/architecture.rs and docs/architecture.md: {unplaced:?}"
    );
    let mut upward = Vec::new();
    for (module, used) in &edges {
        for other in used {
            if floors[other.as_str()] >= floors[module.as_str()] {
                upward.push(format!(
                    "{module} (floor {}) imports {other} (floor {})",
                    floors[module.as_str()],
                    floors[other.as_str()]
                ));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that go up or sideways:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_import_reader_sees_grouped_imports() {
    let found =
        imports("use crate::{config::Config, load::{self, Kind}};\nlet x = crate::plan::plan(s);");
    let expected: BTreeSet<String> = ["config", "load", "plan"].map(String::from).into();
    assert_eq!(found, expected);
}

#[test]
fn no_source_file_has_over_600_lines_of_code_without_a_reason_at_its_top() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut long = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        // A file's own tests sit beside it by Rust's custom; the code before them counts.
        let code = text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or(&text);
        let lines = code.lines().count();
        let head: String = text.lines().take(12).collect::<Vec<_>>().join("\n");
        if lines > 600 && !head.contains("Why this file is long:") {
            long.push(format!(
                "{} ({lines} lines)",
                entry.path().strip_prefix(&src).unwrap().display()
            ));
        }
    }
    assert!(
        long.is_empty(),
        "split these files, or say at their top (`Why this file is long: …`) why not:\n{}",
        long.join("\n")
    );
}
