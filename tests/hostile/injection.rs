//! Markup and template syntax in every text a facilitator writes: every field of every kind,
//! tags, the body's Markdown constructs, site.yaml's title, description and sector names, and
//! file names. The site builds, shows the text as text, and runs nothing.

use crate::common::site::Site;

const SCRIPT: &str = "<script>alert('x')</script>";
const IMG: &str = "\"><img src=x onerror=alert('x')>";
const TEMPLATE: &str = "{{ 7 * 7 }} {% if true %}T{% endif %} {# c #}";

/// `text` as a YAML double-quoted string.
fn q(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A site with `p` in every text field of every kind, and in the body's Markdown.
fn everywhere(p: &str) -> Site {
    let site = Site::empty();
    let body = format!(
        "{p}\n\n## {p}\n\n[[vive|{p}]] and [{p}](https://example.org/ \"{title}\") ![{p}](x.png \"{title}\")\n\n`{p}` {p}[^n]\n\n[^n]: {p}\n\n| {p} |\n|---|\n| {p} |\n\n<div>{p}</div>\n",
        title = p.replace('"', "'")
    );
    let files: Vec<(&str, String)> = vec![
        (
            "site.yaml",
            format!(
                "title: {t}\ndescription: {t}\nlanguage: da\nbase_url: {b}\nsectors:\n  research: {t}\n  public: {t}\naccessibility:\n  compliance: partial\n  assessed: 2024-01-01\n  contact: {t}\n",
                t = q(p),
                b = q(&format!("https://example.org/kb/?{p}"))
            ),
        ),
        (
            "content/_index.md",
            format!("---\ntitle: {}\n---\n{body}", q(p)),
        ),
        (
            "content/partners/vive.md",
            format!(
                "---\nname: {t}\nsector: research\nlevel: national\nwebsite: {w}\nlogo: {l}\nsummary: {t}\ntags: [{t}, {t2}]\ndate: 2020-01-02\n---\n{body}",
                t = q(p),
                t2 = q(&format!("tag {p}")),
                w = q(&format!("https://example.org/?{p}")),
                l = q(&format!("logo.png?{p}")),
            ),
        ),
        (
            "content/partners/kommune.md",
            format!(
                "---\nname: {}\nsector: public\n---\n{body}",
                q(&format!("2 {p}"))
            ),
        ),
        (
            "content/partnerships/samarbejde.md",
            format!(
                "---\ntitle: {t}\npartners: [vive, {{id: kommune, role: {t}}}]\nfacilitator: vive\nform: partnership\nstatus: active\nstart: 2020-01-01\nend: 2021-01-01\ngoal: {t}\ntarget_group: {t}\nmilestones: [{{date: 2020-06-01, title: {t}, done: true}}]\nagreement: {a}\ntags: [{t}]\ndate: 2020-01-03\n---\n{body}",
                t = q(p),
                a = q(&format!("https://example.org/aftale?{p}")),
            ),
        ),
        (
            "content/challenges/tid.md",
            format!(
                "---\ntitle: {t}\nnumber: 1\npartners: [vive]\npartnerships: [samarbejde]\ntags: [{t}]\ndate: 2020-01-04\n---\n{body}",
                t = q(p)
            ),
        ),
        (
            "content/opportunities/mulighed.md",
            format!(
                "---\ntitle: {t}\nnumber: 1\npartners: [kommune]\ntags: [{t}]\ndate: 2020-01-05\n---\n{body}",
                t = q(p)
            ),
        ),
        (
            "content/recommendations/anbefaling.md",
            format!(
                "---\ntitle: {t}\nnumber: 1\naddresses: [tid]\npartners: [vive, kommune]\ndate: 2020-01-06\n---\n{body}",
                t = q(p)
            ),
        ),
        (
            "content/learnings/laering.md",
            format!(
                "---\ntitle: {t}\npartnerships: [samarbejde]\ndate: 2020-01-07\n---\n{body}",
                t = q(p)
            ),
        ),
        (
            "content/quotes/citat.md",
            format!(
                "---\nby: vive\nspeaker: {t}\nsource: {t}\npartnership: samarbejde\napproved: true\ndate: 2020-01-08\n---\n{body}",
                t = q(p)
            ),
        ),
        (
            "content/pages/om.md",
            format!(
                "---\ntitle: {t}\nweight: 1\ndate: 2020-01-09\n---\n{body}",
                t = q(p)
            ),
        ),
        // The logo the partner names: `logo` must be a file in static/ (its `?…` is kept).
        ("static/logo.png", "png".to_string()),
    ];
    for (path, text) in &files {
        site.file(path, text);
    }
    site
}

/// Builds the site with `p` everywhere and checks it is shown as text, everywhere it goes.
fn shown_as_text(p: &str) {
    let site = everywhere(p);
    let built = site.build().built();
    // Shown, not dropped: on the pages, in the feed and in the data files, as written.
    for page in [
        "index.html",
        "partners/vive/index.html",
        "partnerships/samarbejde/index.html",
        "challenges/tid/index.html",
        "catalogue/index.html",
        "quotes/citat/index.html",
        "pages/om/index.html",
        "network/index.html",
        "contributions/index.html",
        "tags/index.html",
    ] {
        assert!(
            built.text(page).contains(p),
            "{page} should show {p:?} as text"
        );
    }
    let feed = built.read("atom.xml");
    let feed = roxmltree::Document::parse(&feed).expect("the feed parses");
    let titles: Vec<&str> = feed
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert!(titles.contains(&p), "feed titles: {titles:?}");
    let network: serde_json::Value =
        serde_json::from_str(&built.read("data/network.json")).expect("network.json");
    assert!(
        network["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .any(|n| n["name"] == p),
        "network.json keeps the name as data"
    );
    let gexf = built.read("data/network.gexf");
    let gexf = roxmltree::Document::parse(&gexf).expect("the GEXF file parses");
    assert!(
        gexf.descendants().any(|n| n.attribute("label") == Some(p)),
        "network.gexf keeps the name as data"
    );
}

#[test]
fn script_tags_in_every_text_field_are_shown_as_text() {
    shown_as_text(SCRIPT);
}

#[test]
fn an_attribute_breakout_in_every_text_field_is_shown_as_text() {
    shown_as_text(IMG);
}

#[test]
fn template_syntax_in_every_text_field_is_shown_literally_not_evaluated() {
    shown_as_text(TEMPLATE);
    // Evaluated, `{{ 7 * 7 }}` would read 49 and `{% if %}` would vanish: the literal text
    // above already rules both out on every page checked.
}

#[test]
fn markup_in_a_tag_gives_a_safe_tag_page() {
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        format!(
            "---\ntitle: Tid\ntags: [{}, {}]\n---\nx\n",
            q(SCRIPT),
            q(TEMPLATE)
        ),
    );
    let built = site.build().built();
    // The tag's page is at a plain slug, its name shown as text.
    assert!(built.exists("tags/script-alert-x-script/index.html"));
    assert!(
        built
            .text("tags/script-alert-x-script/index.html")
            .contains(SCRIPT)
    );
    assert!(built.text("tags/index.html").contains(TEMPLATE));
}

#[test]
fn markup_in_a_content_file_name_is_a_bad_id() {
    let site = Site::new();
    site.file(
        "content/challenges/<script>alert(1)<\\script>.md",
        "---\ntitle: x\n---\n",
    );
    site.build().error(
        "bad-id",
        "content/challenges/<script>alert(1)<\\script>.md",
        "is not a valid id",
        "ids use only lowercase a-z, 0-9 and -: rename the file to `script-alert-1-script.md`",
    );
}

#[test]
fn template_syntax_in_a_content_file_name_is_a_bad_id() {
    let site = Site::new();
    site.file("content/pages/{{ 7*7 }}.md", "---\ntitle: x\n---\n");
    site.build().error(
        "bad-id",
        "content/pages/{{ 7*7 }}.md",
        "the file name \"{{ 7*7 }}\" is not a valid id",
        "rename the file to `7-7.md`",
    );
}

#[test]
fn markup_in_a_static_file_name_is_copied_and_never_linked() {
    let site = Site::new();
    site.file(&format!("static/{IMG}.png"), b"\x89PNG\r\n\x1a\n");
    let built = site.build().built();
    assert!(built.exists(&format!("{IMG}.png")));
}

#[test]
fn raw_html_in_a_body_is_escaped() {
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        format!("---\ntitle: Tid\n---\n{SCRIPT}\n\n<img src=x onerror=alert(1)>\n\n<a href=\"javascript:alert(1)\">x</a>\n\n<!-- {SCRIPT} -->\n"),
    );
    let built = site.build().built();
    assert!(built.text("challenges/tid/index.html").contains(SCRIPT));
}

#[test]
fn heading_attributes_cannot_add_an_event_handler() {
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        "---\ntitle: Tid\n---\n## Overskrift {#over onmouseover=alert(1) style=\"position:fixed\"}\n\n[op](#over)\n",
    );
    let built = site.build().built();
    let page = built.read("challenges/tid/index.html");
    assert!(page.contains("<h2 id=\"over\">"), "the id is kept");
}

/// A right-to-left override (U+202E) left open in a title turns the text after it around,
/// on the page and in the card beside it; so do embeddings and isolates. They are dropped
/// when the file is read, written or escaped (`"\u202E"` in YAML); marks, which end where they
/// stand, stay.
#[test]
fn direction_controls_left_open_do_not_turn_the_page_around() {
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        "---\ntitle: \"Tid \u{202E}til møder\"\nnumber: 1\ntags: [\"a\\u202Eb\"]\n---\nFørste \u{202B}afsnit \u{2067}her.\n",
    );
    site.file(
        "content/learnings/laering.md",
        "---\ntitle: \"Læring\\u202D\"\n---\nSe [[tid]].\n",
    );
    site.file(
        "site.yaml",
        "title: \"Vidensbase\u{202E}\"\nlanguage: en\nsectors:\n  research: Forskning\u{2066}\n  public: Offentlig sektor\n",
    );
    let built = site.build().built();
    for e in walkdir::WalkDir::new(&built.out).into_iter().flatten() {
        if e.file_type().is_file() {
            let text = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned();
            assert!(
                !text
                    .chars()
                    .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
                "{} holds a direction control",
                e.path().display()
            );
        }
    }
    let page = built.text("challenges/tid/index.html");
    assert!(
        page.contains("Tid til møder") && page.contains("Første afsnit her."),
        "{page}"
    );
}
