//! Ids, references, tags and names that try to leave the output folder (`../x`, `..\x`,
//! absolute paths, `%2e%2e`), empty ids, names that differ only in capital letters (one file
//! on Windows and macOS), very long names, and names Windows keeps for devices. Every row
//! ends in an error naming the file, or in a site whose every file is inside the output; the
//! harness checks that nothing appeared beside it.

use crate::common::outcome::{Tree, entries};
use crate::common::site::Site;

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
    // The whole tag is on its page, in its readable form (first letter capitalised).
    let readable = format!("E{}", &tag.trim()[1..]);
    assert!(
        built
            .text(&format!("tags/{}", pages[0]))
            .contains(&readable)
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

/// A partner's `logo` is a file in static/, named by its path there (content-format.md).
#[test]
fn a_logo_that_is_not_a_file_in_static_is_an_error() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "''",
            "content/partners/vive.md:4:1",
            "`logo` is empty",
            "write the path of an image inside static/",
        ),
        (
            "../site.yaml",
            "content/partners/vive.md:4:7",
            "`logo` \"../site.yaml\" leads outside static/",
            "write the path of an image inside static/",
        ),
        (
            "/etc/passwd",
            "content/partners/vive.md:4:7",
            "`logo` \"/etc/passwd\" leads outside static/",
            "write the path of an image inside static/",
        ),
        (
            "C:\\logo.png",
            "content/partners/vive.md:4:7",
            "`logo` \"C:\\logo.png\" leads outside static/",
            "write the path of an image inside static/",
        ),
        (
            "https://example.org/logo.png",
            "content/partners/vive.md:4:7",
            "`logo` \"https://example.org/logo.png\" is an address, not a file in static/",
            "save the image in static/ (e.g. static/logos/vive.png)",
        ),
        (
            "logos/vive.pgn",
            "content/partners/vive.md:4:7",
            "`logo`: there is no file static/logos/vive.pgn",
            "did you mean `logo: logos/vive.png`?",
        ),
        (
            "static/logos/vive.png",
            "content/partners/vive.md:4:7",
            "`logo`: there is no file static/static/logos/vive.png",
            "did you mean `logo: logos/vive.png`?",
        ),
        (
            "billeder/vive.png",
            "content/partners/vive.md:4:7",
            "`logo`: there is no file static/billeder/vive.png",
            "put the image at static/billeder/vive.png, or correct the path",
        ),
    ];
    for (logo, at, message, help) in cases {
        let site = Site::new();
        site.file("static/logos/vive.png", "png");
        site.file(
            "content/partners/vive.md",
            format!("---\nname: VIVE\nsector: research\nlogo: {logo}\n---\n"),
        );
        site.build().error("bad-logo", at, message, help);
    }
}

/// Hidden files in static/ are published only when site.yaml's `publish_hidden` names them: a
/// logo there would be a broken image.
#[test]
fn a_hidden_logo_is_an_error_unless_it_is_published() {
    let site = Site::new();
    site.file("static/.logos/vive.png", "png");
    site.file(
        "content/partners/vive.md",
        "---\nname: VIVE\nsector: research\nlogo: .logos/vive.png\n---\n",
    );
    site.build().error(
        "bad-logo",
        "content/partners/vive.md:4:7",
        "`logo` \".logos/vive.png\" is a hidden file (a name starting with `.`), which is not published",
        "move the image to a folder whose name does not start with a dot",
    );
    site.file(
        "site.yaml",
        "title: T\nsectors:\n  research: R\n  public: P\npublish_hidden: [.logos]\n",
    );
    let built = site.build().built();
    assert_eq!(built.read(".logos/vive.png"), "png");
}

#[test]
fn a_logo_in_static_is_shown_from_there() {
    let site = Site::new();
    site.file("static/logos/vive.png", "png");
    site.file(
        "content/partners/vive.md",
        "---\nname: VIVE\nsector: research\nlogo: logos/vive.png\n---\n",
    );
    let built = site.build().built();
    let page = built.read("partners/vive/index.html");
    assert!(
        page.contains("src=\"../../logos/vive.png\""),
        "the logo is found from the partner's page: {page}"
    );
    assert_eq!(built.read("logos/vive.png"), "png");
}

/// A right-to-left override (U+202E) in a file name, `evil` RLO `gnp.md`, would print in the
/// terminal as `evildm.png`; the message shows it as `\u{202e}`.
#[test]
fn a_right_to_left_override_in_a_file_name_is_printed_visibly() {
    let site = Site::new();
    site.file(
        "content/partners/evil\u{202E}gnp.md",
        "---\nname: X\nsector: research\n---\n",
    );
    let outcome = site.build();
    outcome.error(
        "bad-id",
        "content/partners/evil\\u{202e}gnp.md",
        "the file name \"evil\\u{202e}gnp\" is not a valid id",
        "rename the file to `evilgnp.md`",
    );
    assert!(!outcome.stderr.contains('\u{202E}'), "{}", outcome.stderr);
}

/// `vіve` with a Cyrillic `і` prints exactly as `vive`: the help says where they differ.
#[test]
fn an_id_with_a_lookalike_letter_is_named_as_such() {
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        "---\ntitle: Tid\npartners: [v\u{456}ve]\n---\nSe [[t\u{456}d]] og [[vive\u{200B}]].\n",
    );
    let outcome = site.build();
    outcome.error(
        "unknown-reference",
        "content/challenges/tid.md:3:12",
        "unknown partner \"v\u{456}ve\"",
        "did you mean \"vive\"? \"v\u{456}ve\" and \"vive\" look alike but differ: Cyrillic \"\u{456}\" (U+0456) where \"vive\" has Latin \"i\" (U+0069)",
    );
    // A short id, where one letter of three is too much for an ordinary did-you-mean; and an
    // invisible character, shown as what it is.
    outcome.error(
        "unknown-wikilink",
        "content/challenges/tid.md:5:4",
        "the wikilink [[t\u{456}d]] leads nowhere",
        "did you mean [[tid]]? \"t\u{456}d\" and \"tid\" look alike but differ: Cyrillic \"\u{456}\" (U+0456)",
    );
    outcome.error(
        "unknown-wikilink",
        "content/challenges/tid.md:5:15",
        "the wikilink [[vive\\u{200b}]] leads nowhere",
        "did you mean [[vive]]? \"vive\\u{200b}\" and \"vive\" look alike but differ: an invisible character (U+200B)",
    );
}
