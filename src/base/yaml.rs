//! The one place that parses YAML, with serde-saphyr (pure Rust, maintained, panic-free by
//! design). Keeping the parser behind these few functions makes a swap a one-file change.
//! Errors come out as located diagnostics in the site's language: what is wrong, where, and
//! what to do, with the YAML reader's own English below as a detail where it adds something.

mod explain;
mod path;
mod value;

use super::messages::ErrorText;
use crate::base::Language;
use crate::base::diagnostic::Diagnostic;
use explain::{Explained, explain};
use serde::de::DeserializeOwned;
use serde_saphyr::Error as YamlError;
use std::ops::Range;
use value::Value;

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
    parse_with(file, file_text, range, fields, language, options())
}

/// As [`parse_in`], for a content file's front matter. Its types are structs (and lists of
/// them) that refuse a field given twice themselves, so the reader need not remember every
/// key of every mapping to find a repeated one: about a twentieth of the reading's work.
/// A merge key (`<<: *defaults`) is then an unknown field, as it was before serde-saphyr
/// (serde_yaml merged only into untyped values); front matter has no use for it.
pub fn parse_front_matter_in<T: DeserializeOwned>(
    file: &str,
    file_text: &str,
    range: Range<usize>,
    fields: &[&str],
    language: Language,
) -> Result<T, Diagnostic> {
    let mut options = options();
    options.duplicate_keys = serde_saphyr::options::DuplicateKeyPolicy::PassThrough;
    options.merge_keys = serde_saphyr::options::MergeKeyPolicy::AsOrdinary;
    parse_with(file, file_text, range, fields, language, options)
}

fn parse_with<T: DeserializeOwned>(
    file: &str,
    file_text: &str,
    range: Range<usize>,
    fields: &[&str],
    language: Language,
    options: serde_saphyr::Options,
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
    let parsed = serde_saphyr::from_str_with_options(source, options).map_err(|e| {
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
        // Many aliases of a short text stay within the size budget, but not within the
        // reader's own count of aliases: the same error, never the reader's Rust words.
        let many = format!("t: &t x\nu: [{}]\n", ["*t"; 60_000].join(","));
        let e = parse::<Value>("t.md", &many, &[]).unwrap_err();
        assert!(e.message.contains("aliases"), "{}", e.message);
        assert!(!e.message.contains('{'), "{}", e.message);
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
