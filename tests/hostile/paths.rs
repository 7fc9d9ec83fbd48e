//! Ids, references, tags and names that try to leave the output folder (`../x`, `..\x`,
//! absolute paths, `%2e%2e`), empty ids, names that differ only in capital letters (one file
//! on Windows and macOS), very long names, and names Windows keeps for devices. Every row
//! ends in an error naming the file, or in a site whose every file is inside the output; the
//! harness checks that nothing appeared beside it.

use super::harness::{Site, Tree, entries};

#[test]
fn dots_as_a_file_name_make_a_hidden_file_that_is_skipped() {
    let site = Site::new();
    site.file(
        "content/partners/...md",
        "---\nname: X\nsector: research\n---\n",
    );
    site.file(
        "content/partners/..md",
        "---\nname: Y\nsector: research\n---\n",
    );
    let built = site.build().built();
    assert_eq!(
        entries(&built.out.join("partners")),
        ["index.html", "kommune", "vive"]
    );
}

/// `..\x.md` starts with a dot: a hidden file, skipped like `.DS_Store`; with anything
/// before it, a backslash path is a name with characters ids cannot have.
#[test]
fn a_backslash_path_as_an_id_is_hidden_or_a_bad_id() {
    let site = Site::new();
    site.file(
        "content/partners/..\\..\\x.md",
        "---\nname: X\nsector: research\n---\n",
    );
    let built = site.build().built();
    assert_eq!(
        entries(&built.out.join("partners")),
        ["index.html", "kommune", "vive"]
    );
    site.file(
        "content/partners/a\\..\\..\\x.md",
        "---\nname: X\nsector: research\n---\n",
    );
    site.build().error(
        "bad-id",
        "content/partners/a\\..\\..\\x.md",
        "is not a valid id",
        "rename the file to `a-x.md`",
    );
}

#[test]
fn a_percent_encoded_path_as_an_id_is_a_bad_id() {
    let site = Site::new();
    site.file(
        "content/partners/%2e%2e%2fx.md",
        "---\nname: X\nsector: research\n---\n",
    );
    site.build().error(
        "bad-id",
        "content/partners/%2e%2e%2fx.md",
        "is not a valid id",
        "rename the file to `2e-2e-2fx.md`",
    );
}

#[test]
fn a_reference_to_a_path_is_an_unknown_reference() {
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        "---\ntitle: Tid\npartners: [\"../../../etc/passwd\"]\n---\n",
    );
    site.build().error(
        "unknown-reference",
        "content/challenges/tid.md:3:13",
        "unknown kind in \"../../../etc/passwd\"",
        "write the bare id, or `partners/<id>`",
    );
}

#[test]
fn a_wikilink_to_an_absolute_path_leads_nowhere() {
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        "---\ntitle: Tid\n---\nSe [[/etc/passwd]].\n",
    );
    site.build().error(
        "unknown-wikilink",
        "content/challenges/tid.md:4:4",
        "names a kind that does not exist",
        "the kinds are: partners",
    );
}

#[test]
fn tags_that_try_to_leave_get_pages_inside_tags() {
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        "---\ntitle: Tid\ntags: [\"../../../x\", \"..\\\\..\\\\y\", \"/etc/passwd\", \"%2e%2e/z\", \"C:\\\\w\", \"\", \" \", \"!!!\"]\n---\n",
    );
    let built = site.build().built();
    let tags: Vec<String> = Tree::of(&built.out.join("tags"))
        .0
        .into_keys()
        .filter(|k| k.ends_with("/index.html"))
        .collect();
    assert_eq!(
        tags,
        [
            "2e-2e-z/index.html",
            "c-w/index.html",
            "etc-passwd/index.html",
            "x/index.html",
            "y/index.html"
        ],
        "one page per tag with a name, each one folder deep"
    );
}

#[test]
fn a_file_named_only_md_is_a_bad_id() {
    let site = Site::new();
    site.file(
        "content/partners/.md",
        "---\nname: X\nsector: research\n---\n",
    );
    site.build().error(
        "bad-id",
        "content/partners/.md",
        "this file has no name, only the ending .md",
        "name the file after what it is about",
    );
}

#[test]
fn a_blank_file_name_is_a_bad_id() {
    let site = Site::new();
    site.file(
        "content/partners/ .md",
        "---\nname: X\nsector: research\n---\n",
    );
    site.build().error(
        "bad-id",
        "content/partners/ .md",
        "the file name \" \" is not a valid id",
        "ids use only lowercase a-z, 0-9 and -",
    );
}

#[test]
fn ids_that_differ_only_in_capitals_are_a_bad_id() {
    let site = Site::new();
    site.file(
        "content/partners/Vive.md",
        "---\nname: X\nsector: research\n---\n",
    );
    site.build().error(
        "bad-id",
        "content/partners/Vive.md",
        "the file name \"Vive\" is not a valid id",
        "rename the file to `vive.md`",
    );
}

#[test]
fn static_files_that_differ_only_in_capitals_are_refused() {
    let site = Site::new();
    site.file("static/Logo.png", "a")
        .file("static/logo.png", "b");
    let outcome = site.build();
    outcome.output_error("Logo.png and logo.png differ only in capital letters");
    assert_eq!(
        Tree::of(&site.out).0.len(),
        3,
        "the previous output is untouched (its folder, index.html and marker)"
    );
}

#[test]
fn a_static_file_that_is_a_generated_page_in_other_capitals_is_refused() {
    let site = Site::new();
    site.file("static/Partners/Index.html", "mine");
    site.build().output_error("differ only in capital letters");
}

#[test]
fn a_static_file_where_the_site_needs_a_folder_is_refused() {
    let site = Site::new();
    site.file("static/partners", "a file, not a folder");
    site.build()
        .output_error("partners would be both a file and a folder of the site");
}

#[test]
fn a_very_long_id_is_a_bad_id() {
    let id = "a".repeat(200);
    let site = Site::new();
    site.file(
        &format!("content/partners/{id}.md"),
        "---\nname: X\nsector: research\n---\n",
    );
    site.build().error(
        "bad-id",
        &format!("content/partners/{id}.md"),
        "the file name is 200 characters long; an id can be at most 100",
        &format!("rename the file to `{}.md`", "a".repeat(100)),
    );
}

#[test]
fn an_id_of_100_characters_builds() {
    let id = "a".repeat(100);
    let site = Site::new();
    site.file(
        &format!("content/partners/{id}.md"),
        "---\nname: X\nsector: research\n---\n",
    );
    let built = site.build().built();
    assert!(built.exists(&format!("partners/{id}/index.html")));
}

#[test]
fn a_very_long_tag_gets_a_page_name_every_disk_can_hold() {
    let tag = "et meget langt mærke ".repeat(50);
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        format!("---\ntitle: Tid\ntags: [\"{tag}\"]\n---\n"),
    );
    let built = site.build().built();
    let pages: Vec<String> = Tree::of(&built.out.join("tags"))
        .0
        .into_keys()
        .filter(|k| k.ends_with("/index.html"))
        .collect();
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert!(pages[0].len() <= 100 + "/index.html".len(), "{pages:?}");
    assert!(
        built
            .text(&format!("tags/{}", pages[0]))
            .contains(tag.trim())
    );
}

#[test]
fn a_windows_device_name_as_an_id_is_a_bad_id() {
    let site = Site::new();
    site.file("content/pages/con.md", "---\ntitle: Con\n---\n");
    site.build().error(
        "bad-id",
        "content/pages/con.md",
        "the file name \"con\" is a name Windows keeps for a device",
        "rename the file, e.g. to `con-1.md`",
    );
}

#[test]
fn a_windows_device_name_as_a_tag_gets_another_page_name() {
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        "---\ntitle: Tid\ntags: [AUX, nul]\n---\n",
    );
    let built = site.build().built();
    assert!(built.exists("tags/aux-1/index.html") && built.exists("tags/nul-1/index.html"));
}

#[test]
fn a_theme_outside_the_themes_folder_is_an_error() {
    for theme in ["../../../etc", "/etc", "..", "a/../../b"] {
        let site = Site::new();
        site.file(
            "site.yaml",
            format!("title: T\ntheme: \"{theme}\"\nsectors:\n  research: R\n  public: P\n"),
        );
        site.build().error(
            "unknown-theme",
            "site.yaml:2:1",
            &format!("`theme` \"{theme}\" is not the name of a folder in themes/"),
            "write only the name of a folder inside themes/",
        );
    }
}
