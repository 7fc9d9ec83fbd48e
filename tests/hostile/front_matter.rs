//! Front matter that is not what it should be: not a mapping, empty, repeated keys in site.yaml
//! and in a list's entry, YAML anchors and aliases that explode in size, 10,000 levels of
//! nesting, a tab in site.yaml, YAML tags, escaped control characters. (A tab, a repeated key
//! and an unclosed front matter in a content file are rows of tests/errors.rs.)

use crate::common::site::{PREVIOUS, Site};

#[test]
fn a_list_as_front_matter_is_an_error() {
    let site = Site::new();
    site.file("content/challenges/tid.md", "---\n- title\n- Tid\n---\nx\n");
    site.build().error(
        "wrong-type",
        "content/challenges/tid.md:2:1",
        "expected a mapping (key: value lines), found a list",
        "write a mapping (key: value lines) here",
    );
}

#[test]
fn a_text_as_front_matter_is_an_error() {
    let site = Site::new();
    site.file("content/challenges/tid.md", "---\nTid til møder\n---\nx\n");
    site.build().error(
        "wrong-type",
        "content/challenges/tid.md:2:1",
        "expected a mapping (key: value lines), found text \"Tid til møder\"",
        "write a mapping (key: value lines) here",
    );
}

#[test]
fn an_empty_front_matter_misses_its_required_fields() {
    let site = Site::new();
    site.file("content/challenges/tid.md", "---\n---\nx\n");
    site.build().error(
        "missing-field",
        "content/challenges/tid.md:2:1",
        "missing required field `title`",
        "add a line `title: ...`",
    );
}

#[test]
fn an_empty_front_matter_is_fine_where_nothing_is_required() {
    let site = Site::new();
    site.file("content/_index.md", "---\n---\nVelkommen.\n");
    let built = site.build().built();
    assert!(built.text("index.html").contains("Velkommen."));
}

#[test]
fn a_repeated_key_in_site_yaml_is_an_error() {
    let site = Site::new();
    site.file(
        "site.yaml",
        "title: A\nsectors:\n  research: R\n  public: P\ntitle: B\n",
    );
    site.build().error(
        "duplicate-field",
        "site.yaml:5:1",
        "the field `title` is given twice",
        "each field may appear once",
    );
}

#[test]
fn a_repeated_key_inside_a_list_entry_is_an_error() {
    let site = Site::new();
    site.file(
        "content/partnerships/samarbejde.md",
        "---\ntitle: S\npartners: [vive, kommune]\nmilestones:\n  - date: 2020-01-01\n    title: A\n    title: B\n---\n",
    );
    site.build().error(
        "duplicate-field",
        "content/partnerships/samarbejde.md:7:5",
        "the field `title` is given twice",
        "each field may appear once",
    );
}

/// The classic "billion laughs": ten levels of nine aliases, 10^9 copies of "lol".
#[test]
fn a_billion_laughs_is_refused_before_it_is_expanded() {
    let mut yaml = String::from("---\ntitle: [&a [lol, lol, lol, lol, lol, lol, lol, lol, lol]");
    for (prev, name) in ('a'..='i').zip('b'..='j') {
        yaml.push_str(&format!(
            ", &{name} [{}]",
            vec![format!("*{prev}"); 9].join(", ")
        ));
    }
    yaml.push_str("]\n---\nx\n");
    let site = Site::new();
    site.file("content/challenges/tid.md", &yaml);
    site.build().error(
        "invalid-yaml",
        "content/challenges/tid.md:2:63",
        "the aliases (`*name`) here repeat their anchors' text so often that it would not fit in memory",
        "write each value out in full",
    );
}

/// A megabyte of text repeated by 20,000 aliases: 20 GB if expanded. The build runs with
/// its address space limited to 2 GB, so a regression fails this row instead of the machine.
#[cfg(unix)]
#[test]
fn a_long_text_repeated_by_many_aliases_is_refused_in_bounded_memory() {
    let yaml = format!(
        "---\ntitle: &t \"{}\"\ntags: [{}]\n---\nx\n",
        "x".repeat(1024 * 1024),
        vec!["*t"; 20_000].join(",")
    );
    let site = Site::new();
    site.file("content/challenges/tid.md", &yaml);
    let output = crate::common::command_under_ulimit("-v 2000000")
        .args(["build", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(&site.out)
        .output()
        .expect("run brobygger under sh");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error[invalid-yaml]: invalid YAML: the aliases (`*name`) here repeat")
            && stderr.contains("--> content/challenges/tid.md:3:8"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(site.out.join("index.html")).unwrap(),
        PREVIOUS
    );
}

#[test]
fn ten_thousand_levels_of_flow_nesting_are_an_error() {
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        format!(
            "---\ntitle: Tid\ntags: {}{}\n---\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
    );
    // The YAML reader stops at its nesting limit (255 brackets) before the list's first
    // entry is read, and says so where the brackets start.
    site.build().error(
        "invalid-yaml",
        "content/challenges/tid.md:3:7",
        "invalid YAML: lists and mappings are nested too deeply here",
        "write the value with fewer levels",
    );
}

/// Block nesting takes a line per level, indented one more each time: 4,000 levels fill
/// 8 MB, just under the file size limit.
#[test]
fn four_thousand_levels_of_block_nesting_are_an_error() {
    let mut yaml = String::from("---\ntitle: S\npartners: [vive, kommune]\nmilestones:\n");
    for depth in 0..4_000 {
        yaml.push_str(&" ".repeat(depth));
        yaml.push_str("-\n");
    }
    yaml.push_str("---\n");
    let site = Site::new();
    site.file("content/partnerships/samarbejde.md", &yaml);
    site.build().error(
        "wrong-type",
        "content/partnerships/samarbejde.md:6:2",
        "`milestones[0]`: expected a mapping (key: value lines), found a list",
        "write a mapping (key: value lines) here",
    );
}

#[test]
fn ten_thousand_levels_of_nesting_in_site_yaml_are_an_error() {
    let site = Site::new();
    site.file(
        "site.yaml",
        format!(
            "title: T\nsectors:\n  research: R\n  public: P\nallow: {}{}\n",
            "{a: ".repeat(10_000),
            "}".repeat(10_000)
        ),
    );
    site.build().error(
        "wrong-type",
        "site.yaml:5:8",
        "`allow`: expected a list, found a mapping",
        "write a list as `[a, b]`",
    );
}

#[test]
fn a_tab_in_site_yaml_is_an_error() {
    let site = Site::new();
    site.file("site.yaml", "title: T\nsectors:\n\tresearch: R\n");
    site.build().error(
        "invalid-yaml",
        "site.yaml:3:1",
        "invalid YAML: a tab character where YAML allows only spaces",
        "spaces, not tabs",
    );
}

#[test]
fn yaml_tags_are_never_executed() {
    let marker = std::env::temp_dir().join(format!("brobygger-pwned-{}", std::process::id()));
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        format!(
            "---\ntitle: !!python/object/apply:os.system [\"touch {}\"]\n---\n",
            marker.display()
        ),
    );
    site.build().error(
        "wrong-type",
        "content/challenges/tid.md:2:8",
        "`title`: expected text, found a list",
        "put the value in quotes",
    );
    assert!(!marker.exists());
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        "---\ntitle: !custom Tid til møder\nnumber: !!int 1\n---\n",
    );
    let built = site.build().built();
    assert!(
        built
            .text("challenges/tid/index.html")
            .contains("Tid til møder")
    );
}

#[test]
fn escaped_control_characters_reach_neither_the_terminal_nor_the_feed() {
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        "---\ntitle: \"Tid\\e[31m\\x01\\0 til møder\"\nnumber: 1\ndate: 2020-01-01\n---\nx\n",
    );
    let built = site.build().built();
    assert!(
        built
            .text("challenges/tid/index.html")
            .contains("Tid[31m til møder")
    );
    // A reference with ESC in it is reported without the ESC.
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        "---\ntitle: Tid\npartners: [\"\\e]0;pwned\\a\\e[2J\"]\n---\n",
    );
    let outcome = site.build();
    outcome.error(
        "unknown-reference",
        "content/challenges/tid.md:3:1",
        "unknown partner \"]0;pwned[2J\"",
        "create content/partners/",
    );
    assert!(!outcome.stderr.contains('\u{1b}') && !outcome.stderr.contains('\u{7}'));
}

/// A title or name that shows as nothing gives an empty `<h1>` and links without text.
#[test]
fn empty_and_invisible_titles_and_names_are_an_error() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "content/challenges/tid.md",
            "---\ntitle: ''\nnumber: 1\n---\n",
            "content/challenges/tid.md:2:1",
            "`title` is empty",
        ),
        (
            "content/challenges/tid.md",
            "---\ntitle: '   '\n---\n",
            "content/challenges/tid.md:2:1",
            "`title` has nothing a reader can see (only spaces or invisible characters)",
        ),
        (
            "content/challenges/tid.md",
            "---\ntitle: \"\\u200B\\u2060\\uFEFF\"\n---\n",
            "content/challenges/tid.md:2:1",
            "`title` has nothing a reader can see",
        ),
        (
            "content/challenges/tid.md",
            "---\ntitle: \u{200B}\u{3164}\n---\n",
            "content/challenges/tid.md:2:1",
            "`title` has nothing a reader can see",
        ),
        (
            "content/partners/vive.md",
            "---\nname: \"\\u202E\"\nsector: research\n---\n",
            "content/partners/vive.md:2:1",
            "`name` is empty",
        ),
        (
            "content/partnerships/samarbejde.md",
            "---\ntitle: S\npartners: [vive, kommune]\nmilestones:\n  - date: 2020-01-01\n    title: Start\n  - date: 2021-01-01\n    title: \" \"\n---\n",
            "content/partnerships/samarbejde.md:8:5",
            "`milestones[1].title` has nothing a reader can see",
        ),
        (
            "content/pages/om.md",
            "---\ntitle: \"\u{2800}\"\n---\n",
            "content/pages/om.md:2:1",
            "`title` has nothing a reader can see",
        ),
        (
            "content/quotes/citat.md",
            "---\nspeaker: ' '\napproved: true\n---\nSagt.\n",
            "content/quotes/citat.md:2:1",
            "`speaker` has nothing a reader can see",
        ),
        (
            "content/_index.md",
            "---\ntitle: ''\n---\nVelkommen.\n",
            "content/_index.md:2:1",
            "`title` is empty",
        ),
        (
            "site.yaml",
            "title: \"\\u200B\"\nsectors:\n  research: R\n  public: P\n",
            "site.yaml:1:1",
            "`title` has nothing a reader can see",
        ),
        (
            "site.yaml",
            "title: T\nsectors:\n  research: ''\n  public: P\n",
            "site.yaml:3:3",
            "`sectors.research` is empty",
        ),
    ];
    for (file, text, at, message) in cases {
        let site = Site::new();
        site.file(file, text);
        site.build().error(
            "empty-title",
            at,
            message,
            "write the text readers should see",
        );
    }
}

/// Each kind of type error, as a facilitator meets it: the message speaks of text, whole
/// numbers, lists and fields, never of Rust's types.
#[test]
fn type_errors_never_name_rust_types() {
    // Words of Rust's and serde's, matched as whole words ("map" is not "mapping").
    const RUST: &[&str] = &[
        "u8",
        "u16",
        "u32",
        "u64",
        "u128",
        "usize",
        "i8",
        "i16",
        "i32",
        "i64",
        "i128",
        "isize",
        "f32",
        "f64",
        "sequence",
        "map",
        "struct",
        "enum",
        "variant",
        "identifier",
        "tag",
        "floating",
        "Option",
        "unit",
        "newtype",
        "string",
        "boolean",
        "char",
    ];
    let challenge = |fields: &str| format!("---\ntitle: Tid\n{fields}\n---\n");
    let partnership =
        |fields: &str| format!("---\ntitle: S\npartners: [vive, kommune]\n{fields}\n---\n");
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "content/challenges/tid.md",
            challenge("number: -1"),
            "`number`: expected a whole number from 0 to 4294967295, found the number -1",
        ),
        (
            "content/challenges/tid.md",
            challenge("number: 99999999999999999999999"),
            "found the number 99999999999999999999999",
        ),
        (
            "content/challenges/tid.md",
            challenge("number: 5000000000"),
            "found the number 5000000000",
        ),
        (
            "content/challenges/tid.md",
            challenge("number: 1.5"),
            "found the number 1.5",
        ),
        (
            "content/challenges/tid.md",
            challenge("number: [1]"),
            "found a list",
        ),
        (
            "content/challenges/tid.md",
            challenge("number: {a: 1}"),
            "found a mapping (key: value lines)",
        ),
        (
            "content/challenges/tid.md",
            challenge("tags: {a: 1}"),
            "`tags`: expected a list",
        ),
        (
            "content/challenges/tid.md",
            challenge("tags: [[a]]"),
            "`tags[0]`: expected text, found a list",
        ),
        (
            "content/challenges/tid.md",
            challenge("draft: 1"),
            "`draft`: expected true or false, found the number 1",
        ),
        (
            "content/challenges/tid.md",
            challenge("date: [1]"),
            "`date`: expected a date written YYYY-MM-DD, YYYY-MM or YYYY, found a list",
        ),
        (
            "content/challenges/tid.md",
            challenge("language: [da]"),
            "`language`: expected one of: `da`, `sv`, `en`, found a list",
        ),
        (
            "content/challenges/tid.md",
            challenge("language: fr"),
            "`language`: `fr` is not one of the allowed values",
        ),
        (
            "content/challenges/tid.md",
            "---\n? [a]\n: b\ntitle: Tid\n---\n".into(),
            "expected a field name, found a list",
        ),
        (
            "content/challenges/tid.md",
            "---\ntitle: {a: 1}\n---\n".into(),
            "`title`: expected text, found a mapping",
        ),
        (
            "content/pages/om.md",
            "---\ntitle: Om\nweight: 99999999999999999999\n---\n".into(),
            "`weight`: expected a whole number from -9223372036854775808 to 9223372036854775807",
        ),
        (
            "content/pages/om.md",
            "---\ntitle: Om\nweight: x\n---\n".into(),
            "`weight`: expected a whole number",
        ),
        (
            "content/partners/vive.md",
            "---\nname: V\nsector: research\nlevel: {a: 1}\n---\n".into(),
            "`level`: expected one of: `local`, `regional`, `national`, `european`, found a mapping",
        ),
        (
            "content/partnerships/samarbejde.md",
            partnership("status: [active]"),
            "`status`: expected one of: `planned`, `active`, `completed`, found a list",
        ),
        (
            "content/partnerships/samarbejde.md",
            partnership("form: 5"),
            "`form`: `5` is not one of the allowed values",
        ),
        (
            "content/partnerships/samarbejde.md",
            "---\ntitle: S\npartners: [vive, [kommune]]\n---\n".into(),
            "`partners[1]`: expected a partner's id, or `{id: ..., role: ...}`, found a list",
        ),
        (
            "content/partnerships/samarbejde.md",
            partnership("milestones: [5]"),
            "`milestones[0]`: expected a mapping (key: value lines), found the number 5",
        ),
        (
            "content/partnerships/samarbejde.md",
            partnership("milestones: {a: 1}"),
            "`milestones`: expected a list",
        ),
        (
            "content/quotes/citat.md",
            "---\nspeaker: x\napproved: 5\n---\nSagt.\n".into(),
            "`approved`: expected true or false, found the number 5",
        ),
        (
            "site.yaml",
            "title: T\nsectors: [a]\n".into(),
            "`sectors`: expected a mapping (key: value lines), found a list",
        ),
        (
            "site.yaml",
            "title: T\nsectors:\n  research: [R]\n".into(),
            "`sectors.research`: expected text, found a list",
        ),
        (
            "site.yaml",
            "title: T\nsectors:\n  research: R\nmarkdown: 5\n".into(),
            "`markdown`: expected a mapping (key: value lines), found the number 5",
        ),
        (
            "site.yaml",
            "title: T\nsectors:\n  research: R\naccessibility:\n  compliance: [full]\n".into(),
            "`accessibility.compliance`: expected one of: `full`, `partial`, `none`, found a list",
        ),
        (
            "site.yaml",
            "title: T\nsectors:\n  research: R\nallow: true\n".into(),
            "`allow`: expected a list, found the value true",
        ),
    ];
    for (file, text, message) in &cases {
        let site = Site::new();
        site.file(file, text);
        let outcome = site.build();
        outcome.failed();
        let error = outcome
            .stderr
            .lines()
            .find(|l| l.starts_with("error["))
            .unwrap_or_default();
        assert!(
            error.starts_with("error[wrong-type]: ") && error.contains(message),
            "{file}: {text:?}: expected `{message}`:\n{}",
            outcome.stderr
        );
        for line in outcome
            .stderr
            .lines()
            .filter(|l| l.starts_with("error") || l.starts_with("help"))
        {
            for word in line.split(|c: char| !c.is_alphanumeric()) {
                assert!(
                    !RUST.contains(&word),
                    "{file}: {text:?}: `{word}` in `{line}`"
                );
            }
        }
    }
}

/// The same errors in the site's language: a Danish site reads them in Danish.
#[test]
fn type_errors_are_in_the_sites_language() {
    let site = Site::new();
    site.file(
        "site.yaml",
        "title: T\nlanguage: da\nsectors:\n  research: R\n  public: P\n",
    );
    site.file(
        "content/challenges/tid.md",
        "---\ntitle: Tid\nnumber: tre\n---\n",
    );
    site.build().error(
        "wrong-type",
        "content/challenges/tid.md:3:9",
        "`number`: her skal stå et helt tal, men der står teksten \"tre\"",
        "skriv et helt tal, fx 3",
    );
}
