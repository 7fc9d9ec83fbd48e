//! `brobygger check`: it validates a site without writing anything, and warns about what is
//! valid but probably wrong (the contract: warning codes, where each points, silencing with
//! `allow:`, the JSON format and the exit codes).
//!
//! Each case is the small site [`BASE`] (Danish, two sectors, two partners who both are in the
//! one partnership, which has a facilitator and covers both sectors; one challenge answered by
//! one recommendation; one approved quote with a source; every date in 2026) with one change
//! ([`CHANGES`]) that makes exactly one warning fire. The `ok_*` cases are variants that must
//! stay silent. Dates are written for "today" around 2026-11-24: `stale` uses 2019 and
//! `partnership-ended-but-active` ends in 2020.
//!
//! The site is written into a fresh temporary folder and checked with the real binary; every
//! run must leave the folder exactly as it was (no `public/`). (The file is long because it
//! holds its base site and every case: its change, and what it must report.)

mod common;

use common::diagnostics::Diagnostic;
use common::names;
use common::outcome::Outcome;
use common::site::{Change, Site, change_of};
use std::collections::BTreeSet;
use std::fs;

use Change::{AddLine, Append, DropLine, Replace, Write};

/// The site every case changes. Line numbers matter: the cases' places count them.
const BASE: &[(&str, &str)] = &[
    (
        SITE,
        "\
title: Testvidensbase
description: En lille vidensbase til test af brobygger check
language: da
sectors:
  research: Forskning
  public: Offentlig sektor
",
    ),
    (
        VIVE,
        "\
---
name: VIVE
sector: research
---
Et forskningsmiljø.

## Hvem vi er

VIVE forsker i velfærd.
",
    ),
    (
        KOMMUNE,
        "\
---
name: Kommunen
sector: public
---
En kommune.
",
    ),
    (
        SAMARBEJDE,
        "\
---
title: Samarbejdet
partners: [vive, kommune]
facilitator: vive
status: active
agreed: 2026-01-01
start: 2026-01-01
end: 2027-12-31
---
Et partnerskab mellem [[vive]] og [[kommune]].
",
    ),
    (
        TID,
        "\
---
title: Tid til møder
number: 1
partners: [vive]
partnerships: [samarbejde]
updated: 2026-10-01
tags: [Møder]
---
Det er svært at finde tid til møderne.
",
    ),
    (
        AFSAET_TID,
        "\
---
title: Afsæt tid
number: 2
partners: [kommune]
partnerships: [samarbejde]
addresses: [tid]
updated: 2026-10-01
tags: [Møder]
---
Sæt faste tider af til møderne.
",
    ),
    (
        CITAT,
        "\
---
by: kommune
partnership: samarbejde
source: Workshop i september 2026
approved: true
date: 2026-09-15
---
Vi fik mere ud af møderne, da vi satte tid af.
",
    ),
];

const SITE: &str = "site.yaml";
const VIVE: &str = "content/partners/vive.md";
const KOMMUNE: &str = "content/partners/kommune.md";
const SAMARBEJDE: &str = "content/partnerships/samarbejde.md";
const TID: &str = "content/challenges/tid.md";
const AFSAET_TID: &str = "content/recommendations/afsaet-tid.md";
const CITAT: &str = "content/quotes/citat.md";

/// A third partner, in no partnership and named by nothing.
const FRIVILLIG: Change = Write(
    "content/partners/frivillig.md",
    "---\nname: Frivilligcentret\nsector: public\n---\nEt frivilligcenter.\n",
);

/// A second recommendation, on lines 2 to 5 the same whether or not it has an `addresses:`.
const MOEDEFORM: &str = "content/recommendations/moedeform.md";

/// Each case's change to [`BASE`]: a case of `CASES`, `CLEAN` or `OTHER`.
const CHANGES: &[(&str, &[Change])] = &[
    ("partner_without_contribution", &[FRIVILLIG]),
    (
        "partnership_without_facilitator",
        &[DropLine(SAMARBEJDE, "facilitator: vive")],
    ),
    (
        "sectors_missing",
        &[AddLine(
            SITE,
            "  public: Offentlig sektor",
            "  civil: Civilsamfund og borgere",
        )],
    ),
    (
        "challenge_unanswered",
        &[Write(
            "content/challenges/mandat.md",
            "---\ntitle: Manglende mandat\nnumber: 3\npartners: [kommune]\npartnerships: [samarbejde]\nupdated: 2026-10-01\n---\nDeltagerne mangler mandat til at træffe beslutninger.\n",
        )],
    ),
    (
        "recommendation_addresses_nothing",
        &[Write(
            MOEDEFORM,
            "---\ntitle: Vælg mødeform sammen\nnumber: 3\npartners: [vive]\npartnerships: [samarbejde]\nupdated: 2026-10-01\n---\nAftal sammen, hvornår møderne er fysiske.\n",
        )],
    ),
    (
        "recommendation_addresses_empty",
        &[Write(
            MOEDEFORM,
            "---\ntitle: Vælg mødeform sammen\nnumber: 3\npartners: [vive]\npartnerships: [samarbejde]\naddresses: []\nupdated: 2026-10-01\n---\nAftal sammen, hvornår møderne er fysiske.\n",
        )],
    ),
    (
        "quote_not_approved",
        &[Replace(CITAT, "approved: true", "approved: false")],
    ),
    (
        "quote_not_approved_missing",
        &[DropLine(CITAT, "approved: true")],
    ),
    (
        "quote_without_source",
        &[DropLine(CITAT, "source: Workshop i september 2026")],
    ),
    (
        "image_without_alt",
        &[
            Append(TID, "\nMødets skitse: ![](../../files/skitse.png)\n"),
            Write("static/files/skitse.png", "not really a png\n"),
        ],
    ),
    (
        "heading_level_skipped",
        &[Append(
            TID,
            "\n## Baggrund\n\nMøderne ligger i arbejdstiden.\n\n#### Detaljer\n\nMere tekst.\n",
        )],
    ),
    (
        "heading_level_skipped_first",
        &[Append(
            TID,
            "\n### Baggrund\n\nMøderne ligger i arbejdstiden.\n",
        )],
    ),
    (
        "broken_link",
        &[Append(
            TID,
            "\nLæs også om [VIVE](../../partners/viv/) her.\n",
        )],
    ),
    (
        "broken_link_anchor",
        &[Append(
            TID,
            "\nLæs om [VIVE](../../partners/vive/#hvad-vi-goer).\n",
        )],
    ),
    (
        "broken_link_same_page_anchor",
        &[Append(TID, "\nSe [nedenfor](#detaljer).\n")],
    ),
    (
        "broken_link_static",
        &[Append(
            TID,
            "\nHent [rapporten](../../files/rapport.pdf).\n",
        )],
    ),
    (
        "partnership_ended_but_active",
        &[
            Replace(SAMARBEJDE, "start: 2026-01-01", "start: 2019-01-01"),
            Replace(SAMARBEJDE, "end: 2027-12-31", "end: 2020-06-30"),
        ],
    ),
    (
        "stale",
        &[Replace(TID, "updated: 2026-10-01", "updated: 2019-03-01")],
    ),
    (
        "stale_date",
        &[Replace(CITAT, "date: 2026-09-15", "date: 2019-05-01")],
    ),
    (
        "colliding_names",
        &[Replace(AFSAET_TID, "tags: [Møder]", "tags: [moeder]")],
    ),
    (
        "unknown_allow",
        &[AddLine(VIVE, "sector: research", "allow: [stael]")],
    ),
    ("ok_base", &[]),
    (
        "ok_links",
        &[
            Append(
                TID,
                "\n## Baggrund\n\nSe [baggrunden](#baggrund), [VIVE](../../partners/vive/), [VIVE igen](../../partners/vive/index.html),\n[hvem VIVE er](../../partners/vive/#hvem-vi-er) og [rapporten](../../files/rapport.pdf).\n",
            ),
            Replace(
                KOMMUNE,
                "En kommune.\n",
                "En kommune, der samarbejder med [VIVE](../vive/) og\n[hvem VIVE er](../vive/index.html#hvem-vi-er).\n",
            ),
            Write("static/files/rapport.pdf", "%PDF-1.4 test\n"),
        ],
    ),
    (
        "ok_links_site_pages",
        &[Append(
            TID,
            "\nSe [forsiden](../../), [alle udfordringer](../../challenges/), [alle partnere](../../partners/index.html),\n[kataloget](../../catalogue/) og [bidragene](../../contributions/).\n",
        )],
    ),
    (
        // Old dates that do not make an item stale: an ended partnership, a quote updated
        // since, a recommendation's first date.
        "ok_dates",
        &[
            Write(
                "content/partnerships/tidligere.md",
                "---\ntitle: Det tidligere samarbejde\npartners: [vive, kommune]\nfacilitator: kommune\nstatus: completed\nagreed: 2019-01-01\nstart: 2019-01-01\nend: 2020-06-30\n---\nEt afsluttet partnerskab.\n",
            ),
            Replace(
                CITAT,
                "date: 2026-09-15",
                "date: 2019-09-15\nupdated: 2026-09-15",
            ),
            AddLine(AFSAET_TID, "addresses: [tid]", "date: 2018-02-01"),
        ],
    ),
    (
        "ok_contribution_item",
        &[
            FRIVILLIG,
            Replace(
                AFSAET_TID,
                "partners: [kommune]",
                "partners: [kommune, frivillig]",
            ),
        ],
    ),
    (
        "ok_contribution_quote",
        &[FRIVILLIG, Replace(CITAT, "by: kommune", "by: frivillig")],
    ),
    (
        "partner_mentioned_only",
        &[FRIVILLIG, Append(TID, "\nDet nævnte [[frivillig]] også.\n")],
    ),
    (
        "agreed_but_not_delivered",
        &[
            DropLine(TID, "partnerships: [samarbejde]"),
            Replace(
                SAMARBEJDE,
                "partners: [vive, kommune]\n",
                "partners:\n  - {id: vive, brings: [viden]}\n  - kommune\n",
            ),
            Append(SITE, "contribution_types:\n  viden: Viden\n  data: Data\n"),
        ],
    ),
    (
        "partnership_without_agreement",
        &[DropLine(SAMARBEJDE, "agreed: 2026-01-01")],
    ),
    (
        // A facilitator who is not among the partners contributes, and brings its sector.
        "ok_facilitator_counts",
        &[
            FRIVILLIG,
            Replace(
                "content/partners/frivillig.md",
                "sector: public",
                "sector: civil",
            ),
            Replace(SAMARBEJDE, "facilitator: vive", "facilitator: frivillig"),
            AddLine(
                SITE,
                "  public: Offentlig sektor",
                "  civil: Civilsamfund og borgere",
            ),
        ],
    ),
    (
        "json_two_warnings",
        &[
            FRIVILLIG,
            Append(TID, "\nLæs også om [VIVE](../../partners/viv/) her.\n"),
        ],
    ),
    (
        // An error (an unknown partner) and what would be a warning (a stale date).
        "json_error",
        &[
            Replace(TID, "partners: [vive]", "partners: [viv]"),
            Replace(TID, "updated: 2026-10-01", "updated: 2019-03-01"),
        ],
    ),
];

/// (case, warning code, where: `file:line:column` (lines counted from the opening `---` as
/// line 1, columns in characters), a substring of the message). The contract fixes codes and
/// places; the substrings are the named thing where the message names one (partner, sector
/// label, link, date, tag), else a few words of the Danish wording.
///
/// `at` may be just `file:line` where the contract does not say which column.
const CASES: &[(&str, &str, &str, &str)] = &[
    // A partner "on paper only": in no partnership, named by nothing. At its `name:` line.
    (
        "partner_without_contribution",
        "partner-without-contribution",
        "content/partners/frivillig.md:2:1",
        "Frivilligcentret",
    ),
    // A partner only mentioned with [[frivillig]] in a challenge's text: a mention is not a
    // contribution, so it is still a partner on paper only.
    (
        "partner_mentioned_only",
        "partner-without-contribution",
        "content/partners/frivillig.md:2:1",
        "Frivilligcentret",
    ),
    // VIVE agreed to bring `viden` (`brings: [viden]`, line 4) and no item of the partnership
    // credits it: at its id in `partners:`.
    (
        "agreed_but_not_delivered",
        "agreed-but-not-delivered",
        "content/partnerships/samarbejde.md:4:10",
        "VIVE har aftalt at bidrage med Viden",
    ),
    // An active partnership with neither `agreement:` nor `agreed:`: at its `status:` line.
    (
        "partnership_without_agreement",
        "partnership-without-agreement",
        "content/partnerships/samarbejde.md:5:1",
        "Samarbejdet",
    ),
    // At the partnership's `title:` line.
    (
        "partnership_without_facilitator",
        "partnership-without-facilitator",
        "content/partnerships/samarbejde.md:2:1",
        "facilitator",
    ),
    // site.yaml gains a third sector that no member has. At `partners:`; names the label.
    (
        "sectors_missing",
        "sectors-missing",
        "content/partnerships/samarbejde.md:3:1",
        "Civilsamfund og borgere",
    ),
    // A second challenge that no recommendation addresses. At its `title:` line.
    (
        "challenge_unanswered",
        "challenge-unanswered",
        "content/challenges/mandat.md:2:1",
        "Manglende mandat",
    ),
    // A second recommendation without `addresses`, and one with `addresses: []`.
    (
        "recommendation_addresses_nothing",
        "recommendation-addresses-nothing",
        "content/recommendations/moedeform.md:2:1",
        "Vælg mødeform sammen",
    ),
    (
        "recommendation_addresses_empty",
        "recommendation-addresses-nothing",
        "content/recommendations/moedeform.md:2:1",
        "Vælg mødeform sammen",
    ),
    // `approved: false` on line 5: at that line; without `approved` at all: line 2.
    (
        "quote_not_approved",
        "quote-not-approved",
        "content/quotes/citat.md:5:1",
        "godkendt",
    ),
    (
        "quote_not_approved_missing",
        "quote-not-approved",
        "content/quotes/citat.md:2:1",
        "godkendt",
    ),
    (
        "quote_without_source",
        "quote-without-source",
        "content/quotes/citat.md:2:1",
        "kilde",
    ),
    // Body lines: `Mødets skitse: ![](../../files/skitse.png)` on line 11, the `!` at column 16
    // (columns count characters, not bytes: `ø` is one).
    (
        "image_without_alt",
        "image-without-alt",
        "content/challenges/tid.md:11:16",
        "alternativ tekst",
    ),
    // `## Baggrund` on line 11, then `#### Detaljer` on line 15.
    (
        "heading_level_skipped",
        "heading-level-skipped",
        "content/challenges/tid.md:15:1",
        "overskriften #### springer et niveau over",
    ),
    // The body's first heading is `### Baggrund` (line 11): h1 (the title) is followed by h3.
    (
        "heading_level_skipped_first",
        "heading-level-skipped",
        "content/challenges/tid.md:11:1",
        "overskriften ### springer et niveau over",
    ),
    // `Læs også om [VIVE](../../partners/viv/) her.`: the link starts at column 13.
    (
        "broken_link",
        "broken-link",
        "content/challenges/tid.md:11:13",
        "../../partners/viv/",
    ),
    // `Læs om [VIVE](../../partners/vive/#hvad-vi-goer).`: the page exists, the heading not.
    (
        "broken_link_anchor",
        "broken-link",
        "content/challenges/tid.md:11:8",
        "hvad-vi-goer",
    ),
    // `Se [nedenfor](#detaljer).`: no such heading on the page itself.
    (
        "broken_link_same_page_anchor",
        "broken-link",
        "content/challenges/tid.md:11:4",
        "detaljer",
    ),
    // `Hent [rapporten](../../files/rapport.pdf).` with no static/files/rapport.pdf.
    (
        "broken_link_static",
        "broken-link",
        "content/challenges/tid.md:11:6",
        "rapport.pdf",
    ),
    // `status: active` (line 5) with `end: 2020-06-30`.
    (
        "partnership_ended_but_active",
        "partnership-ended-but-active",
        "content/partnerships/samarbejde.md:5:1",
        "2020",
    ),
    // `updated: 2019-03-01` on line 6.
    ("stale", "stale", "content/challenges/tid.md:6:1", "2019"),
    // A quote with only `date: 2019-05-01` (line 6).
    ("stale_date", "stale", "content/quotes/citat.md:6:1", "2019"),
    // `tags: [Møder]` in content/challenges/tid.md, `tags: [moeder]` (line 8) in
    // content/recommendations/afsaet-tid.md, the second in sorted path order: at the tag.
    (
        "colliding_names",
        "colliding-names",
        "content/recommendations/afsaet-tid.md:8:8",
        "Møder",
    ),
    // `allow: [stael]` on line 4: the contract does not say which column.
    (
        "unknown_allow",
        "unknown-allow",
        "content/partners/vive.md:4",
        "stael",
    ),
];

/// Cases where `check --deny-warnings` must pass: the base, every valid kind of link, old
/// dates that do not make an item stale, and each way a partner contributes.
const CLEAN: &[&str] = &[
    "ok_base",
    "ok_links",
    "ok_links_site_pages",
    "ok_dates",
    "ok_contribution_item",
    "ok_contribution_quote",
    "ok_facilitator_counts",
];

/// Cases of the JSON tests.
const OTHER: &[&str] = &["json_two_warnings", "json_error"];

// One test per warning case.
common::test_per_case! {
    WARNING_TESTS, check_warning_case:
    partner_without_contribution
    partner_mentioned_only
    agreed_but_not_delivered
    partnership_without_agreement
    partnership_without_facilitator
    sectors_missing
    challenge_unanswered
    recommendation_addresses_nothing
    recommendation_addresses_empty
    quote_not_approved
    quote_not_approved_missing
    quote_without_source
    image_without_alt
    heading_level_skipped
    heading_level_skipped_first
    broken_link
    broken_link_anchor
    broken_link_same_page_anchor
    broken_link_static
    partnership_ended_but_active
    stale
    stale_date
    colliding_names
    unknown_allow
}

// One test per clean case.
common::test_per_case! {
    CLEAN_TESTS, check_clean:
    ok_base
    ok_links
    ok_links_site_pages
    ok_dates
    ok_contribution_item
    ok_contribution_quote
    ok_facilitator_counts
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// [`BASE`] with the case's change, in a fresh temporary folder.
fn site_of(case: &str) -> Site {
    let site = Site::with(BASE);
    site.change(change_of(CHANGES, case));
    site
}

/// Adds `allow: [code]` to the front matter of `file` (right after the opening `---`), or
/// at the top of site.yaml.
fn allow(site: &Site, file: &str, code: &str) {
    let line = format!("allow: [{code}]\n");
    let text = site.read(file);
    if file == SITE {
        site.file(file, line + &text);
    } else {
        let rest = text
            .strip_prefix("---\n")
            .unwrap_or_else(|| panic!("{file} does not start with `---`"));
        site.file(file, format!("---\n{line}{rest}"));
    }
}

/// The file a location names.
fn file_of(at: &str) -> &str {
    at.split(':').next().unwrap()
}

/// Asserts that `run` reports exactly one diagnostic: warning `code` at `at` whose message
/// contains `msg`. Returns it.
fn assert_one_warning(run: &Outcome, code: &str, at: &str, msg: &str) -> Diagnostic {
    let context = run.context();
    assert!(!run.stderr.contains("panicked"), "{context}");
    assert_eq!(run.errors().len(), 0, "no error expected; {context}");
    let warnings = run.warnings();
    assert_eq!(
        warnings.len(),
        1,
        "exactly one warning expected ({code}); {context}"
    );
    let warning = warnings[0].clone();
    assert!(
        warning.is("warning", code),
        "the warning should start with `warning[{code}]: `; {context}"
    );
    let loc = warning
        .location()
        .unwrap_or_else(|| panic!("the warning has no `-->` line; {context}"));
    assert!(
        warning.points_at(at),
        "the warning should point at `{at}`, not `{loc}`; {context}"
    );
    assert!(
        warning.message().contains(msg),
        "the message should contain `{msg}`; {context}"
    );
    warning
}

// ---------------------------------------------------------------------------------------------
// One warning per case; silencing it in the file it points at.

fn check_warning_case(case: &str) {
    let cases: Vec<_> = CASES.iter().filter(|c| c.0 == case).collect();
    assert_eq!(cases.len(), 1, "one line in CASES for {case}");
    let (_, code, at, msg) = *cases[0];

    let site = site_of(case);

    // Warnings alone do not fail the check…
    let run = site.check(&[]);
    assert_eq!(
        run.code(),
        Some(0),
        "warnings alone exit 0; {}",
        run.context()
    );
    assert_one_warning(&run, code, at, msg);

    // …unless --deny-warnings.
    let run = site.check(&["--deny-warnings"]);
    assert_eq!(
        run.code(),
        Some(1),
        "--deny-warnings turns a warning into exit 1; {}",
        run.context()
    );
    assert_one_warning(&run, code, at, msg);

    if code == "unknown-allow" {
        // Its help lists the codes there are.
        let help = run.warnings()[0].help().map(str::to_string);
        let help = help.unwrap_or_else(|| panic!("unknown-allow has a help; {}", run.context()));
        for known in [
            "partner-without-contribution",
            "stale",
            "broken-link",
            "colliding-names",
        ] {
            assert!(
                help.contains(known),
                "the help of unknown-allow should list `{known}`; {}",
                run.context()
            );
        }
        return;
    }

    // `allow: [code]` in the front matter of the file the warning points at silences it.
    let file = file_of(at);
    allow(&site, file, code);
    let run = site.check(&["--deny-warnings"]);
    run.silent(&format!("{case} with `allow: [{code}]` in {file}"));
}

// ---------------------------------------------------------------------------------------------
// Clean sites.

fn check_clean(case: &str) {
    let site = site_of(case);
    site.check(&["--deny-warnings"]).silent(case);
    site.check(&[]).silent(case);
}

#[test]
fn clean_site_json_is_an_empty_array() {
    let site = site_of("ok_base");
    let run = site.check(&["--format", "json", "--deny-warnings"]);
    assert_eq!(run.code(), Some(0), "{}", run.context());
    let v: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}); {}", run.context()));
    assert_eq!(v, serde_json::json!([]), "{}", run.context());
}

// ---------------------------------------------------------------------------------------------
// Silencing: site-wide, and what does not silence.

#[test]
fn allow_in_site_yaml_silences_the_whole_site() {
    let site = site_of("stale");
    allow(&site, "site.yaml", "stale");
    site.check(&["--deny-warnings"])
        .silent("stale with `allow: [stale]` at the top of site.yaml");
}

#[test]
fn allow_of_another_code_does_not_silence() {
    let site = site_of("stale");
    allow(&site, "content/challenges/tid.md", "broken-link");
    let run = site.check(&["--deny-warnings"]);
    assert_eq!(run.code(), Some(1), "{}", run.context());
    // The allow line moved the `updated:` line down by one.
    assert_one_warning(&run, "stale", "content/challenges/tid.md:7:1", "2019");
}

#[test]
fn allow_in_another_file_does_not_silence() {
    let site = site_of("stale");
    allow(&site, "content/recommendations/afsaet-tid.md", "stale");
    let run = site.check(&["--deny-warnings"]);
    assert_eq!(run.code(), Some(1), "{}", run.context());
    assert_one_warning(&run, "stale", "content/challenges/tid.md:6:1", "2019");
}

// ---------------------------------------------------------------------------------------------
// The language of warnings.

#[test]
fn warnings_speak_the_site_language() {
    let (_, code, at, name) = *CASES
        .iter()
        .find(|c| c.0 == "partner_without_contribution")
        .unwrap();
    let mut messages = Vec::new();
    for language in ["da", "sv", "en"] {
        let site = site_of("partner_without_contribution");
        assert!(site.read(SITE).contains("language: da\n"));
        site.set_language(language);
        let run = site.check(&[]);
        assert_eq!(
            run.code(),
            Some(0),
            "language {language}; {}",
            run.context()
        );
        let block = assert_one_warning(&run, code, at, name);
        messages.push((language, block.message().to_string()));
    }
    for i in 0..messages.len() {
        for j in i + 1..messages.len() {
            assert_ne!(
                messages[i].1, messages[j].1,
                "the {} and {} messages should differ: {messages:?}",
                messages[i].0, messages[j].0
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// JSON.

const KEYS: &[&str] = &[
    "severity", "code", "file", "line", "column", "message", "help",
];

/// Parses stdout as one JSON array of diagnostic objects, each with exactly [`KEYS`].
fn json_diagnostics(run: &Outcome) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let context = run.context();
    let v: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout should be exactly one JSON value ({e}); {context}"));
    let array = v
        .as_array()
        .unwrap_or_else(|| panic!("stdout should be a JSON array; {context}"));
    array
        .iter()
        .map(|o| {
            let o = o
                .as_object()
                .unwrap_or_else(|| panic!("every element should be an object; {context}"))
                .clone();
            let keys: BTreeSet<&str> = o.keys().map(String::as_str).collect();
            assert_eq!(
                keys,
                KEYS.iter().copied().collect::<BTreeSet<_>>(),
                "the keys of {o:?}; {context}"
            );
            assert!(
                o["help"].is_string() || o["help"].is_null(),
                "help is a string or null in {o:?}; {context}"
            );
            assert!(
                o["message"].is_string(),
                "message is a string in {o:?}; {context}"
            );
            o
        })
        .collect()
}

/// Asserts the object `o` is `severity`/`code` at `file`:`line`:`column`.
fn assert_json_at(
    o: &serde_json::Map<String, serde_json::Value>,
    severity: &str,
    code: &str,
    file: &str,
    line: u64,
    column: u64,
    context: &str,
) {
    assert_eq!(o["severity"], severity, "severity of {o:?}; {context}");
    assert_eq!(o["code"], code, "code of {o:?}; {context}");
    assert_eq!(o["file"], file, "file of {o:?}; {context}");
    assert_eq!(o["line"].as_u64(), Some(line), "line of {o:?}; {context}");
    assert_eq!(
        o["column"].as_u64(),
        Some(column),
        "column of {o:?}; {context}"
    );
}

#[test]
fn json_lists_both_warnings() {
    let site = site_of("json_two_warnings");
    for (args, exit) in [
        (&["--format", "json"][..], 0),
        (&["--format", "json", "--deny-warnings"][..], 1),
    ] {
        let run = site.check(args);
        let context = run.context();
        assert_eq!(run.code(), Some(exit), "exit code; {context}");
        let all = json_diagnostics(&run);
        assert_eq!(all.len(), 2, "two warnings; {context}");
        let by_code = |code: &str| {
            all.iter()
                .find(|o| o["code"] == code)
                .unwrap_or_else(|| panic!("no {code} in the JSON; {context}"))
        };

        let partner = by_code("partner-without-contribution");
        assert_json_at(
            partner,
            "warning",
            "partner-without-contribution",
            "content/partners/frivillig.md",
            2,
            1,
            &context,
        );
        assert!(
            partner["message"]
                .as_str()
                .unwrap()
                .contains("Frivilligcentret"),
            "{context}"
        );

        let link = by_code("broken-link");
        assert_json_at(
            link,
            "warning",
            "broken-link",
            "content/challenges/tid.md",
            11,
            13,
            &context,
        );
        assert!(
            link["message"]
                .as_str()
                .unwrap()
                .contains("../../partners/viv/"),
            "{context}"
        );
    }
}

/// Checks `site` with `--format json`, which must fail on one error only: `unknown-reference`
/// at tid.md:4:12. Returns the error and the run's context.
fn the_one_json_error(site: &Site) -> (serde_json::Map<String, serde_json::Value>, String) {
    let run = site.check(&["--format", "json"]);
    let context = run.context();
    assert_eq!(run.code(), Some(1), "errors exit 1; {context}");
    let all = json_diagnostics(&run);
    assert_eq!(all.len(), 1, "one error and no warning; {context}");
    assert_json_at(
        &all[0],
        "error",
        "unknown-reference",
        "content/challenges/tid.md",
        4,
        12,
        &context,
    );
    (all[0].clone(), context)
}

/// A site with an error (an unknown partner) and what would be a warning (a stale date):
/// only the error is reported, and the check fails.
#[test]
fn json_reports_errors_only() {
    let (error, context) = the_one_json_error(&site_of("json_error"));
    assert!(
        error["message"].as_str().unwrap().contains("\"viv\""),
        "{context}"
    );
    assert!(
        error["help"]
            .as_str()
            .is_some_and(|h| h.contains("\"vive\"")),
        "{context}"
    );
}

/// The JSON output carries the error's message and help in the site's language, the code
/// and place unchanged.
#[test]
fn json_errors_are_in_the_site_language() {
    for (language, message, help) in [
        ("da", "ukendt partner \"viv\"", "mente du \"vive\"?"),
        ("sv", "okänd partner \"viv\"", "menade du \"vive\"?"),
        ("en", "unknown partner \"viv\"", "did you mean \"vive\"?"),
    ] {
        let site = site_of("json_error");
        assert!(site.read(SITE).contains("language: da\n"));
        site.set_language(language);
        let (error, context) = the_one_json_error(&site);
        assert_eq!(error["message"].as_str(), Some(message), "{context}");
        assert_eq!(error["help"].as_str(), Some(help), "{context}");
    }
}

#[test]
fn human_format_reports_errors_only() {
    let site = site_of("json_error");
    let run = site.check(&[]);
    let context = run.context();
    assert_eq!(run.code(), Some(1), "errors exit 1; {context}");
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{context}");
    assert!(errors[0].is("error", "unknown-reference"), "{context}");
    assert_eq!(
        errors[0].location(),
        Some("content/challenges/tid.md:4:12"),
        "{context}"
    );
    assert!(
        run.warnings().is_empty(),
        "no warnings beside errors; {context}"
    );
}

// ---------------------------------------------------------------------------------------------

/// The tables and the test functions agree: every case has a change and a test.
#[test]
fn every_case_has_a_change_and_a_test() {
    let changed = names(CHANGES.iter().map(|c| c.0));
    assert_eq!(changed.len(), CHANGES.len(), "a case twice in CHANGES");
    let warning = names(CASES.iter().map(|c| c.0));
    let clean = names(CLEAN.iter().copied());
    assert_eq!(
        warning,
        names(WARNING_TESTS.iter().copied()),
        "CASES and the warning cases' tests disagree"
    );
    assert_eq!(
        clean,
        names(CLEAN_TESTS.iter().copied()),
        "CLEAN and the clean cases' tests disagree"
    );
    assert_eq!(
        changed,
        &(&warning | &clean) | &names(OTHER.iter().copied()),
        "CHANGES and the tables disagree"
    );
}

// ---------------------------------------------------------------------------------------------
// Check and build agree on the site's pages.

/// A page linking to every file `build` wrote (but the search index's shards, which nothing
/// links to) and to a few that do not exist: `check` warns for exactly the missing ones.
#[test]
fn check_warns_exactly_for_links_to_pages_build_does_not_write() {
    let dir = common::example_copy();
    let root = dir.path();
    let out = tempfile::tempdir().unwrap();
    common::build(root, out.path());
    let built: BTreeSet<String> = common::files(out.path())
        .into_iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| !p.starts_with("search/") || p == "search/index.html")
        .filter(|p| !p.starts_with('.'))
        .collect();
    for page in [
        "search/index.html",
        "network/degree/index.html",
        "data/kumu.json",
    ] {
        assert!(built.contains(page), "build wrote {page}");
    }
    let missing = [
        "findes-ikke/",
        "tags/findes-ikke/",
        "network/ukendt/",
        "data/mangler.csv",
        "was/",
    ];
    let link = |path: &str| {
        let path = path.strip_suffix("index.html").unwrap_or(path);
        format!("../../{path}")
    };
    let mut body = String::from("---\ntitle: Alle sider\n---\n");
    for (i, path) in built.iter().map(String::as_str).chain(missing).enumerate() {
        body.push_str(&format!("- [side {i}]({})\n", link(path)));
    }
    fs::write(root.join("content/pages/alle-sider.md"), body).unwrap();
    let o = common::brobygger(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let warnings: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("check's JSON ({e}): {}", String::from_utf8_lossy(&o.stderr)));
    let warned: BTreeSet<String> = warnings
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "broken-link" && w["file"] == "content/pages/alle-sider.md")
        .filter_map(|w| {
            let message = w["message"].as_str()?;
            Some(message.split('"').nth(1)?.to_string())
        })
        .collect();
    let expected: BTreeSet<String> = missing.iter().map(|p| link(p)).collect();
    assert_eq!(
        warned, expected,
        "check warns for exactly the missing pages"
    );
}

// ---------------------------------------------------------------------------------------------
// Memory.

/// A large build's memory: once a site is loaded and checked for errors no file's text is held
/// (a message reads its file again), yet warnings point at and quote their lines as before.
#[test]
fn a_checked_site_holds_no_file_texts_yet_warnings_quote_their_lines() {
    let site = site_of("stale");
    let validated = brobygger::pipeline::Pipeline::new(&site.path(""), false)
        .validate()
        .unwrap_or_else(|e| panic!("the site is valid: {e:?}"));
    assert!(validated.loaded.documents.len() >= 4);
    for d in &validated.loaded.documents {
        assert!(!d.text.is_held(), "{} keeps its text", d.file);
    }
    let run = site.check(&["--deny-warnings"]);
    assert_eq!(run.code(), Some(1), "{}", run.context());
    let warning = assert_one_warning(&run, "stale", "content/challenges/tid.md:6:1", "2019");
    assert!(
        warning.contains("updated: 2019"),
        "the warning quotes its line; {}",
        run.context()
    );
}

/// A build counts its warnings without reading the files again, except where two findings say
/// the same: those are one warning when they point at one place, as `check` shows them.
#[test]
fn a_build_counts_two_findings_at_one_place_as_one_warning() {
    let site = site_of("ok_base");
    allow(&site, "content/challenges/tid.md", "nope, nope");
    let run = site.check(&[]);
    assert_eq!(run.warnings().len(), 1, "{}", run.context());
    let built = site.build();
    let said = format!("{}{}", built.stdout, built.stderr);
    assert!(said.contains("1 advarsel;"), "{said}");
}
