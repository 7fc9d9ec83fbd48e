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
/// On a Danish or Swedish site the words are the site's (`fejl[code]`, `advarsel[code]`,
/// `hjælp: `; `fel[code]`, `varning[code]`, `hjälp: `): the methods below read every language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic(pub String);

/// The words for an error, a warning and a help, in English, Danish and Swedish.
pub const ERROR_WORDS: [&str; 3] = ["error", "fejl", "fel"];
pub const WARNING_WORDS: [&str; 3] = ["warning", "advarsel", "varning"];
pub const HELP_WORDS: [&str; 3] = ["help", "hjælp", "hjälp"];

/// The words `severity` (`error` or `warning`) is written with.
fn words_for(severity: &str) -> &'static [&'static str] {
    match severity {
        "warning" => &WARNING_WORDS,
        _ => &ERROR_WORDS,
    }
}

/// The line after a leading `help: ` (in any language), if it starts so.
fn after_help(line: &str) -> Option<&str> {
    let line = line.trim_start();
    HELP_WORDS
        .iter()
        .find_map(|w| line.strip_prefix(w)?.strip_prefix(": "))
}

/// Whether `line` starts a diagnostic of `severity`: `error[`, `fejl[`, …
fn starts(line: &str, severity: &str) -> bool {
    words_for(severity)
        .iter()
        .any(|w| line.strip_prefix(w).is_some_and(|r| r.starts_with('[')))
}

/// The diagnostics on `stderr`, in the order printed.
pub fn diagnostics(stderr: &str) -> Vec<Diagnostic> {
    let mut blocks: Vec<String> = Vec::new();
    for line in stderr.lines() {
        if starts(line, "error") || starts(line, "warning") {
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
        starts(&self.0, "error")
    }

    pub fn is_warning(&self) -> bool {
        starts(&self.0, "warning")
    }

    /// Whether this is an error (or a warning, by `severity`) with the code `code`.
    pub fn is(&self, severity: &str, code: &str) -> bool {
        words_for(severity)
            .iter()
            .any(|w| self.0.starts_with(&format!("{w}[{code}]: ")))
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
        self.0.lines().find_map(after_help)
    }

    /// Whether a `help: ` line holds `part`.
    pub fn helps_with(&self, part: &str) -> bool {
        self.0
            .lines()
            .filter_map(after_help)
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
