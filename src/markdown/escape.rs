//! Escaping text for the places it is written into: HTML and JSON read by scripts.

/// HTML-escapes text for an element or a quoted attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).ok();
    out
}

/// Percent-encodes a URL for an `href` or `src`, as pulldown-cmark does for the links it
/// writes, and HTML-escapes what is left (`&`, `'`).
pub fn escape_href(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    pulldown_cmark_escape::escape_href(&mut out, url).ok();
    out
}

/// Makes serialized JSON safe wherever it lands: in a script file, in a page, or opened by a
/// browser that guesses the type. `<`, `>` and `&` (which JSON holds only inside strings)
/// become `\u003c`, `\u003e` and `\u0026`, so no text can read as a tag or close a
/// `<script>`; U+2028 and U+2029, line breaks to older JavaScript, are escaped too.
pub fn script_safe_json(json: String) -> String {
    if !json.contains(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_safe_in_scripts() {
        let json = serde_json::to_string(&["</script><img onerror=x>&\u{2028}"]).unwrap();
        let safe = script_safe_json(json);
        assert_eq!(
            safe,
            r#"["\u003c/script\u003e\u003cimg onerror=x\u003e\u0026\u2028"]"#
        );
        let back: Vec<String> = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, ["</script><img onerror=x>&\u{2028}"]);
    }
}
