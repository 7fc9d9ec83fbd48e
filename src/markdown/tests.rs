//! The pipeline's tests: Markdown in, HTML and summaries out, for the pages that show them.

use super::*;

fn html(src: &str, unsafe_html: bool) -> Body {
    parse(
        src,
        0,
        src,
        "t.md",
        "challenges/x/",
        unsafe_html,
        crate::base::Language::En,
    )
    .unwrap()
}

#[test]
fn raw_html_is_escaped_unless_allowed() {
    let b = html("<script>alert(1)</script>\n\nhej <b>x</b>", false);
    assert!(
        !b.html.contains("<script>") && b.html.contains("&lt;script&gt;"),
        "{}",
        b.html
    );
    let b = html("hej <b>x</b>", true);
    assert!(b.html.contains("<b>x</b>"));
}

#[test]
fn heading_attributes_other_than_id_and_class_are_raw_html() {
    let src = "## Hej {#hej .note onclick=alert(1) style=\"x\"}";
    let out = html(src, false).resolve("", &[], "");
    assert!(out.contains("<h2 id=\"hej\" class=\"note\">"), "{out}");
    assert!(!out.contains("onclick") && !out.contains("style"), "{out}");
    assert!(html(src, true).html.contains("onclick"));
}

#[test]
fn heading_ids_are_unique_and_h1_shifts() {
    let b = html("# Mål\n\n## Mål\n\n## Mål", false);
    assert_eq!(b.heading_ids, ["mål", "mål-1", "mål-2"]);
    let html = b.resolve("", &[], "");
    assert!(
        html.contains("<h2 id=\"mål\">") && html.contains("<h3 id=\"mål-1\">"),
        "{html}"
    );
    let html = b.resolve("", &[], "x-");
    assert!(html.contains("<h2 id=\"x-mål\">"), "{html}");
}

#[test]
fn dangerous_urls_are_neutralised() {
    let b = html(
        "[x](javascript:alert(1)) [y](JavaScript:alert(1)) ![z](data:text/html,hi) [ok](https://a.dk)",
        false,
    );
    assert!(!b.html.to_lowercase().contains("javascript:"), "{}", b.html);
    assert!(!b.html.contains("data:text"), "{}", b.html);
    assert!(b.html.contains("https://a.dk"));
}

#[test]
fn a_task_list_checkbox_is_labelled_by_its_item() {
    let tight = html("- [x] *Done* it\n- [ ] Not yet\n  - [ ] inner\n", false).html;
    assert!(
        tight.contains(
            "<li><label class=\"task\"><input type=\"checkbox\" disabled checked> <em>Done</em> it</label></li>"
        ) && tight.contains(
            "<li><label class=\"task\"><input type=\"checkbox\" disabled> Not yet</label>\n<ul>"
        ) && tight.contains("disabled> inner</label></li>"),
        "{tight}"
    );
    let loose = html("- [x] one\n\n  more\n\n- [ ] two\n", false).html;
    assert!(
        loose.contains(
            "<p><label class=\"task\"><input type=\"checkbox\" disabled checked> one</label></p>"
        ) && loose.contains("<p>more</p>"),
        "{loose}"
    );
}

#[test]
fn extensions_are_on() {
    let b = html(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ [^1]\n\n- [x] done\n\n[^1]: note",
        false,
    );
    assert!(
        b.html
            .contains("<div class=\"table-scroll\" role=\"group\" tabindex=\"0\">\n<table>"),
        "{}",
        b.html
    );
    for needle in ["<table>", "<del>", "footnote", "checkbox"] {
        assert!(b.html.contains(needle), "{needle} in {}", b.html);
    }
    let own = b.resolve("", &[], "");
    let anchors = html("## Mål\n\n[op](#mål \"Til målet\")", false);
    assert!(
        anchors
            .resolve("", &[], "")
            .contains(r##"<a href="#m%C3%A5l" title="Til målet">op</a>"##),
        "{}",
        anchors.html
    );
    assert!(
        anchors
            .resolve("", &[], "x-")
            .contains(r##"href="#x-m%C3%A5l""##)
    );
    assert!(
        own.contains(r##"href="#fn-1""##) && own.contains(r#"id="fn-1""#),
        "{own}"
    );
    let shared = b.resolve("", &[], "challenges-x-");
    assert!(
        shared.contains(r##"href="#challenges-x-fn-1""##)
            && shared.contains(r#"id="challenges-x-fn-1""#),
        "{shared}"
    );
}

#[test]
fn notes_what_check_looks_at() {
    let src = "## A\n\n#### B\n\n![](x.png) ![alt](y.png)\n\n[a](../x/) [b](https://e.dk) [c](#a) [d](mailto:a@b.dk)";
    let b = html(src, false);
    assert_eq!(
        b.outline.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
        [2, 4]
    );
    assert_eq!(b.images_without_alt, [src.find("![](").unwrap()]);
    let links: Vec<&str> = b.local_links.iter().map(|(l, _, _)| l.as_str()).collect();
    assert_eq!(links, ["../x/", "#a"]);
}

#[test]
fn relative_links_and_images_are_kept_from_the_root() {
    let src = "[Se partneren](../../partners/vive/ \"VIVE\") ![Et *billede*](../../billede.png) \
               [bilag](bilag.pdf) [ude](../../../x) <a@b.dk> ![x](https://e.dk/a.png \"T\") \
               ![a *b* \"q\"](p.png) ![j](javascript:alert(1))";
    let b = html(src, false);
    for tag in [
        "<a href=\"\0R\0partners/vive/\" title=\"VIVE\">Se partneren</a>",
        "<img src=\"\0R\0billede.png\" alt=\"Et billede\" />",
        "<a href=\"\0R\0challenges/x/bilag.pdf\">",
        "<a href=\"../../../x\">",
        "<a href=\"mailto:a@b.dk\">",
        "<img src=\"https://e.dk/a.png\" alt=\"x\" title=\"T\" />",
        "<img src=\"\0R\0challenges/x/p.png\" alt=\"a b &quot;q&quot;\" />",
        "<img src=\"#\" alt=\"j\" />",
    ] {
        assert!(b.html.contains(tag), "{tag:?} in {:?}", b.html);
    }
    // `check` reads the links as written, from the item's own page.
    assert_eq!(b.local_links[0].0, "../../partners/vive/");
}

#[test]
fn wikilinks_become_markers_and_resolve_per_page() {
    let b = html(
        "Se [[vive]] og [[challenges/tid|tiden]].\n\n`[[ikke]]`",
        false,
    );
    assert_eq!(b.links.len(), 2);
    assert_eq!(b.links[1].target, "challenges/tid");
    let targets = vec![
        LinkTarget {
            url: Some("partners/vive/index.html".into()),
            title: "VIVE <Det Nationale>".into(),
            lang: None,
        },
        LinkTarget {
            url: None,
            title: "Tid".into(),
            lang: None,
        },
    ];
    let out = b.resolve("../../", &targets, "");
    assert!(out.contains(r#"<a class="wikilink" href="../../partners/vive/index.html">VIVE &lt;Det Nationale&gt;</a>"#), "{out}");
    assert!(
        out.contains(" og tiden."),
        "unpublished target becomes plain text: {out}"
    );
    assert!(out.contains("<code>[[ikke]]</code>"));
}

#[test]
fn headings_shift_down_for_the_catalogue() {
    let b = html("## To\n\n### Tre\n\n---", false);
    let shifted = shift_headings(&b.resolve("", &[], ""), 2);
    assert!(
        shifted.contains("<h4 id=\"to\">To</h4>") && shifted.contains("<h5 id=\"tre\">Tre</h5>"),
        "{shifted}"
    );
    assert!(shifted.contains("<hr"));
}

#[test]
fn a_wikilink_with_empty_text_shows_the_targets_title() {
    for src in ["Se [[vive|]].", "Se [[vive| ]].", "Se [[vive|\u{200B}]]."] {
        let b = html(src, false);
        assert_eq!(b.links.len(), 1, "{src}");
        assert!(!b.links[0].has_text, "{src}");
        let target = LinkTarget {
            url: Some("partners/vive/index.html".into()),
            title: "VIVE".into(),
            lang: None,
        };
        let out = b.resolve("", &[target], "");
        assert!(
            out.contains(r#"<a class="wikilink" href="partners/vive/index.html">VIVE</a>"#),
            "{src}: {out}"
        );
    }
}

#[test]
fn summary_is_first_paragraph() {
    let b = html("## Overskrift\n\nFørste *afsnit* her.\n\nAndet.", false);
    assert_eq!(b.summary(&[]), "Første afsnit her.");
}

#[test]
fn relative_links_lead_to_the_same_place_from_every_depth() {
    let b = html(
        "[Se partneren](../../partners/vive/) ![alt](../../billede.png) [b](bilag.pdf)",
        false,
    );
    let own = b.resolve("../../", &[], "");
    assert!(
        own.contains(r#"href="../../partners/vive/""#)
            && own.contains(r#"src="../../billede.png""#)
            && own.contains(r#"href="../../challenges/x/bilag.pdf""#),
        "{own}"
    );
    let catalogue = b.resolve("../", &[], "");
    assert!(
        catalogue.contains(r#"href="../partners/vive/""#)
            && catalogue.contains(r#"src="../billede.png""#)
            && catalogue.contains(r#"href="../challenges/x/bilag.pdf""#),
        "{catalogue}"
    );
}

#[test]
fn a_summary_shows_wikilinks_as_their_targets_titles() {
    let b = html(
        "Vi arbejder med [[vive]], [[tid|tiden]] og [[ung| ]].\n\nAndet.",
        false,
    );
    let target = |title: &str| LinkTarget {
        url: None,
        title: title.into(),
        lang: None,
    };
    let targets = [target("VIVE"), target("Tid"), target("Unge <i>")];
    assert_eq!(
        b.summary(&targets),
        "Vi arbejder med VIVE, tiden og Unge <i>."
    );
    // Before the site is known, what was written.
    assert_eq!(b.summary(&[]), "Vi arbejder med vive, tiden og ung.");
    // A summary is cut at a word as readers see it, long titles included.
    let long = "x".repeat(300);
    let cut = b.summary(&[target(&long), target("Tid"), target("Unge")]);
    assert_eq!(cut, "Vi arbejder med…");
}
