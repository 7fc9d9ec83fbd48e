//! The site folder as a boundary: a site sent by someone else (a pull request built in CI)
//! must not publish, print or wait on anything from the computer that builds it. Links
//! (the top-level folders and site.yaml among them) lead only inside the site, never to its
//! hidden files, from `static/` never into `content/`, and never into a built site; pipes and
//! devices are errors at once; hidden files in `static/` are published only by name.

use crate::common::outcome::Tree;
use crate::common::site::{Ran, Site, base_file, build_into, run};
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::{Duration, Instant};

/// What a private key, a cloud credential and a CI token look like on the building computer.
const SECRET: &str = "HEMMELIG-NOEGLE-4711";

/// A folder beside the site (outside it) like a home folder: `.ssh/id_rsa`, `.aws/credentials`.
fn home_beside(site: &Site) -> std::path::PathBuf {
    let home = site.tmp.path().join("home");
    for file in [
        ".ssh/id_rsa",
        ".aws/credentials",
        "notes.txt",
        "templates/index.html",
    ] {
        let p = home.join(file);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, SECRET).unwrap();
    }
    home
}

fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
}

/// Nothing the build printed, and nothing in the output, holds the secret.
fn never_shows_the_secret(site: &Site, stderr: &str) {
    assert!(
        !stderr.contains(SECRET),
        "the secret was printed:\n{stderr}"
    );
    for (path, bytes) in Tree::of(&site.out).0 {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(SECRET),
            "{path} in the output holds the secret"
        );
    }
}

#[test]
fn a_static_folder_that_is_a_link_outside_the_site_is_refused() {
    let site = Site::new();
    let home = home_beside(&site);
    symlink(&home, site.path("static")).unwrap();
    let outcome = site.build();
    outcome.error(
        "link-outside-site",
        "static",
        "this link leads outside the site folder, to ",
        "copy the file or folder into the site",
    );
    never_shows_the_secret(&site, &outcome.stderr);
}

#[test]
fn a_content_folder_that_is_a_link_outside_the_site_is_refused() {
    let site = Site::new();
    let elsewhere = site.tmp.path().join("elsewhere");
    std::fs::rename(site.path("content"), &elsewhere).unwrap();
    symlink(&elsewhere, site.path("content")).unwrap();
    site.build().error(
        "link-outside-site",
        "content",
        "this link leads outside the site folder",
        "copy the file or folder into the site",
    );
}

#[test]
fn a_themes_folder_or_a_theme_that_is_a_link_outside_the_site_is_refused() {
    let site = Site::new();
    let home = home_beside(&site);
    site.file(
        "site.yaml",
        format!("{}theme: mit\n", base_file("site.yaml")),
    );
    symlink(&home, site.path("themes")).unwrap();
    let outcome = site.build();
    outcome.error(
        "link-outside-site",
        "themes",
        "this link leads outside the site folder",
        "copy the file or folder into the site",
    );
    never_shows_the_secret(&site, &outcome.stderr);

    std::fs::remove_file(site.path("themes")).unwrap();
    std::fs::create_dir_all(site.path("themes")).unwrap();
    symlink(&home, site.path("themes/mit")).unwrap();
    let outcome = site.build();
    outcome.error(
        "link-outside-site",
        "themes/mit",
        "this link leads outside the site folder",
        "copy the file or folder into the site",
    );
    never_shows_the_secret(&site, &outcome.stderr);
}

#[test]
fn a_site_yaml_that_is_a_link_outside_the_site_is_never_read_nor_quoted() {
    let site = Site::new();
    // Like /proc/self/environ: text that a YAML error would quote, tokens included.
    let environ = site.tmp.path().join("environ");
    std::fs::write(&environ, format!("GITHUB_TOKEN={SECRET}\0HOME=/root\0")).unwrap();
    std::fs::remove_file(site.path("site.yaml")).unwrap();
    symlink(&environ, site.path("site.yaml")).unwrap();
    let outcome = site.build();
    outcome.error(
        "link-outside-site",
        "site.yaml",
        "this link leads outside the site folder",
        "copy the file or folder into the site",
    );
    never_shows_the_secret(&site, &outcome.stderr);
    let root = site.root.display().to_string();
    let Ran { status, stderr, .. } = run(&["check", "--root", &root], None);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[link-outside-site]"), "{stderr}");
    assert!(
        !stderr.contains(SECRET),
        "check printed the secret:\n{stderr}"
    );
}

#[test]
fn a_link_in_static_to_the_sites_git_or_env_is_not_published() {
    let site = Site::new();
    site.file(
        ".git/config",
        format!("[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n"),
    );
    site.file(".env", format!("TOKEN={SECRET}\n"));
    std::fs::create_dir_all(site.path("static")).unwrap();
    symlink("../.git/config", site.path("static/config.txt")).unwrap();
    let outcome = site.build();
    outcome.error(
        "link-to-hidden",
        "static/config.txt",
        "this link leads to .git/config, a hidden file or folder",
        "never read",
    );
    never_shows_the_secret(&site, &outcome.stderr);

    std::fs::remove_file(site.path("static/config.txt")).unwrap();
    symlink("../.git", site.path("static/repo")).unwrap();
    site.build().error(
        "link-to-hidden",
        "static/repo",
        "this link leads to .git, a hidden file or folder",
        "never read",
    );

    std::fs::remove_file(site.path("static/repo")).unwrap();
    symlink("../.env", site.path("static/env.txt")).unwrap();
    site.build().error(
        "link-to-hidden",
        "static/env.txt",
        "this link leads to .env",
        "never read",
    );
}

#[test]
fn a_link_in_static_into_content_does_not_publish_drafts() {
    let site = Site::new();
    site.file(
        "content/quotes/hemmelig.md",
        format!("---\nby: vive\ndraft: true\n---\n{SECRET}\n"),
    );
    std::fs::create_dir_all(site.path("static")).unwrap();
    symlink("../content", site.path("static/kilder")).unwrap();
    let outcome = site.build();
    outcome.error(
        "link-into-content",
        "static/kilder",
        "this link leads into content/ (content)",
        "link to the page the site builds instead",
    );
    never_shows_the_secret(&site, &outcome.stderr);

    std::fs::remove_file(site.path("static/kilder")).unwrap();
    symlink(
        "../content/quotes/hemmelig.md",
        site.path("static/citat.txt"),
    )
    .unwrap();
    site.build().error(
        "link-into-content",
        "static/citat.txt",
        "this link leads into content/ (content/quotes/hemmelig.md)",
        "link to the page the site builds instead",
    );
}

#[test]
fn a_link_in_static_to_a_shared_folder_of_the_site_is_followed() {
    let site = Site::new();
    site.file(
        "shared/logo.svg",
        "<svg xmlns='http://www.w3.org/2000/svg'/>",
    );
    std::fs::create_dir_all(site.path("static")).unwrap();
    symlink("../shared/logo.svg", site.path("static/logo.svg")).unwrap();
    let built = site.build().built();
    assert!(built.read("logo.svg").starts_with("<svg"));
}

#[test]
fn a_link_in_static_to_the_output_inside_the_site_is_refused() {
    let site = Site::new();
    let build = || build_into(&site.root, &site.path("public"));
    let Ran { status, stderr, .. } = build();
    assert_eq!(status.code(), Some(0), "{stderr}");
    std::fs::create_dir_all(site.path("static")).unwrap();
    symlink("../public", site.path("static/out")).unwrap();
    let Ran { status, stderr, .. } = build();
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "error[link-into-output]: this link leads into a site brobygger built (public)"
        ),
        "{stderr}"
    );
    assert!(
        !site.path("public/out").exists(),
        "the output was copied into itself"
    );
}

#[test]
fn a_site_yaml_that_is_a_named_pipe_is_an_error_at_once() {
    let site = Site::new();
    std::fs::remove_file(site.path("site.yaml")).unwrap();
    mkfifo(&site.path("site.yaml"));
    let started = Instant::now();
    site.build().error(
        "not-a-file",
        "site.yaml",
        "this is a named pipe, not a file",
        "put a file in its place",
    );
    let root = site.root.display().to_string();
    let Ran { status, stderr, .. } = run(&["check", "--root", &root], None);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[not-a-file]"), "{stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "waited on the pipe"
    );
}

#[test]
fn a_named_pipe_in_static_or_content_is_an_error_at_once() {
    let site = Site::new();
    mkfifo(&site.path("static/data.csv"));
    site.build().error(
        "not-a-file",
        "static/data.csv",
        "this is a named pipe, not a file",
        "put a file in its place",
    );
    let site = Site::new();
    mkfifo(&site.path("content/partners/roer.md"));
    site.build().error(
        "not-a-file",
        "content/partners/roer.md",
        "this is a named pipe, not a file",
        "put a file in its place",
    );
}

#[test]
fn hidden_files_in_static_are_published_only_by_name() {
    let site = Site::new();
    site.file("static/.env", SECRET);
    site.file("static/.git/config", SECRET);
    site.file("static/css/.DS_Store", SECRET);
    site.file("static/.nojekyll", "");
    site.file(
        "static/.well-known/security.txt",
        "Contact: mailto:x@example.org\n",
    );
    site.file("static/.htaccess", "Options -Indexes\n");
    let outcome = site.build();
    let built = outcome.built();
    never_shows_the_secret(&site, &outcome.stderr);
    for hidden in [
        ".env",
        ".git/config",
        "css/.DS_Store",
        ".nojekyll",
        ".htaccess",
    ] {
        assert!(!built.exists(hidden), "{hidden} was published unasked");
    }
    site.file(
        "site.yaml",
        format!(
            "{}publish_hidden: [.nojekyll, .well-known]\n",
            base_file("site.yaml")
        ),
    );
    let built = site.build().built();
    assert!(built.exists(".nojekyll"));
    assert!(
        built
            .read(".well-known/security.txt")
            .starts_with("Contact:")
    );
    assert!(!built.exists(".htaccess"), "not asked for");
    assert!(!built.exists(".env"));
}

#[test]
fn publish_hidden_never_publishes_git_or_the_marker() {
    for name in [".git", ".git/config", ".brobygger", "../.env"] {
        let site = Site::new();
        site.file(
            "site.yaml",
            format!("{}publish_hidden: [\"{name}\"]\n", base_file("site.yaml")),
        );
        site.build().error(
            "bad-publish-hidden",
            "site.yaml:6:1",
            &format!("`publish_hidden` names {name}, which is never published"),
            "remove the name from the list",
        );
    }
}

#[test]
fn a_marker_file_or_folder_in_static_leaves_the_outputs_marker_alone() {
    let site = Site::new();
    site.file("static/.brobygger", "not brobygger's");
    let built = site.build().built();
    assert_ne!(built.read(".brobygger"), "not brobygger's");
    let site = Site::new();
    site.file("static/.brobygger/x.txt", "a folder");
    let built = site.build().built();
    assert!(Path::new(&built.out.join(".brobygger")).is_file());
}

#[test]
fn a_static_file_over_100_mb_is_refused_without_reading_it() {
    let site = Site::new();
    site.file("static/video.mp4", "");
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(site.path("static/video.mp4"))
        .unwrap();
    file.set_len(150 * 1024 * 1024).unwrap();
    site.build().error(
        "file-too-large",
        "static/video.mp4",
        "this file is 150 MB; a file in static/ can be at most 100 MB",
        "put large files (video, big data sets) on a file host",
    );
}

#[test]
fn static_names_that_differ_only_in_unicode_normalisation_are_refused() {
    let site = Site::new();
    site.file("static/bl\u{e5}.png", "composed");
    site.file("static/bla\u{30a}.png", "decomposed");
    site.build().error(
        "same-name",
        "static/bl\u{e5}.png",
        "this name is the same as static/bla\u{30a}.png",
        "rename one of them",
    );
}

#[test]
fn new_never_writes_through_a_content_folder_that_leads_outside_the_site() {
    let site = Site::new();
    let elsewhere = site.tmp.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::remove_dir_all(site.path("content/challenges")).unwrap();
    symlink(&elsewhere, site.path("content/challenges")).unwrap();
    let root = site.root.display().to_string();
    let Ran { status, stderr, .. } = run(
        &["new", "--root", &root, "challenge", "Tid til møder"],
        None,
    );
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[link-outside-site]"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(&elsewhere).unwrap().count(),
        0,
        "new wrote outside the site"
    );
}

#[test]
fn the_editing_forms_bundle_cannot_be_a_link_out_of_the_site() {
    // `cms: true` publishes admin/decap-cms.js, and `serve` hands it out at /admin/: a
    // link there must not carry a file from the building computer into either.
    let site = Site::new();
    let home = home_beside(&site);
    site.append("site.yaml", "cms: true\n");
    std::fs::create_dir_all(site.path("admin")).unwrap();
    symlink(home.join(".ssh/id_rsa"), site.path("admin/decap-cms.js")).unwrap();
    let outcome = site.build();
    outcome.error(
        "link-outside-site",
        "admin/decap-cms.js",
        "this link leads outside the site folder, to ",
        "copy the file or folder into the site",
    );
    never_shows_the_secret(&site, &outcome.stderr);
    // `check` says the same, so a site it passes also builds.
    site.check(&[]).failed_with(
        "link-outside-site",
        "admin/decap-cms.js",
        "this link leads outside the site folder, to ",
    );
}

#[test]
fn check_refuses_a_static_link_out_of_the_site_as_build_does() {
    let site = Site::new();
    let home = home_beside(&site);
    std::fs::create_dir_all(site.path("static")).unwrap();
    symlink(home.join("notes.txt"), site.path("static/notes.txt")).unwrap();
    site.check(&[]).failed_with(
        "link-outside-site",
        "static/notes.txt",
        "this link leads outside the site folder, to ",
    );
}
