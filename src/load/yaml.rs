//! The one place that parses YAML. Keeping serde_yaml behind these few functions makes a swap
//! to a maintained fork a one-file change. Errors come out as located, plain-language
//! diagnostics.

use crate::diagnostic::{Diagnostic, did_you_mean, offset_of};
use serde::de::DeserializeOwned;
use std::ops::Range;

/// Deserializes the YAML at `range` of `file_text` into `T`, turning serde_yaml's errors into a
/// diagnostic that points into the whole file. `fields` are the keys `T` takes, for
/// did-you-mean suggestions on unknown keys.
pub fn parse_in<T: DeserializeOwned>(
    file: &str,
    file_text: &str,
    range: Range<usize>,
    fields: &[&str],
) -> Result<T, Diagnostic> {
    let yaml = &file_text[range.clone()];
    let source = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml::from_str(source).map_err(|e| {
        let (message, help, underline) = explain(&e.to_string(), fields);
        let offset = match e.location() {
            Some(l) => range.start + offset_of(yaml, l.line(), l.column()),
            None => range.start,
        };
        let d =
            Diagnostic::error(code_of(&message), file, message).at(file_text, offset, underline);
        match help {
            Some(h) => d.with_help(h),
            None => d,
        }
    })
}

/// Deserializes a whole YAML file.
pub fn parse<T: DeserializeOwned>(
    file: &str,
    text: &str,
    _line_offset: usize,
    fields: &[&str],
) -> Result<T, Diagnostic> {
    parse_in(file, text, 0..text.len(), fields)
}

fn code_of(message: &str) -> &'static str {
    if message.starts_with("unknown field") {
        "unknown-field"
    } else if message.starts_with("missing required field") {
        "missing-field"
    } else if message.contains("expected") && message.contains("found") {
        "wrong-type"
    } else if message.contains("date") {
        "bad-date"
    } else {
        "invalid-yaml"
    }
}

/// Rewrites one serde_yaml message in the facilitator's terms: (message, help, underline length).
fn explain(raw: &str, fields: &[&str]) -> (String, Option<String>, usize) {
    // serde_yaml appends " at line L column C"; the location is shown separately.
    let raw = match raw.rfind(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    };
    let (path, msg) = match raw.split_once(": ") {
        Some((p, m)) if !p.contains(' ') && !p.is_empty() => (Some(p), m),
        _ => (None, raw),
    };
    let field = |p: Option<&str>| p.map(|p| format!("`{p}`: ")).unwrap_or_default();
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or_default();
        let help = match did_you_mean(name, fields.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Fields here are: {}", fields.join(", ")),
            None => format!(
                "remove it, or use one of the fields this file takes: {}",
                fields.join(", ")
            ),
        };
        return (format!("unknown field `{name}`"), Some(help), name.len());
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or_default();
        return (
            format!("{}missing required field `{name}`", field(path)),
            Some(format!("add a line `{name}: ...` to the front matter")),
            3,
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return (
                format!(
                    "{}expected {}, found {}",
                    field(path),
                    plain_type(expected),
                    plain_type(found)
                ),
                Some(type_help(expected)),
                1,
            );
        }
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let name = rest.split('`').next().unwrap_or_default();
        let choices = rest.split_once("expected ").map(|x| x.1).unwrap_or("");
        return (
            format!("{}`{name}` is not one of the allowed values", field(path)),
            Some(format!("use {}", choices.replace("one of ", "one of: "))),
            name.len(),
        );
    }
    if msg.starts_with("duplicate entry") {
        return (
            format!("{}{msg}", field(path)),
            Some("each key may appear once: remove or merge the repeated one".into()),
            1,
        );
    }
    if msg.starts_with("bad date") {
        return (
            format!("{}{msg}", field(path)),
            Some("write dates as YYYY-MM-DD, e.g. 2024-03-13".into()),
            1,
        );
    }
    if path.is_some() {
        return (format!("{}{msg}", field(path)), None, 1);
    }
    (
        format!("invalid YAML: {msg}"),
        Some("check indentation (spaces, not tabs), and put text with `:` or `#` in quotes".into()),
        1,
    )
}

fn plain_type(t: &str) -> String {
    let t = t.trim();
    let t = t.strip_prefix("a ").unwrap_or(t);
    match t {
        "string" => "text".into(),
        "sequence" => "a list".into(),
        "map" | "struct" => "a mapping (key: value lines)".into(),
        "i64" | "u32" | "u64" | "i32" | "usize" => "a whole number".into(),
        "boolean" => "true or false".into(),
        "unit value" => "nothing".into(),
        _ if t.starts_with("struct ") => "a mapping (key: value lines)".into(),
        _ if t.starts_with("string ") => format!("text {}", &t[7..]),
        _ if t.starts_with("integer ") => format!("the number {}", &t[8..]),
        _ if t.starts_with("boolean ") => format!("{}", &t[8..]),
        _ => t.to_string(),
    }
}

fn type_help(expected: &str) -> String {
    match plain_type(expected).as_str() {
        "a list" => "write a list as `[a, b]` or as lines starting with `- `".into(),
        "text" => "put the value in quotes".into(),
        "true or false" => "write true or false".into(),
        "a whole number" => "write a whole number, e.g. 3".into(),
        e => format!("write {e} here"),
    }
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
