//! Atomic output, proven: a build killed while it writes leaves the previous site byte for byte
//! as it was, and the next build leaves no temporary folder behind; a kill in the instant of
//! the swap is undone by the next build; two builds of one output at once never publish half
//! a site.

use super::harness::{Site, Tree, entries};
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
    Command::new(env!("CARGO_BIN_EXE_brobygger"))
        .args(["build", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(&site.out)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run brobygger")
}

/// The staging folder of a running build, once it holds at least `files` entries at its top.
fn wait_for_staging(dir: &Path, child: &mut Child, files: usize) -> std::path::PathBuf {
    let started = Instant::now();
    loop {
        if let Some(staging) = entries(dir)
            .into_iter()
            .find(|n| n.starts_with(".out.building-"))
            .map(|n| dir.join(n))
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
        if started.elapsed() > super::harness::TIME_LIMIT {
            let _ = child.kill();
            panic!(
                "the build did not finish within {:?}: it hangs",
                super::harness::TIME_LIMIT
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().expect("the build's output")
}

fn leftovers(dir: &Path) -> Vec<String> {
    entries(dir)
        .into_iter()
        .filter(|n| n.starts_with(".out."))
        .collect()
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
    let staging = wait_for_staging(site.tmp.path(), &mut child, 3);
    // SIGKILL: no destructor, no clean-up; as if the power went.
    child.kill().expect("kill the build");
    let status = child.wait().expect("wait for the killed build");
    assert_eq!(status.code(), None, "the build was killed, not finished");

    assert_eq!(
        Tree::of(&site.out),
        previous,
        "the previous output must be byte for byte as it was"
    );
    assert!(
        staging.is_dir(),
        "a killed build cannot clean up: its staging folder is left (to be removed next time)"
    );

    // The next build (of a small site again, to be quick) removes what the killed one left.
    for i in 0..1500 {
        std::fs::remove_file(site.path(&format!("content/challenges/c{i}.md"))).unwrap();
    }
    site.file("content/challenges/tid.md", super::harness::BASE[4].1);
    let built = site.build().built();
    assert_eq!(leftovers(site.tmp.path()), Vec::<String>::new());
    assert!(built.exists("challenges/tid/index.html"));
}

/// The swap moves the old output aside, then the new one in. A kill between the two leaves
/// no output folder, and the old site in `.out.old-PID`: the next build puts it back, even
/// when that build then fails on an error in the site.
#[cfg(unix)]
#[test]
fn a_kill_between_the_two_renames_of_the_swap_is_undone() {
    let site = Site::new();
    site.build().built();
    let previous = Tree::of(&site.out);
    // The process id of a build that no longer runs.
    let gone = Command::new("true").spawn().expect("run true");
    let pid = gone.id();
    let _ = { gone }.wait();
    let retired = site.tmp.path().join(format!(".out.old-{pid}"));
    std::fs::rename(&site.out, &retired).unwrap();
    std::fs::create_dir(site.tmp.path().join(format!(".out.building-{pid}"))).unwrap();

    site.file("content/challenges/tid.md", "---\ntitel: Tid\n---\n");
    let (status, stderr) = super::harness::run(
        &[
            "build".into(),
            "--root".into(),
            site.root.display().to_string(),
            "--output".into(),
            site.out.display().to_string(),
        ],
        None,
    );
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[unknown-field]"), "{stderr}");
    assert_eq!(Tree::of(&site.out), previous, "the previous site is back");

    site.file("content/challenges/tid.md", super::harness::BASE[4].1);
    site.build().built();
    assert_eq!(leftovers(site.tmp.path()), Vec::<String>::new());
}

/// A build killed while it removed the old site after the swap leaves part of the old site
/// in `.out.old-PID`, its marker removed first. If the output is then deleted by hand, that
/// part is not taken for a site and put back.
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
    let (status, stderr) = super::harness::run(
        &[
            "build".into(),
            "--root".into(),
            site.root.display().to_string(),
            "--output".into(),
            site.out.display().to_string(),
        ],
        None,
    );
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        !site.out.exists(),
        "no half site was put in place of the output"
    );

    site.file("content/challenges/tid.md", super::harness::BASE[4].1);
    let (status, stderr) = super::harness::run(
        &[
            "build".into(),
            "--root".into(),
            site.root.display().to_string(),
            "--output".into(),
            site.out.display().to_string(),
        ],
        None,
    );
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert_eq!(leftovers(site.tmp.path()), Vec::<String>::new());
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
    wait_for_staging(large.tmp.path(), &mut child, 3);

    // A second, small site built into the same output while the first is writing.
    let small = Site::new();
    let (status, stderr) = super::harness::run(
        &[
            "build".into(),
            "--root".into(),
            small.root.display().to_string(),
            "--output".into(),
            large.out.display().to_string(),
        ],
        None,
    );
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
