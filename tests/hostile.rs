//! The hostile catalogue: attacks and accidents a knowledge base edited by many people and
//! published for anyone may meet, one test per row. Each row builds a small site with the real
//! binary (under a time limit, so a hang fails the row instead of the suite) and asserts what
//! a facilitator or a reader would notice:
//!
//! - either a clear error, naming the file, the line where there is one, and what to do, with
//!   the previous output left exactly as it was and no staging folder left behind;
//! - or a safe site: no script, event handler or `javascript:` link that the theme did not
//!   put there, template syntax shown as text, feeds and data files that still parse, CSV
//!   cells that no spreadsheet runs as formulas;
//! - and, either way, no panic, and nothing written or removed outside the output folder.
//!
//! The rows, grouped as in docs/reliability.md, are in `tests/hostile/`. The errors of
//! tests/errors.rs (a tab in the front matter, a duplicate field, an unclosed front matter …)
//! are not repeated here.

mod common;

#[path = "hostile/harness.rs"]
mod harness;

#[path = "hostile/injection.rs"]
mod injection;

#[path = "hostile/urls.rs"]
mod urls;

#[path = "hostile/paths.rs"]
mod paths;

#[path = "hostile/boundary.rs"]
mod boundary;

#[path = "hostile/front_matter.rs"]
mod front_matter;

#[path = "hostile/files.rs"]
mod files;

#[path = "hostile/model.rs"]
mod model;

#[path = "hostile/output.rs"]
mod output;

#[path = "hostile/atomic.rs"]
mod atomic;

#[path = "hostile/fuzzed.rs"]
mod fuzzed;
