//! What a run of `brobygger` on a [`Site`] printed, and what it must leave as it was: the
//! site's own files and the folder around it always, the previous output unless it built.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitStatus;

use super::diagnostics::{Diagnostic, diagnostics};
use super::site::{PREVIOUS, Ran, Site};

/// Every file under a folder, relative, with its bytes; links are listed, not followed.
#[derive(Debug, PartialEq, Eq)]
pub struct Tree(pub BTreeMap<String, Vec<u8>>);

impl Tree {
    pub fn of(dir: &Path) -> Tree {
        let mut files = BTreeMap::new();
        for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("under dir")
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = if e.path_is_symlink() {
                format!("-> {:?}", std::fs::read_link(e.path()).ok()).into_bytes()
            } else if e.file_type().is_file() {
                std::fs::read(e.path()).unwrap_or_else(|e| format!("unreadable: {e}").into_bytes())
            } else {
                b"(folder)".to_vec()
            };
            files.insert(rel, bytes);
        }
        Tree(files)
    }
}

/// The temporary folder's entries, the site and the output before a run.
pub(super) struct Snapshot {
    entries: Vec<String>,
    site: Tree,
    out: Tree,
}

impl Snapshot {
    pub(super) fn of(site: &Site) -> Snapshot {
        Snapshot {
            entries: entries(site.tmp.path()),
            site: Tree::of(&site.root),
            out: Tree::of(&site.out),
        }
    }
}

/// The names in a folder, sorted.
pub fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// A finished run of `brobygger` on a [`Site`], with what it printed, and what the folders
/// held before it.
pub struct Outcome<'a> {
    pub site: &'a Site,
    pub args: Vec<String>,
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    before: Snapshot,
}

impl<'a> Outcome<'a> {
    pub(super) fn after(site: &'a Site, args: &[String], ran: Ran, before: Snapshot) -> Self {
        Outcome {
            site,
            args: args.to_vec(),
            status: ran.status,
            stdout: ran.stdout,
            stderr: ran.stderr,
            before,
        }
    }

    /// What to show when an assertion fails: the command, its exit code and its output.
    pub fn context(&self) -> String {
        let mut s = format!(
            "`brobygger {}` exited with {:?}",
            self.args.first().map_or("", String::as_str),
            self.status.code()
        );
        if !self.stdout.is_empty() {
            s.push_str(&format!("\n--- stdout:\n{}", self.stdout));
        }
        s.push_str(&format!("\n--- stderr:\n{}", self.stderr));
        s
    }

    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        diagnostics(&self.stderr)
    }

    pub fn errors(&self) -> Vec<Diagnostic> {
        let mut d = self.diagnostics();
        d.retain(Diagnostic::is_error);
        d
    }

    pub fn warnings(&self) -> Vec<Diagnostic> {
        let mut d = self.diagnostics();
        d.retain(Diagnostic::is_warning);
        d
    }

    /// Never a panic, and the site's own files and the folder around it are as they were.
    pub fn common(&self) {
        let context = self.context();
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("RUST_BACKTRACE"),
            "it panicked; {context}"
        );
        assert!(
            self.status.code().is_some(),
            "it was killed by a signal (an abort?); {context}"
        );
        assert_eq!(
            Tree::of(&self.site.root),
            self.before.site,
            "it changed the site's own files; {context}"
        );
        let new: Vec<String> = entries(self.site.tmp.path())
            .into_iter()
            .filter(|e| !self.before.entries.contains(e))
            .collect();
        assert_eq!(
            new,
            Vec::<String>::new(),
            "it wrote or left something beside the output folder; {context}"
        );
    }

    /// The previous output is exactly as it was.
    pub fn nothing_written(&self) {
        assert_eq!(
            Tree::of(&self.site.out),
            self.before.out,
            "the output folder changed; {}",
            self.context()
        );
    }

    /// The command failed with an error `code` at `at` whose message holds `message`: for
    /// `check`, which has its own summary line and writes nothing anyway.
    pub fn failed_with(&self, code: &str, at: &str, message: &str) -> &Self {
        let context = self.context();
        assert_eq!(self.status.code(), Some(1), "exit code; {context}");
        assert!(
            self.errors()
                .iter()
                .any(|b| b.is("error", code) && b.points_at(at) && b.contains(message)),
            "no error[{code}] at `{at}` saying `{message}`; {context}"
        );
        self
    }

    /// The build failed with an error `code` at `at` (`file:line:column`, or `file` for a
    /// problem with the file as a whole), whose message holds `message` and whose `help:`
    /// holds `help`; and nothing was written. Other errors may be reported beside it.
    pub fn error(&self, code: &str, at: &str, message: &str, help: &str) -> &Self {
        self.common();
        let context = self.context();
        assert_eq!(self.status.code(), Some(1), "exit code; {context}");
        let Some(block) = self
            .errors()
            .into_iter()
            .find(|b| b.is("error", code) && b.points_at(at) && b.contains(message))
        else {
            panic!("no error[{code}] at `{at}` saying `{message}`; {context}");
        };
        assert!(
            block.helps_with(help),
            "the error should have a `help:` with `{help}`; {context}"
        );
        // In the site's language: English, Danish or Swedish.
        let summary = [
            ("error: the site was not built: ", "(nothing was written)"),
            ("fejl: sitet blev ikke bygget: ", "(intet blev skrevet)"),
            ("fel: webbplatsen byggdes inte: ", "(inget skrevs)"),
        ];
        assert!(
            self.stderr.lines().any(|l| summary
                .iter()
                .any(|(start, end)| l.starts_with(start) && l.ends_with(end))),
            "the summary line is missing; {context}"
        );
        self.nothing_written();
        self
    }

    /// The build failed with exactly the errors `expected` (code, at, a part of the message's
    /// first line, a part of the `help:`), each once, said so in its summary line, and wrote
    /// nothing.
    pub fn only_errors(&self, expected: &[(&str, &str, &str, &str)]) -> &Self {
        self.common();
        let context = self.context();
        assert_eq!(self.status.code(), Some(1), "exit code; {context}");
        let errors = self.errors();
        assert_eq!(errors.len(), expected.len(), "number of errors; {context}");
        let n = expected.len();
        // In the site's language: English, Danish or Swedish.
        let summaries = [
            format!(
                "error: the site was not built: {n} {} (nothing was written)",
                if n == 1 { "error" } else { "errors" }
            ),
            format!("fejl: sitet blev ikke bygget: {n} fejl (intet blev skrevet)"),
            format!("fel: webbplatsen byggdes inte: {n} fel (inget skrevs)"),
        ];
        assert!(
            self.stderr
                .lines()
                .any(|l| summaries.iter().any(|s| s == l)),
            "expected the summary `{}`; {context}",
            summaries[0]
        );
        for (code, at, message, help) in expected {
            let Some(block) = errors.iter().find(|b| b.points_at(at)) else {
                panic!("no error points at `{at}` (expected `{message}`); {context}");
            };
            assert!(
                block.is("error", code),
                "the error at {at} should start with `error[{code}]: `; {context}"
            );
            assert!(
                block.header().contains(message),
                "the error at {at} should say `{message}`; {context}"
            );
            assert!(
                block.helps_with(help),
                "the error at {at} should have a `help:` with `{help}`; {context}"
            );
        }
        // Positions are given once, in the `-->` line, counted in the whole file: the YAML
        // reader's own "at line L column C" counts from the start of the front matter.
        assert!(
            !self.stderr.contains(" at line "),
            "a YAML-relative position leaked into a message; {context}"
        );
        self.nothing_written();
        self
    }

    /// The build failed, said why, and wrote nothing.
    pub fn failed(&self) -> &Self {
        self.common();
        let context = self.context();
        assert_eq!(self.status.code(), Some(1), "exit code; {context}");
        assert!(
            self.stderr.lines().any(|l| l.starts_with("error")),
            "a failed build says why; {context}"
        );
        self.nothing_written();
        self
    }

    /// The build refused or could not write the output: one `error:` line holding `message`.
    pub fn output_error(&self, message: &str) -> &Self {
        self.common();
        let context = self.context();
        assert_eq!(self.status.code(), Some(1), "exit code; {context}");
        assert!(
            self.stderr
                .lines()
                .any(|l| l.starts_with("error: ") && l.contains(message)),
            "expected an error saying `{message}`; {context}"
        );
        self
    }

    /// The site was built without errors, in place of the previous one.
    pub fn wrote_site(&self) -> &Self {
        self.common();
        let context = self.context();
        assert_eq!(
            self.status.code(),
            Some(0),
            "the site should build; {context}"
        );
        assert!(
            !self.stderr.lines().any(|l| l.starts_with("error")),
            "no errors expected; {context}"
        );
        assert_ne!(
            std::fs::read_to_string(self.site.out.join("index.html")).unwrap_or_default(),
            PREVIOUS,
            "the previous site should be replaced; {context}"
        );
        self
    }

    /// The run exited 0 and reported nothing: no error, no warning, no panic.
    pub fn silent(&self, what: &str) -> &Self {
        let context = self.context();
        assert_eq!(self.status.code(), Some(0), "{what}: exit code; {context}");
        for out in [&self.stdout, &self.stderr] {
            assert!(
                diagnostics(out).is_empty(),
                "{what}: expected no warning and no error; {context}"
            );
        }
        assert!(!self.stderr.contains("panicked"), "{what}: {context}");
        self
    }
}
