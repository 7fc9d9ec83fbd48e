//! Behaviour of `brobygger build` on small sites written by the tests: escaping, drafts and
//! quote approval, themes, languages, base URLs, and the output folder's safety rules.

mod common;

use common::site::build_into;
use common::*;
use std::path::Path;

const SITE: &str = "title: Prøvesite\nlanguage: da\nsectors:\n  research: Forskning\n  public: Offentlig sektor\n  civil: Civilsamfund\n";

fn base_files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("site.yaml", SITE),
        (
            "content/partners/vive.md",
            "---\nname: VIVE\nsector: research\n---\nForskning.\n",
        ),
        (
            "content/partners/kommunen.md",
            "---\nname: Kommunen\nsector: public\n---\n",
        ),
        (
            "content/partnerships/samarbejdet.md",
            "---\ntitle: Samarbejdet\npartners: [vive, {id: kommunen, role: projektejer}]\nfacilitator: vive\nstart: 2019-01-01\nend: 2021-12-31\nmilestones:\n  - {date: 2021-06-01, title: Slut, done: false}\n  - {date: 2019-03-13, title: Start, done: true}\n---\n",
        ),
        (
            "content/challenges/tid.md",
            "---\ntitle: Tid til møder\nnumber: 1\npartners: [vive]\npartnerships: [samarbejdet]\ndate: 2024-03-13\ntags: [Møder]\n---\nDet tager tid. [[kommunen]] nævnes.\n",
        ),
    ]
}

fn site_with(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut all = base_files();
    all.extend_from_slice(extra);
    write_site(dir.path(), &all);
    dir
}

fn build_ok(root: &Path, extra_args: &[&str]) -> std::path::PathBuf {
    let out = root.join("public");
    let mut args = vec!["build", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra_args);
    let o = brobygger(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

fn all_text(out: &Path) -> Vec<(String, String)> {
    files(out)
        .into_iter()
        .filter_map(|f| {
            std::fs::read_to_string(out.join(&f))
                .ok()
                .map(|t| (f.display().to_string(), t))
        })
        .collect()
}

#[test]
fn script_in_every_text_field_comes_out_escaped_everywhere() {
    let x = "<script>alert(1)</script>";
    let dir = tempfile::tempdir().unwrap();
    let site = format!(
        "title: \"T {x}\"\ndescription: \"D {x}\"\nlanguage: da\nsectors:\n  research: \"Forskning {x}\"\n  public: Offentlig\n"
    );
    let files = vec![
        ("site.yaml".to_string(), site),
        (
            "content/_index.md".into(),
            format!("---\ntitle: \"F {x}\"\n---\nVelkommen {x}\n"),
        ),
        (
            "content/partners/vive.md".into(),
            format!(
                "---\nname: \"VIVE {x}\"\nsector: research\nsummary: \"S {x}\"\nwebsite: \"javascript:alert(1)\"\ntags: [\"tag {x}\"]\n---\nBody {x}\n"
            ),
        ),
        (
            "content/partners/b.md".into(),
            format!("---\nname: \"B {x}\"\nsector: public\n---\n"),
        ),
        (
            "content/partnerships/p.md".into(),
            format!(
                "---\ntitle: \"P {x}\"\npartners: [vive, {{id: b, role: \"R {x}\"}}]\ngoal: \"G {x}\"\ntarget_group: \"TG {x}\"\nagreement: \"javascript:alert(1)\"\nmilestones: [{{date: 2020-01-01, title: \"M {x}\"}}]\n---\n"
            ),
        ),
        (
            "content/challenges/c.md".into(),
            format!(
                "---\ntitle: \"C {x}\"\nnumber: 1\npartners: [vive]\npartnerships: [p]\ndate: 2020-01-01\n---\n[link](javascript:alert(1)) [[vive]] {x}\n"
            ),
        ),
        (
            "content/recommendations/r.md".into(),
            format!("---\ntitle: \"R {x}\"\naddresses: [c]\n---\n"),
        ),
        (
            "content/quotes/q.md".into(),
            format!(
                "---\nspeaker: \"S {x}\"\nsource: \"Src {x}\"\napproved: true\nby: vive\n---\nQ {x}\n"
            ),
        ),
        (
            "content/pages/om.md".into(),
            format!("---\ntitle: \"Om {x}\"\n---\n{x}\n"),
        ),
    ];
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    write_site(dir.path(), &refs);
    let out = build_ok(dir.path(), &[]);
    let mut escaped_seen = 0;
    // Pages, feed and sitemap are markup a browser interprets; the CSV and JSON data files
    // hold the text as it was written, which is right for data.
    let markup = all_text(&out)
        .into_iter()
        .filter(|(f, _)| f.ends_with(".html") || f.ends_with(".xml") || f.ends_with(".gexf"));
    for (file, text) in markup {
        let lower = text.to_lowercase();
        // The only scripts are the theme's search files, loaded by src; none carries text.
        let page = scraper::Html::parse_document(&text);
        for script in select(&page, "script") {
            let src = script.value().attr("src").unwrap_or_default();
            assert!(
                src.ends_with("search.js") || src.ends_with("search/index.js"),
                "{file}: a script element {src:?}"
            );
            assert!(
                script.inner_html().trim().is_empty(),
                "{file}: an inline script"
            );
        }
        assert_eq!(
            lower.matches("<script").count(),
            select(&page, "script").len(),
            "{file}: script text outside a script element"
        );
        assert!(
            !lower.contains("javascript:"),
            "{file} contains a javascript: URL"
        );
        escaped_seen += text.matches("&lt;script&gt;").count();
    }
    assert!(
        escaped_seen > 20,
        "escaped text is shown ({escaped_seen} times)"
    );
    let partner = read(&out.join("partners/vive/index.html"));
    assert!(partner.contains("VIVE &lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn drafts_and_unapproved_quotes_are_not_published() {
    let dir = site_with(&[
        (
            "content/challenges/kladde.md",
            "---\ntitle: Kladde\npartners: [vive]\ndraft: true\n---\n",
        ),
        (
            "content/quotes/ikke-godkendt.md",
            "---\nby: vive\n---\nHemmeligt citat.\n",
        ),
        (
            "content/quotes/godkendt.md",
            "---\nby: vive\napproved: true\n---\nOffentligt citat.\n",
        ),
    ]);
    let out = build_ok(dir.path(), &[]);
    assert!(!out.join("challenges/kladde/index.html").exists());
    assert!(!out.join("quotes/ikke-godkendt/index.html").exists());
    assert!(out.join("quotes/godkendt/index.html").exists());
    let all: String = all_text(&out).into_iter().map(|(_, t)| t).collect();
    assert!(!all.contains("Hemmeligt citat") && !all.contains("Kladde"));
    let partner = html(&out.join("partners/vive/index.html"));
    let items: Vec<_> = select(&partner, ".contributions li a")
        .iter()
        .filter_map(|a| target_of(a.value().attr("href").unwrap()))
        .collect();
    assert_eq!(
        items,
        [
            ("challenges".into(), "tid".into()),
            ("quotes".into(), "godkendt".into())
        ]
    );

    let out = build_ok(dir.path(), &["--drafts"]);
    assert!(
        out.join("challenges/kladde/index.html").exists(),
        "--drafts publishes drafts"
    );
    assert!(
        !out.join("quotes/ikke-godkendt/index.html").exists(),
        "but never an unapproved quote"
    );
}

#[test]
fn mentions_are_not_contributions_and_partnership_pages_show_roles_sectors_and_timeline() {
    let dir = site_with(&[]);
    let out = build_ok(dir.path(), &[]);
    let kommunen = html(&out.join("partners/kommunen/index.html"));
    // `[[kommunen]]` in the challenge's text is a mention, shown apart, not a contribution.
    assert!(select(&kommunen, ".contributions li").is_empty());
    let mentions: Vec<String> = select(&kommunen, ".mentions li").iter().map(text).collect();
    assert_eq!(mentions, ["Tid til møder (Udfordring)"]);
    let memberships: Vec<String> = select(&kommunen, "#memberships-heading + ul li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        memberships,
        ["Samarbejdet, rolle: projektejer. Bidrag her: 0"]
    );

    let p = html(&out.join("partnerships/samarbejdet/index.html"));
    let missing: Vec<String> = select(&p, ".coverage-list .missing .sector-name")
        .iter()
        .map(text)
        .collect();
    assert_eq!(missing, ["Civilsamfund"]);
    let timeline: Vec<String> = select(&p, "ol.timeline li").iter().map(text).collect();
    assert_eq!(
        timeline,
        [
            "13. marts 2019: Start (gennemført)",
            "1. juni 2021: Slut (ikke gennemført)"
        ]
    );
    let rows: Vec<String> = select(&p, "table.members tbody tr")
        .iter()
        .map(cells)
        .collect();
    assert_eq!(
        rows,
        [
            "VIVE Forskning | facilitator | – | 1: Tid til møder",
            "Kommunen Offentlig sektor | projektejer | – | 0"
        ]
    );
}

/// A partner only mentioned with a wikilink: its page lists the item under mentions, it has no
/// contributions and no one it works with, and the data say the same.
#[test]
fn a_partner_only_mentioned_has_no_contribution_and_no_connection() {
    let dir = site_with(&[
        (
            "content/partners/frivillig.md",
            "---\nname: Frivilligcentret\nsector: civil\n---\n",
        ),
        (
            "content/learnings/laering.md",
            "---\ntitle: Læring\npartners: [vive]\n---\nSom [[frivillig]] og [[kommunen]] sagde.\n",
        ),
    ]);
    let out = build_ok(dir.path(), &[]);
    let page = html(&out.join("partners/frivillig/index.html"));
    let heading = text(&select(&page, "#contributions-heading")[0]);
    assert_eq!(heading, "Bidrag (0 bidrag i alt)");
    assert!(select(&page, ".contributions li").is_empty());
    assert_eq!(text(&select(&page, "#mentions-heading")[0]), "Nævnt i (1)");
    let mentioned: Vec<_> = select(&page, ".mentions li a")
        .iter()
        .filter_map(|a| target_of(a.value().attr("href").unwrap()))
        .collect();
    assert_eq!(mentioned, [("learnings".into(), "laering".into())]);
    assert!(select(&page, "#neighbours-heading + ul li").is_empty());

    // Two partners mentioned in one text are not tied by it: VIVE works with Kommunen only
    // through their partnership, and is credited on nothing together with anyone.
    let vive = html(&out.join("partners/vive/index.html"));
    let ties: Vec<String> = select(&vive, "#neighbours-heading + ul li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(ties, ["Kommunen gennem Samarbejdet"]);

    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/network.json"))).unwrap();
    let node = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "frivillig")
        .unwrap();
    assert_eq!(node["degree"], 0);
    assert_eq!(json["edges"].as_array().unwrap().len(), 1);

    let mut reader = csv::Reader::from_path(out.join("data/partners.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "frivillig")
        .unwrap();
    assert_eq!(
        (&row[column("contributions")], &row[column("mentions")]),
        ("0", "1")
    );
    let contributions = read(&out.join("data/contributions.csv"));
    assert!(!contributions.contains("frivillig"), "{contributions}");
}

/// What each member agreed to bring, beside what is credited to it in the partnership: on the
/// partnership's page, on the partner's page and in members.csv.
#[test]
fn members_show_what_they_agreed_to_bring_and_what_they_delivered() {
    let site = format!(
        "{SITE}contribution_types:\n  viden: Viden og forskning\n  data: Data\n  tid: Tid\n"
    );
    let dir = site_with(&[
        ("site.yaml", &site),
        (
            "content/partnerships/samarbejdet.md",
            "---\ntitle: Samarbejdet\npartners:\n  - {id: vive, role: forskningspartner, brings: [viden, data], commitment: to timer om måneden}\n  - {id: kommunen, role: projektejer}\nagreed: 2019-05\nagreement: https://example.org/aftale.pdf\n---\n",
        ),
        (
            "content/quotes/tid-af.md",
            "---\nby: kommunen\npartnership: samarbejdet\napproved: true\nsource: Møde\n---\nVi satte tid af.\n",
        ),
        // Credited to VIVE, but not in the partnership: not counted there.
        (
            "content/learnings/andet.md",
            "---\ntitle: Andet sted\npartners: [vive]\n---\n",
        ),
    ]);
    let out = build_ok(dir.path(), &[]);
    let p = html(&out.join("partnerships/samarbejdet/index.html"));
    let rows: Vec<String> = select(&p, "table.members tbody tr")
        .iter()
        .map(cells)
        .collect();
    assert_eq!(
        rows,
        [
            "VIVE Forskning | forskningspartner | Viden og forskning, Data; to timer om måneden | 1: Tid til møder",
            "Kommunen Offentlig sektor | projektejer | – | 1: “Vi satte tid af.”"
        ]
    );
    let facts: Vec<String> = select(&p, "dl.facts dd").iter().map(text).collect();
    assert!(facts.contains(&"maj 2019".to_string()), "{facts:?}");

    let vive = html(&out.join("partners/vive/index.html"));
    let memberships: Vec<String> = select(&vive, "#memberships-heading + ul li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        memberships,
        [
            "Samarbejdet, rolle: forskningspartner. Aftalt at bidrage med: Viden og forskning, Data; to timer om måneden. Bidrag her: 1 (Tid til møder)"
        ]
    );

    let members = read(&out.join("data/members.csv"));
    assert_eq!(
        members,
        "partnership_id,partner_id,role,brings,commitment,contributions\r\n\
         samarbejdet,vive,forskningspartner,viden;data,to timer om måneden,1\r\n\
         samarbejdet,kommunen,projektejer,,,1\r\n"
    );
}

/// A date written `2019` or `2019-03` is shown as a year or a month, never as a day the file
/// does not give; a partnership without dates shows none.
#[test]
fn dates_are_shown_at_the_precision_written() {
    for (lang, month) in [
        ("da", "marts 2019"),
        ("sv", "mars 2019"),
        ("en", "March 2019"),
    ] {
        let dir = site_with(&[
            (
                "site.yaml",
                &SITE.replace("language: da", &format!("language: {lang}")),
            ),
            (
                "content/partnerships/samarbejdet.md",
                "---\ntitle: Samarbejdet\npartners: [vive, kommunen]\nstart: 2019\nend: 2021\nstatus: completed\nmilestones:\n  - {date: 2019-03, title: Start, done: true}\n---\n",
            ),
            (
                "content/partnerships/udateret.md",
                "---\ntitle: Udateret\npartners: [vive, kommunen]\n---\n",
            ),
        ]);
        let out = build_ok(dir.path(), &[]);
        let p = html(&out.join("partnerships/samarbejdet/index.html"));
        let times: Vec<(String, String)> = select(&p, "time")
            .iter()
            .map(|t| (t.value().attr("datetime").unwrap().to_string(), text(t)))
            .collect();
        assert_eq!(
            times,
            [
                ("2019".to_string(), "2019".to_string()),
                ("2021".into(), "2021".into()),
                ("2019-03".into(), month.into()),
            ],
            "{lang}"
        );
        let undated = html(&out.join("partnerships/udateret/index.html"));
        assert!(select(&undated, "time").is_empty(), "{lang}: no date");
        let feed = read(&out.join("atom.xml"));
        assert!(!feed.contains("2019T"), "{feed}");
    }
}

#[test]
fn languages_set_html_lang_and_local_dates() {
    for (lang, date, word) in [
        ("da", "13. marts 2024", "Udfordring"),
        ("sv", "13 mars 2024", "Utmaning"),
        ("en", "13 March 2024", "Challenge"),
    ] {
        let dir = site_with(&[(
            "site.yaml",
            &SITE.replace("language: da", &format!("language: {lang}")),
        )]);
        let out = build_ok(dir.path(), &[]);
        let page = html(&out.join("challenges/tid/index.html"));
        assert_eq!(select(&page, "html")[0].value().attr("lang"), Some(lang));
        assert_eq!(text(&select(&page, "time")[0]), date);
        assert!(
            text(&select(&page, ".kind-label")[0]).starts_with(word),
            "{lang}"
        );
    }
}

#[test]
fn base_url_is_used_only_by_feed_sitemap_and_canonical_links() {
    let dir = site_with(&[]);
    let out = build_ok(dir.path(), &[]);
    assert!(
        !out.join("sitemap.xml").exists(),
        "no sitemap without a base URL"
    );
    assert!(read(&out.join("robots.txt")).contains("User-agent"));
    let out = build_ok(dir.path(), &["--base-url", "https://example.org/kb"]);
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(
        sitemap.contains("<loc>https://example.org/kb/challenges/tid/</loc>"),
        "{sitemap}"
    );
    assert!(read(&out.join("robots.txt")).contains("Sitemap: https://example.org/kb/sitemap.xml"));
    let feed = read(&out.join("atom.xml"));
    assert!(
        feed.contains("href=\"https://example.org/kb/challenges/tid/index.html\""),
        "{feed}"
    );
    let page = html(&out.join("challenges/tid/index.html"));
    assert_eq!(
        select(&page, "link[rel=canonical]")[0].value().attr("href"),
        Some("https://example.org/kb/challenges/tid/")
    );
    for a in select(&page, "a[href]") {
        assert!(
            !a.value().attr("href").unwrap().contains("example.org"),
            "in-page links stay relative"
        );
    }
}

#[test]
fn a_site_theme_overrides_the_built_in_theme_one_file_at_a_time() {
    let dir = site_with(&[
        ("site.yaml", &format!("{SITE}theme: egen\n")),
        (
            "themes/egen/templates/page.html",
            "{% extends \"base.html\" %}{% block content %}<h1 class=\"own\">{{ entry.title }}</h1>{% endblock content %}",
        ),
        ("themes/egen/static/style.css", "body { color: #000 }"),
        ("content/pages/om.md", "---\ntitle: Om os\n---\n"),
    ]);
    let out = build_ok(dir.path(), &[]);
    assert!(read(&out.join("pages/om/index.html")).contains("<h1 class=\"own\">Om os</h1>"));
    assert_eq!(read(&out.join("style.css")), "body { color: #000 }");
    assert!(
        read(&out.join("print.css")).contains("@page"),
        "files not overridden come from the built-in theme"
    );
    assert!(read(&out.join("challenges/tid/index.html")).contains("skip-link"));
}

#[test]
fn raw_html_passes_only_when_the_site_allows_it() {
    let page = (
        "content/pages/html.md",
        "---\ntitle: HTML\n---\n<details><summary>Mere</summary>Tekst</details>\n",
    );
    let dir = site_with(&[page]);
    let out = build_ok(dir.path(), &[]);
    assert!(read(&out.join("pages/html/index.html")).contains("&lt;details&gt;"));
    let dir = site_with(&[
        page,
        (
            "site.yaml",
            &format!("{SITE}markdown:\n  unsafe_html: true\n"),
        ),
    ]);
    let out = build_ok(dir.path(), &[]);
    assert!(read(&out.join("pages/html/index.html")).contains("<details><summary>Mere</summary>"));
}

#[test]
fn accessibility_statement_link_and_was_redirect() {
    let dir = site_with(&[(
        "site.yaml",
        &format!("{SITE}accessibility:\n  statement_url: https://was.digst.dk/eksempel\n"),
    )]);
    let out = build_ok(dir.path(), &[]);
    let redirect = read(&out.join("was/index.html"));
    assert!(redirect.contains("url=https://was.digst.dk/eksempel"));
    let front = html(&out.join("index.html"));
    assert!(
        select(&front, "footer a")
            .iter()
            .any(|a| a.value().attr("href") == Some("https://was.digst.dk/eksempel"))
    );

    let dir = site_with(&[(
        "site.yaml",
        &format!(
            "{SITE}accessibility:\n  compliance: partial\n  assessed: 2026-11-01\n  contact: a@example.org\n  method: Testet med <axe-core> og tastatur.\n  issues: [En PDF uden tekst.]\n"
        ),
    )]);
    let out = build_ok(dir.path(), &[]);
    let statement = html(&out.join("accessibility/index.html"));
    let main = text(&select(&statement, "main")[0]);
    assert!(main.contains("1. november 2026"), "{main}");
    assert!(
        main.contains("Det, der ikke er tilgængeligt En PDF uden tekst. Sådan er sitet vurderet Testet med <axe-core> og tastatur."),
        "{main}"
    );
    let front = html(&out.join("index.html"));
    assert!(
        select(&front, "footer a")
            .iter()
            .any(|a| a.value().attr("href") == Some("accessibility/index.html"))
    );
}

#[test]
fn tags_get_pages_and_the_catalogue_links_answers() {
    let dir = site_with(&[(
        "content/recommendations/moedeform.md",
        "---\ntitle: Fleksible møder\nnumber: 1\naddresses: [tid]\ntags: [møder]\n---\n",
    )]);
    let out = build_ok(dir.path(), &[]);
    let tag = html(&out.join("tags/moeder/index.html"));
    let members: Vec<String> = select(&tag, "main li a").iter().map(text).collect();
    assert_eq!(members, ["Tid til møder", "Fleksible møder"]);
    let catalogue = html(&out.join("catalogue/index.html"));
    let answer = select(&catalogue, "#recommendations-moedeform .answers a");
    assert_eq!(answer[0].value().attr("href"), Some("#challenges-tid"));
    let challenge = html(&out.join("challenges/tid/index.html"));
    assert_eq!(
        text(&select(&challenge, "#addressed-heading + ul a")[0]),
        "1. Fleksible møder"
    );
}

/// Two catalogues may both use number 1: each is shown apart, in site.yaml's order, under its
/// own heading with its source; an answer in one catalogue to a challenge in the other links
/// to it on the page; items of no catalogue are left out; the front page counts each apart.
#[test]
fn each_catalogue_is_shown_apart_under_its_own_heading() {
    let site = format!(
        "{SITE}catalogues:\n  tre: {{title: Tre Partnerskaber, source: Inspirationskataloget, url: 'https://example.org/tre.pdf'}}\n  ri: {{title: RiConfigure, source: En artikel fra 2020}}\n"
    );
    let dir = site_with(&[
        ("site.yaml", &site),
        (
            "content/challenges/tid.md",
            "---\ntitle: Tid til møder\ncatalogue: tre\nnumber: 1\n---\n",
        ),
        (
            "content/challenges/penge.md",
            "---\ntitle: Mangel på midler\ncatalogue: ri\nnumber: 1\n---\n",
        ),
        (
            "content/challenges/udenfor.md",
            "---\ntitle: Uden for kataloget\n---\n",
        ),
        (
            "content/recommendations/finansiering.md",
            "---\ntitle: Stabil finansiering\ncatalogue: ri\nnumber: 2\naddresses: [tid, penge, udenfor]\n---\n",
        ),
    ]);
    let out = build_ok(dir.path(), &[]);
    let page = html(&out.join("catalogue/index.html"));
    let headings: Vec<String> = select(&page, "section.catalogue > h2")
        .iter()
        .map(text)
        .collect();
    assert_eq!(headings, ["Tre Partnerskaber", "RiConfigure"]);
    let source = &select(&page, "#tre .catalogue-source a")[0];
    assert_eq!(
        source.value().attr("href"),
        Some("https://example.org/tre.pdf")
    );
    assert_eq!(
        text(&select(&page, "#ri .catalogue-source")[0]),
        "Kilde: En artikel fra 2020"
    );
    let entries =
        |css: &str| -> Vec<String> { select(&page, css).iter().map(|h| text(h)).collect() };
    assert_eq!(
        entries("#tre-challenges .catalogue-entry h4"),
        ["1. Tid til møder"]
    );
    assert_eq!(
        entries("#ri-challenges .catalogue-entry h4"),
        ["1. Mangel på midler"]
    );
    assert_eq!(
        entries("#ri-recommendations .catalogue-entry h4"),
        ["2. Stabil finansiering"]
    );
    assert!(select(&page, "#challenges-udenfor").is_empty());
    let item = html(&out.join("challenges/penge/index.html"));
    assert_eq!(
        text(&select(&item, ".kind-label")[0]),
        "Udfordring Nr. 1 · RiConfigure"
    );
    assert_eq!(
        select(&item, ".kind-label a")[0].value().attr("href"),
        Some("../../catalogue/index.html#ri")
    );
    let answers: Vec<&str> = select(&page, "#recommendations-finansiering .answers a")
        .iter()
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(
        answers,
        [
            "#challenges-tid",
            "#challenges-penge",
            "../challenges/udenfor/index.html"
        ]
    );
    let front = html(&out.join("index.html"));
    let figures: Vec<String> = select(&front, ".catalogue-figures li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        figures,
        [
            "Tre Partnerskaber: 1 udfordringer",
            "RiConfigure: 1 udfordringer, 1 anbefalinger"
        ]
    );
}

/// A site that declares no catalogues keeps working: its numbered items are its one catalogue,
/// shown as before; an item without a number is in no catalogue.
#[test]
fn a_site_without_catalogues_has_one_of_its_numbered_items() {
    let dir = site_with(&[(
        "content/challenges/unummereret.md",
        "---\ntitle: Unummereret\n---\n",
    )]);
    let out = build_ok(dir.path(), &[]);
    let page = html(&out.join("catalogue/index.html"));
    assert!(select(&page, "section.catalogue").is_empty());
    let ids: Vec<&str> = select(&page, "#challenges .catalogue-entry")
        .iter()
        .map(|e| e.value().attr("id").unwrap())
        .collect();
    assert_eq!(ids, ["challenges-tid"]);
    let front = html(&out.join("index.html"));
    let figures: Vec<String> = select(&front, ".catalogue-figures li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(figures, ["Inspirationskatalog: 1 udfordringer"]);
}

#[test]
fn refuses_output_folders_that_would_destroy_the_sources() {
    let dir = site_with(&[]);
    let root = dir.path().to_str().unwrap();
    for output in [
        root.to_string(),
        format!("{root}/content"),
        format!("{root}/content/x"),
        format!("{root}/.."),
    ] {
        let o = brobygger(&["build", "--root", root, "--output", &output]);
        assert_eq!(o.status.code(), Some(1), "--output {output}");
        assert!(
            // The site is Danish, and so is the refusal.
            String::from_utf8_lossy(&o.stderr).contains("fejl: nægter at skrive sitet til"),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    assert!(dir.path().join("content/challenges/tid.md").exists());
    assert!(dir.path().join("site.yaml").exists());
}

#[test]
fn a_rebuild_replaces_the_output_and_leaves_no_staging_folder() {
    let dir = site_with(&[("static/stale.html", "old")]);
    let out = build_ok(dir.path(), &[]);
    assert_eq!(read(&out.join("stale.html")), "old");
    // What the user puts into the output stays; what the previous build wrote goes.
    std::fs::write(out.join("CNAME"), "kb.example.org").unwrap();
    std::fs::remove_file(dir.path().join("static/stale.html")).unwrap();
    let out = build_ok(dir.path(), &[]);
    assert!(
        !out.join("stale.html").exists(),
        "the output is the new site only"
    );
    assert_eq!(read(&out.join("CNAME")), "kb.example.org");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .chain(std::fs::read_dir(&out).unwrap())
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public") || n.starts_with(".brobygger-"))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new());
}

#[test]
fn an_output_path_that_is_a_file_is_refused_and_kept() {
    let dir = site_with(&[]);
    let file = dir.path().join("public");
    std::fs::write(&file, "not a folder").unwrap();
    let o = brobygger(&["build", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(read(&file), "not a folder");
}

#[test]
fn a_folder_brobygger_did_not_write_is_never_replaced() {
    let dir = site_with(&[]);
    let docs = dir.path().join("documents");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("letter.txt"), "mine").unwrap();
    let o = build_into(dir.path(), &docs);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        o.stderr.contains("blev ikke skrevet af brobygger"),
        "{}",
        o.stderr
    );
    assert_eq!(read(&docs.join("letter.txt")), "mine");
    assert_eq!(files(&docs).len(), 1);
    // An empty folder, or one brobygger wrote before, is fine.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert!(build_into(dir.path(), &empty).status.success());
    assert!(build_into(dir.path(), &empty).status.success());
}

#[test]
fn a_static_file_may_not_replace_a_generated_page() {
    let dir = site_with(&[
        ("static/index.html", "<p>mine</p>"),
        ("static/images/logo.svg", "<svg/>"),
    ]);
    let o = brobygger(&["build", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("static/index.html") && err.contains("har samme sti som en side"),
        "{err}"
    );
    std::fs::remove_file(dir.path().join("static/index.html")).unwrap();
    let out = build_ok(dir.path(), &[]);
    assert_eq!(read(&out.join("images/logo.svg")), "<svg/>");
}

#[test]
fn many_partnerships_are_listed_per_partner_instead_of_a_matrix() {
    let mut extra: Vec<(String, String)> = Vec::new();
    for i in 0..31 {
        extra.push((
            format!("content/partnerships/p{i:02}.md"),
            format!("---\ntitle: Partnerskab {i:02}\npartners: [vive, {{id: kommunen, role: rolle{i:02}}}]\n---\n"),
        ));
    }
    let refs: Vec<(&str, &str)> = extra
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = site_with(&refs);
    let out = build_ok(dir.path(), &[]);
    let page = html(&out.join("contributions/index.html"));
    let header: Vec<String> = select(&page, "#by-partnership-heading ~ div thead th")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        header.len(),
        2,
        "a list, not 32 partnership columns: {header:?}"
    );
    let kommunen = select(&page, "#by-partnership-heading ~ div tbody tr")
        .into_iter()
        .find(|tr| text(tr).starts_with("Kommunen"))
        .expect("a row for Kommunen");
    let links = kommunen
        .select(&scraper::Selector::parse("td a").unwrap())
        .count();
    assert_eq!(links, 32, "all of Kommunen's partnerships");
    assert!(text(&kommunen).contains("Partnerskab 30 (rolle30)"));
}

#[test]
fn anchor_links_in_a_body_reach_their_heading_on_the_page_and_in_the_catalogue() {
    let dir = site_with(&[(
        "content/challenges/tid.md",
        "---\ntitle: Tid til møder\nnumber: 1\npartners: [vive]\npartnerships: [samarbejdet]\n---\nSe [baggrunden](#baggrund).\n\n## Baggrund\n\nTekst.\n",
    )]);
    let out = build_ok(dir.path(), &[]);
    let page = html(&out.join("challenges/tid/index.html"));
    assert_eq!(
        select(&page, ".prose a")[0].value().attr("href"),
        Some("#baggrund")
    );
    assert_eq!(
        select(&page, ".prose h2")[0].value().attr("id"),
        Some("baggrund")
    );
    let catalogue = html(&out.join("catalogue/index.html"));
    assert_eq!(
        select(&catalogue, ".prose a")[0].value().attr("href"),
        Some("#challenges-tid-baggrund")
    );
    assert_eq!(
        select(&catalogue, ".prose h4")[0].value().attr("id"),
        Some("challenges-tid-baggrund"),
        "under the entry's h3"
    );
}

/// site.yaml's `accent` must read at 4.5:1 on the white page (and under the white text of
/// the search button): a lighter one is an error that gives its contrast and points at it,
/// in the site's language; a colour that is not `#rrggbb`/`#rgb` is an error too; one that
/// passes colours every page, and nothing but a colour reaches the style.
#[test]
fn an_accent_that_is_too_light_is_an_error_naming_its_contrast_and_line() {
    use common::site::Site;
    let site = Site::new();
    site.append("site.yaml", "accent: \"#f0a030\"\n");
    site.build().error(
        "bad-accent",
        "site.yaml:6:10",
        "contrast of only 2.14:1",
        "darker",
    );
    site.set_language("da");
    site.build().error(
        "bad-accent",
        "site.yaml:6:10",
        "kontrast på 2,14:1",
        "mørkere",
    );
    site.replace(
        "site.yaml",
        "\"#f0a030\"",
        "\"#0b4f8a;} body{display:none\"",
    );
    site.build()
        .error("bad-accent", "site.yaml:6", "ikke en farve", "hex-kode");
    // Unquoted, YAML reads `#…` as a comment: said so, not silently dropped.
    site.replace("site.yaml", "\"#0b4f8a;} body{display:none\"", "#0b5d54");
    site.build().error(
        "bad-accent",
        "site.yaml:6:9",
        "i YAML begynder # en kommentar",
        "anførselstegn",
    );
    site.replace("site.yaml", "#0b5d54", "\"#0B5D54\"");
    site.build().wrote_site();
    let front = read(&site.out.join("index.html"));
    assert!(
        front.contains("<style>:root { --accent: #0b5d54; --link: #0b5d54; }</style>"),
        "the accent as a CSS property, written in one form"
    );
}

/// Tags are shown by their labels: site.yaml's `tags:` map, else the tag made readable; the
/// tag as written (an id) is never the visible text of a page.
#[test]
fn tags_are_shown_by_their_labels_and_never_as_their_ids() {
    let dir = site_with(&[
        (
            "site.yaml",
            "title: Prøvesite\nlanguage: da\nsectors:\n  research: Forskning\n  public: Offentlig sektor\ntags:\n  moeder: Møder og mødeformer\n",
        ),
        (
            "content/recommendations/moedeform.md",
            "---\ntitle: Fleksible møder\nnumber: 1\naddresses: [tid]\ntags: [moeder, mental-sundhed]\n---\n",
        ),
    ]);
    let out = build_ok(dir.path(), &[]);
    let visible = |page: &str| {
        let doc = html(&out.join(page));
        select(&doc, "main").iter().map(text).collect::<String>()
            + &select(&doc, "title").iter().map(text).collect::<String>()
    };
    let tags = html(&out.join("tags/index.html"));
    let names: Vec<String> = select(&tags, "main .tag-cloud a")
        .iter()
        .map(text)
        .collect();
    assert_eq!(names, ["Mental sundhed (1)", "Møder og mødeformer (2)"]);
    let tag = html(&out.join("tags/moeder/index.html"));
    assert_eq!(text(&select(&tag, "h1")[0]), "Møder og mødeformer");
    let item = html(&out.join("recommendations/moedeform/index.html"));
    let on_item: Vec<String> = select(&item, "main .tag-list a").iter().map(text).collect();
    assert_eq!(on_item, ["Møder og mødeformer", "Mental sundhed"]);
    for page in [
        "tags/index.html",
        "tags/moeder/index.html",
        "tags/mental-sundhed/index.html",
        "recommendations/moedeform/index.html",
    ] {
        let words = visible(page);
        assert!(
            !words.contains("moeder") && !words.contains("mental-sundhed"),
            "{page} shows a tag's id: {words}"
        );
    }
}

/// site.yaml's `logo` heads every page, with the site's title as its text alternative; one
/// that is not a file in static/ is an error at its line, as a partner's logo is.
#[test]
fn the_sites_logo_heads_every_page_with_alt_text() {
    use common::site::Site;
    let site = Site::new();
    site.append("site.yaml", "logo: billeder/logo.svg\n");
    site.build().error(
        "bad-logo",
        "site.yaml:6:7",
        "no file static/billeder/logo.svg",
        "static/",
    );
    site.file(
        "static/billeder/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>",
    );
    site.build().wrote_site();
    for page in ["index.html", "challenges/tid/index.html", "tags/index.html"] {
        let doc = html(&site.out.join(page));
        let logo = select(&doc, "header .site-title a img");
        assert_eq!(logo.len(), 1, "{page}");
        assert_eq!(
            logo[0].value().attr("alt"),
            Some("Testvidensbase"),
            "{page}"
        );
        let src = logo[0].value().attr("src").unwrap();
        assert!(
            follow(page, src).is_some_and(|f| site.out.join(f).is_file()),
            "{page}: {src}"
        );
    }
}

/// A site with `n` numbered challenges in two catalogues, each with a body of its own.
fn site_with_large_catalogue(n: usize, extra: &[(&str, &str)]) -> tempfile::TempDir {
    let files: Vec<(String, String)> = (1..=n)
        .map(|i| {
            let catalogue = if i % 3 == 0 { "ri" } else { "tre" };
            (
                format!("content/challenges/udfordring-{i}.md"),
                format!(
                    "---\ntitle: Udfordring {i}\ncatalogue: {catalogue}\nnumber: {i}\n---\n## Baggrund\n\nTekst nummer {i} med [[vive]].\n"
                ),
            )
        })
        .collect();
    let site = format!(
        "{SITE}catalogues:\n  tre: {{title: Tre Partnerskaber, source: Inspirationskataloget}}\n  ri: {{title: RiConfigure, source: En artikel}}\n"
    );
    let mut all: Vec<(&str, &str)> = vec![
        ("site.yaml", &site),
        (
            "content/challenges/tid.md",
            "---\ntitle: Tid til møder\ncatalogue: tre\nnumber: 1000\n---\n",
        ),
    ];
    all.extend(files.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    all.extend_from_slice(extra);
    site_with(&all)
}

#[test]
fn the_catalogue_page_a_build_writes_piece_by_piece_is_the_page_rendered_whole() {
    // More entries than are rendered at a time, in two catalogues, so the page is put
    // together from several batches and sections.
    let dir = site_with_large_catalogue(400, &[]);
    let out = build_ok(dir.path(), &[]);
    let written = read(&out.join("catalogue/index.html"));
    let modelled = brobygger::load_model(dir.path(), false).unwrap();
    let whole = brobygger::render(&modelled, None)
        .unwrap()
        .into_iter()
        .find(|f| f.path == "catalogue/index.html")
        .unwrap();
    assert!(
        written.as_bytes() == whole.bytes.as_slice(),
        "the written catalogue differs from the one rendered whole"
    );
    for i in [1, 128, 129, 257, 400] {
        assert!(
            written.contains(&format!("Tekst nummer {i} med")),
            "entry {i} is on the page"
        );
    }
    assert!(!written.contains('\0'));
}

#[test]
fn a_theme_that_shows_the_catalogue_entries_twice_gets_them_twice() {
    // The page is written around markers for the entries only when the theme shows each
    // section's entries once, as they are; otherwise it is made whole.
    let dir = site_with_large_catalogue(
        200,
        &[(
            "themes/egen/templates/catalogue.html",
            "{% extends \"base.html\" %}{% block content %}{% for c in catalogues %}{% for s in c.sections %}<div class=\"first\">{{ s.html | safe }}</div><div class=\"again\">{{ s.html | safe }}</div>{% endfor %}{% endfor %}{% endblock content %}",
        )],
    );
    std::fs::write(
        dir.path().join("site.yaml"),
        read(&dir.path().join("site.yaml")) + "theme: egen\n",
    )
    .unwrap();
    let out = build_ok(dir.path(), &[]);
    let written = read(&out.join("catalogue/index.html"));
    assert!(!written.contains('\0'), "no marker is left on the page");
    assert_eq!(written.matches("Tekst nummer 200 med").count(), 2);
    assert_eq!(written.matches("Tekst nummer 1 med").count(), 2);
}
