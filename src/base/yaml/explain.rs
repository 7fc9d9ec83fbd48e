//! A YAML reader's error in the facilitator's words: which [`ErrorText`], and where in the
//! text to point (the tab itself, the bracket that was never closed, the value rather than
//! its key). The parser says only where it stopped and, for a value, what type it wanted.

use super::path::{key_of, path_at};
use super::{YamlError, original};
use crate::base::diagnostic::{did_you_mean, offset_of};
use crate::base::messages::{ErrorText, Shape, YamlProblem};

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
pub(super) struct Explained {
    pub(super) text: ErrorText,
    pub(super) at: usize,
    pub(super) len: usize,
}

/// Explains one error of the YAML reader.
pub(super) fn explain(e: &YamlError, yaml: &str, fields: &[&str]) -> Explained {
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
        // A field given twice, as a front matter struct says it (the reader does not look for
        // repeated keys there): pointed at the second one, the one to remove.
        E::Message { msg, .. } if msg.starts_with("duplicate field `") && msg.ends_with('`') => {
            let name = &msg["duplicate field `".len()..msg.len() - 1];
            let at = repeated_key(yaml, at, name);
            explained(
                ErrorText::DuplicateField {
                    name: name.to_string(),
                },
                at,
                name.len(),
            )
        }
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
                // The other limits (events, nodes, text) are far above what a file within the
                // size limit holds: only aliases that repeat it reach them. (The reader's own
                // account of them is a Rust structure, not for a facilitator.)
                _ => explained(ErrorText::AliasBomb, at, 1),
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
/// Where `key` is written a second time in one mapping: a line that starts with it at the
/// column of an earlier one, with no line further left between them (which would end that
/// mapping, as the `-` of the next list item does). `at`, where the reader stopped, when the
/// text does not show it (a flow mapping, `{id: a, id: b}`).
fn repeated_key(yaml: &str, at: usize, key: &str) -> usize {
    let mut open: Vec<usize> = Vec::new();
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let text = line.trim_start_matches(' ');
        if text.trim().is_empty() || text.starts_with('#') {
            continue;
        }
        let first = line.len() - text.len();
        open.retain(|&column| column <= first);
        let t = line.trim_start_matches([' ', '-']);
        let column = line.len() - t.len();
        if t.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start_matches(' ').starts_with(':'))
        {
            if open.contains(&column) {
                return start + column;
            }
            open.push(column);
        }
    }
    at
}

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
