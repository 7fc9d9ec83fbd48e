//! The output folder in the way: a file, a link, read-only, in a folder that cannot be written.
//! The build says so and touches nothing. And the data files a partner opens in a spreadsheet:
//! no cell runs as a formula.

use super::harness::{Site, Tree, unprivileged};

#[test]
fn an_output_that_is_a_file_is_refused() {
    let site = Site::new();
    std::fs::remove_dir_all(&site.out).unwrap();
    std::fs::write(&site.out, "my notes").unwrap();
    site.build()
        .output_error("it exists and is not a folder (a file or a link)");
    assert_eq!(std::fs::read_to_string(&site.out).unwrap(), "my notes");
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_link_is_refused_and_its_target_untouched() {
    let site = Site::new();
    let target = site.tmp.path().join("elsewhere");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep.txt"), "keep").unwrap();
    std::fs::remove_dir_all(&site.out).unwrap();
    std::os::unix::fs::symlink(&target, &site.out).unwrap();
    site.build()
        .output_error("it exists and is not a folder (a file or a link)");
    assert_eq!(
        Tree::of(&target).0.len(),
        2,
        "the link's target is as it was"
    );
    assert!(site.out.is_symlink());
}

/// Run as a user the permissions shut out (see `unprivileged`).
#[cfg(unix)]
#[test]
fn a_read_only_output_is_refused_before_anything_is_written() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::new();
    let user = unprivileged(&site);
    std::fs::set_permissions(&site.out, std::fs::Permissions::from_mode(0o555)).unwrap();
    let before = Tree::of(&site.out);
    let outcome = site.build_as(user);
    outcome.output_error("cannot write the site: the folder");
    assert!(
        outcome
            .stderr
            .contains("cannot be changed (Permission denied")
    );
    assert!(
        outcome
            .stderr
            .contains("make it writable, or choose another output folder")
    );
    assert_eq!(Tree::of(&site.out), before);
    std::fs::set_permissions(&site.out, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(unix)]
#[test]
fn an_output_in_a_read_only_folder_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::new();
    let user = unprivileged(&site);
    let parent = site.tmp.path();
    std::fs::set_permissions(parent, std::fs::Permissions::from_mode(0o555)).unwrap();
    let outcome = site.build_as(user);
    std::fs::set_permissions(parent, std::fs::Permissions::from_mode(0o755)).unwrap();
    outcome.output_error(&format!(
        "cannot write the site: the folder {} cannot be changed (Permission denied",
        parent.display()
    ));
    assert_eq!(
        std::fs::read_to_string(site.out.join("index.html")).unwrap(),
        super::harness::PREVIOUS
    );
}

#[test]
fn names_that_start_a_formula_are_defused_in_the_csv_files() {
    let site = Site::new();
    site.file(
        "site.yaml",
        "title: T\nsectors:\n  research: \"=1+2\"\n  public: \"@SUM(A1:A9)\"\n",
    );
    site.file(
        "content/partners/vive.md",
        "---\nname: \"=HYPERLINK(\\\"https://evil.example/\\\",\\\"Klik\\\")\"\nsector: research\nwebsite: \"+45 1234\"\n---\n",
    );
    site.file(
        "content/partners/kommune.md",
        "---\nname: \"-2+3\"\nsector: public\n---\n",
    );
    site.file(
        "content/challenges/tid.md",
        "---\ntitle: \"\\t=cmd|' /C calc'!A0\"\npartners: [vive, kommune]\n---\n",
    );
    // The harness checks that no cell of any CSV file starts a formula; here, that the text
    // is kept behind the quote, so nothing is lost.
    let built = site.build().built();
    let cells = |file: &str| -> Vec<String> {
        csv::Reader::from_reader(built.read(file).as_bytes())
            .records()
            .flat_map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>())
            .collect()
    };
    let partners = cells("data/partners.csv");
    for expected in [
        "'=HYPERLINK(\"https://evil.example/\",\"Klik\")",
        "'-2+3",
        "'=1+2",
        "'@SUM(A1:A9)",
        "'+45 1234",
    ] {
        assert!(
            partners.iter().any(|c| c == expected),
            "{expected} in {partners:?}"
        );
    }
    let contributions = cells("data/contributions.csv");
    assert!(
        contributions.iter().any(|c| c == "'\t=cmd|' /C calc'!A0"),
        "{contributions:?}"
    );
}
