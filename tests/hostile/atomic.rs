//! Atomic output, proven: a build killed while it writes leaves the previous site byte for byte
//! as it was, and the next build leaves no temporary folder behind; a build killed at any step
//! of moving its site in leaves every entry old or new, and the next build, even one that
//! fails, finishes the move; two builds of one output at once never publish half a site.
//! Leftovers of older brobygger versions (which replaced the whole folder) are still handled.

use crate::common::outcome::{Tree, entries};
use crate::common::site::{Ran, Site, TIME_LIMIT, base_file, build_into};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Writes a site of `items` challenges (with bodies and links) among 60 partners and 12
/// partnerships, large enough that a debug build writes for a while.
fn large_site(site: &Site, items: usize) {
    for p in 0..60 {
        site.file(
            &format!("content/partners/p{p}.md"),
            format!(
                "---\nname: Partner {p}\nsector: {}\n---\nOm partner {p}.\n",
                if p % 2 == 0 { "research" } else { "public" }
            ),
        );
    }
    for s in 0..12 {
        site.file(
            &format!("content/partnerships/s{s}.md"),
            format!(
                "---\ntitle: Samarbejde {s}\npartners: [p{}, p{}, p{}]\nfacilitator: p{}\n---\nTekst.\n",
                s * 5,
                s * 5 + 1,
                s * 5 + 2,
                s * 5 + 3
            ),
        );
    }
    let paragraph = "Relationer tager tid, især når parterne har forskellige interesser og \
                     forskellige måder at arbejde på. "
        .repeat(8);
    for i in 0..items {
        site.file(
            &format!("content/challenges/c{i}.md"),
            format!(
                "---\ntitle: Udfordring {i}\nnumber: {}\npartners: [p{}]\npartnerships: [s{}]\ntags: [emne {}]\ndate: 2020-01-01\n---\n{paragraph}\n\nSe [[p{}]] og [[c{}]].\n\n## Mere\n\n{paragraph}\n",
                i + 2,
                i % 60,
                i % 12,
                i % 50,
                (i + 7) % 60,
                (i + 1) % items
            ),
        );
    }
}

fn spawn_build(site: &Site) -> Child {
    build_command(&site.root, &site.out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run brobygger")
}

fn build_command(root: &Path, out: &Path) -> Command {
    let mut command = crate::common::command();
    command
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out);
    command
}

/// The staging folder (inside the output) of a running build, once it holds at least `files`
/// entries at its top.
fn wait_for_staging(out: &Path, child: &mut Child, files: usize) -> std::path::PathBuf {
    let started = Instant::now();
    loop {
        if let Some(staging) = entries(out)
            .into_iter()
            .find(|n| n.starts_with(".brobygger-staging-"))
            .map(|n| out.join(n))
            && entries(&staging).len() >= files
        {
            return staging;
        }
        if let Some(status) = child.try_wait().expect("wait") {
            let mut stderr = String::new();
            if let Some(mut pipe) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
            }
            panic!("the build ended ({status}) before it was seen writing: {stderr}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the build never began writing"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Waits for a spawned build, within the harness's time limit.
fn finish(mut child: Child) -> std::process::Output {
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            panic!("the build did not finish within {:?}: it hangs", TIME_LIMIT);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().expect("the build's output")
}

/// What builds left beside the output (older versions' folders) and inside it.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut left: Vec<String> = entries(dir)
        .into_iter()
        .filter(|n| n.starts_with(".out."))
        .collect();
    left.extend(
        entries(&dir.join("out"))
            .into_iter()
            .filter(|n| n.starts_with(".brobygger") && n != ".brobygger")
            .map(|n| format!("out/{n}")),
    );
    left
}

/// The output's files without the staging folders of running or killed builds.
fn without_staging(out: &Path) -> Tree {
    let mut tree = Tree::of(out);
    tree.0.retain(|k, _| !k.starts_with(".brobygger-staging-"));
    tree
}

#[cfg(unix)]
#[test]
fn a_build_killed_while_writing_leaves_the_previous_site_whole() {
    let site = Site::new();
    site.build().built();
    let previous = Tree::of(&site.out);
    assert!(previous.0.len() > 20, "a real previous site");

    large_site(&site, 1500);
    let mut child = spawn_build(&site);
    let staging = wait_for_staging(&site.out, &mut child, 3);
    // SIGKILL: no destructor, no clean-up; as if the power went.
    child.kill().expect("kill the build");
    let status = child.wait().expect("wait for the killed build");
    assert_eq!(status.code(), None, "the build was killed, not finished");

    assert_eq!(
        without_staging(&site.out),
        previous,
        "the previous output must be byte for byte as it was"
    );
    assert!(
        staging.is_dir(),
        "a killed build cannot clean up: its hidden staging folder is left in the output (to be removed next time)"
    );

    // The next build (of a small site again, to be quick) removes what the killed one left.
    for i in 0..1500 {
        std::fs::remove_file(site.path(&format!("content/challenges/c{i}.md"))).unwrap();
    }
    site.file(
        "content/challenges/tid.md",
        base_file("content/challenges/tid.md"),
    );
    let built = site.build().built();
    assert_eq!(leftovers(site.tmp.path()), Vec::<String>::new());
    assert!(built.exists("challenges/tid/index.html"));
}

/// Older brobygger versions swapped the whole folder: they moved the old output aside, then the
/// new one in. A kill between the two left no output folder, and the old site (with its
/// marker) in `.out.old-PID`: the next build puts it back, even when that build then fails on
/// an error in the site, and removes the older version's staging folder (it carries the
/// marker, and no build with its process id runs).
#[cfg(unix)]
#[test]
fn a_kill_between_the_two_renames_of_an_older_versions_swap_is_undone() {
    let site = Site::new();
    site.build().built();
    let previous = Tree::of(&site.out);
    // The process id of a build that no longer runs.
    let gone = Command::new("true").spawn().expect("run true");
    let pid = gone.id();
    let _ = { gone }.wait();
    let retired = site.tmp.path().join(format!(".out.old-{pid}"));
    std::fs::rename(&site.out, &retired).unwrap();
    let building = site.tmp.path().join(format!(".out.building-{pid}"));
    std::fs::create_dir(&building).unwrap();
    std::fs::write(building.join(".brobygger"), "").unwrap();

    site.file("content/challenges/tid.md", "---\ntitel: Tid\n---\n");
    let Ran { status, stderr, .. } = build_into(&site.root, &site.out);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[unknown-field]"), "{stderr}");
    assert_eq!(Tree::of(&site.out), previous, "the previous site is back");

    site.file(
        "content/challenges/tid.md",
        base_file("content/challenges/tid.md"),
    );
    site.build().built();
    assert_eq!(leftovers(site.tmp.path()), Vec::<String>::new());
}

/// An older version killed while it removed the old site after its swap left part of the old
/// site in `.out.old-PID`, its marker removed first. If the output is then deleted by hand,
/// that part is not taken for a site and put back; and, without the marker, it is not known
/// as brobygger's, so it is left where it is.
#[cfg(unix)]
#[test]
fn a_half_removed_old_site_is_never_put_back() {
    let site = Site::new();
    site.build().built();
    let gone = Command::new("true").spawn().expect("run true");
    let pid = gone.id();
    let _ = { gone }.wait();
    let retired = site.tmp.path().join(format!(".out.old-{pid}"));
    std::fs::rename(&site.out, &retired).unwrap();
    std::fs::remove_file(retired.join(".brobygger")).unwrap();
    std::fs::remove_file(retired.join("index.html")).unwrap();

    site.file("content/challenges/tid.md", "---\ntitel: Tid\n---\n");
    let Ran { status, stderr, .. } = build_into(&site.root, &site.out);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        !site.out.exists(),
        "no half site was put in place of the output"
    );

    site.file(
        "content/challenges/tid.md",
        base_file("content/challenges/tid.md"),
    );
    let Ran { status, stderr, .. } = build_into(&site.root, &site.out);
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert_eq!(leftovers(site.tmp.path()), vec![format!(".out.old-{pid}")]);
    assert!(retired.join("partners/vive/index.html").is_file());
    super::harness::assert_safe(&site.out);
}

/// Two builds of one output at once (a double click, a script and a person): each writes its
/// own staging folder, neither removes the other's, and the output is always one whole site.
#[cfg(unix)]
#[test]
fn two_builds_of_one_output_at_once_never_publish_half_a_site() {
    const ITEMS: usize = 600;
    let large = Site::new();
    large_site(&large, ITEMS);
    let mut child = spawn_build(&large);
    wait_for_staging(&large.out, &mut child, 3);

    // A second, small site built into the same output while the first is writing.
    let small = Site::new();
    let Ran { status, stderr, .. } = build_into(&small.root, &large.out);
    assert_eq!(status.code(), Some(0), "{stderr}");

    let output = finish(child);
    assert!(
        output.status.success(),
        "the large build should finish: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Whichever finished last, the output is that build's whole site, down to the marker that
    // lets the next build replace it. (Which one is last depends on the machine's load.)
    let files = Tree::of(&large.out).0;
    for whole_site in [
        ".brobygger",
        "index.html",
        "catalogue/index.html",
        "partners/index.html",
        "partners/vive/index.html",
        "challenges/tid/index.html",
        "atom.xml",
        "data/partners.csv",
        "search/index.js",
        "style.css",
    ] {
        assert!(files.contains_key(whole_site), "{whole_site} is missing");
    }
    let pages = files
        .keys()
        .filter(|k| k.starts_with("challenges/c") && k.ends_with("/index.html"))
        .count();
    let front = String::from_utf8_lossy(&files["index.html"]).into_owned();
    if front.contains("Samarbejde 11") {
        assert_eq!(pages, ITEMS, "every page of the large site is there");
        assert!(files.contains_key("partners/p59/index.html"));
    } else {
        assert_eq!(pages, 0, "the small site, and nothing of the large one");
        assert!(!files.contains_key("partners/p59/index.html"));
    }
    assert_eq!(leftovers(large.tmp.path()), Vec::<String>::new());
    // And the next build may replace it.
    large.build().built();
}

/// A site's files by path, without the marker and without what the user put into the output.
fn site_files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = Tree::of(out).0;
    files.retain(|k, _| {
        k != ".brobygger"
            && k != "CNAME"
            && k != ".nojekyll"
            && k != ".git"
            && !k.starts_with(".git/")
    });
    files
}

/// One top-level entry's files.
fn entry_files(files: &BTreeMap<String, Vec<u8>>, name: &str) -> BTreeMap<String, Vec<u8>> {
    files
        .iter()
        .filter(|(k, _)| *k == name || k.starts_with(&format!("{name}/")))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// A build moves its finished site in entry by entry, with a journal in the marker. Killed
/// (SIGKILL) before each of its renames in turn: right after the kill every top-level entry
/// the two sites share is there, whole, the old one's or the new one's, and the user's own
/// entries are untouched; the next build, though it fails on an error in its site, first
/// finishes the move: the output is then the new site exactly (or, killed before the journal,
/// the old one exactly), with nothing left behind.
#[cfg(unix)]
#[test]
fn a_build_killed_at_any_step_of_its_move_leaves_a_whole_site_after_the_next_build() {
    let a = Site::new();
    a.file("static/only-a.txt", "a");
    let b = Site::new();
    b.replace("content/challenges/tid.md", "Tid til møder", "Mere tid");
    b.file("static/only-b/x.txt", "b");
    let broken = Site::new();
    broken.file("content/challenges/tid.md", "---\ntitel: Tid\n---\n");
    // The two sites, each built into an output of its own, are the references.
    a.build().built();
    b.build().built();
    let sites = [(&a, site_files(&a.out)), (&b, site_files(&b.out))];

    let out = a.tmp.path().join("shared");
    std::fs::create_dir(&out).unwrap();
    let status = build_command(&a.root, &out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::write(out.join("CNAME"), "kb.example.org").unwrap();
    std::fs::write(out.join(".nojekyll"), "").unwrap();
    std::fs::create_dir_all(out.join(".git/refs")).unwrap();
    std::fs::write(out.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    let user = |out: &Path| {
        let mut files = Tree::of(out).0;
        files.retain(|k, _| k == "CNAME" || k == ".nojekyll" || k.starts_with(".git"));
        files
    };
    let users = user(&out);

    let (mut from, mut to) = (0, 1);
    let mut kills = 0;
    for step in 1.. {
        assert!(step < 1000, "the build never finished");
        let status = build_command(&sites[to].0.root, &out)
            .env("BROBYGGER_TEST_KILL_BEFORE_RENAME", step.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        if status.success() {
            // Past the last rename: the build finished.
            assert_eq!(site_files(&out), sites[to].1);
            break;
        }
        assert_eq!(status.code(), None, "killed before rename {step}");
        kills += 1;
        let now = site_files(&out);
        for name in sites[from].1.keys().filter_map(|k| k.split('/').next()) {
            let (old, new) = (
                entry_files(&sites[from].1, name),
                entry_files(&sites[to].1, name),
            );
            if new.is_empty() {
                continue;
            }
            let live = entry_files(&now, name);
            assert!(
                live == old || live == new,
                "after a kill before rename {step}, {name} is neither the old entry nor the new one"
            );
        }
        assert_eq!(
            user(&out),
            users,
            "the user's entries, killed before rename {step}"
        );

        let Ran { status, stderr, .. } = build_into(&broken.root, &out);
        assert_eq!(status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("error[unknown-field]"), "{stderr}");
        let expected = if step == 1 { from } else { to };
        assert!(
            site_files(&out) == sites[expected].1,
            "killed before rename {step}, the next build should leave the {} site whole",
            if step == 1 { "old" } else { "new" }
        );
        assert_eq!(user(&out), users);
        let left: Vec<String> = entries(&out)
            .into_iter()
            .filter(|n| n.starts_with(".brobygger") && n != ".brobygger")
            .collect();
        assert_eq!(left, Vec::<String>::new(), "killed before rename {step}");
        assert_eq!(entries(a.tmp.path()), ["out", "shared", "site"]);
        if expected == to {
            (from, to) = (to, from);
        }
    }
    assert!(
        kills > 10,
        "only {kills} renames: the kill switch did not work"
    );
    eprintln!("killed before each of {kills} renames");
}
