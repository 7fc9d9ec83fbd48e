//! The shape of the knowledge base: things that mention themselves or each other in a circle,
//! a partner listed twice, 10,000 tags or wikilinks on one item, and Markdown nested tens of
//! thousands deep. Each builds, in bounded time, into a site that reads right.

use crate::common::outcome::Tree;
use crate::common::site::Site;
use std::time::Instant;

#[test]
fn a_partnership_that_mentions_itself_builds() {
    let site = Site::new();
    site.file(
        "content/partnerships/samarbejde.md",
        "---\ntitle: Samarbejdet\npartners: [vive, kommune]\nfacilitator: vive\n---\nSe [[samarbejde]] og [[partnerships/samarbejde|os selv]].\n",
    );
    let built = site.build().built();
    let page = built.read("partnerships/samarbejde/index.html");
    assert!(page.contains("href=\"../../partnerships/samarbejde/index.html\""));
}

#[test]
fn items_that_mention_each_other_in_a_circle_build() {
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        "---\ntitle: Tid\nnumber: 1\n---\nSe [[anbefaling]].\n",
    );
    site.file(
        "content/recommendations/anbefaling.md",
        "---\ntitle: Anbefaling\naddresses: [tid]\n---\nSe [[laering]].\n",
    );
    site.file(
        "content/learnings/laering.md",
        "---\ntitle: Læring\n---\nSe [[tid]] og [[anbefaling]].\n",
    );
    let built = site.build().built();
    for page in [
        "challenges/tid/index.html",
        "recommendations/anbefaling/index.html",
        "learnings/laering/index.html",
    ] {
        assert!(built.exists(page));
    }
}

#[test]
fn a_partner_listed_twice_in_a_partnership_is_one_member() {
    let site = Site::new();
    site.file(
        "content/partnerships/samarbejde.md",
        "---\ntitle: S\npartners: [vive, kommune, partners/vive, {id: vive, role: igen}]\n---\n",
    );
    let built = site.build().built();
    let csv = built.read("data/partners.csv");
    let vive = csv
        .lines()
        .find(|l| l.starts_with("vive,"))
        .expect("vive's row");
    assert_eq!(vive.split(',').nth(6), Some("1"), "one partnership: {vive}");
}

#[test]
fn the_same_partner_twice_is_not_two_partners() {
    let site = Site::new();
    site.file(
        "content/partnerships/samarbejde.md",
        "---\ntitle: S\npartners: [vive, partners/vive]\n---\n",
    );
    site.build().error(
        "too-few-partners",
        "content/partnerships/samarbejde.md:3:1",
        "a partnership needs at least two partners; this one has 1",
        "list every partner under `partners:`",
    );
}

#[test]
fn ten_thousand_tags_on_one_item_build() {
    let tags: Vec<String> = (0..10_000).map(|i| format!("emne {i}")).collect();
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        format!("---\ntitle: Tid\ntags: [{}]\n---\n", tags.join(", ")),
    );
    let started = Instant::now();
    let built = site.build().built();
    eprintln!("10,000 tags built in {:?}", started.elapsed());
    assert!(built.exists("tags/emne-9999/index.html"));
    assert!(
        built
            .text("challenges/tid/index.html")
            // Shown by its readable form (no `tags:` labels in site.yaml).
            .contains("Emne 9999")
    );
}

#[test]
fn ten_thousand_wikilinks_in_one_body_build() {
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        format!(
            "---\ntitle: Tid\n---\n{}",
            "[[vive]] [[kommune|K]] ".repeat(5_000)
        ),
    );
    let built = site.build().built();
    assert_eq!(
        built
            .read("challenges/tid/index.html")
            .matches("class=\"wikilink\"")
            .count(),
        10_000
    );
}

/// Markdown nested deep: the build is linear in it (50,000 levels of quotes build in a third of
/// a second); the depths here are smaller so that parsing the pages to check them, which is
/// quadratic in their nesting, stays quick.
#[test]
fn markdown_nested_thousands_deep_builds() {
    let site = Site::new();
    let list: String = (0..1_000)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect();
    let body = format!(
        "{}\n\n{list}\n\n{}x{}\n\n{}x{}\n",
        ">".repeat(5_000),
        "*".repeat(10_000),
        "*".repeat(10_000),
        "[a".repeat(50_000),
        "]".repeat(50_000)
    );
    site.file(
        "content/challenges/tid.md",
        format!("---\ntitle: Tid\n---\n{body}"),
    );
    let started = Instant::now();
    site.build().built();
    eprintln!(
        "deeply nested Markdown built and checked in {:?}",
        started.elapsed()
    );
}

#[test]
fn a_recommendation_cannot_address_itself() {
    let site = Site::new();
    site.file(
        "content/recommendations/anbefaling.md",
        "---\ntitle: A\naddresses: [recommendations/anbefaling]\n---\n",
    );
    site.build().error(
        "unknown-reference",
        "content/recommendations/anbefaling.md:3:13",
        "`addresses` takes challenge ids, but \"recommendations/anbefaling\" is a recommendation",
        "name a challenge here",
    );
}

/// `blå` typed on a Mac (`a` and a combining ring) and on Windows (one `å`) is one tag.
#[test]
fn tags_that_differ_only_in_unicode_normalisation_are_one_tag() {
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        "---\ntitle: Tid\ntags: [bl\u{e5}]\n---\n",
    );
    site.file(
        "content/learnings/laering.md",
        "---\ntitle: L\u{e6}ring\ntags: [bla\u{30a}]\n---\n",
    );
    let built = site.build().built();
    let tags: Vec<String> = Tree::of(&built.out.join("tags"))
        .0
        .into_keys()
        .filter(|k| k.ends_with("/index.html"))
        .collect();
    assert_eq!(tags, ["blaa/index.html"], "one page for both");
    let page = built.text("tags/blaa/index.html");
    assert!(
        page.contains("Tid") && page.contains("L\u{e6}ring"),
        "{page}"
    );
}

#[test]
fn a_partnership_that_ends_before_it_starts_is_an_error() {
    let site = Site::new();
    site.file(
        "content/partnerships/samarbejde.md",
        "---\ntitle: S\npartners: [vive, kommune]\nstart: 2024-03-01\nend: 2023-03-01\n---\n",
    );
    site.build().error(
        "end-before-start",
        "content/partnerships/samarbejde.md:5:6",
        "the partnership ends (`end: 2023-03-01`) before it starts (`start: 2024-03-01`)",
        "correct one of the two dates",
    );
    // Ending the day it starts is fine.
    site.file(
        "content/partnerships/samarbejde.md",
        "---\ntitle: S\npartners: [vive, kommune]\nstart: 2024-03-01\nend: 2024-03-01\n---\n",
    );
    site.build().built();
}

/// A draft partner is not published, so its name may not show; the quote shows without a
/// dash that leads to nothing, as an item naming a draft partner shows without it.
#[test]
fn an_approved_quote_by_a_draft_partner_shows_no_empty_attribution() {
    let site = Site::new();
    site.file(
        "content/partners/ny.md",
        "---\nname: Hemmelig Partner\nsector: research\ndraft: true\n---\n",
    );
    site.file(
        "content/quotes/citat.md",
        "---\nby: ny\napproved: true\n---\nDet virkede.\n",
    );
    site.file(
        "content/quotes/rolle.md",
        "---\nby: ny\nspeaker: projektleder\napproved: true\n---\nDet virkede også.\n",
    );
    let built = site.build().built();
    let page = built.read("quotes/citat/index.html");
    assert!(page.contains("Det virkede."), "{page}");
    assert!(
        !page.contains('\u{2014}'),
        "no dash with nothing after it: {page}"
    );
    assert!(!page.contains("<figcaption"), "{page}");
    assert!(!built.text("quotes/citat/index.html").contains("Hemmelig"));
    let page = built.text("quotes/rolle/index.html");
    assert!(
        page.contains("\u{2014} projektleder"),
        "the role still says who: {page}"
    );
}

/// `[[id|]]` would be a link nobody can see or click: it shows the target's title, as `[[id]]`.
#[test]
fn a_wikilink_with_empty_text_shows_the_targets_title() {
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        "---\ntitle: Tid\n---\nSe [[vive|]] og [[kommune| ]].\n",
    );
    let built = site.build().built();
    let page = built.read("challenges/tid/index.html");
    assert!(
        page.contains("<a class=\"wikilink\" href=\"../../partners/vive/index.html\">VIVE</a>")
            && page.contains(
                "<a class=\"wikilink\" href=\"../../partners/kommune/index.html\">Kommunen</a>"
            ),
        "{page}"
    );
}
