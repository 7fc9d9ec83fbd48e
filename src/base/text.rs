//! Text as it may be shown: what counts as a control character, and how a name is made safe
//! to print in a terminal.

/// Whether `c` is not text: a C0 or C1 control character other than tab and line breaks
/// (ESC among them, which a terminal obeys when a message prints it), or U+FFFE / U+FFFF,
/// which XML cannot hold.
pub fn is_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// `text` without the characters [`is_control`] finds.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_control) {
        text.chars()
            .filter(|&c| !is_control(c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}
