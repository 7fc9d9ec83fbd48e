//! The default theme's words files (da, sv, en) must stay in step: same keys, twelve months,
//! a complete date format and no empty words (bar intros that are empty in Danish too).

use serde_json::Value;
use std::collections::BTreeSet;

const LANGUAGES: [&str; 3] = ["da", "sv", "en"];

fn load(lang: &str) -> Value {
    let path = format!(
        "{}/themes/default/words/{lang}.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{path} is not valid YAML: {e}"))
}

fn words(lang: &str, file: &Value) -> Vec<(String, String)> {
    let map = file
        .get("words")
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("{lang}.yaml: `words` is not a mapping"));
    map.iter()
        .map(|(k, v)| {
            let v = v
                .as_str()
                .unwrap_or_else(|| panic!("{lang}.yaml: words.{k} is not a string: {v:?}"));
            (k.to_string(), v.to_string())
        })
        .collect()
}

#[test]
fn top_level_fields_are_the_same() {
    for lang in LANGUAGES {
        let file = load(lang);
        let keys: BTreeSet<&str> = file
            .as_object()
            .expect("a mapping")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            BTreeSet::from(["date_format", "months", "words"]),
            "{lang}.yaml top-level fields"
        );
    }
}

#[test]
fn same_keys_in_every_language() {
    let da: BTreeSet<String> = words("da", &load("da"))
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert!(!da.is_empty());
    for lang in ["sv", "en"] {
        let other: BTreeSet<String> = words(lang, &load(lang))
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        let missing: Vec<_> = da.difference(&other).collect();
        let extra: Vec<_> = other.difference(&da).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{lang}.yaml: missing {missing:?}, extra {extra:?}"
        );
    }
}

#[test]
fn twelve_months() {
    for lang in LANGUAGES {
        let file = load(lang);
        let months = file
            .get("months")
            .and_then(Value::as_array)
            .unwrap_or_else(|| panic!("{lang}.yaml: no `months` list"));
        assert_eq!(months.len(), 12, "{lang}.yaml: months");
        for m in months {
            let m = m
                .as_str()
                .unwrap_or_else(|| panic!("{lang}.yaml: month {m:?} is not a string"));
            assert!(!m.trim().is_empty(), "{lang}.yaml: an empty month name");
        }
    }
}

#[test]
fn date_format_has_all_placeholders() {
    for lang in LANGUAGES {
        let file = load(lang);
        let format = file
            .get("date_format")
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("{lang}.yaml: no `date_format`"));
        for placeholder in ["{day}", "{month}", "{year}"] {
            assert!(
                format.contains(placeholder),
                "{lang}.yaml: date_format {format:?} lacks {placeholder}"
            );
        }
    }
}

#[test]
fn no_empty_words() {
    let da_file = load("da");
    let empty_in_da: BTreeSet<String> = words("da", &da_file)
        .into_iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(k, _)| k)
        .collect();
    for lang in LANGUAGES {
        for (k, v) in words(lang, &load(lang)) {
            if v.trim().is_empty() {
                assert!(
                    k.ends_with("_intro") && empty_in_da.contains(&k),
                    "{lang}.yaml: words.{k} is empty (only `_intro` keys that are empty in da.yaml may be)"
                );
            }
        }
    }
}
