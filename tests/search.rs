//! The search index written with the example site: split into parts, folded so Danish and
//! Swedish spellings meet, weighted so titles rank first, each word with its stem; and the
//! browser's stemmers agreeing with the index's.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = tempfile::tempdir().unwrap().keep().join("public");
        build(&repo(), &out);
        out
    })
}

/// The JSON argument of a `brobyggerSearch.x(...)` script, or of the manifest assignment.
fn payload(file: &Path) -> Value {
    let text = read(file);
    let start = text.find(['(', '=']).map(|i| i + 1).unwrap();
    let json = text[start..]
        .trim_end()
        .trim_end_matches(';')
        .trim_end_matches(')');
    let json = json
        .rsplit_once("brobyggerSearch.manifest=")
        .map_or(json, |x| x.1);
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn manifest() -> Value {
    payload(&built().join("search/index.js"))
}

/// The entry of `term` in the index built into `out`, looked up the way the client does:
/// its stems (when they are not the word itself) and its postings (doc, weight pairs).
fn entry_in(out: &Path, term: &str) -> (Vec<String>, Vec<(u64, u64)>) {
    let m = payload(&out.join("search/index.js"));
    let shards = m["shards"].as_object().unwrap();
    let Some(key) = [5, 4, 3, 2]
        .iter()
        .map(|&n| term.chars().take(n).collect::<String>())
        .find(|k| shards.contains_key(k))
    else {
        return (Vec::new(), Vec::new());
    };
    let file = out.join(format!("search/t/{}.js", shards[&key]));
    let terms = payload(&file);
    let list = terms[&key][term].as_array().cloned().unwrap_or_default();
    // Leading stems: -n for the word's first n letters, or the stem itself.
    let lead = list
        .iter()
        .take_while(|v| v.is_string() || v.as_i64().is_some_and(|n| n < 0))
        .count();
    let stems = list[..lead]
        .iter()
        .map(|v| match v.as_str() {
            Some(s) => s.to_string(),
            None => term[..(-v.as_i64().unwrap()) as usize].to_string(),
        })
        .collect();
    let postings = list[lead..]
        .chunks(2)
        .map(|p| (p[0].as_u64().unwrap(), p[1].as_u64().unwrap()))
        .collect();
    (stems, postings)
}

/// The postings of `term` in the example site's index.
fn postings(term: &str) -> Vec<(u64, u64)> {
    entry_in(built(), term).1
}

/// Document `n`: (kind, title, url, text).
fn doc(n: u64) -> Vec<String> {
    let m = manifest();
    let block = m["docShard"].as_u64().unwrap();
    let text = read(&built().join(format!("search/d/{}.js", n / block)));
    let json = &text[text.find(',').unwrap() + 1..text.rfind(')').unwrap()];
    let list: Value = serde_json::from_str(json).unwrap();
    list[(n % block) as usize]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_index_is_split_into_small_parts_loaded_as_scripts() {
    let m = manifest();
    let docs = m["docs"].as_u64().unwrap();
    assert!(
        docs > 90,
        "every partner, partnership, item and page: {docs}"
    );
    let shard_files = files(&built().join("search/t"));
    assert_eq!(shard_files.len(), m["shards"].as_object().unwrap().len());
    for f in &shard_files {
        let text = read(&built().join("search/t").join(f));
        assert!(
            text.starts_with("brobyggerSearch.terms("),
            "{}",
            f.display()
        );
        assert!(
            text.len() < 64 * 1024,
            "{} is {} bytes",
            f.display(),
            text.len()
        );
    }
    let search = html(&built().join("search/index.html"));
    assert!(
        !select(&search, "noscript").is_empty(),
        "says search needs JavaScript"
    );
    assert!(!select(&search, "script[src='../search/index.js']").is_empty());
    let front = html(&built().join("index.html"));
    assert_eq!(
        select(&front, "form[role=search]")[0]
            .value()
            .attr("action"),
        Some("search/index.html")
    );
}

#[test]
fn danish_and_swedish_spellings_find_each_other() {
    // Västerås stad is a partner: its name is indexed folded and in the Danish spelling.
    for term in ["vasteras", "vaesteraas", "koping", "koepings"] {
        let hits = postings(term);
        assert!(!hits.is_empty(), "{term}");
    }
    let titles: Vec<String> = postings("vasteras")
        .iter()
        .map(|&(d, _)| doc(d)[1].clone())
        .collect();
    assert!(titles.iter().any(|t| t == "Västerås stad"), "{titles:?}");
    // æ: "aeldre"-style folding; the example's content has "sårbare" (å) and "fælles" (æ).
    assert!(!postings("faelles").is_empty());
    assert!(!postings("sarbare").is_empty() && !postings("saarbare").is_empty());
}

#[test]
fn a_word_in_the_title_weighs_more_than_in_the_text() {
    let hits = postings("tillid");
    let in_title = |d: u64| {
        doc(d)[1]
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "tillid")
    };
    let title = hits
        .iter()
        .find(|&&(d, _)| in_title(d))
        .expect("a title with the word tillid");
    let body_only = hits
        .iter()
        .find(|&&(d, _)| !in_title(d))
        .expect("a text with tillid");
    assert!(
        title.1 >= 10 && body_only.1 < 10,
        "title {title:?}, text only {body_only:?}"
    );
    // Stop words are not indexed.
    assert!(postings("og").is_empty());
}

/// A family site of tests/fixtures/search/, built once per language (nb's index stemmed in
/// Norwegian through the library).
fn family_site(lang: &'static str) -> PathBuf {
    let out = tempfile::tempdir().unwrap().keep().join(lang);
    build_with_stemmer(&repo().join("tests/fixtures/search").join(lang), &out, lang);
    out
}

#[test]
fn each_form_of_a_word_carries_the_stem_its_family_shares() {
    // The example site says partnerskab, partnerskaber, partnerskabet, partnerskabets …
    for form in [
        "partnerskaber",
        "partnerskabet",
        "partnerskabets",
        "partnerskaberne",
        "partnerskabs",
    ] {
        let (stems, hits) = entry_in(built(), form);
        assert!(!hits.is_empty(), "{form} is in the example's text");
        assert_eq!(stems, ["partnerskab"], "{form}");
    }
    let (stems, hits) = entry_in(built(), "partnerskab");
    assert!(
        !hits.is_empty() && stems.is_empty(),
        "a word that is its own stem: {stems:?}"
    );
    // A compound is a word of its own, not a form of its first part.
    assert_ne!(entry_in(built(), "partnerskabsside").0, ["partnerskab"]);
}

#[test]
fn the_site_gets_the_stemmer_of_its_language_only() {
    let script = read(&built().join("search/stem.js"));
    assert_eq!(script, brobygger::search::StemLanguage::Da.script());
    assert!(script.contains("danish.sbl") && script.contains("Redistribution and use"));
    assert_eq!(manifest()["lang"], "da");
    let stemmers: Vec<PathBuf> = files(built())
        .into_iter()
        .filter(|f| read(&built().join(f)).contains("Redistribution and use"))
        .collect();
    assert_eq!(stemmers, [PathBuf::from("search/stem.js")]);
}

#[test]
fn a_page_in_another_language_is_stemmed_in_its_language_as_well() {
    let da = family_site("da");
    // pages/svensk says language: sv and "föreningarna": Danish leaves the word whole,
    // Swedish cuts it to forening, the stem of Danish foreningen.
    let (stems, hits) = entry_in(&da, "foreningarna");
    assert_eq!(hits.len(), 1);
    assert_eq!(stems, ["foreningarna", "forening"]);
    // The Danish words of the site carry Danish stems only.
    assert_eq!(entry_in(&da, "kommune").0, ["kommun"]);
}

#[test]
fn norwegian_and_english_indexes_carry_their_languages_stems() {
    let nb = family_site("nb");
    assert_eq!(payload(&nb.join("search/index.js"))["lang"], "nb");
    assert!(read(&nb.join("search/stem.js")).contains("norwegian.sbl"));
    assert_eq!(entry_in(&nb, "avtale").0, ["avtal"]);
    let en = family_site("en");
    // English stems are not always a beginning of the word: they are written out.
    assert_eq!(entry_in(&en, "policy").0, ["polici"]);
    assert!(
        files(&en.join("search/t"))
            .iter()
            .any(|f| read(&en.join("search/t").join(f)).contains("\"policy\":[\"polici\",")),
        "policy's stem written out"
    );
}

/// Endings that exercise each algorithm's rules, added to every word of the test texts.
const ENDINGS: &[(&str, &[&str])] = &[
    (
        "da",
        &[
            "e", "er", "erne", "en", "et", "ene", "s", "ens", "ets", "ernes", "hed", "heden",
            "lig", "elig", "ligt", "els", "else", "elsen", "st", "igst", "ende", "ede", "t",
        ],
    ),
    (
        "sv",
        &[
            "a", "or", "ar", "er", "en", "et", "na", "arna", "erna", "orna", "ens", "ets", "s",
            "het", "heten", "lig", "ligt", "els", "fullt", "lost", "ande", "ade",
        ],
    ),
    (
        "nb",
        &[
            "e", "er", "ene", "en", "et", "a", "ers", "ets", "s", "hetene", "heter", "ert", "erte",
            "leg", "lig", "ende", "ede", "slov",
        ],
    ),
    (
        "en",
        &[
            "s", "es", "ies", "ied", "ed", "ing", "ly", "ational", "ization", "fulness", "ness",
            "ment", "er", "est", "ity", "ive", "ous", "able",
        ],
    ),
];

#[test]
fn the_browsers_stemmers_agree_with_the_index() {
    use brobygger::search::StemLanguage;
    // Every word of the example site, the family sites and the theme's words, folded as the
    // index folds them, with and without each language's endings.
    let mut base = std::collections::BTreeSet::new();
    for dir in ["content", "tests/fixtures/search", "themes/default/words"] {
        for f in files(&repo().join(dir)) {
            let text = read(&repo().join(dir).join(f));
            for w in text.split(|c: char| !c.is_alphanumeric()) {
                let folded = brobygger::search::fold(w);
                if folded.len() >= 2 {
                    base.insert(folded);
                }
            }
        }
    }
    assert!(base.len() > 2000, "only {} words", base.len());
    for (code, endings) in ENDINGS {
        let language = StemLanguage::from_code(code).unwrap();
        let words: Vec<String> = base
            .iter()
            .flat_map(|w| {
                std::iter::once(w.clone()).chain(endings.iter().map(move |e| format!("{w}{e}")))
            })
            .collect();
        let script = repo().join(format!("themes/default/stemmers/{code}.js"));
        let js = node_stems(&script, &words);
        let mut differ = Vec::new();
        for (w, j) in words.iter().zip(&js) {
            let r = language.stem(w);
            if &r != j {
                differ.push(format!("{w}: index {r}, browser {j}"));
            }
        }
        assert!(
            differ.is_empty(),
            "{code}: {} of {} words stem differently:\n{}",
            differ.len(),
            words.len(),
            differ[..differ.len().min(20)].join("\n")
        );
        // Not a vacuous agreement: most endings are cut.
        let cut = words.iter().zip(&js).filter(|(w, j)| w != j).count();
        assert!(
            cut * 2 > words.len(),
            "{code}: only {cut} of {} words changed",
            words.len()
        );
    }
}

/// The stems of `words` from the browser's stemmer script, run by node.
fn node_stems(script: &Path, words: &[String]) -> Vec<String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    const RUN: &str = "const fs = require('fs'), vm = require('vm'); \
        const c = { window: {} }; vm.createContext(c); \
        vm.runInContext(fs.readFileSync(process.argv[1], 'utf8'), c); \
        const words = fs.readFileSync(0, 'utf8').split('\\n').filter(Boolean); \
        process.stdout.write(words.map(c.window.brobyggerSearch.stem).join('\\n') + '\\n');";
    let mut child = Command::new("node")
        .args(["-e", RUN])
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("`node` is needed to run the browser's stemmer: install Node.js 20 or newer");
    let mut stdin = child.stdin.take().unwrap();
    let input = words.join("\n") + "\n";
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "node: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stems: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(stems.len(), words.len());
    stems
}
