//! A body is shown on several pages: its own, the catalogue, cards, the feed and the search
//! results. Each shows it as it reads there: its links lead to the same place from every
//! depth, and its wikilinks show their targets' titles, never their ids.

mod common;

use common::*;
use std::path::Path;

const SITE: &str = "title: Prøvesite\nlanguage: da\nsectors:\n  research: Forskning\n";

/// A small site with `challenge` as the body of the catalogue item `challenges/tid`.
fn site_with(challenge: &str, extra: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let item = format!(
        "---\ntitle: Tid til møder\nnumber: 1\npartners: [vive]\ndate: 2024-03-13\n---\n{challenge}"
    );
    let mut files = vec![
        ("site.yaml", SITE),
        (
            "content/partners/vive.md",
            "---\nname: Analysecentret\nsector: research\n---\nForskning.\n",
        ),
        ("content/challenges/tid.md", item.as_str()),
    ];
    files.extend_from_slice(extra);
    write_site(dir.path(), &files);
    dir
}

fn built(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("public");
    build(dir, &out);
    out
}

#[test]
fn a_relative_link_in_a_catalogue_item_leads_to_the_same_file_from_both_pages() {
    let dir = site_with(
        "Se [partneren](../../partners/vive/), [bilaget](bilag.pdf) og \
         ![Et billede af mødet](../../billede.png).\n",
        &[
            ("static/billede.png", "png"),
            ("static/challenges/tid/bilag.pdf", "pdf"),
        ],
    );
    let out = built(dir.path());
    for page in ["challenges/tid/index.html", "catalogue/index.html"] {
        let doc = html(&out.join(page));
        let mut urls: Vec<(String, String)> = select(&doc, ".prose a")
            .iter()
            .map(|a| (text(a), a.value().attr("href").unwrap_or("").to_string()))
            .collect();
        urls.extend(
            select(&doc, ".prose img")
                .iter()
                .map(|img| ("img".into(), img.value().attr("src").unwrap_or("").into())),
        );
        for (what, expected) in [
            ("partneren", "partners/vive/index.html"),
            ("bilaget", "challenges/tid/bilag.pdf"),
            ("img", "billede.png"),
        ] {
            let (_, url) = urls
                .iter()
                .find(|(t, _)| t == what)
                .unwrap_or_else(|| panic!("{what} on {page}: {urls:?}"));
            let file = follow(page, url).unwrap_or_else(|| panic!("{url} on {page}"));
            assert_eq!(file, Path::new(expected), "{what}: {url} on {page}");
            assert!(out.join(&file).is_file(), "{} on {page}", file.display());
        }
    }
}

#[test]
fn a_wikilink_in_the_first_sentence_shows_its_title_in_cards_feed_search_and_quote_titles() {
    let dir = site_with(
        "[[vive]] har målt tiden på møderne.\n\nMere tekst.\n",
        &[(
            "content/quotes/sagt.md",
            "---\nspeaker: projektdeltager\napproved: true\n---\nDet sagde [[vive]] om tiden.\n",
        )],
    );
    let out = built(dir.path());
    let card = "Analysecentret har målt tiden på møderne.";
    let list = html(&out.join("challenges/index.html"));
    let summaries: Vec<String> = select(&list, ".card p").iter().map(text).collect();
    assert!(summaries.iter().any(|s| s == card), "{summaries:?}");
    assert!(
        read(&out.join("atom.xml")).contains(&format!("<summary>{card}</summary>")),
        "the feed's summary"
    );
    let search = files(&out.join("search"))
        .into_iter()
        .any(|f| read(&out.join("search").join(f)).contains(card));
    assert!(search, "the search result's snippet");
    let quote = "“Det sagde Analysecentret om tiden.”";
    let quotes = html(&out.join("quotes/index.html"));
    let titles: Vec<String> = select(&quotes, ".card h2").iter().map(text).collect();
    assert_eq!(titles, [quote]);
    let own = html(&out.join("quotes/sagt/index.html"));
    let h1 = text(&select(&own, "h1")[0]);
    assert!(h1.ends_with(quote), "{h1}");
    // Nowhere does the id show where the title belongs.
    for f in files(&out) {
        let Ok(t) = std::fs::read_to_string(out.join(&f)) else {
            continue;
        };
        assert!(
            !t.contains("vive har målt") && !t.contains("sagde vive"),
            "{}",
            f.display()
        );
    }
}
