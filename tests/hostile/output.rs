//! The output folder in the way: a file, a link, read-only, in a folder that cannot be written.
//! The build says so and touches nothing. The output folder as the user set it up: its mode,
//! group and inode, a mount on it, a `gh-pages` clone's `.git`, a `CNAME`, and their own
//! folders beside it, all stay. And the data files a partner opens in a spreadsheet: no cell
//! runs as a formula.

use super::harness::unprivileged;
use crate::common::outcome::{Tree, entries};
use crate::common::site::Site;
use std::path::Path;
use std::process::Command;

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
            .contains("cannot be changed (permission denied)")
    );
    assert!(
        outcome
            .stderr
            .contains("make it writable, or choose another output folder")
    );
    assert_eq!(Tree::of(&site.out), before);
    std::fs::set_permissions(&site.out, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// The build writes only inside the output folder, so the folder it is in may be read-only
/// (a container's `/usr/share/nginx/html`, with only `html` the build's); an output that does
/// not exist yet cannot be made there, and the error names that folder.
#[cfg(unix)]
#[test]
fn an_output_in_a_read_only_folder_is_built_and_a_missing_one_refused() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::new();
    let user = unprivileged(&site);
    let parent = site.tmp.path();
    std::fs::set_permissions(parent, std::fs::Permissions::from_mode(0o555)).unwrap();
    let outcome = site.build_as(user);
    std::fs::set_permissions(parent, std::fs::Permissions::from_mode(0o755)).unwrap();
    let built = outcome.built();
    assert!(built.exists("partners/vive/index.html"));

    let mut elsewhere = Site::new();
    let user = unprivileged(&elsewhere);
    std::fs::remove_dir_all(&elsewhere.out).unwrap();
    let parent = elsewhere.tmp.path().join("shut");
    std::fs::create_dir(&parent).unwrap();
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o555)).unwrap();
    elsewhere.out = parent.join("out");
    let outcome = elsewhere.build_as(user);
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o755)).unwrap();
    outcome.output_error(&format!(
        "cannot write the site: the folder {} cannot be changed (permission denied)",
        parent.display()
    ));
    assert_eq!(entries(&parent), Vec::<String>::new());
}

/// `PID`-less folders named like an older brobygger's staging and retired folders (a user's
/// `cp -a public .public.old-backup`, marker and all), and one with a dead build's process id
/// but no marker, are the user's: they survive builds byte for byte.
#[cfg(unix)]
#[test]
fn a_users_old_and_building_folders_beside_the_output_survive() {
    let site = Site::new();
    let gone = Command::new("true").spawn().expect("run true");
    let pid = gone.id();
    let _ = { gone }.wait();
    let mut folders = Vec::new();
    for name in [
        ".out.old-backup".to_string(),
        ".out.building-backup".to_string(),
        format!(".out.old-{pid}"),
    ] {
        let dir = site.tmp.path().join(&name);
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("notes.txt"), "mine").unwrap();
        if name.ends_with("backup") {
            std::fs::write(dir.join(".brobygger"), "").unwrap();
            std::fs::write(dir.join("index.html"), "my copy of the site").unwrap();
        }
        folders.push((dir.clone(), Tree::of(&dir)));
    }
    site.build().built();
    site.build().built();
    for (dir, before) in folders {
        assert_eq!(Tree::of(&dir), before, "{} changed", dir.display());
    }
}

/// A `gh-pages` clone built into: the `.git` folder, with a commit not yet pushed, survives a
/// rebuild byte for byte, and git still reads it.
#[cfg(unix)]
#[test]
fn a_git_clone_in_the_output_survives_a_rebuild() {
    let site = Site::new();
    site.build().built();
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .arg("-C")
            .arg(&site.out)
            .args([
                "-c",
                "user.name=Facilitator",
                "-c",
                "user.email=f@example.org",
            ])
            .args(args)
            .output()
            .expect("run git");
        assert!(
            o.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    git(&["init", "-q", "-b", "gh-pages"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "Publish the knowledge base"]);
    let repository = Tree::of(&site.out.join(".git"));
    assert!(repository.0.len() > 10);

    site.replace("content/challenges/tid.md", "Tid til møder", "Mere tid");
    let built = site.build().built();
    assert!(built.text("challenges/tid/index.html").contains("Mere tid"));
    assert_eq!(
        Tree::of(&site.out.join(".git")),
        repository,
        "the .git folder changed"
    );
    assert_eq!(git(&["log", "--format=%s"]), "Publish the knowledge base\n");
    assert!(git(&["status", "--porcelain"]).contains("challenges/tid/index.html"));
}

/// Files the user put into the output (for GitHub Pages: `.nojekyll`, `CNAME`) stay; the
/// previous build's entries the new site no longer has go.
#[test]
fn a_users_nojekyll_and_cname_survive_a_rebuild() {
    let site = Site::new();
    site.file("static/old.txt", "from the previous build");
    site.build().built();
    std::fs::write(site.out.join(".nojekyll"), "").unwrap();
    std::fs::write(site.out.join("CNAME"), "kb.example.org\n").unwrap();
    std::fs::remove_file(site.path("static/old.txt")).unwrap();
    let built = site.build().built();
    assert_eq!(built.read("CNAME"), "kb.example.org\n");
    assert!(built.exists(".nojekyll"));
    assert!(
        !built.exists("old.txt"),
        "the previous build's file is gone"
    );
}

/// A user's entry with the name of one the new site writes is never replaced: the build is
/// refused, naming it, and nothing changes; unless it holds the very bytes the site would
/// write, when it is left as it is.
#[test]
fn a_users_file_where_the_site_writes_one_is_refused_unless_the_same() {
    let site = Site::new();
    site.build().built();
    std::fs::write(site.out.join("CNAME"), "kb.example.org\n").unwrap();
    site.file("static/CNAME", "other.example.org\n");
    let before = Tree::of(&site.out);
    site.build().output_error(&format!(
        "{} was not written by brobygger, and the new site has an entry of the same name",
        site.out.join("CNAME").display()
    ));
    assert_eq!(Tree::of(&site.out), before, "nothing changed");

    site.file("static/CNAME", "kb.example.org\n");
    site.build().built();
    // Still the user's: dropped from static/, it stays.
    std::fs::remove_file(site.path("static/CNAME")).unwrap();
    let built = site.build().built();
    assert_eq!(built.read("CNAME"), "kb.example.org\n");
}

/// The output folder itself is never replaced: a review folder made `chmod 2750` for the web
/// server's group keeps its mode, group and inode, and the new site's files take its group.
#[cfg(unix)]
#[test]
fn the_output_folders_mode_group_and_inode_stay() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let site = Site::new();
    let root = std::fs::metadata("/proc/self").map_or(1, |m| m.uid()) == 0;
    if root {
        std::os::unix::fs::chown(&site.out, None, Some(65534)).unwrap();
    }
    std::fs::set_permissions(&site.out, std::fs::Permissions::from_mode(0o2750)).unwrap();
    let before = std::fs::metadata(&site.out).unwrap();
    site.build().built();
    site.build().built();
    let after = std::fs::metadata(&site.out).unwrap();
    assert_eq!(after.mode() & 0o7777, 0o2750, "the mode changed");
    assert_eq!(after.ino(), before.ino(), "the output folder was replaced");
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    for page in ["index.html", "partners/vive/index.html"] {
        let gid = std::fs::metadata(site.out.join(page)).unwrap().gid();
        assert_eq!(
            gid,
            before.gid(),
            "{page} does not have the output folder's group"
        );
    }
}

/// An entry of the previous site that cannot be moved (a folder without write permission, so
/// its `..` cannot change; a mount on it would do the same): the build moves back what it had
/// moved, names the entry, and the previous site is as it was.
#[cfg(unix)]
#[test]
fn an_entry_that_cannot_be_moved_leaves_the_previous_site_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::new();
    site.build().built();
    site.replace("content/challenges/tid.md", "Tid til møder", "Mere tid");
    let stuck = site.out.join("partners");
    std::fs::set_permissions(&stuck, std::fs::Permissions::from_mode(0o555)).unwrap();
    let user = unprivileged(&site);
    let before = Tree::of(&site.out);
    let outcome = site.build_as(user);
    std::fs::set_permissions(&stuck, std::fs::Permissions::from_mode(0o755)).unwrap();
    outcome.output_error(&format!(
        "cannot replace {} in the output folder (permission denied)",
        stuck.display()
    ));
    assert_eq!(
        Tree::of(&site.out),
        before,
        "the previous site is as it was"
    );
    assert!(
        outcome.stderr.contains("make it writable"),
        "{}",
        outcome.stderr
    );
}

/// Unmounts when dropped, so a failing row leaves no mount behind.
struct Mount(std::path::PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// The usual container set-up: a host folder bind-mounted as the output (`docker run -v
/// ./public:/html`). The output is a mount point, so it cannot be renamed, and nothing beside
/// it is on its filesystem: the builds succeed, the host folder shows each new site, and the
/// mount stays. Mounting needs root; without it, the row checks what makes mounts work, that
/// the build writes nothing outside the output, through a read-only folder around it.
#[cfg(unix)]
#[test]
fn an_output_that_is_a_mount_point_is_kept_and_shows_the_new_site() {
    use std::os::unix::fs::MetadataExt;
    let site = Site::new();
    let host = site.tmp.path().join("host");
    std::fs::rename(&site.out, &host).unwrap();
    std::fs::create_dir(&site.out).unwrap();
    let mounted = Command::new("mount")
        .arg("--bind")
        .arg(&host)
        .arg(&site.out)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("mounting is not permitted here: checking writes outside the output instead");
        an_output_in_a_read_only_folder_is_built_and_a_missing_one_refused();
        return;
    }
    let _mount = Mount(site.out.clone());
    let mount_point = std::fs::metadata(&site.out).unwrap().ino();
    assert_eq!(mount_point, std::fs::metadata(&host).unwrap().ino());
    site.build().built();
    site.replace("content/challenges/tid.md", "Tid til møder", "Mere tid");
    site.build().built();
    assert_eq!(std::fs::metadata(&site.out).unwrap().ino(), mount_point);
    let page = std::fs::read_to_string(host.join("challenges/tid/index.html")).unwrap();
    assert!(
        page.contains("Mere tid"),
        "the host folder shows the new site"
    );
    assert!(is_mount_point(&site.out), "the mount is still there");
}

fn is_mount_point(path: &Path) -> bool {
    let path = std::fs::canonicalize(path).unwrap();
    std::fs::read_to_string("/proc/self/mountinfo")
        .unwrap_or_default()
        .lines()
        .any(|l| l.split(' ').nth(4) == Some(path.to_str().unwrap()))
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
