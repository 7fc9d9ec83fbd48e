//! The index's tests: how texts and bodies become terms, each quick path against the slow one.

use super::*;
use crate::markdown::LinkTarget;

/// The terms `read` gives a document, in the order of their first use.
fn terms_read(stop: &[&'static str], read: impl FnOnce(&mut Words)) -> Vec<String> {
    let stop = StopWords::new(stop);
    let mut vocabulary = Vocabulary::default();
    read(&mut Words::new(&mut vocabulary, &stop));
    let terms = vocabulary.document();
    terms
        .iter()
        .map(|&(n, _)| vocabulary.word(n).to_string())
        .collect()
}

/// How a text becomes terms, the slow way: split into words by whole characters, each
/// folded by [`fold`] and spelled by [`danish_spelling`], the first use of each kept.
fn terms_slowly(text: &str, stop: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let in_word = |c: char| c.is_ascii_alphanumeric() || (!c.is_ascii() && is_word_letter(c));
    for word in text.split(|c: char| !in_word(c)).filter(|w| !w.is_empty()) {
        let folded = fold(word);
        if folded.len() < 2 || stop.contains(&folded.as_str()) {
            continue;
        }
        for term in std::iter::once(folded).chain(danish_spelling(word)) {
            if !out.contains(&term) {
                out.push(term);
            }
        }
    }
    out
}

#[test]
fn folds_danish_and_swedish_both_ways() {
    assert_eq!(fold("København"), "kobenhavn");
    assert_eq!(fold("Ældre"), "aeldre");
    assert_eq!(fold("Västerås"), "vasteras");
    assert_eq!(fold("Köping"), "koping");
    assert_eq!(danish_spelling("København").as_deref(), Some("koebenhavn"));
    assert_eq!(danish_spelling("Århus").as_deref(), Some("aarhus"));
    assert_eq!(danish_spelling("Västerås").as_deref(), Some("vaesteraas"));
    assert_eq!(danish_spelling("Tillid"), None);
    let mut terms = terms_read(&["og"], |words| {
        words.add("Façade, Peer-støtte og ÆLDRE", Source::Text)
    });
    terms.sort();
    assert_eq!(terms, ["ade", "aeldre", "fa", "peer", "stoette", "stotte"]);
}

#[test]
fn the_letters_that_fold_are_the_clients() {
    let script = include_str!("../../themes/default/static/search.js");
    let map = script
        .split_once("var MAP = {")
        .and_then(|(_, rest)| rest.split_once('}'))
        .expect("search.js has its MAP of letters")
        .0;
    let client: Vec<char> = map
        .split(',')
        .filter_map(|pair| pair.trim().strip_prefix('\'')?.chars().next())
        .collect();
    assert_eq!(client.len(), 24, "{map}");
    let ours: Vec<char> = ('\u{80}'..='\u{24f}')
        .filter(|&c| is_folded_letter(c))
        .collect();
    let mut client_sorted = client.clone();
    client_sorted.sort();
    assert_eq!(ours, client_sorted);
    for c in client {
        let mut folded = String::new();
        fold_char(c, &mut folded);
        let theirs = map
            .split_once(&format!("'{c}': '"))
            .unwrap()
            .1
            .split('\'')
            .next();
        assert_eq!(Some(folded.as_str()), theirs, "{c}");
    }
}

#[test]
fn the_quick_paths_for_letters_agree_with_unicodes_lowercase() {
    for c in ('\u{80}'..='\u{ffff}').chain('\u{10000}'..='\u{1ffff}') {
        let lower: String = c.to_lowercase().collect();
        assert_eq!(
            is_word_letter(c),
            lower.chars().all(is_folded_letter),
            "{c:?}"
        );
        if let Some(l) = simple_lowercase(c) {
            assert_eq!(lower, l.to_string(), "{c:?}");
        }
    }
}

#[test]
fn html_is_read_as_a_reader_sees_it() {
    let html = "<p>Ab &amp;cd Ef&#39;gh</p><ul><li>Æble</li></ul><a href=\"https://eksempel.dk/side\">Link</a> a&b";
    let terms = terms_read(&[], |words| words.add_html(html, Source::Text));
    assert_eq!(terms, ["ab", "cd", "ef", "gh", "aeble", "link"]);
    // In pieces, cut anywhere but inside an entity: a word or a tag goes on in the next.
    let in_entity = |cut: usize| {
        ENTITIES.iter().any(|e| {
            html.match_indices(e)
                .any(|(at, _)| at < cut && cut < at + e.len())
        })
    };
    for cut in (1..html.len()).filter(|&cut| html.is_char_boundary(cut) && !in_entity(cut)) {
        let (a, b) = html.split_at(cut);
        let pieces = terms_read(&[], |words| {
            for piece in [a, "", b] {
                words.add_html_piece(piece, Source::Text);
            }
            words.end_html(Source::Text);
        });
        assert_eq!(pieces, terms, "cut at {cut}: {a:?} {b:?}");
    }
}

#[test]
fn words_are_folded_and_spelled_while_read_as_word_by_word() {
    // Every mix of letters that fold, that spell differently in Danish (ø, ö, å, ä, in
    // both cases), that Unicode alone lowercases (ẞ), and separators, in a fixed order
    // that no hand-picked word list would cover.
    let letters: Vec<char> = "aZ9øØöÖåÅäÄæÆéß\u{1e9e} -–’.".chars().collect();
    let mut seed: u64 = 16;
    for _ in 0..3000 {
        let text: String = (0..12)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                letters[(seed >> 33) as usize % letters.len()]
            })
            .collect();
        let quick = terms_read(&["oe", "za"], |words| words.add(&text, Source::Text));
        assert_eq!(quick, terms_slowly(&text, &["oe", "za"]), "{text:?}");
    }
    assert_eq!(
        terms_read(&[], |words| words
            .add("KØBENHAVN Smörgåsbord", Source::Text)),
        ["kobenhavn", "koebenhavn", "smorgasbord", "smoergaasbord"]
    );
}

#[test]
fn short_ascii_words_read_at_once_are_the_words_read_letter_by_letter() {
    let letters: Vec<char> = "abcXYZ09@[`{/:ø <&".chars().collect();
    let mut seed: u64 = 9;
    for _ in 0..2000 {
        let text: String = (0..40)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                // Runs of letters long enough to need both halves, or none.
                let run = (seed >> 60) as usize;
                letters[if run < 12 {
                    run % 6
                } else {
                    (seed >> 33) as usize % letters.len()
                }]
            })
            .collect();
        let quick = terms_read(&["ab"], |words| words.add(&text, Source::Text));
        assert_eq!(quick, terms_slowly(&text, &["ab"]), "{text:?}");
        let bytes = text.as_bytes();
        for at in (0..bytes.len()).filter(|&at| bytes[at].is_ascii_alphanumeric()) {
            let len = bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let whole = bytes.get(at + len).is_some_and(|b| b.is_ascii())
                && len <= 16
                && at + if len < 8 { 8 } else { 16 } <= bytes.len();
            let word = text[at..at + len].to_ascii_lowercase();
            let expected = whole.then(|| (short_key(&word).unwrap(), len));
            assert_eq!(ascii_word(bytes, at), expected, "{text:?} at {at}");
        }
    }
}

#[test]
fn thousands_of_words_keep_their_numbers() {
    // Enough words to grow the table of short words several times, and long ones.
    let text: String = (0..5000)
        .map(|n| format!("ord{n} ordet{n:0>20} "))
        .collect();
    let stop = StopWords::new(&[]);
    let mut vocabulary = Vocabulary::default();
    Words::new(&mut vocabulary, &stop).add(&text, Source::Text);
    let first = vocabulary.document();
    assert_eq!(first.len(), 10_000);
    Words::new(&mut vocabulary, &stop).add(&text, Source::Text);
    assert_eq!(
        vocabulary.document(),
        first,
        "the same numbers the second time"
    );
    assert_eq!(vocabulary.word(first[0].0), "ord0");
    assert_eq!(
        vocabulary.word(first[9_999].0),
        format!("ordet{:0>20}", 4999)
    );
}

#[test]
fn a_words_count_in_a_byte_reaches_every_sources_cap() {
    // Uses are counted up to 255 (Vocabulary's counts); beyond its cap a use adds nothing.
    for s in Source::ALL {
        assert!(s.cap().div_ceil(s.weight()) < 255);
    }
    let text = "tillid ".repeat(256);
    let terms = terms_read(&[], |words| {
        words.add(&text, Source::Text);
        words.add("tillid", Source::Title);
    });
    assert_eq!(terms, ["tillid"]);
    let stop = StopWords::new(&[]);
    let mut vocabulary = Vocabulary::default();
    let mut words = Words::new(&mut vocabulary, &stop);
    words.add(&text, Source::Text);
    words.add("tillid", Source::Title);
    assert_eq!(vocabulary.document()[0].1, 5 + 10);
}

#[test]
fn a_body_is_read_in_pieces_as_its_resolved_html() {
    let body = crate::markdown::parse(
        "Se [[vive]]s arbejde, [[tid|tiden]] og [[sv]]\n\nom [[ung|Børne]]liv og [[kladde]]n.",
        0,
        "",
        "t.md",
        "challenges/x/",
        false,
        crate::base::Language::Da,
    )
    .unwrap();
    let target = |url: Option<&str>, title: &str, lang| LinkTarget {
        url: url.map(String::from),
        title: title.into(),
        lang,
    };
    let targets = [
        target(Some("partners/vive/"), "VIVE <Det Nationale>", None),
        target(Some("challenges/tid/"), "Tid", None),
        target(Some("partners/sv/"), "Älvsby kommun", Some("sv")),
        target(Some("partners/ung/"), "Ung", None),
        target(None, "Kladdeår", None),
    ];
    let whole = terms_read(&[], |words| {
        words.add_html(&body.resolve("", &targets, ""), Source::Text)
    });
    let pieces = terms_read(&[], |words| {
        body.resolve_pieces("", &targets, "", |piece| {
            words.add_html_piece(piece, Source::Text)
        });
        words.end_html(Source::Text);
    });
    assert_eq!(pieces, whole);
    // A draft's title runs on into the text after it, as in the HTML: "Kladdeårn".
    assert!(whole.contains(&"kladdeaarn".to_string()), "{whole:?}");
}
