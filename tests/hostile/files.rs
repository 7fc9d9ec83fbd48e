//! Files that are not what they seem: not UTF-8, UTF-16, a byte-order mark, Windows line
//! ends, empty, 50 MB, an image saved as `.md`, control characters; links that loop, lead
//! outside the site or nowhere; a file the build may not read; a named pipe.

use super::harness::unprivileged;
use crate::common::site::Site;
use std::time::Instant;

#[test]
fn a_latin1_file_is_not_utf8() {
    let site = Site::new();
    site.file(
        "content/partners/koebenhavn.md",
        b"---\nname: K\xf8benhavn\nsector: public\n---\n",
    );
    site.build().error(
        "not-utf8",
        "content/partners/koebenhavn.md",
        "this file is not UTF-8 text (bad byte at offset 11)",
        "save the file as UTF-8 in your editor",
    );
}

#[test]
fn a_utf16_file_is_named_as_such() {
    let text = "---\nname: København\nsector: public\n---\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let site = Site::new();
    site.file("content/partners/koebenhavn.md", bytes);
    site.build().error(
        "not-utf8",
        "content/partners/koebenhavn.md",
        "this file is not UTF-8 text (bad byte at offset 0)",
        "this file is saved as UTF-16 (\"Unicode\" in Notepad): save it as UTF-8",
    );
}

#[test]
fn an_image_saved_as_md_is_not_utf8() {
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    let site = Site::new();
    site.file("content/challenges/billede.md", png);
    site.build().error(
        "not-utf8",
        "content/challenges/billede.md",
        "this file is not UTF-8 text (bad byte at offset 0)",
        "if it is not a text file, move it out of content/",
    );
}

#[test]
fn a_byte_order_mark_and_windows_line_ends_are_read_as_usual() {
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        "\u{feff}---\r\ntitle: Tid til møder\r\nnumber: 1\r\npartners: [vive]\r\n---\r\nSe [[vive]].\r\n",
    );
    site.file(
        "site.yaml",
        "\u{feff}title: T\r\nsectors:\r\n  research: R\r\n  public: P\r\n",
    );
    let built = site.build().built();
    let text = built.text("challenges/tid/index.html");
    assert!(
        text.contains("Tid til møder") && text.contains("Se VIVE."),
        "{text}"
    );
}

#[test]
fn an_error_in_a_file_with_windows_line_ends_names_the_right_line() {
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        "---\r\ntitle: Tid\r\nnumber: 1\r\npartnes: [vive]\r\n---\r\n",
    );
    site.build().error(
        "unknown-field",
        "content/challenges/tid.md:4:1",
        "unknown field `partnes`",
        "did you mean `partners`?",
    );
}

#[test]
fn an_empty_file_has_no_front_matter() {
    let site = Site::new();
    site.file("content/challenges/tom.md", "");
    site.build().error(
        "missing-front-matter",
        "content/challenges/tom.md:1:1",
        "this file does not start with front matter",
        "begin the file with a line `---`",
    );
}

#[test]
fn control_characters_in_a_file_are_blanked() {
    let site = Site::new();
    site.file(
        "content/challenges/tid.md",
        "---\ntitle: Tid\nnumber: 1\ndate: 2020-01-01\n---\nDet er \u{1}svært\u{b} \u{1b}[2Jat \u{0}finde \u{9b}tid\u{ffff}.\n",
    );
    let built = site.build().built();
    let text = built.text("challenges/tid/index.html");
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Det er svært [2Jat finde tid\u{fffd}."),
        "{text:?}"
    );
    assert!(
        !text.chars().any(|c| c.is_control() && !c.is_whitespace()),
        "{text:?}"
    );
}

/// A 50 MB file, made when the test runs: refused before it is read, so quickly.
#[test]
fn a_50_mb_file_is_refused_quickly() {
    let line = "Lorem ipsum dolor sit amet, [[vive]] consectetur *adipiscing* elit.\n\n";
    let mut text = String::from("---\ntitle: Stor\n---\n");
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(line);
    }
    let site = Site::new();
    site.file("content/challenges/stor.md", &text);
    let started = Instant::now();
    site.build().error(
        "file-too-large",
        "content/challenges/stor.md",
        "this file is 50.0 MB; a content file can be at most 10.0 MB",
        "move it to static/ and link to it",
    );
    eprintln!("50 MB file refused in {:?}", started.elapsed());
}

/// A large text under the limit builds.
#[test]
fn a_2_mb_file_builds() {
    let line = "Lorem ipsum dolor sit amet, [[vive]] consectetur *adipiscing* elit.\n\n";
    let mut text = String::from("---\ntitle: Stor\nnumber: 2\n---\n");
    while text.len() < 2 * 1024 * 1024 {
        text.push_str(line);
    }
    let site = Site::new();
    site.file("content/challenges/stor.md", &text);
    let started = Instant::now();
    let built = site.build().built();
    eprintln!("2 MB file built in {:?}", started.elapsed());
    assert!(built.read("challenges/stor/index.html").len() > 2 * 1024 * 1024);
}

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_folder_link_that_loops_is_an_error() {
        let site = Site::new();
        symlink("..", site.path("content/partners/loop")).unwrap();
        site.build().error(
            "unreadable-file",
            "content/partners/loop",
            "this link leads back to a folder it is in (a symlink loop)",
            "remove the link",
        );
    }

    #[test]
    fn file_links_that_point_at_each_other_are_an_error() {
        let site = Site::new();
        symlink("b.md", site.path("content/partners/a.md")).unwrap();
        symlink("a.md", site.path("content/partners/b.md")).unwrap();
        site.build().error(
            "unreadable-file",
            "content/partners/a.md",
            "this link, to b.md, cannot be followed: Too many levels of symbolic links",
            "remove the link",
        );
    }

    #[test]
    fn a_link_to_a_file_outside_the_site_is_refused() {
        let site = Site::new();
        let secret = site.tmp.path().join("secret.md");
        std::fs::write(
            &secret,
            "---\nname: Hemmelig\nsector: research\n---\nhemmelig\n",
        )
        .unwrap();
        symlink(&secret, site.path("content/partners/hemmelig.md")).unwrap();
        site.build().error(
            "link-outside-site",
            "content/partners/hemmelig.md",
            "this link leads outside the site folder, to ",
            "copy the file or folder into the site instead of linking to it",
        );
    }

    #[test]
    fn a_link_to_a_folder_outside_the_site_is_refused_and_not_walked() {
        let site = Site::new();
        symlink("/", site.path("content/partners/alt")).unwrap();
        site.build().error(
            "link-outside-site",
            "content/partners/alt",
            "this link leads outside the site folder, to /",
            "copy the file or folder into the site",
        );
    }

    #[test]
    fn a_link_in_static_to_a_file_outside_the_site_is_not_published() {
        let site = Site::new();
        let secret = site.tmp.path().join("id_rsa");
        std::fs::write(&secret, "-----BEGIN OPENSSH PRIVATE KEY-----").unwrap();
        std::fs::create_dir_all(site.path("static")).unwrap();
        symlink(&secret, site.path("static/key.txt")).unwrap();
        site.build().error(
            "link-outside-site",
            "static/key.txt",
            "this link leads outside the site folder",
            "copy the file or folder into the site",
        );
    }

    #[test]
    fn a_link_inside_the_site_is_followed() {
        let site = Site::new();
        site.file("shared/om.md", "---\ntitle: Om os\n---\nDelt tekst.\n");
        std::fs::create_dir_all(site.path("content/pages")).unwrap();
        symlink("../../shared/om.md", site.path("content/pages/om.md")).unwrap();
        let built = site.build().built();
        assert!(built.text("pages/om/index.html").contains("Delt tekst."));
    }

    #[test]
    fn a_link_to_nothing_is_an_error() {
        let site = Site::new();
        symlink("findes-ikke.md", site.path("content/partners/borte.md")).unwrap();
        site.build().error(
            "unreadable-file",
            "content/partners/borte.md",
            "this link leads nowhere: findes-ikke.md does not exist",
            "remove the link",
        );
        let site = Site::new();
        std::fs::create_dir_all(site.path("static")).unwrap();
        symlink("/findes/ikke.png", site.path("static/logo.png")).unwrap();
        site.build().error(
            "unreadable-file",
            "static/logo.png",
            "this link leads nowhere: /findes/ikke.png does not exist",
            "remove the link",
        );
    }

    /// Run as a user the file's permissions shut out (see `unprivileged`), so the row means
    /// the same whether the tests run as root or not.
    #[test]
    fn a_file_the_build_may_not_read_is_an_error() {
        use std::os::unix::fs::PermissionsExt;
        let site = Site::new();
        let file = site.path("content/partners/laast.md");
        site.file(
            "content/partners/laast.md",
            "---\nname: L\nsector: research\n---\n",
        );
        let user = unprivileged(&site);
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
        let outcome = site.build_as(user);
        outcome.error(
            "unreadable-file",
            "content/partners/laast.md",
            "cannot read this file: permission denied",
            "fix the file's permissions",
        );
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
}
