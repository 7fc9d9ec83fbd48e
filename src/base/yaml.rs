//! The one place that parses YAML. Keeping serde_yaml behind these few functions makes a swap
//! to a maintained fork a one-file change. Errors come out as located, plain-language
//! diagnostics.

use super::messages::{ErrorText, Shape};
use crate::base::Language;
use crate::base::diagnostic::{Diagnostic, did_you_mean, offset_of};
use serde::de::DeserializeOwned;
use std::ops::Range;

/// Deserializes the YAML at `range` of `file_text` into `T`, turning serde_yaml's errors into a
/// diagnostic that points into the whole file. `fields` are the keys `T` takes, for
/// did-you-mean suggestions on unknown keys. The diagnostic is worded in `language`.
pub fn parse_in<T: DeserializeOwned>(
    file: &str,
    file_text: &str,
    range: Range<usize>,
    fields: &[&str],
    language: Language,
) -> Result<T, Diagnostic> {
    let yaml = &file_text[range.clone()];
    let source = if yaml.trim().is_empty() { "{}" } else { yaml };
    if !within_alias_budget(source) {
        let at = range.start + first_alias(yaml).unwrap_or(0);
        return Err(ErrorText::AliasBomb
            .diagnostic(file, language)
            .at(file_text, at, 1));
    }
    let parsed = serde_yaml::from_str(source).map_err(|e| {
        let raw = e.to_string();
        let (explained, underline) = explain(&raw, fields);
        let (code, message, help) = match explained {
            Ok(text) => {
                let (message, help) = text.text(language);
                (text.code(), message, Some(help))
            }
            Err(untranslated) => untranslated,
        };
        let message = super::text::printable(&message).into_owned();
        let help = help.map(|h| super::text::printable(&h).into_owned());
        let offset = match (code, where_it_began(&raw), e.location()) {
            // A repeated key: point at the repetition, not at the first one.
            ("duplicate-field", _, _) => {
                let key = message.split('`').nth(1).unwrap_or_default();
                range.start
                    + repeated_key(yaml, key).unwrap_or_else(|| {
                        let first = find_key(yaml, key).map_or(0, |i| i + key.len());
                        first + find_key(&yaml[first..], key).unwrap_or(0)
                    })
            }
            // An unclosed quote or bracket is found at the end of the text: point where it
            // was opened instead.
            (_, Some((line, column)), _) => range.start + offset_of(yaml, line, column),
            (_, None, Some(l)) => range.start + offset_of(yaml, l.line(), l.column()),
            (_, None, None) => range.start,
        };
        // The YAML reader reports a tab where the value it was reading began, often the line
        // before: point at the tab itself, which is what the facilitator has to remove.
        let offset = if raw.contains("tab character") {
            yaml.get(offset.saturating_sub(range.start)..)
                .and_then(|rest| rest.find('\t'))
                .map_or(offset, |tab| offset + tab)
        } else {
            offset
        };
        let d = Diagnostic::error(code, file, message).at(file_text, offset, underline);
        match help {
            Some(h) => d.with_help(h),
            None => d,
        }
    })?;
    Ok(without_escaped_controls(source).unwrap_or(parsed))
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
    let mut value: serde_yaml::Value = serde_yaml::from_str(yaml).ok()?;
    if !clean_value(&mut value) {
        return None;
    }
    serde_yaml::from_value(value).ok()
}

/// Drops control characters from every text of `value`; whether anything changed.
fn clean_value(value: &mut serde_yaml::Value) -> bool {
    use serde_yaml::Value;
    match value {
        Value::String(s) => {
            let controls = s.chars().any(super::text::is_control);
            if controls {
                s.retain(|c| !super::text::is_control(c));
            }
            super::text::normalise(s) | controls
        }
        Value::Sequence(items) => items.iter_mut().fold(false, |c, v| clean_value(v) | c),
        Value::Mapping(map) => {
            let mut changed = false;
            let entries: Vec<(Value, Value)> = std::mem::take(map).into_iter().collect();
            for (mut k, mut v) in entries {
                changed |= clean_value(&mut k);
                changed |= clean_value(&mut v);
                map.insert(k, v);
            }
            changed
        }
        Value::Tagged(tagged) => clean_value(&mut tagged.value),
        _ => false,
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
    match serde::de::DeserializeSeed::deserialize(
        Budget(&budget),
        serde_yaml::Deserializer::from_str(yaml),
    ) {
        Ok(()) => true,
        // serde_yaml's own limit on the number of aliases followed stops the classic
        // billion laughs; any other error is reported by the real parse, with its position.
        Err(e) => {
            let message = e.to_string();
            !(message.contains(OVER_BUDGET) || message.contains("repetition limit exceeded"))
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

/// The position of the construct a syntax error happened inside (libyaml's "context mark",
/// the part after `while scanning ... at line L column C`).
fn where_it_began(raw: &str) -> Option<(usize, usize)> {
    let (_, context) = raw.split_once(", while ")?;
    let at = context.rfind(" at line ")?;
    let (line, column) = context[at + 9..].split_once(" column ")?;
    Some((line.trim().parse().ok()?, column.trim().parse().ok()?))
}

/// Removes every ` at line L column C` serde_yaml adds: the location is shown separately,
/// in the file's own line numbers.
fn strip_positions(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 9..];
        let end = after
            .find(" column ")
            .map(|c| {
                c + 8
                    + after[c + 8..]
                        .find(|ch: char| !ch.is_ascii_digit())
                        .unwrap_or(after.len() - c - 8)
            })
            .unwrap_or(0);
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Deserializes a whole YAML file.
pub fn parse<T: DeserializeOwned>(
    file: &str,
    text: &str,
    fields: &[&str],
) -> Result<T, Diagnostic> {
    parse_in(file, text, 0..text.len(), fields, Language::En)
}

/// A message still in English only: (code, message, help).
type Untranslated = (&'static str, String, Option<String>);

/// Rewrites one serde_yaml message in the facilitator's terms, without Rust's type names: the
/// message, and the underline length. Only a message with no known shape stays as serde_yaml
/// wrote it, in English.
fn explain(raw: &str, fields: &[&str]) -> (Result<ErrorText, Untranslated>, usize) {
    let stripped = strip_positions(raw);
    let raw = stripped.as_str();
    let (path, msg) = match raw.split_once(": ") {
        Some((p, m)) if !p.contains(' ') && !p.is_empty() => (Some(p), m),
        _ => (None, raw),
    };
    let field = |p: Option<&str>| p.map(|p| format!("`{p}`: ")).unwrap_or_default();
    let quoted = |rest: &str| rest.split('`').next().unwrap_or_default().to_string();
    let owned_path = path.map(str::to_string);
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let name = quoted(rest);
        // Inside a nested mapping (a milestone, a partner with a role) serde lists the fields
        // that mapping takes; at the top, `fields` is the fuller list (with the common ones).
        let expected: Vec<&str> = rest
            .split_once("expected ")
            .map_or(Vec::new(), |(_, list)| {
                list.split('`').skip(1).step_by(2).collect()
            });
        let fields: Vec<&str> = if path.is_some() && !expected.is_empty() {
            expected
        } else {
            fields.to_vec()
        };
        let suggestion = did_you_mean(&name, fields.iter().copied()).map(str::to_string);
        let len = name.len();
        return (
            Ok(ErrorText::UnknownField {
                name,
                suggestion,
                fields: fields.iter().map(|f| f.to_string()).collect(),
            }),
            len,
        );
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let name = quoted(rest);
        return (
            Ok(ErrorText::MissingField {
                path: owned_path,
                name,
            }),
            3,
        );
    }
    if let Some(rest) = msg.strip_prefix("duplicate field `") {
        let name = quoted(rest);
        let len = name.len();
        return (Ok(ErrorText::DuplicateField { name }), len);
    }
    if msg.starts_with("duplicate entry") {
        return (
            Ok(ErrorText::DuplicateEntry {
                path: owned_path,
                detail: msg.to_string(),
            }),
            1,
        );
    }
    // "invalid type: map, expected u32", "invalid value: integer `-1`, expected u32"
    if let Some((found, expected)) = msg
        .strip_prefix("invalid type: ")
        .or_else(|| msg.strip_prefix("invalid value: "))
        .and_then(|r| r.split_once(", expected "))
    {
        let found = found_shape(found);
        let expected = match expected_shape(expected, path) {
            // The bounds matter only for a number outside them.
            Shape::WholeNumberIn(..) if !matches!(found, Shape::Number(_)) => Shape::WholeNumber,
            shape => shape,
        };
        return (
            Ok(ErrorText::WrongType {
                path: owned_path,
                expected,
                found,
            }),
            1,
        );
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let name = quoted(rest);
        let choices = rest
            .split_once("expected ")
            .map_or(Vec::new(), |(_, list)| {
                list.split('`')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_string)
                    .collect()
            });
        let len = name.len();
        return (
            Ok(ErrorText::NotAllowedValue {
                path: owned_path,
                value: name,
                choices,
            }),
            len,
        );
    }
    if let Some(rest) = msg.strip_prefix("bad date `") {
        let (date, detail) = rest.split_once("`: ").unwrap_or((rest, ""));
        return (
            Ok(ErrorText::BadDate {
                path: owned_path,
                date: date.to_string(),
                detail: detail.to_string(),
            }),
            10,
        );
    }
    if path.is_some() {
        return (
            Err(("wrong-type", format!("{}{msg}", field(path)), None)),
            1,
        );
    }
    (
        Ok(ErrorText::InvalidYaml {
            detail: msg.to_string(),
        }),
        1,
    )
}

/// What serde says a field takes (its `expecting`: `u32`, `a string`, `struct X`, a
/// visitor's own words), as a [`Shape`]. `path` names the field, for the words an enum takes
/// when serde_yaml does not say them.
fn expected_shape(t: &str, path: Option<&str>) -> Shape {
    let t = t.trim();
    match t {
        "a string" | "string" | "a character" | "char" => Shape::Text,
        "a sequence" | "sequence" => Shape::List,
        "a map" | "map" => Shape::Mapping,
        "a boolean" | "boolean" => Shape::TrueOrFalse,
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
        // An enum given a list or a mapping; serde_yaml asks for a YAML tag instead of naming
        // the words.
        "variant identifier" | "YAML tag starting with '!'" | "a YAML tag starting with '!'" => {
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

/// The words of the front matter's and site.yaml's fields that take one of a few words, by the
/// field's name: serde_yaml names them only when a word was written.
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

/// The byte offset of the first `key:` that repeats one in the same block mapping: the same
/// column, with no line further left (a parent, or `- ` starting the next list entry) between
/// them. A key repeated in a milestone is found there, not at the top-level key of that name.
fn repeated_key(text: &str, key: &str) -> Option<usize> {
    let mut seen: Vec<usize> = Vec::new(); // columns of the `key:`s in the open mappings
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if !trimmed.trim().is_empty() && !trimmed.starts_with('#') {
            // Whatever starts at or left of a column closes the mappings at deeper columns;
            // a `- ` entry opens a new mapping at its own column, closing an equal one.
            let (column, rest) = match trimmed.strip_prefix("- ") {
                Some(rest) => {
                    let column = line.len() - rest.trim_start().len();
                    seen.retain(|&c| c < column);
                    (column, rest.trim_start())
                }
                None => {
                    seen.retain(|&c| c <= indent);
                    (indent, trimmed)
                }
            };
            if let Some(after) = rest.strip_prefix(key)
                && after.trim_start().starts_with(':')
            {
                if seen.contains(&column) {
                    return Some(offset + column);
                }
                seen.push(column);
            }
        }
        offset += line.len();
    }
    None
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
    fn positions_are_taken_out_of_messages() {
        let raw = "found unexpected end of stream at line 5 column 1, while scanning a quoted scalar at line 1 column 8";
        assert_eq!(
            strip_positions(raw),
            "found unexpected end of stream, while scanning a quoted scalar"
        );
        assert_eq!(where_it_began(raw), Some((1, 8)));
        assert_eq!(
            strip_positions("missing field `title`"),
            "missing field `title`"
        );
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
            let e = parse::<serde_yaml::Value>("t.md", text, &[]).unwrap_err();
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
        }
        let t: T = parse(
            "t.md",
            "title: \"Tid\\e[31m\\x01!\"\ntags: [\"a\\0b\", \"c\\td\"]\n",
            &[],
        )
        .unwrap();
        assert_eq!(t.title, "Tid[31m!");
        assert_eq!(t.tags, ["ab", "c\td"]);
        let e = parse::<u32>("t.md", "\"\\e]0;x\\a\"", &[]).unwrap_err();
        assert!(!e.message.contains('\u{1b}'), "{}", e.message);
    }

    #[test]
    fn a_repeated_key_is_found_in_its_own_mapping() {
        let text = "title: S\nmilestones:\n  - date: 1\n    title: A\n  - title: B\n    title: C\n";
        assert_eq!(repeated_key(text, "title"), text.find("title: C"));
        let text = "title: S\nmilestones:\n  - title: A\n  - title: B\ntitle: T\n";
        assert_eq!(repeated_key(text, "title"), text.find("title: T"));
        assert_eq!(repeated_key("a: 1\nb:\n  a: 2\n", "a"), None);
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
