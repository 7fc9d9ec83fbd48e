//! Every class of mistake a facilitator can make in a site's files stops the build with an error
//! that names the file, the line and the column, says what is wrong in plain words and what
//! would fix it, and leaves the previous output exactly as it was.
//!
//! Each case is the shared base site (`common::site::BASE`: site.yaml, two partners, a
//! partnership, a challenge) with one mistake written over it ([`CHANGES`]), except
//! `several_mistakes`, which has three in three files. The site is built with the real binary
//! into a folder that already holds a previous build, and stderr and the output folder are
//! checked against the table [`CASES`]. (The file is long because it holds every case: its
//! change, and what it must report in each language.)

mod common;

use common::names;
use common::site::{Change, Site, change_of};
use std::fs;

use Change::{AddLine, Append, DropLine, Replace, Write};

const SITE: &str = "site.yaml";
const VIVE: &str = "content/partners/vive.md";
const KOMMUNE: &str = "content/partners/kommune.md";
const SAMARBEJDE: &str = "content/partnerships/samarbejde.md";
const TID: &str = "content/challenges/tid.md";
const CITAT: &str = "content/quotes/citat.md";

/// Two catalogues declared in site.yaml.
const CATALOGUES: &str = "catalogues:\n  tre: {title: Tre Partnerskaber, source: Inspirationskataloget}\n  ri: {title: RiConfigure, source: En artikel}\n";

/// The base every case changes: the shared base site, its challenge without a date, so that
/// it reads (line by line):
///
/// ```text
/// 1 ---
/// 2 title: Tid til møder
/// 3 number: 1
/// 4 partners: [vive]
/// 5 partnerships: [samarbejde]
/// 6 ---
/// 7 Det er svært at finde tid.
/// ```
fn base() -> Site {
    let site = Site::new();
    site.change(&[DropLine(TID, "date: 2020-01-01")]);
    site
}

/// Each case's change to the base: a case of `CASES` or of `PASSING`.
const CHANGES: &[(&str, &[Change])] = &[
    (
        "invalid_yaml_tab",
        &[Replace(TID, "partners: [vive]\n", "partners:\n\t- vive\n")],
    ),
    (
        "unknown_contribution_type",
        &[
            Replace(
                SAMARBEJDE,
                "partners: [vive, kommune]\n",
                "partners:\n  - {id: vive, role: forskningspartner, brings: [vidn, data]}\n  - kommune\n",
            ),
            Append(
                SITE,
                "contribution_types:\n  viden: Viden og forskning\n  data: Data\n",
            ),
        ],
    ),
    (
        "duplicate_number_in_catalogue",
        &[
            Append(SITE, CATALOGUES),
            AddLine(TID, "title: Tid til møder", "catalogue: tre"),
            Write(
                "content/challenges/penge.md",
                "---\ntitle: Penge\ncatalogue: tre\nnumber: 1\n---\nDer mangler midler.\n",
            ),
            Write(
                "content/challenges/magt.md",
                "---\ntitle: Magt\ncatalogue: ri\nnumber: 1\n---\nSkæv magt.\n",
            ),
        ],
    ),
    ("number_without_catalogue", &[Append(SITE, CATALOGUES)]),
    (
        "unknown_catalogue",
        &[
            Append(SITE, CATALOGUES),
            AddLine(TID, "title: Tid til møder", "catalogue: tre-partnerskaber"),
        ],
    ),
    (
        "invalid_yaml_tab_after_text",
        &[Replace(TID, "number: 1\n", "\tnumber: 1\n")],
    ),
    (
        "invalid_yaml_tab_after_list",
        &[Replace(
            TID,
            "partnerships: [samarbejde]\n",
            "partnerships: [samarbejde]\n\tdate: 2020\n",
        )],
    ),
    (
        "invalid_yaml_quote",
        &[Replace(
            TID,
            "title: Tid til møder",
            "title: \"Tid til møder",
        )],
    ),
    (
        "invalid_yaml_colon",
        &[Replace(
            TID,
            "title: Tid til møder",
            "title: Tid: til møder",
        )],
    ),
    (
        "invalid_yaml_bracket",
        &[Replace(TID, "partners: [vive]", "partners: [vive")],
    ),
    (
        "invalid_yaml_reserved",
        &[Replace(TID, "title: Tid til møder", "title: @Tid")],
    ),
    (
        "invalid_yaml_unknown_alias",
        &[Replace(TID, "partners: [vive]", "partners: *vive")],
    ),
    (
        "duplicate_field",
        &[AddLine(
            TID,
            "partners: [vive]",
            "title: Tid til forberedelse",
        )],
    ),
    (
        "duplicate_field_nested",
        &[Replace(
            SAMARBEJDE,
            "partners: [vive, kommune]\n",
            "partners:\n  - id: vive\n    role: forskningspartner\n  - id: kommune\n    role: kommunen\n    role: vært\n",
        )],
    ),
    ("missing_title", &[DropLine(TID, "title: Tid til møder")]),
    ("missing_name", &[DropLine(KOMMUNE, "name: Kommunen")]),
    (
        "wrong_type_draft",
        &[AddLine(TID, "partnerships: [samarbejde]", "draft: maybe")],
    ),
    (
        "wrong_type_number",
        &[Replace(TID, "number: 1", "number: tre")],
    ),
    (
        "wrong_type_partners",
        &[Replace(TID, "partners: [vive]", "partners: vive")],
    ),
    (
        "unknown_field",
        &[Replace(TID, "partners: [vive]", "partnes: [vive]")],
    ),
    (
        "unknown_partner",
        &[Replace(TID, "partners: [vive]", "partners: [viv]")],
    ),
    (
        "unknown_partner_after_similar",
        &[Replace(TID, "partners: [vive]", "partners: [vive, viv]")],
    ),
    (
        "wrong_kind_reference",
        &[Replace(
            TID,
            "partners: [vive]",
            "partners: [partnerships/samarbejde]",
        )],
    ),
    (
        "unknown_partnership",
        &[Replace(
            TID,
            "partnerships: [samarbejde]",
            "partnerships: [projektet]",
        )],
    ),
    (
        "unknown_addressed_challenge",
        &[Write(
            "content/recommendations/afsaet-tid.md",
            "---\ntitle: Afsæt tid\nnumber: 1\npartners: [kommune]\naddresses:\n  - tidd\n---\nSæt møderne i kalenderen fra start.\n",
        )],
    ),
    (
        "unknown_facilitator",
        &[Replace(
            SAMARBEJDE,
            "facilitator: vive",
            "facilitator: brobyggeren",
        )],
    ),
    (
        "unknown_quote_by",
        &[Write(
            CITAT,
            "---\nby: kommunen\npartnership: samarbejde\napproved: true\n---\nVi lærte meget af hinanden.\n",
        )],
    ),
    (
        "unknown_quote_partnership",
        &[Write(
            CITAT,
            "---\nby: kommune\npartnership: samarbejdet\napproved: true\n---\nVi lærte meget af hinanden.\n",
        )],
    ),
    (
        "unknown_sector",
        &[Replace(VIVE, "sector: research", "sector: reserch")],
    ),
    (
        "unknown_wikilink",
        &[Replace(TID, "finde tid.", "finde tid, siger [[vivx]].")],
    ),
    (
        "duplicate_id",
        &[
            Change::Remove(TID),
            Write(
                "content/challenges/a/tid.md",
                "---\ntitle: Tid til møder\nnumber: 1\npartners: [vive]\npartnerships: [samarbejde]\n---\nDet er svært at finde tid.\n",
            ),
            Write(
                "content/challenges/b/tid.md",
                "---\ntitle: Tid til forberedelse\nnumber: 2\n---\nForberedelse tager også tid.\n",
            ),
        ],
    ),
    (
        "bad_id",
        &[Write(
            "content/challenges/Tid_Brug.md",
            "---\ntitle: Tidsforbrug\nnumber: 2\n---\nMøderne tager tid.\n",
        )],
    ),
    (
        "unknown_kind_folder",
        &[Write(
            "content/challange/x.md",
            "---\ntitle: Et eller andet\n---\nTekst.\n",
        )],
    ),
    (
        "bad_date_day",
        &[AddLine(
            TID,
            "partnerships: [samarbejde]",
            "date: 2021-02-30",
        )],
    ),
    (
        "bad_date_format",
        &[AddLine(
            TID,
            "partnerships: [samarbejde]",
            "date: 13-03-2024",
        )],
    ),
    (
        // The line that closes the front matter is blank.
        "unclosed_front_matter",
        &[Replace(
            TID,
            "partnerships: [samarbejde]\n---\n",
            "partnerships: [samarbejde]\n\n",
        )],
    ),
    (
        "quote_without_speaker",
        &[Write(
            CITAT,
            "---\npartnership: samarbejde\napproved: true\n---\nVi lærte meget af hinanden.\n",
        )],
    ),
    (
        "too_few_partners",
        &[
            Replace(SAMARBEJDE, "partners: [vive, kommune]", "partners: [vive]"),
            Replace(
                SAMARBEJDE,
                "Et partnerskab mellem [[vive]] og [[kommune]].",
                "Et partnerskab med [[vive]].",
            ),
        ],
    ),
    (
        "empty_title",
        &[Replace(TID, "title: Tid til møder", "title: \"\\u200B \"")],
    ),
    (
        // The logo's file is there, under another ending.
        "bad_logo",
        &[
            AddLine(VIVE, "sector: research", "logo: logos/vive.pgn"),
            Write(
                "static/logos/vive.png",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
            ),
        ],
    ),
    (
        "end_before_start",
        &[AddLine(
            SAMARBEJDE,
            "facilitator: vive",
            "start: 2024-09-01\nend: 2024-06-30",
        )],
    ),
    ("missing_site_yaml", &[Change::Remove(SITE)]),
    (
        "site_yaml_unknown_field",
        &[Replace(SITE, "language: en", "langauge: da")],
    ),
    (
        "several_mistakes",
        &[
            Replace(
                TID,
                "partners: [vive]\npartnerships: [samarbejde]\n",
                "partners: [viv]\n",
            ),
            Replace(KOMMUNE, "sector: public", "sector: publik"),
            Replace(SAMARBEJDE, "title: Samarbejdet", "titel: Samarbejdet"),
        ],
    ),
    ("ok_base", &[]),
    (
        "ok_wikilink_in_code",
        &[Replace(
            TID,
            "Det er svært at finde tid.\n",
            "Skriv `[[vivx]]` for at linke til partneren med id'et vivx.\n\n```\n[[vivx]] i en kodeblok er heller ikke et link.\n```\n",
        )],
    ),
];

/// (case, error code, where: `file:line:column` or, for a problem with the file itself
/// (its name or place), just `file`, a substring of the message, a substring of the `help:`).
/// A case with several rows must report each of them, and no other error.
const CASES: &[(&str, &str, &str, &str, &str)] = &[
    // Front matter that is not valid YAML.
    (
        "invalid_yaml_tab",
        "invalid-yaml",
        "content/challenges/tid.md:5:1",
        "invalid YAML: a tab character where YAML allows only spaces",
        "spaces, not tabs",
    ),
    (
        // The YAML reader notices the tab while it reads the title on the line before: the
        // error points at the tab itself.
        "invalid_yaml_tab_after_text",
        "invalid-yaml",
        "content/challenges/tid.md:3:1",
        "invalid YAML: a tab character where YAML allows only spaces",
        "spaces, not tabs",
    ),
    (
        // After a list the YAML reader misses a key where the tab is: still the tab's line.
        "invalid_yaml_tab_after_list",
        "invalid-yaml",
        "content/challenges/tid.md:6:1",
        "invalid YAML: a tab character where YAML allows only spaces",
        "spaces, not tabs",
    ),
    (
        // The quote opened on line 2 is never closed: point where it opens.
        "invalid_yaml_quote",
        "invalid-yaml",
        "content/challenges/tid.md:2:8",
        "invalid YAML: the quote that starts here is never closed",
        "end the text with the same quote it starts with",
    ),
    (
        // A colon followed by a space inside a text that is not in quotes.
        "invalid_yaml_colon",
        "invalid-yaml",
        "content/challenges/tid.md:2:11",
        "invalid YAML: a `:` here, where no field can start",
        "put the whole text in quotes",
    ),
    (
        // The YAML reader stops at the next line, where the list cannot go on: point where
        // the list opens.
        "invalid_yaml_bracket",
        "invalid-yaml",
        "content/challenges/tid.md:4:11",
        "invalid YAML: the bracket that opens here is never closed",
        "close the list with `]`",
    ),
    (
        "invalid_yaml_reserved",
        "invalid-yaml",
        "content/challenges/tid.md:2:8",
        "invalid YAML: a value cannot start with `@`",
        "put the value in quotes",
    ),
    (
        "invalid_yaml_unknown_alias",
        "invalid-yaml",
        "content/challenges/tid.md:4:11",
        "invalid YAML: the `*` here refers to an anchor (`&name`) that is not defined before it",
        "put the text in quotes if it should start with `*`",
    ),
    (
        "duplicate_field",
        "duplicate-field",
        "content/challenges/tid.md:5:1",
        "the field `title` is given twice",
        "each field may appear once",
    ),
    // In a list of mappings, the second `role` of the same partner, not the other partner's.
    (
        "duplicate_field_nested",
        "duplicate-field",
        "content/partnerships/samarbejde.md:8:5",
        "the field `role` is given twice",
        "each field may appear once",
    ),
    // Missing required fields: there is no line to point at, so the start of the front matter.
    (
        "missing_title",
        "missing-field",
        "content/challenges/tid.md:2:1",
        "missing required field `title`",
        "add a line `title: ...`",
    ),
    (
        "missing_name",
        "missing-field",
        "content/partners/kommune.md:2:1",
        "missing required field `name`",
        "add a line `name: ...`",
    ),
    // Values of the wrong type.
    (
        "wrong_type_draft",
        "wrong-type",
        "content/challenges/tid.md:6:8",
        "`draft`: expected true or false, found text \"maybe\"",
        "write true or false",
    ),
    (
        "wrong_type_number",
        "wrong-type",
        "content/challenges/tid.md:3:9",
        "`number`: expected a whole number, found text \"tre\"",
        "write a whole number, e.g. 3",
    ),
    (
        "wrong_type_partners",
        "wrong-type",
        "content/challenges/tid.md:4:11",
        "`partners`: expected a list, found text \"vive\"",
        "write a list as `[a, b]` or as lines starting with `- `",
    ),
    // A field the kind does not take.
    (
        "unknown_field",
        "unknown-field",
        "content/challenges/tid.md:4:1",
        "unknown field `partnes`",
        "did you mean `partners`?",
    ),
    // References to things that do not exist, of every kind.
    (
        "unknown_partner",
        "unknown-reference",
        "content/challenges/tid.md:4:12",
        "unknown partner \"viv\"",
        "did you mean \"vive\"?",
    ),
    (
        // `viv` after `vive` on the same line: point at `viv`, not inside `vive`.
        "unknown_partner_after_similar",
        "unknown-reference",
        "content/challenges/tid.md:4:18",
        "unknown partner \"viv\"",
        "did you mean \"vive\"?",
    ),
    (
        "wrong_kind_reference",
        "unknown-reference",
        "content/challenges/tid.md:4:12",
        "`partners` takes partner ids, but \"partnerships/samarbejde\" is a partnership",
        "name a partner here",
    ),
    (
        "unknown_partnership",
        "unknown-reference",
        "content/challenges/tid.md:5:16",
        "unknown partnership \"projektet\"",
        "create content/partnerships/projektet.md, or use the id of an existing partnership",
    ),
    (
        "unknown_addressed_challenge",
        "unknown-reference",
        "content/recommendations/afsaet-tid.md:6:5",
        "unknown challenge \"tidd\"",
        "did you mean \"tid\"?",
    ),
    (
        "unknown_facilitator",
        "unknown-reference",
        "content/partnerships/samarbejde.md:4:14",
        "unknown partner \"brobyggeren\"",
        "create content/partners/brobyggeren.md, or use the id of an existing partner",
    ),
    (
        "unknown_quote_by",
        "unknown-reference",
        "content/quotes/citat.md:2:5",
        "unknown partner \"kommunen\"",
        "did you mean \"kommune\"?",
    ),
    (
        "unknown_quote_partnership",
        "unknown-reference",
        "content/quotes/citat.md:3:14",
        "unknown partnership \"samarbejdet\"",
        "did you mean \"samarbejde\"?",
    ),
    (
        "unknown_sector",
        "unknown-sector",
        "content/partners/vive.md:3:9",
        "unknown sector \"reserch\"",
        "did you mean \"research\"?",
    ),
    (
        "unknown_wikilink",
        "unknown-wikilink",
        "content/challenges/tid.md:7:34",
        "the wikilink [[vivx]] leads nowhere: nothing has the id \"vivx\"",
        "did you mean [[vive]]?",
    ),
    // Ids: problems with the file's name, so the file is named without a line.
    (
        "duplicate_id",
        "duplicate-id",
        "content/challenges/b/tid.md",
        "the id \"tid\" is already used by content/challenges/a/tid.md",
        "ids must be unique within challenges: rename one of the two files",
    ),
    (
        "bad_id",
        "bad-id",
        "content/challenges/Tid_Brug.md",
        "the file name \"Tid_Brug\" is not a valid id",
        "rename the file to `tid-brug.md`",
    ),
    (
        "unknown_kind_folder",
        "unknown-kind",
        "content/challange/x.md",
        "this file is not in a folder that says what kind of thing it is",
        "did you mean the folder `content/challenges/`?",
    ),
    // A member's `brings:` names a type site.yaml's `contribution_types` lacks.
    (
        "unknown_contribution_type",
        "unknown-contribution-type",
        "content/partnerships/samarbejde.md:4:50",
        "unknown contribution type \"vidn\" in `brings:`",
        "did you mean \"viden\"? The contribution types in site.yaml are: viden, data",
    ),
    // Catalogues: a number is unique within one catalogue (the same number in another is
    // fine), a number needs its catalogue once site.yaml declares catalogues, and a catalogue
    // must be declared.
    (
        "duplicate_number_in_catalogue",
        "duplicate-number",
        "content/challenges/tid.md:4:9",
        "number 1 is already used by content/challenges/penge.md",
        "each challenge in the catalogue needs its own number",
    ),
    (
        "number_without_catalogue",
        "number-without-catalogue",
        "content/challenges/tid.md:3:1",
        "`number:` without `catalogue:`",
        "add `catalogue:` with one of the catalogues in site.yaml (tre, ri)",
    ),
    (
        "unknown_catalogue",
        "unknown-catalogue",
        "content/challenges/tid.md:3:12",
        "unknown catalogue \"tre-partnerskaber\"",
        "The catalogues in site.yaml are: tre, ri",
    ),
    // Dates.
    (
        "bad_date_day",
        "bad-date",
        "content/challenges/tid.md:6:7",
        "bad date `2021-02-30`: month 2 of 2021 has no day 30",
        "write dates as YYYY-MM-DD",
    ),
    (
        "bad_date_format",
        "bad-date",
        "content/challenges/tid.md:6:7",
        "bad date `13-03-2024`: expected YYYY-MM-DD",
        "write dates as YYYY-MM-DD",
    ),
    // The shape of a file, and rules of a kind.
    (
        "unclosed_front_matter",
        "unclosed-front-matter",
        "content/challenges/tid.md:1:1",
        "the front matter is never closed",
        "add a line with only `---` after the last field",
    ),
    (
        "quote_without_speaker",
        "quote-without-speaker",
        "content/quotes/citat.md:2:1",
        "this quote says neither who said it (`by`) nor in what role (`speaker`)",
        "add `by: <partner id>` or `speaker: projektdeltager`",
    ),
    (
        "too_few_partners",
        "too-few-partners",
        "content/partnerships/samarbejde.md:3:1",
        "a partnership needs at least two partners; this one has 1",
        "list every partner under `partners:`",
    ),
    // Titles and names readers cannot see, logos that are not files in static/, dates in the
    // wrong order.
    (
        "empty_title",
        "empty-title",
        "content/challenges/tid.md:2:1",
        "`title` has nothing a reader can see (only spaces or invisible characters)",
        "write the text readers should see",
    ),
    (
        "bad_logo",
        "bad-logo",
        "content/partners/vive.md:4:7",
        "`logo`: there is no file static/logos/vive.pgn",
        "did you mean `logo: logos/vive.png`?",
    ),
    (
        "end_before_start",
        "end-before-start",
        "content/partnerships/samarbejde.md:6:6",
        "the partnership ends (`end: 2024-06-30`) before it starts (`start: 2024-09-01`)",
        "correct one of the two dates",
    ),
    // site.yaml.
    (
        "missing_site_yaml",
        "missing-site-yaml",
        "site.yaml",
        "no site.yaml in ",
        "a site folder needs a site.yaml",
    ),
    (
        "site_yaml_unknown_field",
        "unknown-field",
        "site.yaml:2:1",
        "unknown field `langauge`",
        "did you mean `language`?",
    ),
    // Three mistakes in three files (one found while loading, two by the whole-site checks):
    // all reported in one run.
    (
        "several_mistakes",
        "unknown-reference",
        "content/challenges/tid.md:4:12",
        "unknown partner \"viv\"",
        "did you mean \"vive\"?",
    ),
    (
        "several_mistakes",
        "unknown-sector",
        "content/partners/kommune.md:3:9",
        "unknown sector \"publik\"",
        "did you mean \"public\"?",
    ),
    (
        "several_mistakes",
        "unknown-field",
        "content/partnerships/samarbejde.md:2:1",
        "unknown field `titel`",
        "did you mean `title`?",
    ),
];

/// Cases that must build: the base every failing case is made from, and wikilink syntax
/// inside code, which is text and not a link.
const PASSING: &[&str] = &["ok_base", "ok_wikilink_in_code"];

// One test per failing case.
common::test_per_case! {
    FAILING_TESTS, check_failing:
    invalid_yaml_tab
    invalid_yaml_tab_after_text
    invalid_yaml_tab_after_list
    invalid_yaml_quote
    invalid_yaml_colon
    invalid_yaml_bracket
    invalid_yaml_reserved
    invalid_yaml_unknown_alias
    duplicate_field
    duplicate_field_nested
    missing_title
    missing_name
    wrong_type_draft
    wrong_type_number
    wrong_type_partners
    unknown_field
    unknown_partner
    unknown_partner_after_similar
    wrong_kind_reference
    unknown_partnership
    unknown_addressed_challenge
    unknown_facilitator
    unknown_quote_by
    unknown_quote_partnership
    unknown_sector
    unknown_contribution_type
    duplicate_number_in_catalogue
    number_without_catalogue
    unknown_catalogue
    unknown_wikilink
    duplicate_id
    bad_id
    empty_title
    bad_logo
    end_before_start
    unknown_kind_folder
    bad_date_day
    bad_date_format
    unclosed_front_matter
    quote_without_speaker
    too_few_partners
    missing_site_yaml
    site_yaml_unknown_field
    several_mistakes
}

#[test]
fn ok_base() {
    let site = site_of("ok_base");
    assert_built(&site);
}

#[test]
fn ok_wikilink_in_code() {
    let site = site_of("ok_wikilink_in_code");
    assert_built(&site);
    let html = common::read(&site.out.join("challenges/tid/index.html"));
    assert!(
        html.contains("<code>[[vivx]]</code>"),
        "the code span should be kept as text:\n{html}"
    );
}

/// The tables and the test functions agree: no case without a change, no change without a
/// test.
#[test]
fn every_case_has_a_change_and_a_test() {
    let changed = names(CHANGES.iter().map(|c| c.0));
    assert_eq!(changed.len(), CHANGES.len(), "a case twice in CHANGES");
    let failing = names(CASES.iter().map(|c| c.0));
    assert_eq!(
        failing,
        names(FAILING_TESTS.iter().copied()),
        "every case in CASES needs a line in test_per_case! and the other way round"
    );
    assert_eq!(
        changed,
        &failing | &names(PASSING.iter().copied()),
        "CHANGES and the CASES/PASSING tables disagree"
    );
}

/// The same mistake, in a Danish, a Swedish and an English site: the message and the help
/// are in the site's language; code and place are the same.
/// (case, language, error code, where, message, help).
const LANGUAGE_CASES: &[(&str, &str, &str, &str, &str, &str)] = &[
    // YAML the reader cannot read: what is wrong and what to do in the site's language.
    (
        "invalid_yaml_tab",
        "da",
        "invalid-yaml",
        "content/challenges/tid.md:5:1",
        "ugyldig YAML: et tabulatortegn, hvor YAML kun tillader mellemrum",
        "ryk ind med mellemrum, ikke tabulator",
    ),
    (
        "invalid_yaml_tab",
        "sv",
        "invalid-yaml",
        "content/challenges/tid.md:5:1",
        "ogiltig YAML: ett tabbtecken där YAML bara tillåter mellanslag",
        "gör indrag med mellanslag, inte tabb",
    ),
    (
        "invalid_yaml_quote",
        "sv",
        "invalid-yaml",
        "content/challenges/tid.md:2:8",
        "ogiltig YAML: citattecknet som börjar här stängs aldrig",
        "avsluta texten med samma citattecken",
    ),
    (
        "invalid_yaml_colon",
        "da",
        "invalid-yaml",
        "content/challenges/tid.md:2:11",
        "ugyldig YAML: et `:` her, hvor intet felt kan begynde",
        "sæt hele teksten i anførselstegn",
    ),
    (
        "invalid_yaml_bracket",
        "sv",
        "invalid-yaml",
        "content/challenges/tid.md:4:11",
        "ogiltig YAML: parentesen som börjar här stängs aldrig",
        "stäng listan med `]`",
    ),
    (
        "wrong_type_partners",
        "sv",
        "wrong-type",
        "content/challenges/tid.md:4:11",
        "`partners`: här ska det stå en lista, men det står texten \"vive\"",
        "skriv en lista som `[a, b]`",
    ),
    (
        "unknown_partner",
        "da",
        "unknown-reference",
        "content/challenges/tid.md:4:12",
        "ukendt partner \"viv\"",
        "mente du \"vive\"?",
    ),
    (
        "unknown_partner",
        "sv",
        "unknown-reference",
        "content/challenges/tid.md:4:12",
        "okänd partner \"viv\"",
        "menade du \"vive\"?",
    ),
    (
        "unknown_partner",
        "en",
        "unknown-reference",
        "content/challenges/tid.md:4:12",
        "unknown partner \"viv\"",
        "did you mean \"vive\"?",
    ),
    (
        "unknown_field",
        "da",
        "unknown-field",
        "content/challenges/tid.md:4:1",
        "ukendt felt `partnes`",
        "mente du `partners`? Felterne her er:",
    ),
    (
        "unknown_field",
        "sv",
        "unknown-field",
        "content/challenges/tid.md:4:1",
        "okänt fält `partnes`",
        "menade du `partners`? Fälten här är:",
    ),
    (
        "unknown_field",
        "en",
        "unknown-field",
        "content/challenges/tid.md:4:1",
        "unknown field `partnes`",
        "did you mean `partners`? Fields here are:",
    ),
    (
        "missing_title",
        "da",
        "missing-field",
        "content/challenges/tid.md:2:1",
        "det påkrævede felt `title` mangler",
        "tilføj en linje `title: ...`",
    ),
    (
        "missing_title",
        "sv",
        "missing-field",
        "content/challenges/tid.md:2:1",
        "det obligatoriska fältet `title` saknas",
        "lägg till en rad `title: ...`",
    ),
    (
        "unknown_wikilink",
        "da",
        "unknown-wikilink",
        "content/challenges/tid.md:7:34",
        "wikilinket [[vivx]] fører ingen steder hen: intet har id'et \"vivx\"",
        "mente du [[vive]]?",
    ),
    (
        "unknown_wikilink",
        "sv",
        "unknown-wikilink",
        "content/challenges/tid.md:7:34",
        "wikilänken [[vivx]] leder ingenstans: inget har id:t \"vivx\"",
        "menade du [[vive]]?",
    ),
    (
        "wrong_type_number",
        "da",
        "wrong-type",
        "content/challenges/tid.md:3:9",
        "`number`: her skal stå et helt tal, men der står teksten \"tre\"",
        "skriv et helt tal, fx 3",
    ),
    (
        "wrong_type_number",
        "sv",
        "wrong-type",
        "content/challenges/tid.md:3:9",
        "`number`: här ska det stå ett heltal, men det står texten \"tre\"",
        "skriv ett heltal, t.ex. 3",
    ),
    (
        "empty_title",
        "da",
        "empty-title",
        "content/challenges/tid.md:2:1",
        "`title` indeholder intet, en læser kan se",
        "skriv den tekst, læserne skal se",
    ),
    (
        "bad_logo",
        "sv",
        "bad-logo",
        "content/partners/vive.md:4:7",
        "`logo`: det finns ingen fil static/logos/vive.pgn",
        "menade du `logo: logos/vive.png`?",
    ),
    (
        "end_before_start",
        "da",
        "end-before-start",
        "content/partnerships/samarbejde.md:6:6",
        "partnerskabet slutter (`end: 2024-06-30`), før det begynder (`start: 2024-09-01`)",
        "ret en af de to datoer",
    ),
];

#[test]
fn errors_follow_the_site_language() {
    for &(case, language, code, at, message, help) in LANGUAGE_CASES {
        let site = site_of(case);
        site.set_language(language);
        let outcome = site.build();
        let context = format!("{case} in {language}: {}", outcome.context());
        outcome.only_errors(&[(code, at, message, help)]);
        assert_eq!(outcome.diagnostics().len(), 1, "{context}");
        // Nothing of the English text is left in another language.
        if language != "en" {
            let block = &outcome.errors()[0];
            assert!(
                !block.contains("did you mean") && !block.contains("unknown "),
                "{context}"
            );
        }
    }
}

/// The YAML reader's own English follows the explanation as a detail, on a line of its own,
/// so that the first line of the message is all in the site's language.
#[test]
fn a_yaml_error_keeps_the_readers_words_as_a_detail() {
    let site = site_of("invalid_yaml_colon");
    site.set_language("sv");
    let outcome = site.build();
    let context = outcome.context();
    let block = &outcome.errors()[0];
    let lines: Vec<&str> = block.0.lines().collect();
    assert_eq!(
        lines[0], "fel[invalid-yaml]: ogiltig YAML: ett `:` här, där inget fält kan börja",
        "{context}"
    );
    assert_eq!(
        lines[1].trim(),
        "YAML-läsaren skriver (på engelska): mapping values are not allowed in this context",
        "{context}"
    );
}

// ---------------------------------------------------------------------------------------------

/// The base with the case's change.
fn site_of(case: &str) -> Site {
    let site = base();
    site.change(change_of(CHANGES, case));
    site
}

fn check_failing(case: &str) {
    let expected: Vec<_> = CASES
        .iter()
        .filter(|c| c.0 == case)
        .map(|&(_, code, at, message, help)| (code, at, message, help))
        .collect();
    assert!(!expected.is_empty(), "no line in CASES for {case}");
    site_of(case).build().only_errors(&expected);
}

/// The site was built, in place of the previous one, without an error or a warning.
fn assert_built(site: &Site) {
    let outcome = site.build();
    outcome.wrote_site();
    assert!(
        !outcome.stderr.lines().any(|l| l.starts_with("warning")),
        "no warnings expected; {}",
        outcome.context()
    );
}

/// `brobygger check 2>&1 | head -1` closes the pipe after one line, and a full disk
/// (`/dev/full`) refuses every write: the rest of the errors cannot be printed, which is no
/// reason to panic (exit code 101). The exit code still says how the check went.
#[cfg(unix)]
#[test]
fn a_closed_or_full_output_is_no_panic() {
    use std::process::Stdio;
    let site = base();
    // Enough errors to fill any pipe's buffer.
    for i in 0..300 {
        site.file(
            &format!("content/challenges/c{i}.md"),
            format!("---\ntitle: C{i}\npartners: [nobody{i}]\n---\n"),
        );
    }
    let closed = || {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        Stdio::from(writer)
    };
    let full = || {
        Stdio::from(
            fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .expect("open /dev/full"),
        )
    };
    let root = site.root.to_str().expect("a UTF-8 path");
    let out = site.out.to_str().expect("a UTF-8 path");
    let cases: Vec<(&str, Vec<&str>, Stdio, Stdio)> = vec![
        (
            "check, stderr closed",
            vec!["check", "--root", root],
            Stdio::null(),
            closed(),
        ),
        (
            "check, stderr full",
            vec!["check", "--root", root],
            Stdio::null(),
            full(),
        ),
        (
            "check --format json, stdout closed",
            vec!["check", "--root", root, "--format", "json"],
            closed(),
            Stdio::null(),
        ),
        (
            "check --format json, stdout full",
            vec!["check", "--root", root, "--format", "json"],
            full(),
            full(),
        ),
        (
            "build, stderr closed",
            vec!["build", "--root", root, "--output", out],
            Stdio::null(),
            closed(),
        ),
    ];
    for (case, args, stdout, stderr) in cases {
        let status = common::command()
            .args(&args)
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            .status()
            .expect("run brobygger");
        assert_eq!(status.code(), Some(1), "{case}: {status:?}");
    }
}
