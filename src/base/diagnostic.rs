//! Errors and warnings about a site's files: where (file, line, column), what, and how to fix
//! it. The engine only collects [`Diagnostic`]s; they are turned into text once, at the edge,
//! by [`render`], in the style of rustc (the source line with a caret under the culprit).

use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One finding about one place in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable, short name for the kind of finding, e.g. `unknown-reference`.
    pub code: &'static str,
    /// The file, relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line; 0 when the finding is about the whole file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// The text of the line, for the snippet under the message.
    pub source_line: String,
    /// Byte range within `source_line` to underline.
    pub span: std::ops::Range<usize>,
    pub message: String,
    /// What the user can do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at the start of `file`, with no source line.
    pub fn error(code: &'static str, file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            line: 0,
            column: 0,
            source_line: String::new(),
            span: 0..0,
            message: message.into(),
            help: None,
        }
    }

    /// Points the diagnostic at byte `offset` of `text` (the whole file), underlining `len` bytes.
    pub fn at(mut self, text: &str, offset: usize, len: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[line_start..line_end].trim_end_matches('\r');
        self.line = text[..line_start].matches('\n').count() + 1;
        self.column = text[line_start..offset].chars().count() + 1;
        let start = (offset - line_start).min(line.len());
        let end = floor_char_boundary(line, (start + len.max(1)).min(line.len()));
        self.source_line = line.to_string();
        self.span = start..end.max(start);
        self
    }

    /// Points the diagnostic at a 1-based line and column of `text`.
    pub fn at_line_col(self, text: &str, line: usize, column: usize, len: usize) -> Self {
        let offset = offset_of(text, line, column);
        self.at(text, offset, len)
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }
}

/// The byte offset of a 1-based line and column (in characters) in `text`.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[start..];
    let line_len = rest.find('\n').unwrap_or(rest.len());
    start
        + rest[..line_len]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_len, |(i, _)| i)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Diagnostic {
    /// The one-line form: `file:line:column: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

/// A list of diagnostics: the error type of every stage that checks a site.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Orders diagnostics by file and position so output is stable from run to run.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
        });
        self.0.dedup();
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Renders one diagnostic like rustc does, with or without colour. Invisible characters are
/// written as `\u{…}` (see [`crate::base::text::visible`]): a direction control quoted from a file
/// would turn the terminal's line around.
pub fn render(d: &Diagnostic, colour: bool) -> String {
    render_in(d, colour, crate::base::Language::En)
}

/// [`render`] with the words `error`, `warning` and `help` in `language`, as the rest of the
/// text is.
pub fn render_in(d: &Diagnostic, colour: bool, language: crate::base::Language) -> String {
    use crate::base::messages::{error_label, help_label, warning_label};
    use crate::base::text::visible;
    use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
    let level = match d.severity {
        Severity::Error => Level::ERROR.with_name(error_label(language)),
        Severity::Warning => Level::WARNING.with_name(warning_label(language)),
    };
    let message = visible(&d.message);
    let file = visible(&d.file);
    let line;
    let help = d.help.as_deref().map(visible);
    let title = level.primary_title(message.as_ref()).id(d.code);
    let mut groups = Vec::new();
    if d.line > 0 {
        // The underline moves with the text before it, which may have grown.
        let start = floor_char_boundary(&d.source_line, d.span.start.min(d.source_line.len()));
        let end = floor_char_boundary(&d.source_line, d.span.end.min(d.source_line.len()));
        let before = visible(&d.source_line[..start]).len();
        let within = visible(&d.source_line[start..end.max(start)]).len();
        line = visible(&d.source_line);
        groups.push(
            title.element(
                Snippet::source(line.as_ref())
                    .line_start(d.line)
                    .path(file.as_ref())
                    .annotation(AnnotationKind::Primary.span(before..before + within)),
            ),
        );
    } else {
        groups.push(title.element(annotate_snippets::Origin::path(file.as_ref())));
    }
    if let Some(help) = &help {
        groups.push(Group::with_title(
            Level::HELP
                .with_name(help_label(language))
                .secondary_title(help.as_ref()),
        ));
    }
    let renderer = if colour {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&groups)
}

/// The closest of `candidates` to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    // One that differs only by a look-alike or invisible character is surely the one meant,
    // however short the word (one letter of three is a large difference to the measure).
    if let Some(same) = candidates
        .iter()
        .find(|c| !crate::base::text::lookalikes(word, c).is_empty())
    {
        return Some(same);
    }
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
