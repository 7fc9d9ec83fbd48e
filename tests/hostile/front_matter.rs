//! Front matter that is not what it should be: not a mapping, empty, repeated keys in site.yaml
//! and in a list's entry, YAML anchors and aliases that explode in size, 10,000 levels of
//! nesting, a tab in site.yaml, YAML tags, escaped control characters. (A tab, a repeated key
//! and an unclosed front matter in a content file are rows of tests/errors.rs.)

use super::harness::Site;

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
    let args = [
        "-c".to_string(),
        "ulimit -v 2000000 && exec \"$0\" \"$@\"".to_string(),
        env!("CARGO_BIN_EXE_brobygger").to_string(),
        "build".to_string(),
        "--root".to_string(),
        site.root.display().to_string(),
        "--output".to_string(),
        site.out.display().to_string(),
    ];
    let output = std::process::Command::new("sh")
        .args(&args)
        .env("NO_COLOR", "1")
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
        super::harness::PREVIOUS
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
    site.build().error(
        "wrong-type",
        "content/challenges/tid.md:3:8",
        "`tags[0]`: expected text, found a list",
        "put the value in quotes",
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
        "invalid YAML: found character that cannot start any token",
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
