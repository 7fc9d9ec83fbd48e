//! Unicode that misleads: text that looks the same but is not (`blå` written as one character or
//! as `a` and a ring; a Cyrillic `і` in a Latin id), characters that cannot be seen (a title of
//! zero-width spaces) and direction controls that turn the text after them around (a
//! right-to-left override left open in a title reverses the rest of the line on the page, and
//! in the terminal that prints a message quoting it).
//!
//! Text is made safe once, when it is read ([`normalise`]); names are made visible where they
//! are printed ([`visible`]).
//!
//! Also: what counts as a control character, and how a name is made safe to print.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// The explicit direction controls whose effect lasts until they are closed: embeddings
/// (LRE, RLE), overrides (LRO, RLO), their end (PDF), isolates (LRI, RLI, FSI) and theirs (PDI).
/// The marks LRM, RLM and ALM have no extent and are kept.
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Unicode's default-ignorable code points: characters a font shows as nothing (zero-width
/// spaces, joiners, direction controls, the soft hyphen, Hangul fillers, variation selectors,
/// tags).
fn is_default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Whether `c` shows as nothing: white space, a control character, a default-ignorable code
/// point, or the blank braille pattern (a favourite "invisible" name).
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace() || c.is_control() || is_default_ignorable(c) || c == '\u{2800}'
}

/// Whether a title or name would show as nothing: empty, or only [`is_invisible`] characters.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(is_invisible)
}

/// Whether `c` is printed as `\u{…}` by [`visible`]: an invisible character that is not part
/// of ordinary writing. The zero-width joiner and variation selectors are left alone, since
/// emoji are made with them.
fn is_hidden(c: char) -> bool {
    is_default_ignorable(c) && !matches!(c, '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
}

/// `text` with its invisible characters written as `\u{200b}`, so that a file name or message
/// printed in a terminal shows them: a right-to-left override in a file name would otherwise
/// turn the rest of the line around, and a zero-width space makes two names look the same.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Makes text read from a file safe to show and to compare: composed to NFC, so `blå` is one
/// text however the editor stored the `å` (a tag written both ways is one tag), and without
/// the direction controls that stay in force until closed, so no title or paragraph can turn
/// the text after it around. Returns whether anything changed.
pub fn normalise(text: &mut String) -> bool {
    if is_normal(text) {
        return false;
    }
    let cleaned: String = text
        .chars()
        .filter(|&c| !is_direction_control(c))
        .nfc()
        .collect();
    let changed = cleaned != *text;
    *text = cleaned;
    changed
}

/// Whether [`normalise`] would leave `text` as it is (quick: no allocation).
///
/// Every text read is checked, so ASCII, which is always normal and has no direction
/// controls, is skipped eight bytes at a time, and only the runs of other characters between
/// it are looked at. That gives the same answer as checking the whole text: an ASCII
/// character ends whatever the normal-form check was following (it is a starter that
/// composes with nothing before it).
pub fn is_normal(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    loop {
        let Some(start) = next_non_ascii(bytes, at) else {
            return true;
        };
        let end = bytes[start..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |i| start + i);
        // Both ends are character boundaries: `start` is the lead byte after an ASCII byte (or
        // the start), and an ASCII byte is always a character of its own.
        let run = &text[start..end];
        if run.chars().any(is_direction_control)
            || unicode_normalization::is_nfc_quick(run.chars())
                != unicode_normalization::IsNormalized::Yes
        {
            return false;
        }
        at = end;
    }
}

/// The index of the first byte at or after `from` that is not ASCII.
fn next_non_ascii(bytes: &[u8], mut from: usize) -> Option<usize> {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    while let Some(word) = bytes.get(from..from + 8) {
        let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        if word & HIGH_BITS != 0 {
            break;
        }
        from += 8;
    }
    bytes
        .get(from..)?
        .iter()
        .position(|b| !b.is_ascii())
        .map(|i| from + i)
}

/// The script a look-alike letter comes from, for saying where it differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    Cyrillic,
    Greek,
    /// Full-width forms (`ｖｉｖｅ`), from East Asian input methods.
    FullWidth,
    Other,
}

pub fn script(c: char) -> Script {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' => Script::Latin,
        '\u{0400}'..='\u{052F}' => Script::Cyrillic,
        '\u{0370}'..='\u{03FF}' => Script::Greek,
        '\u{FF00}'..='\u{FFEF}' => Script::FullWidth,
        _ => Script::Other,
    }
}

/// How `written` differs from `meant` when the two look the same: each character of `written`
/// that is not the one `meant` has at that place (with the one it has), and each invisible one
/// (with `None`). Empty when they are the same, or differ in an ordinary way (a typo, which
/// did-you-mean shows well enough).
pub fn lookalikes(written: &str, meant: &str) -> Vec<(char, Option<char>)> {
    let mut found = Vec::new();
    let shown: Vec<char> = written
        .chars()
        .filter(|&c| {
            let hidden = is_default_ignorable(c);
            if hidden {
                found.push((c, None));
            }
            !hidden
        })
        .collect();
    let meant: Vec<char> = meant.chars().collect();
    if shown.len() != meant.len() {
        return Vec::new();
    }
    for (&w, &m) in shown.iter().zip(&meant) {
        if w != m {
            if w.is_ascii() {
                return Vec::new();
            }
            found.push((w, Some(m)));
        }
    }
    found
}

/// Whether `c` is not text: a C0 or C1 control character other than tab and line breaks
/// (ESC among them, which a terminal obeys when a message prints it), or U+FFFE / U+FFFF,
/// which XML cannot hold.
pub fn is_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// `text` without the characters [`is_control`] finds, and with the invisible ones (a
/// right-to-left override, a zero-width space) written as `\u{202e}`: for file names and
/// messages a terminal prints.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let text: std::borrow::Cow<'_, str> = if text.chars().any(is_control) {
        text.chars()
            .filter(|&c| !is_control(c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    };
    match visible(&text) {
        std::borrow::Cow::Owned(shown) => shown.into(),
        std::borrow::Cow::Borrowed(_) => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_composed_and_direction_controls_dropped() {
        let mut nfd = "bla\u{30A}".to_string();
        assert!(normalise(&mut nfd));
        assert_eq!(nfd, "blå");
        let mut rlo = "Tid\u{202E} til møder \u{2067}x".to_string();
        assert!(normalise(&mut rlo));
        assert_eq!(rlo, "Tid til møder x");
        let mut plain = "Tid til møder \u{200F}".to_string();
        assert!(!normalise(&mut plain), "a mark has no extent and stays");
    }

    #[test]
    fn the_quick_check_agrees_with_a_check_of_every_character() {
        let whole = |t: &str| {
            !t.chars().any(is_direction_control)
                && unicode_normalization::is_nfc_quick(t.chars())
                    == unicode_normalization::IsNormalized::Yes
        };
        let pieces = [
            "",
            "a",
            "title: Tid til møder",
            "bla\u{30A}",
            "e\u{301}",
            "\u{301}",
            "Å",
            "x\u{202E}y",
            "\u{2067}",
            "ﬁ",
            "한",
            "\u{1100}\u{1161}",
            "12345678",
            "møde",
            "\u{200F}",
            "ø\u{308}",
        ];
        for a in pieces {
            for b in pieces {
                for pad in ["", "abcdefgh", "abcdefghijklmnopq", "\n"] {
                    let text = format!("{a}{pad}{b}{pad}");
                    assert_eq!(is_normal(&text), whole(&text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn blank_means_nothing_a_reader_can_see() {
        for blank in [
            "",
            "  ",
            "\u{200B}",
            "\u{2060}\u{FEFF}",
            "\u{3164}",
            "\u{2800} \u{00AD}",
        ] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for shown in ["x", " ø ", "\u{200B}1"] {
            assert!(!is_blank(shown), "{shown:?}");
        }
    }

    #[test]
    fn hidden_characters_are_shown_escaped() {
        assert_eq!(visible("evil\u{202E}gnp.md"), "evil\\u{202e}gnp.md");
        assert_eq!(visible("vive\u{200B}"), "vive\\u{200b}");
        assert_eq!(visible("👩\u{200D}🔬"), "👩\u{200D}🔬");
    }

    #[test]
    fn lookalikes_are_told_from_typos() {
        assert_eq!(lookalikes("v\u{456}ve", "vive"), [('\u{456}', Some('i'))]);
        assert_eq!(lookalikes("vive\u{200B}", "vive"), [('\u{200B}', None)]);
        assert!(lookalikes("viv", "vive").is_empty());
        assert!(lookalikes("vibe", "vive").is_empty());
        assert_eq!(script('\u{456}'), Script::Cyrillic);
    }
}
