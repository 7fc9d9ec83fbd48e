//! Reading the diagnostics `brobygger` prints on stderr, as a user reads them:
//!
//! ```text
//! error[unknown-reference]: unknown partner "viv"
//!  --> content/challenges/tid.md:4:12
//!   |
//! 4 | partners: [viv]
//!   |            ^^^
//!   |
//! help: did you mean "vive"?
//! ```

/// One printed diagnostic: its lines from `error[code]: ` or `warning[code]: ` up to the next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic(pub String);

/// The diagnostics on `stderr`, in the order printed.
pub fn diagnostics(stderr: &str) -> Vec<Diagnostic> {
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
    blocks.into_iter().map(Diagnostic).collect()
}

impl Diagnostic {
    /// The first line: `error[code]: message`.
    pub fn header(&self) -> &str {
        self.0.lines().next().unwrap_or_default()
    }

    pub fn is_error(&self) -> bool {
        self.0.starts_with("error[")
    }

    pub fn is_warning(&self) -> bool {
        self.0.starts_with("warning[")
    }

    /// Whether this is an error (or a warning, by `severity`) with the code `code`.
    pub fn is(&self, severity: &str, code: &str) -> bool {
        self.0.starts_with(&format!("{severity}[{code}]: "))
    }

    /// The message: the header after `]: `.
    pub fn message(&self) -> &str {
        self.header().split_once("]: ").map_or("", |(_, m)| m)
    }

    /// The place in the `-->` line: `file:line:column`, or `file`.
    pub fn location(&self) -> Option<&str> {
        self.0
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("--> "))
            .map(str::trim_end)
    }

    /// Whether a `-->` line names `at`. A bare `file`, or `file:line`, also matches the same
    /// place with a line or column after it, where the test does not fix those.
    pub fn points_at(&self, at: &str) -> bool {
        self.0
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("--> "))
            .map(str::trim_end)
            .any(|loc| {
                loc == at
                    || (at.matches(':').count() < 2
                        && loc
                            .strip_prefix(at)
                            .is_some_and(|rest| rest.starts_with(':')))
            })
    }

    /// The text of the first `help: ` line.
    pub fn help(&self) -> Option<&str> {
        self.0
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("help: "))
    }

    /// Whether a `help: ` line holds `part`.
    pub fn helps_with(&self, part: &str) -> bool {
        self.0
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("help: "))
            .any(|h| h.contains(part))
    }

    pub fn contains(&self, part: &str) -> bool {
        self.0.contains(part)
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
