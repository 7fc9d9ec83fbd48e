//! The one place that parses YAML, with serde-saphyr (pure Rust, maintained, panic-free by
//! design). Keeping the parser behind these few functions makes a swap a one-file change.
//! Errors come out as located diagnostics in the site's language: what is wrong, where, and
//! what to do, with the YAML reader's own English below as a detail where it adds something.

use super::messages::{ErrorText, Shape, YamlProblem};
use crate::base::Language;
use crate::base::diagnostic::{Diagnostic, did_you_mean, offset_of};
use serde::de::DeserializeOwned;
use serde_saphyr::Error as YamlError;
use std::ops::Range;

/// Deserializes the YAML at `range` of `file_text` into `T`, turning the parser's errors into
/// a diagnostic that points into the whole file. `fields` are the keys `T` takes, for
/// did-you-mean suggestions on unknown keys. The diagnostic is worded in `language`.
pub fn parse_in<T: DeserializeOwned>(
    file: &str,
    file_text: &str,
    range: Range<usize>,
    fields: &[&str],
    language: Language,
) -> Result<T, Diagnostic> {
    let yaml = &file_text[range.clone()];
    // Front matter with nothing but blank lines and comments is an empty mapping: every field
    // takes its default, and a required one is reported as missing.
    let source = if is_blank(yaml) { "{}" } else { yaml };
    if !within_alias_budget(source) {
        let at = range.start + first_alias(yaml).unwrap_or(0);
        return Err(ErrorText::AliasBomb
            .diagnostic(file, language)
            .at(file_text, at, 1));
    }
    let parsed = serde_saphyr::from_str_with_options(source, options()).map_err(|e| {
        let Explained { text, at, len } = explain(&e, yaml, fields);
        let (message, help) = text.text(language);
        let message = super::text::printable(&message).into_owned();
        let help = super::text::printable(&help).into_owned();
        Diagnostic::error(text.code(), file, message)
            .at(file_text, range.start + at.min(yaml.len()), len)
            .with_help(help)
    })?;
    Ok(without_escaped_controls(source).unwrap_or(parsed))
}

/// Deserializes a whole YAML file.
pub fn parse<T: DeserializeOwned>(
    file: &str,
    text: &str,
    fields: &[&str],
) -> Result<T, Diagnostic> {
    parse_in(file, text, 0..text.len(), fields, Language::En)
}

/// The most levels of lists and mappings inside one another: front matter and site.yaml use
/// three or four; the limit keeps the stack of every reader of the value small.
const MAX_DEPTH: usize = 128;

/// How the YAML is read. The settings keep what serde_yaml accepted, so no site that built
/// before breaks.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        // The diagnostic shows the file's own line; the parser need not keep a copy.
        with_snippet: false,
        // `title:` with nothing after it is an empty text, which the checks then report by
        // the field's name (`empty-title`), rather than a type error.
        null_as_string: true,
        // Only true and false are true and false: `draft: no` is not silently a boolean.
        strict_booleans: true,
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            // A list of a million short entries is still a (strange) site, not an attack;
            // what an attack needs, aliases, has its own limit (`within_alias_budget`).
            max_nodes: 8_000_000,
            max_events: 16_000_000,
        },
    }
}

/// Whether `yaml` has nothing but blank lines and comments.
fn is_blank(yaml: &str) -> bool {
    yaml.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    })
}

/// The error itself, inside the wrappers that say it happened while an alias was replayed.
fn original(mut e: &YamlError) -> &YamlError {
    loop {
        match e {
            YamlError::WithSnippet { error, .. } | YamlError::AliasError { error, .. } => e = error,
            _ => return e,
        }
    }
}

/// The parser's own English account of `e`, without its position (the diagnostic shows that,
/// in the file's own line numbers).
fn detail(e: &YamlError) -> String {
    use serde_saphyr::MessageFormatter;
    serde_saphyr::UserMessageFormatter
        .format_message(original(e))
        .into_owned()
}

/// A parse error in the facilitator's terms: the message, and where in the YAML to point
/// (a byte offset) and how much to underline.
struct Explained {
    text: ErrorText,
    at: usize,
    len: usize,
}

/// Explains one error of the YAML reader.
fn explain(e: &YamlError, yaml: &str, fields: &[&str]) -> Explained {
    use YamlError as E;
    let at = match e.location() {
        Some(l) if l.line() > 0 => offset_of(yaml, l.line() as usize, l.column() as usize),
        _ => 0,
    };
    let explained = |text, at, len| Explained { text, at, len };
    match original(e) {
        E::SerdeUnknownField {
            field, expected, ..
        } => {
            // Inside a nested mapping (a milestone, a partner with a role) serde lists the
            // fields that mapping takes; at the top, `fields` is the fuller list.
            let allowed: Vec<&str> =
                if !expected.is_empty() && !expected.iter().all(|f| fields.contains(f)) {
                    expected.to_vec()
                } else {
                    fields.to_vec()
                };
            let suggestion = did_you_mean(field, allowed.iter().copied()).map(str::to_string);
            let text = ErrorText::UnknownField {
                name: field.clone(),
                suggestion,
                fields: allowed.iter().map(|f| f.to_string()).collect(),
            };
            explained(text, at, field.len())
        }
        E::SerdeMissingField { field, .. } => {
            // The mapping it is missing from; at the top, there is no line to point at, so
            // the start of the front matter.
            let path = path_at(yaml, at);
            let at = if path.is_some() { at } else { 0 };
            let text = ErrorText::MissingField {
                path,
                name: field.to_string(),
            };
            explained(text, at, 3)
        }
        E::DuplicateMappingKey { key: Some(key), .. } => {
            let text = ErrorText::DuplicateField { name: key.clone() };
            explained(text, at, key.len())
        }
        E::DuplicateMappingKey { key: None, .. } => {
            let text = ErrorText::DuplicateEntry {
                path: path_at(yaml, at),
                detail: detail(e),
            };
            explained(text, at, 1)
        }
        E::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | E::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => {
            let at = past_key(yaml, at);
            let path = path_at(yaml, at);
            let expected = expected_shape(expected, path.as_deref());
            wrong_type(yaml, at, path, expected, Some(found_shape(unexpected)))
        }
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            // A mapping where one word belongs is read as a word with a value (`{a: 1}`):
            // it is the mapping that is wrong.
            let before = yaml[..at].trim_end_matches(' ');
            let line_start = yaml[..at].rfind('\n').map_or(0, |i| i + 1);
            let mapping = if before.ends_with('{') {
                Some(before.len() - 1)
            } else {
                let line_end = yaml[at..].find('\n').map_or(yaml.len(), |i| at + i);
                (yaml[line_start..at].trim().is_empty() && key_of(&yaml[at..line_end]).is_some())
                    .then_some(at)
            };
            if let Some(at) = mapping {
                let path = path_at(yaml, at);
                let choices = expected.iter().map(|c| c.to_string()).collect();
                return wrong_type(yaml, at, path, Shape::OneOf(choices), Some(Shape::Mapping));
            }
            let text = ErrorText::NotAllowedValue {
                path: path_at(yaml, at),
                value: variant.clone(),
                choices: expected.iter().map(|c| c.to_string()).collect(),
            };
            explained(text, at, variant.len())
        }
        // A scalar that is not what the field takes (`number: tre`, `draft: maybe`).
        E::InvalidScalar { ty, .. } => {
            let path = path_at(yaml, at);
            let expected = expected_shape(ty, path.as_deref());
            wrong_type(yaml, at, path, expected, None)
        }
        E::InvalidBooleanStrict { .. } => {
            wrong_type(yaml, at, path_at(yaml, at), Shape::TrueOrFalse, None)
        }
        // A list or a mapping where another kind of value belongs, or the other way round.
        E::Unexpected { expected, .. } => {
            let path = path_at(yaml, at);
            let expected = match *expected {
                "sequence start" => Shape::List,
                "mapping start" => Shape::Mapping,
                _ if is_key(yaml, at) => Shape::FieldName,
                _ => scalar_of(path.as_deref()),
            };
            wrong_type(yaml, at, path, expected, None)
        }
        E::ExternallyTaggedEnumExpectedScalarOrMapping { .. }
        | E::UnexpectedValueForUnitEnumVariant { .. }
        | E::TaggedEnumMismatch { .. } => {
            let path = path_at(yaml, at);
            let choices = choices_of(path.as_deref());
            let expected = Shape::OneOf(choices.iter().map(|c| c.to_string()).collect());
            wrong_type(yaml, at, path, expected, None)
        }
        E::NullIntoString { .. } => wrong_type(
            yaml,
            at,
            path_at(yaml, at),
            Shape::Text,
            Some(Shape::Nothing),
        ),
        // A value's own check (a date) said no.
        E::Message { msg, .. } => match msg.strip_prefix("bad date `") {
            Some(rest) => {
                let at = past_key(yaml, at);
                let (date, detail) = rest.split_once("`: ").unwrap_or((rest, ""));
                let text = ErrorText::BadDate {
                    path: path_at(yaml, at),
                    date: date.to_string(),
                    detail: detail.to_string(),
                };
                explained(text, at, date.len())
            }
            None => invalid(YamlProblem::Other, msg.clone(), at),
        },
        E::AliasReplayCounterOverflow { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. } => explained(ErrorText::AliasBomb, at, 1),
        E::Budget { breach, .. } => {
            use serde_saphyr::budget::BudgetBreach as B;
            match breach {
                B::Depth { .. } => invalid(YamlProblem::TooDeep, String::new(), at),
                B::Aliases { .. } | B::Anchors { .. } => explained(ErrorText::AliasBomb, at, 1),
                _ => invalid(YamlProblem::Other, detail(e), at),
            }
        }
        E::UnknownAnchor { .. } => invalid(YamlProblem::UnknownAlias, String::new(), at),
        E::MultipleDocuments { .. } => invalid(YamlProblem::SecondDocument, String::new(), at),
        E::ExternalMessage { msg, .. } => {
            let (problem, at) = syntax(msg, yaml, at);
            invalid(problem, msg.clone(), at)
        }
        _ => invalid(YamlProblem::Other, detail(e), at),
    }
}

/// An error that the text is not YAML.
fn invalid(problem: YamlProblem, detail: String, at: usize) -> Explained {
    Explained {
        text: ErrorText::InvalidYaml { problem, detail },
        at,
        len: 1,
    }
}

/// A value of the wrong kind at `at`: what was written there is `found`, or is read from the
/// text. The whole value is underlined, from its tag (`!!python/...`) if it has one.
fn wrong_type(
    yaml: &str,
    at: usize,
    path: Option<String>,
    expected: Shape,
    found: Option<Shape>,
) -> Explained {
    let at = node_start(yaml, at);
    let found = found.unwrap_or_else(|| found_at(yaml, at));
    // The bounds matter only for a number outside them.
    let expected = match expected {
        Shape::WholeNumberIn(..) if !matches!(found, Shape::Number(_)) => Shape::WholeNumber,
        shape => shape,
    };
    Explained {
        text: ErrorText::WrongType {
            path,
            expected,
            found,
        },
        at,
        len: 1,
    }
}

/// What kind of syntax error the parser's `message` at `at` is, and where to point: at the
/// tab itself, or at the bracket that was never closed.
fn syntax(message: &str, yaml: &str, at: usize) -> (YamlProblem, usize) {
    // The parser reports a tab where the token it was reading began, often the line before:
    // point at the tab, which is what the facilitator has to remove.
    // A tab in the indentation of the line it stopped at is the mistake, whatever the parser
    // makes of the line ("did not find expected key").
    let line_start = yaml[..at].rfind('\n').map_or(0, |i| i + 1);
    let indentation = yaml[line_start..]
        .find(|c: char| c != ' ' && c != '\t')
        .map_or(&yaml[line_start..], |i| &yaml[line_start..line_start + i]);
    if message.contains("tab") || indentation.contains('\t') {
        let tab = yaml[line_start..].find('\t').map_or(at, |i| line_start + i);
        return (YamlProblem::Tab, tab);
    }
    let open = open_brackets(yaml, at);
    // Brackets in brackets past the parser's limit: point where they start.
    if message.contains("recursion limit") {
        return (YamlProblem::TooDeep, open.first().copied().unwrap_or(at));
    }
    // An unclosed `[` is found only where the text after it stops making sense.
    if let Some(&last) = open.last()
        && yaml[last..at].contains('\n')
    {
        return (YamlProblem::UnclosedBracket, last);
    }
    if message.contains("unclosed quote")
        || (message.contains("quoted scalar") && message.contains("end of stream"))
    {
        return (YamlProblem::UnclosedQuote, at);
    }
    if message.contains("mapping values are not allowed") {
        return (YamlProblem::ColonInValue, at);
    }
    if let Some(rest) = message.strip_prefix("unexpected character: `")
        && let Some(c) = rest.chars().next()
        && matches!(c, '@' | '`' | '%')
    {
        return (YamlProblem::ReservedStart(c), at);
    }
    if message.contains("indent") || message.contains("did not find expected") {
        return (YamlProblem::Indentation, at);
    }
    (YamlProblem::Other, at)
}

/// Where the `[` and `{` still open at `at` were opened, outermost first. One opened on an
/// earlier line was likely never closed: front matter writes them on one line.
fn open_brackets(yaml: &str, at: usize) -> Vec<usize> {
    let mut open: Vec<usize> = Vec::new();
    let mut quote: Option<char> = None;
    let mut previous = '\n';
    let mut chars = yaml[..at.min(yaml.len())].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some('"') if c == '\\' => {
                chars.next();
            }
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\''
                    if matches!(previous, ' ' | '\t' | '\n' | ':' | ',' | '[' | '{' | '-') =>
                {
                    quote = Some(c)
                }
                '#' if previous.is_whitespace() => {
                    while chars.peek().is_some_and(|&(_, c)| c != '\n') {
                        chars.next();
                    }
                }
                '[' | '{' => open.push(i),
                ']' | '}' => {
                    open.pop();
                }
                _ => {}
            },
        }
        previous = c;
    }
    open
}

/// Where the value of the key at `at` begins, if a key begins there: a value's own check
/// (serde's) is reported at its key. Elsewhere, `at`.
fn past_key(yaml: &str, at: usize) -> usize {
    let at = at.min(yaml.len());
    let line_start = yaml[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = yaml[at..].find('\n').map_or(yaml.len(), |i| at + i);
    let before = yaml[line_start..at].trim_start_matches([' ', '-']);
    match key_of(&yaml[at..line_end]) {
        Some((_, after)) if before.is_empty() => {
            let value = &yaml[at + after..line_end];
            match value.trim_start_matches(' ') {
                "" => at + after,
                rest => line_end - rest.len(),
            }
        }
        _ => at,
    }
}

/// Whether the node at `at` is a key: after `? `, or a `[...]` or `{...}` followed by `:`.
fn is_key(yaml: &str, at: usize) -> bool {
    let at = at.min(yaml.len());
    let line_start = yaml[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = yaml[at..].find('\n').map_or(yaml.len(), |i| at + i);
    let before = yaml[line_start..at].trim();
    let rest = &yaml[at..line_end];
    before == "?"
        || before.ends_with(['{', ','])
        || (rest.starts_with(['[', '{']) && (rest.contains("]:") || rest.contains("}:")))
}

/// Where the value at `at` begins, with its tag (`!!str`) or anchor (`&name`), if any.
fn node_start(yaml: &str, at: usize) -> usize {
    let mut at = at.min(yaml.len());
    loop {
        let before = yaml[..at].trim_end_matches(' ');
        let word_start = before.rfind([' ', '\n', '\t']).map_or(0, |i| i + 1);
        let word = &before[word_start..];
        if before.len() < at && (word.starts_with('!') || word.starts_with('&')) {
            at = word_start;
        } else {
            return at;
        }
    }
}

/// What is written at `at`, in words: a list, a mapping, nothing, or a scalar as written.
fn found_at(yaml: &str, at: usize) -> Shape {
    let at = at.min(yaml.len());
    let line_start = yaml[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = yaml[at..].find('\n').map_or(yaml.len(), |i| at + i);
    let mut rest = yaml[at..line_end].trim_start_matches(':').trim();
    // Tags and anchors say nothing of the kind of value.
    while rest.starts_with('!') || rest.starts_with('&') {
        rest = rest.split_once(' ').map_or("", |(_, r)| r).trim_start();
    }
    if rest.starts_with('#') {
        rest = "";
    }
    match rest.chars().next() {
        Some('[') => return Shape::List,
        Some('{') => return Shape::Mapping,
        Some('-') if rest == "-" || rest.starts_with("- ") => return Shape::List,
        Some('|' | '>') => return Shape::Text,
        Some(q @ ('"' | '\'')) => {
            let inner = &rest[1..];
            let end = inner.find(q).unwrap_or(inner.len());
            return Shape::TextValue(inner[..end].to_string());
        }
        Some(_) => {
            // Inside `[...]` or `{...}` a scalar ends at the next `,`, `]` or `}`.
            let in_flow = yaml[line_start..at].contains(['[', '{']);
            let end = rest
                .find(|c| in_flow && matches!(c, ',' | ']' | '}'))
                .unwrap_or(rest.len());
            let value = rest[..end].split(" #").next().unwrap_or_default().trim();
            return scalar_shape(value);
        }
        None => {}
    }
    // Nothing after the key on its line: the value is on the lines below, indented more (or,
    // for a list, starting with `- ` at the key's own indentation).
    let indent = yaml[line_start..].len() - yaml[line_start..].trim_start_matches(' ').len();
    let below = yaml[line_end..]
        .lines()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    match below {
        Some(l) => {
            let l_indent = l.len() - l.trim_start_matches(' ').len();
            let t = l.trim();
            let item = t == "-" || t.starts_with("- ");
            if l_indent > indent || (l_indent == indent && item) {
                if item { Shape::List } else { Shape::Mapping }
            } else {
                Shape::Nothing
            }
        }
        None => Shape::Nothing,
    }
}

/// A plain scalar as YAML reads it.
fn scalar_shape(value: &str) -> Shape {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => Shape::Nothing,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => Shape::Bool(value.to_string()),
        _ if is_number(value) => Shape::Number(value.to_string()),
        _ => Shape::TextValue(value.to_string()),
    }
}

fn is_number(value: &str) -> bool {
    let digits = value.trim_start_matches(['-', '+']);
    value.parse::<i128>().is_ok()
        || (value.parse::<f64>().is_ok() && value.contains(|c: char| c.is_ascii_digit()))
        || digits
            .strip_prefix("0x")
            .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
        || digits
            .strip_prefix("0o")
            .is_some_and(|o| !o.is_empty() && o.chars().all(|c| c.is_digit(8)))
}

/// One step of a path to a value: a key, or a place in a list.
enum Step {
    Key(String),
    Index(usize),
}

/// One open `[...]` (counting entries) or `{...}` (with the key being read).
enum Flow {
    List(usize),
    Map(Option<String>, usize),
}

/// The path of the value at byte `at` of `yaml`, as serde_yaml wrote it: `milestones[1].date`.
/// None at the top. Read from the text's indentation and brackets, which is enough for the
/// block mappings, block lists and one-line `[...]` and `{...}` that front matter is written in.
fn path_at(yaml: &str, at: usize) -> Option<String> {
    let mut block: Vec<(usize, Step)> = Vec::new(); // the column each step starts at
    let mut flow: Vec<Flow> = Vec::new();
    let mut block_scalar: Option<usize> = None; // lines indented past this column are its text
    let mut line_start = 0;
    for line in yaml.split_inclusive('\n') {
        if line_start > at {
            break;
        }
        let limit = (at - line_start).min(line.len());
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = line.trim();
        let skip = content.is_empty()
            || (flow.is_empty() && content.starts_with('#'))
            || block_scalar.is_some_and(|c| indent > c);
        if !skip {
            block_scalar = None;
            let mut col = if flow.is_empty() { indent } else { 0 };
            if !flow.is_empty() {
                scan_flow(line, col, limit, &mut flow);
                col = limit;
            }
            while col < limit {
                let rest = &line[col..];
                if rest.starts_with("- ") || rest.trim_end() == "-" {
                    while block.last().is_some_and(|(c, _)| *c > col) {
                        block.pop();
                    }
                    match block.last_mut() {
                        Some((c, Step::Index(i))) if *c == col => *i += 1,
                        _ => block.push((col, Step::Index(0))),
                    }
                    col += 1 + rest[1..].len() - rest[1..].trim_start_matches(' ').len();
                    continue;
                }
                if rest.starts_with(['[', '{']) {
                    scan_flow(line, col, limit, &mut flow);
                    break;
                }
                let Some((key, after)) = key_of(rest) else {
                    break;
                };
                while block.last().is_some_and(|(c, _)| *c >= col) {
                    block.pop();
                }
                block.push((col, Step::Key(key)));
                let key_column = col;
                col += after;
                col += line[col..].len() - line[col..].trim_start_matches(' ').len();
                if col >= limit {
                    break;
                }
                let value = &line[col..];
                if value.starts_with(['|', '>']) {
                    block_scalar = Some(key_column);
                } else if value.starts_with(['[', '{']) {
                    scan_flow(line, col, limit, &mut flow);
                }
                break;
            }
        }
        // On the value's own line, what starts at or after its column is not around it (a
        // key at the left margin is at the top, whatever the lines before it opened).
        if line_start + line.len() > at && flow.is_empty() {
            let column = at - line_start;
            while block.last().is_some_and(|(c, _)| *c >= column) {
                block.pop();
            }
        }
        line_start += line.len();
    }
    let mut path = String::new();
    let steps = block
        .into_iter()
        .map(|(_, s)| s)
        .chain(flow.into_iter().filter_map(|f| match f {
            Flow::List(i) => Some(Step::Index(i)),
            Flow::Map(key, _) => key.map(Step::Key),
        }));
    for step in steps {
        match step {
            Step::Key(k) if path.is_empty() => path.push_str(&k),
            Step::Key(k) => {
                path.push('.');
                path.push_str(&k);
            }
            Step::Index(i) => path.push_str(&format!("[{i}]")),
        }
    }
    (!path.is_empty()).then_some(path)
}

/// Follows the brackets of `line` from byte `from` to `limit`: which entry of which open
/// `[...]` or `{...}` the text has reached.
fn scan_flow(line: &str, from: usize, limit: usize, flow: &mut Vec<Flow>) {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    let mut chars = line[from..limit].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let i = from + i;
        let before = std::mem::replace(&mut previous, c);
        match quote {
            Some('"') if c == '\\' => {
                chars.next();
            }
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                // A quote opens a text only where a value starts (not the `'` in `Det's`).
                '"' | '\'' if matches!(before, ' ' | ',' | '[' | '{' | ':') => quote = Some(c),
                '[' => flow.push(Flow::List(0)),
                '{' => flow.push(Flow::Map(None, i + 1)),
                ']' | '}' => {
                    flow.pop();
                }
                ',' => match flow.last_mut() {
                    Some(Flow::List(n)) => *n += 1,
                    Some(Flow::Map(key, start)) => {
                        *key = None;
                        *start = i + 1;
                    }
                    None => {}
                },
                ':' => {
                    if let Some(Flow::Map(key, start)) = flow.last_mut()
                        && key.is_none()
                    {
                        // `start` may be on an earlier line, where a key is not split.
                        let name = line.get(*start..i).unwrap_or_default();
                        *key = Some(name.trim().trim_matches(['"', '\'']).to_string());
                    }
                }
                _ => {}
            },
        }
    }
}

/// The key a line (from its key on) starts with, and the byte just after its `:`.
fn key_of(rest: &str) -> Option<(String, usize)> {
    let (key, colon) = match rest.chars().next()? {
        q @ ('"' | '\'') => {
            let end = rest[1..].find(q)? + 1;
            let colon = end + 1 + rest[end + 1..].find(|c| c != ' ')?;
            (rest[1..end].to_string(), colon)
        }
        '#' | '[' | '{' | '&' | '*' | '!' | '|' | '>' => return None,
        _ => {
            let bytes = rest.as_bytes();
            let colon = (0..bytes.len()).find(|&i| {
                bytes[i] == b':' && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace())
            })?;
            let key = rest[..colon].trim_end();
            if key.contains(" #") {
                return None;
            }
            (key.to_string(), colon)
        }
    };
    (rest.as_bytes().get(colon) == Some(&b':')).then_some((key, colon + 1))
}

/// What serde says a field takes (its `expecting`: `u32`, `a string`, `struct X`, a
/// visitor's own words), as a [`Shape`]. `path` names the field, for the words an enum takes.
fn expected_shape(t: &str, path: Option<&str>) -> Shape {
    let t = t.trim();
    match t {
        "a string" | "string" | "a character" | "char" | "string scalar" => Shape::Text,
        "a sequence" | "sequence" => Shape::List,
        "a map" | "map" => Shape::Mapping,
        "a boolean" | "boolean" | "bool" => Shape::TrueOrFalse,
        "u8" | "u16" | "u32" | "u64" | "usize" => {
            let max = match t {
                "u8" => u64::from(u8::MAX),
                "u16" => u64::from(u16::MAX),
                "u32" => u64::from(u32::MAX),
                _ => u64::MAX,
            };
            Shape::WholeNumberIn("0".into(), max.to_string())
        }
        "i8" | "i16" | "i32" | "i64" | "isize" => {
            let (min, max) = match t {
                "i8" => (i64::from(i8::MIN), i64::from(i8::MAX)),
                "i16" => (i64::from(i16::MIN), i64::from(i16::MAX)),
                "i32" => (i64::from(i32::MIN), i64::from(i32::MAX)),
                _ => (i64::MIN, i64::MAX),
            };
            Shape::WholeNumberIn(min.to_string(), max.to_string())
        }
        "unit" | "unit value" => Shape::Nothing,
        "field identifier" => Shape::FieldName,
        "variant identifier" => {
            Shape::OneOf(choices_of(path).iter().map(|c| c.to_string()).collect())
        }
        _ if t.starts_with("struct ") || t.starts_with("a mapping") => Shape::Mapping,
        _ if t.starts_with("a date") => Shape::Date,
        _ if t.starts_with("a partner id") => Shape::PartnerRef,
        _ if t.starts_with("one of ") || t.starts_with("enum ") => {
            Shape::OneOf(choices_of(path).iter().map(|c| c.to_string()).collect())
        }
        _ => Shape::Other,
    }
}

/// What serde says was written (its `Unexpected`: `string "x"`, `integer `5``, `sequence`).
fn found_shape(t: &str) -> Shape {
    let t = t.trim();
    let ticked = |rest: &str| rest.split('`').nth(1).unwrap_or(rest).to_string();
    if let Some(rest) = t.strip_prefix("string ") {
        let text = rest.strip_prefix('"').unwrap_or(rest);
        return Shape::TextValue(text.strip_suffix('"').unwrap_or(text).to_string());
    }
    if let Some(rest) = t.strip_prefix("character ") {
        return Shape::TextValue(ticked(rest));
    }
    // "integer `5`", and "integer `99999999999999999999` as u128" for one too large to hold.
    if let Some(rest) = t
        .strip_prefix("integer ")
        .or_else(|| t.strip_prefix("floating point "))
    {
        return Shape::Number(ticked(rest));
    }
    if let Some(rest) = t.strip_prefix("boolean ") {
        return Shape::Bool(ticked(rest));
    }
    match t {
        "sequence" => Shape::List,
        "map" => Shape::Mapping,
        "unit value" | "Option value" | "null" => Shape::Nothing,
        _ => Shape::Other,
    }
}

/// What a field that takes a single value takes, by its name: the parser says only that it
/// wanted a scalar, not which kind.
fn scalar_of(path: Option<&str>) -> Shape {
    let field = path
        .and_then(|p| p.rsplit('.').next())
        .map(|f| f.split('[').next().unwrap_or(f));
    match field {
        Some("number" | "weight") => Shape::WholeNumber,
        Some("draft" | "approved" | "done" | "publish_drafts") => Shape::TrueOrFalse,
        Some("date" | "updated" | "start" | "end" | "agreed") => Shape::Date,
        _ if !choices_of(path).is_empty() => {
            Shape::OneOf(choices_of(path).iter().map(|c| c.to_string()).collect())
        }
        _ => Shape::Text,
    }
}

/// The words of the front matter's and site.yaml's fields that take one of a few words, by the
/// field's name: the parser names them only when a word was written.
fn choices_of(path: Option<&str>) -> &'static [&'static str] {
    let field = path
        .and_then(|p| p.rsplit('.').next())
        .map(|f| f.split('[').next().unwrap_or(f));
    match field {
        Some("level") => &["local", "regional", "national", "european"],
        Some("form") => &["network", "alliance", "partnership"],
        Some("status") => &["planned", "active", "completed"],
        Some("language") => &["da", "sv", "en"],
        Some("compliance") => &["full", "partial", "none"],
        _ => &[],
    }
}

/// The value again, when a double-quoted text used an escape (`"\x1b"`, `"\0"`) for a
/// control character: those are dropped, because a terminal obeys ESC in a message, and XML
/// (the feed, the GEXF file) cannot hold the others. Texts are also composed and rid of
/// direction controls ([`super::text::normalise`]), written or escaped (`"\u202E"`). A content
/// file's own bytes were cleaned when it was read, so there escapes are the only way left;
/// site.yaml is cleaned here. Texts without a `\` and already clean cannot need it.
fn without_escaped_controls<T: DeserializeOwned>(yaml: &str) -> Option<T> {
    if !yaml.contains('\\') && crate::base::text::is_normal(yaml) {
        return None;
    }
    let mut value: Value = serde_saphyr::from_str_with_options(yaml, options()).ok()?;
    if !value.clean() {
        return None;
    }
    T::deserialize(value).ok()
}

/// A YAML value read without a type, in the order written, to be cleaned and then read into
/// the type it was parsed as.
#[derive(Debug, Clone)]
enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Text(String),
    List(Vec<Value>),
    Map(Vec<(Value, Value)>),
}

impl Value {
    /// Drops control characters from every text; whether anything changed.
    fn clean(&mut self) -> bool {
        match self {
            Value::Text(s) => {
                let controls = s.chars().any(super::text::is_control);
                if controls {
                    s.retain(|c| !super::text::is_control(c));
                }
                super::text::normalise(s) | controls
            }
            Value::List(items) => items.iter_mut().fold(false, |c, v| v.clean() | c),
            Value::Map(entries) => entries
                .iter_mut()
                .fold(false, |c, (k, v)| k.clean() | v.clean() | c),
            _ => false,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> serde::de::Visitor<'de> for ValueVisitor {
            type Value = Value;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
                Ok(Value::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
                Ok(Value::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
                Ok(Value::Uint(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
                Ok(Value::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Value, E> {
                Ok(Value::Text(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Value, E> {
                Ok(Value::Text(v))
            }
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_none<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
                serde::Deserialize::deserialize(d)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Value::List(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Value::Map(entries))
            }
        }
        d.deserialize_any(ValueVisitor)
    }
}

impl<'de> serde::Deserializer<'de> for Value {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        use serde::de::value::{MapDeserializer, SeqDeserializer};
        match self {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(b),
            Value::Int(i) => v.visit_i64(i),
            Value::Uint(u) => v.visit_u64(u),
            Value::Float(f) => v.visit_f64(f),
            Value::Text(s) => v.visit_string(s),
            Value::List(items) => v.visit_seq(SeqDeserializer::new(items.into_iter())),
            Value::Map(entries) => v.visit_map(MapDeserializer::new(entries.into_iter())),
        }
    }

    fn deserialize_option<V: serde::de::Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        match self {
            Value::Null => v.visit_none(),
            other => v.visit_some(other),
        }
    }

    // A text field takes a scalar as it was written (`title: 2024` is the text "2024"), and
    // nothing (`title:`) as an empty text, as the typed parse did.
    fn deserialize_str<V: serde::de::Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        match self {
            Value::Null => v.visit_str(""),
            Value::Bool(b) => v.visit_string(b.to_string()),
            Value::Int(i) => v.visit_string(i.to_string()),
            Value::Uint(u) => v.visit_string(u.to_string()),
            Value::Float(f) => v.visit_string(f.to_string()),
            other => other.deserialize_any(v),
        }
    }

    fn deserialize_string<V: serde::de::Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        self.deserialize_str(v)
    }

    fn deserialize_enum<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Self::Error> {
        use serde::de::IntoDeserializer;
        match self {
            Value::Text(s) => v.visit_enum(s.into_deserializer()),
            other => other.deserialize_any(v),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

impl<'de> serde::de::IntoDeserializer<'de> for Value {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

/// Whether the YAML's aliases expand to a reasonable size. An alias (`*name`) repeats the
/// value its anchor (`&name`) marked, so a few hundred bytes of nested aliases (the "billion
/// laughs") or a long text repeated by thousands of aliases expand to gigabytes: the typed
/// parse would run out of memory and abort. Walking the document without keeping anything,
/// and stopping at a budget, finds that out first. Front matter without a `*` has no alias
/// and costs nothing.
fn within_alias_budget(yaml: &str) -> bool {
    if !yaml.contains('*') {
        return true;
    }
    // Room for an ordinary document and modest reuse, far below what exhausts memory.
    let budget = std::cell::Cell::new(1024 * 1024 + 16 * yaml.len());
    let walk = serde_saphyr::with_deserializer_from_str_with_options(yaml, options(), |d| {
        serde::de::DeserializeSeed::deserialize(Budget(&budget), d)
    });
    match walk {
        Ok(()) => true,
        // The parser's own limits on aliases count too; any other error is reported by the
        // real parse, with its position.
        Err(e) => {
            !matches!(
                original(&e),
                YamlError::Message { msg, .. } if msg.contains(OVER_BUDGET)
            ) && !matches!(
                original(&e),
                YamlError::AliasReplayCounterOverflow { .. }
                    | YamlError::AliasReplayLimitExceeded { .. }
                    | YamlError::AliasExpansionLimitExceeded { .. }
                    | YamlError::AliasReplayStackDepthExceeded { .. }
                    | YamlError::Budget {
                        breach: serde_saphyr::budget::BudgetBreach::Aliases { .. }
                            | serde_saphyr::budget::BudgetBreach::ScalarBytes { .. },
                        ..
                    }
            )
        }
    }
}

const OVER_BUDGET: &str = "alias expansion over budget";

/// Visits every node of a document, aliases expanded, spending the budget on each.
struct Budget<'a>(&'a std::cell::Cell<usize>);

impl Budget<'_> {
    /// What a node costs beyond its text: about what a value takes in memory.
    const NODE: usize = 32;

    fn spend<E: serde::de::Error>(&self, bytes: usize) -> Result<(), E> {
        let left = self.0.get();
        match left.checked_sub(Self::NODE + bytes) {
            Some(rest) => {
                self.0.set(rest);
                Ok(())
            }
            None => Err(E::custom(OVER_BUDGET)),
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Budget<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Budget<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_i128<E: serde::de::Error>(self, _: i128) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_u128<E: serde::de::Error>(self, _: u128) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.spend(v.len())
    }
    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<(), E> {
        self.spend(v.len())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while seq.next_element_seed(Budget(self.0))?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while map.next_key_seed(Budget(self.0))?.is_some() {
            map.next_value_seed(Budget(self.0))?;
        }
        Ok(())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use serde::de::VariantAccess;
        self.spend(0)?;
        let ((), variant) = data.variant_seed(Budget(self.0))?;
        variant.newtype_variant_seed(Budget(self.0))
    }
}

/// Where the first alias seems to be, to point the message at: a `*` that begins a value.
fn first_alias(yaml: &str) -> Option<usize> {
    let bytes = yaml.as_bytes();
    (0..bytes.len()).find(|&i| {
        bytes[i] == b'*'
            && bytes.get(i + 1).is_some_and(|b| !b.is_ascii_whitespace())
            && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'[' | b'{' | b','))
    })
}

/// The byte offset of the first line that starts with `key:` (ignoring indentation).
pub fn find_key(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let t = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        if let Some(rest) = t.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            return Some(offset + (line.len() - t.len()));
        }
        offset += line.len();
    }
    None
}

/// The byte offset, within `range` of `text`, of `value` written under the top-level `key`:
/// where to point when a field's value is wrong. Falls back to the key, then to the range start.
pub fn find_value(text: &str, range: Range<usize>, key: &str, value: &str) -> usize {
    let yaml = &text[range.clone()];
    let Some(key_at) = find_key(yaml, key) else {
        return range.start;
    };
    // The value is on the key's line or on the indented lines below it.
    let mut end = yaml.len();
    let mut offset = key_at;
    for (i, line) in yaml[key_at..].split_inclusive('\n').enumerate() {
        if i > 0 && !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty() {
            end = offset;
            break;
        }
        offset += line.len();
    }
    let area = &yaml[key_at..end];
    let bytes = area.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'/';
    let mut from = key.len();
    while let Some(i) = area.get(from..).and_then(|a| a.find(value)) {
        let at = from + i;
        let before_ok = at == 0 || !is_word(bytes[at - 1]);
        let after = at + value.len();
        let after_ok = after >= bytes.len() || !is_word(bytes[after]);
        if before_ok && after_ok && !value.is_empty() {
            return range.start + key_at + at;
        }
        from = at + value.len().max(1);
    }
    range.start + key_at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_read_from_indentation_and_brackets() {
        let text = "title: S\npartners: [vive, 3]\nmilestones:\n  - date: 2020\n    title: A\n  - date: x\n    done: [1]\ntags: [[a]]\nmeta: {a: {b: 1}}\n";
        let path = |needle: &str| path_at(text, text.find(needle).unwrap());
        assert_eq!(path("S\n"), Some("title".into()));
        assert_eq!(path("3]"), Some("partners[1]".into()));
        assert_eq!(path("2020"), Some("milestones[0].date".into()));
        assert_eq!(path("x\n"), Some("milestones[1].date".into()));
        assert_eq!(path("[1]"), Some("milestones[1].done".into()));
        assert_eq!(path("[a]"), Some("tags[0]".into()));
        assert_eq!(path("1}"), Some("meta.a.b".into()));
        assert_eq!(path("title: S"), None);
        // A block text's lines are not keys.
        let text = "summary: |\n  a: b\n  c\nnumber: x\n";
        assert_eq!(
            path_at(text, text.find('x').unwrap()),
            Some("number".into())
        );
    }

    #[test]
    fn what_was_written_is_told_in_words() {
        let text = "a: [1]\nb: {k: 1}\nc: \"x y\"\nd: 12\ne:\n  - 1\nf:\n  g: 1\nh:\ni: true\n";
        let found = |key: &str| found_at(text, text.find(key).unwrap() + key.len());
        assert_eq!(found("a:"), Shape::List);
        assert_eq!(found("b:"), Shape::Mapping);
        assert_eq!(found("c:"), Shape::TextValue("x y".into()));
        assert_eq!(found("d:"), Shape::Number("12".into()));
        assert_eq!(found("e:"), Shape::List);
        assert_eq!(found("f:"), Shape::Mapping);
        assert_eq!(found("h:"), Shape::Nothing);
        assert_eq!(found("i:"), Shape::Bool("true".into()));
    }

    #[test]
    fn a_bracket_never_closed_is_found_where_it_opens() {
        let text = "title: x\npartners: [vive\npartnerships: [s]\n";
        let at = text.find("partnerships").unwrap() + 12;
        assert_eq!(
            syntax("illegal placement of ':' indicator", text, at),
            (YamlProblem::UnclosedBracket, text.find('[').unwrap())
        );
        // One closed before, or open on the error's own line, is not it.
        let text = "a: [b]\nc: d: e\n";
        assert_eq!(
            syntax("mapping values are not allowed in this context", text, 11),
            (YamlProblem::ColonInValue, 11)
        );
        // A tab that indents the line is the mistake, whatever the parser calls it.
        let text = "a: [b]\n\tc: d\n";
        assert_eq!(
            syntax("did not find expected key", text, 8),
            (YamlProblem::Tab, 7)
        );
        let text = "a: [b, c: d: e]\n";
        assert_eq!(open_brackets(text, 10), [3]);
    }

    #[test]
    fn aliases_that_explode_are_refused_before_they_are_expanded() {
        let mut laughs = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (prev, name) in ('a'..='i').zip('b'..='j') {
            laughs.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{prev}"); 9].join(",")
            ));
        }
        assert!(!within_alias_budget(&laughs));
        let long = format!(
            "t: &t \"{}\"\nu: [{}]\n",
            "x".repeat(100_000),
            ["*t"; 1000].join(",")
        );
        assert!(!within_alias_budget(&long));
        // Ordinary documents, and modest reuse, pass.
        assert!(within_alias_budget("title: \"*vigtigt*\"\ntags: [a, b]\n"));
        assert!(within_alias_budget("a: &x [1, 2]\nb: *x\nc: *x\n"));
        for (text, line, column) in [(&laughs, 2, 8), (&long, 2, 5)] {
            let e = parse::<Value>("t.md", text, &[]).unwrap_err();
            assert_eq!((e.code, e.line, e.column), ("invalid-yaml", line, column));
            assert!(e.message.contains("aliases"), "{}", e.message);
        }
    }

    #[test]
    fn escaped_control_characters_are_dropped() {
        #[derive(serde::Deserialize, Debug)]
        struct T {
            title: String,
            tags: Vec<String>,
            #[serde(default)]
            number: Option<u32>,
        }
        let t: T = parse(
            "t.md",
            "title: \"Tid\\e[31m\\x01!\"\ntags: [\"a\\0b\", \"c\\td\", 2024]\nnumber: 3\n",
            &[],
        )
        .unwrap();
        assert_eq!(t.title, "Tid[31m!");
        assert_eq!(t.tags, ["ab", "c\td", "2024"]);
        assert_eq!(t.number, Some(3));
        let e = parse::<u32>("t.md", "\"\\e]0;x\\a\"", &[]).unwrap_err();
        assert!(!e.message.contains('\u{1b}'), "{}", e.message);
    }

    #[test]
    fn values_are_found_under_their_key() {
        let text = "title: vive\npartners:\n  - vive-x\n  - vive\nnumber: 3\n";
        let at = find_value(text, 0..text.len(), "partners", "vive");
        assert_eq!(
            &text[at..at + 5],
            "vive\n",
            "the whole word, not the prefix of vive-x"
        );
        assert_eq!(find_key(text, "number"), text.find("number"));
    }
}
