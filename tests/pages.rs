//! The drawings on the partner, partnership, partnerships and contributions pages, read from
//! the built site: each drawing shows the right figures, and the table or list beside it
//! says the same.

mod common;

use common::*;
use scraper::{ElementRef, Html};
use std::path::{Path, PathBuf};

const SITE: &str = "title: Prøvesite\nlanguage: da\nsectors:\n  research: Forskning\n  public: Offentlig sektor\n  civil: Civilsamfund\n  business: Erhverv\ncontribution_types:\n  viden: Viden\n  data: Data\n";

fn files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("site.yaml", SITE),
        (
            "content/partners/vive.md",
            "---\nname: VIVE\nsector: research\n---\n",
        ),
        (
            "content/partners/kommunen.md",
            "---\nname: Kommunen\nsector: public\n---\n",
        ),
        (
            "content/partners/forening.md",
            "---\nname: Foreningen\nsector: civil\n---\n",
        ),
        (
            "content/partners/tavs.md",
            "---\nname: Tavs Erhverv\nsector: business\n---\n",
        ),
        (
            "content/partners/stille.md",
            "---\nname: Stille Forskning\nsector: research\n---\n",
        ),
        (
            "content/partnerships/samarbejdet.md",
            "---\ntitle: Samarbejdet\nform: partnership\nstatus: active\npartners:\n  - {id: vive, role: forskningspartner, brings: [viden, data]}\n  - {id: kommunen, role: projektejer, brings: [data]}\n  - forening\nstart: 2019\nend: 2021\nagreed: 2019\nmilestones:\n  - {date: 2022, title: Evaluering, done: false}\n  - {date: 2019-03, title: Start, done: true}\n---\n",
        ),
        (
            "content/partnerships/netvaerket.md",
            "---\ntitle: Netværket\npartners: [kommunen, tavs]\nstart: 2020\n---\n",
        ),
        (
            "content/challenges/tid.md",
            "---\ntitle: Tid til møder\npartners: [vive]\npartnerships: [samarbejdet]\ndate: 2020\n---\n",
        ),
        (
            "content/challenges/mandat.md",
            "---\ntitle: Mandat\npartners: [vive, kommunen]\npartnerships: [samarbejdet]\ndate: 2021-05\n---\n",
        ),
        (
            "content/recommendations/aftal.md",
            "---\ntitle: Aftal bidrag\npartners: [vive]\n---\n",
        ),
        (
            "content/learnings/smaa-skridt.md",
            "---\ntitle: Små skridt\npartners: [kommunen]\ndate: 2021\n---\nSom [[tavs]] sagde.\n",
        ),
        (
            "content/quotes/tillid.md",
            "---\nby: forening\npartnership: samarbejdet\napproved: true\nsource: Møde\n---\nTillid tager tid.\n",
        ),
        (
            "content/pages/om.md",
            "---\ntitle: Om sitet\n---\nSe [[vive]].\n",
        ),
    ]
}

/// The site above built in Danish, or with `site.yaml` changed by `edit`.
fn built(edit: impl Fn(&str) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = edit(SITE);
    let mut all = files();
    all[0] = ("site.yaml", &site);
    write_site(dir.path(), &all);
    let out = dir.path().join("public");
    build(dir.path(), &out);
    (dir, out)
}

fn page(out: &Path, path: &str) -> Html {
    html(&out.join(path))
}

/// The texts of the elements `css` finds inside `e`.
fn texts_in(e: &ElementRef, css: &str) -> Vec<String> {
    e.select(&scraper::Selector::parse(css).unwrap())
        .map(|x| text(&x))
        .collect()
}

/// The rows of the table inside `e`, each as its cells joined with ` | `.
fn rows_in(e: &ElementRef) -> Vec<String> {
    e.select(&scraper::Selector::parse("tbody tr").unwrap())
        .map(|r| cells(&r))
        .collect()
}

/// The figure on a partner's page whose caption is `caption`.
fn figure<'a>(doc: &'a Html, caption: &str) -> ElementRef<'a> {
    select(doc, ".glance figure")
        .into_iter()
        .find(|f| texts_in(f, "figcaption") == [caption])
        .unwrap_or_else(|| panic!("no figure captioned {caption}"))
}

#[test]
fn a_partners_page_draws_its_contributions_by_kind_partnership_and_year() {
    let (_dir, out) = built(str::to_string);
    let vive = page(&out, "partners/vive/index.html");

    let by_kind = figure(&vive, "Bidrag fordelt på type");
    assert_eq!(texts_in(&by_kind, "svg text.chart-value"), ["2", "1"]);
    assert_eq!(
        texts_in(&by_kind, "svg text.chart-label"),
        ["Udfordringer", "Anbefalinger"]
    );
    assert_eq!(
        rows_in(&by_kind),
        ["Udfordringer | 2", "Anbefalinger | 1"],
        "the table beside the drawing gives the same figures"
    );
    let alt = by_kind
        .select(&scraper::Selector::parse("svg").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("aria-label")
        .unwrap()
        .to_string();
    assert!(alt.contains("Udfordringer 2; Anbefalinger 1"), "{alt}");

    // Agreed against delivered: what it agreed to bring in each partnership, beside how many
    // items credit it there; the recommendation is in none of its partnerships.
    let by_partnership = figure(&vive, "Bidrag fordelt på partnerskab");
    assert_eq!(
        texts_in(&by_partnership, "svg text.chart-value"),
        ["2", "1"]
    );
    assert_eq!(
        rows_in(&by_partnership),
        [
            "Samarbejdet | Viden, Data | 2",
            "Uden for et partnerskab | – | 1"
        ]
    );

    // By year, where items are dated: 2020 and 2021, and the undated one is said apart.
    let by_year = figure(&vive, "Bidrag fordelt på år");
    assert_eq!(rows_in(&by_year), ["2020 | 1", "2021 | 1"]);
    assert_eq!(texts_in(&by_year, "svg text.chart-value"), ["1", "1"]);
    assert_eq!(
        texts_in(&by_year, ".chart-note"),
        ["1 bidrag uden dato er ikke med i tegningen."]
    );
}

#[test]
fn what_mentions_a_partner_is_one_section_below_its_contributions() {
    let (_dir, out) = built(str::to_string);
    let vive = page(&out, "partners/vive/index.html");
    assert_eq!(
        select(&vive, ".mentions li")
            .iter()
            .map(text)
            .collect::<Vec<_>>(),
        ["Om sitet (Side)"],
        "the free page that mentions VIVE is under its mentions"
    );
    assert!(
        select(&vive, "#mentioned-heading").is_empty(),
        "no second mentions section (\"Omtalt på\")"
    );
    let order: Vec<&str> = select(&vive, "h2")
        .iter()
        .filter_map(|h| h.value().attr("id"))
        .collect();
    let at = |id: &str| order.iter().position(|x| *x == id).unwrap();
    assert!(at("glance-heading") < at("contributions-heading"));
    assert!(at("contributions-heading") < at("mentions-heading"));
    // Credited is what the list means, said once above it; only a quote is marked.
    assert_eq!(
        texts_in(&select(&vive, ".contributions").remove(0), "li"),
        ["Mandat", "Tid til møder", "Aftal bidrag"]
    );
    let forening = page(&out, "partners/forening/index.html");
    assert_eq!(
        texts_in(&select(&forening, ".contributions").remove(0), "li"),
        ["“Tillid tager tid.” (citeret)"]
    );
}

#[test]
fn a_partnerships_coverage_strip_names_the_missing_sector_and_its_milestones_are_drawn() {
    let (_dir, out) = built(str::to_string);
    let p = page(&out, "partnerships/samarbejdet/index.html");
    let missing: Vec<String> = select(&p, ".coverage-list li.missing")
        .iter()
        .map(text)
        .collect();
    assert_eq!(missing, ["Erhverv ✗ mangler"]);
    let covered: Vec<String> = select(&p, ".coverage-list li.covered .sector-name")
        .iter()
        .map(text)
        .collect();
    assert_eq!(covered, ["Forskning", "Offentlig sektor", "Civilsamfund"]);
    let strip = &select(&p, "svg.chart-coverage")[0];
    assert_eq!(
        texts_in(strip, "text"),
        ["✓", "✓", "✓", "✗"],
        "every sector of the site, in site.yaml's order"
    );
    assert_eq!(
        strip.value().attr("aria-label"),
        Some("3 af sitets 4 sektorer er med. Mangler: Erhverv.")
    );
    // The strip and the members come before the long text.
    let order: Vec<&str> = select(&p, "h2")
        .iter()
        .filter_map(|h| h.value().attr("id"))
        .collect();
    assert_eq!(&order[..2], ["sectors-heading", "members-heading"]);

    let timeline = &select(&p, "svg.chart-milestones")[0];
    assert_eq!(texts_in(timeline, "circle.done").len(), 1);
    assert_eq!(texts_in(timeline, "circle.open").len(), 1);
    assert_eq!(
        texts_in(timeline, "text"),
        [
            "marts 2019 · gennemført",
            "Start",
            "2022 · ikke gennemført",
            "Evaluering"
        ]
    );
}

#[test]
fn the_partnerships_index_has_a_card_per_partnership_and_a_shared_timeline() {
    let (_dir, out) = built(str::to_string);
    let index = page(&out, "partnerships/index.html");
    let cards = select(&index, ".partnership-cards > li");
    assert_eq!(cards.len(), 2);
    let card = |title: &str| {
        cards
            .iter()
            .find(|c| texts_in(c, "h2") == [title])
            .unwrap_or_else(|| panic!("no card for {title}"))
    };
    let samarbejdet = card("Samarbejdet");
    assert_eq!(
        texts_in(samarbejdet, ".card-facts dd"),
        ["Partnerskab", "Aktivt", "2019 – 2021", "3"]
    );
    assert_eq!(
        texts_in(samarbejdet, ".card-sectors.missing"),
        ["✗ Sektorer der mangler: Erhverv"]
    );
    let netvaerket = card("Netværket");
    assert_eq!(
        texts_in(netvaerket, ".card-sectors.missing"),
        ["✗ Sektorer der mangler: Forskning, Civilsamfund"]
    );

    let timeline = &select(&index, ".partnerships-timeline svg")[0];
    assert_eq!(
        timeline.value().attr("aria-label"),
        Some(
            "Tidslinje fra 2019 til 2022 med 2 partnerskaber og deres milepæle. Tabellen under giver de samme oplysninger."
        )
    );
    // One period bar each; the network has no end, so it runs on (a dashed end).
    assert_eq!(texts_in(timeline, "rect.period").len(), 2);
    assert_eq!(texts_in(timeline, "line.runs-on").len(), 1);
    let rows: Vec<String> = select(&index, ".timeline-table tbody tr")
        .iter()
        .map(cells)
        .collect();
    assert_eq!(
        rows,
        [
            "Netværket | 2020 – | –",
            "Samarbejdet | 2019 – 2021 | marts 2019: Start (gennemført)2022: Evaluering (ikke gennemført)"
        ]
    );
    assert_eq!(
        select(&index, ".timeline-table li")
            .iter()
            .map(text)
            .collect::<Vec<_>>(),
        [
            "marts 2019: Start (gennemført)",
            "2022: Evaluering (ikke gennemført)"
        ]
    );
}

#[test]
fn the_contributions_heat_map_is_sorted_by_total_and_gathers_those_not_contributing_yet() {
    let (_dir, out) = built(str::to_string);
    let doc = page(&out, "contributions/index.html");
    let rows: Vec<String> = select(&doc, "table.heat tbody tr")
        .iter()
        .map(cells)
        .collect();
    assert_eq!(
        rows,
        [
            "VIVE Forskning | 2 | 0 | 1 | 0 | 0 | 3",
            "Kommunen Offentlig sektor | 1 | 0 | 0 | 1 | 0 | 2",
            "Foreningen Civilsamfund | 0 | 0 | 0 | 0 | 1 | 1"
        ]
    );
    // The fullest cell is darkest; a cell of none is not shaded.
    let shades: Vec<&str> = select(&doc, "table.heat tbody tr:first-child td")
        .iter()
        .map(|td| td.value().attr("class").unwrap())
        .collect();
    assert_eq!(
        shades,
        [
            "num heat-4",
            "num heat-0",
            "num heat-2",
            "num heat-0",
            "num heat-0",
            "num heat-total"
        ]
    );
    let line = &select(&doc, ".not-yet")[0];
    assert_eq!(
        text(line),
        "Ikke bidraget endnu: Stille Forskning, Tavs Erhverv."
    );
    assert_eq!(
        texts_in(line, "a").len(),
        2,
        "exactly the partners with none"
    );
}

#[test]
fn the_words_are_the_sites_language() {
    let (_dir, out) = built(|s| s.replace("language: da", "language: en"));
    let doc = page(&out, "contributions/index.html");
    assert_eq!(
        text(&select(&doc, ".not-yet")[0]),
        "Not contributing yet: Stille Forskning, Tavs Erhverv."
    );
    let p = page(&out, "partnerships/samarbejdet/index.html");
    assert_eq!(
        select(&p, ".coverage-list li.missing")
            .iter()
            .map(text)
            .collect::<Vec<_>>(),
        ["Erhverv ✗ missing"]
    );
}

/// The network panel of the front page: its sentences and the names in its lists.
fn network_teaser(out: &Path) -> (Vec<String>, Vec<String>) {
    let doc = page(out, "index.html");
    let panel = select(&doc, ".network-teaser").remove(0);
    (texts_in(&panel, "p"), texts_in(&panel, "li a"))
}

#[test]
fn the_front_page_names_who_holds_the_network_together_and_never_cuts_a_tie() {
    // Kommunen alone joins the two partnerships; VIVE and Foreningen tie for second place,
    // Tavs Erhverv comes fourth and does not fit.
    let (_dir, out) = built(|s| s.to_string());
    let (sentences, names) = network_teaser(&out);
    assert!(
        sentences.iter().any(|s| s == "Holder netværket sammen:"),
        "{sentences:?}"
    );
    assert_eq!(names, ["Kommunen", "Kommunen", "Foreningen", "VIVE"]);

    // Four partners in one partnership: all tied, so none is picked out and nobody bridges.
    let dir = tempfile::tempdir().unwrap();
    let mut all = files();
    all.retain(|(p, _)| !p.starts_with("content/partnerships/") && !p.contains("quotes"));
    all.push((
        "content/partnerships/alle.md",
        "---\ntitle: Alle\npartners: [vive, kommunen, forening, tavs]\n---\n",
    ));
    all.retain(|(p, _)| !p.contains("challenges") && !p.contains("learnings"));
    write_site(dir.path(), &all);
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let (sentences, names) = network_teaser(&out);
    assert!(
        names.is_empty(),
        "no partner is picked out of a tie: {names:?}"
    );
    assert!(
        sentences
            .iter()
            .any(|s| s.starts_with("4 partnere deler pladsen med flest forbindelser (3 hver).")),
        "{sentences:?}"
    );
    assert!(
        sentences.contains(&"Ingen enkelt partner holder netværket sammen.".to_string()),
        "{sentences:?}"
    );
}
