//! A site in a temporary folder, run with the real binary. Tests start from [`BASE`] (or a
//! base of their own) and write the one change they test over it, as files ([`Site::file`])
//! or as edits ([`Change`]). What the run must leave as it was is in [`super::outcome`].

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::outcome::{Outcome, Snapshot};

/// How long one run may take before the test fails as a hang. Debug builds of the largest
/// sites take a few seconds, and a minute or more on a machine busy with other builds (writing
/// 10,000 tag pages waits on the disk); a hang is forever.
pub const TIME_LIMIT: Duration = Duration::from_secs(180);

/// What the previous build left in the output folder: a run that fails must leave it so.
pub const PREVIOUS: &str = "previous site";

/// A small valid site (two partners, a partnership, a challenge) most tests start from. It is
/// an English site, since the tests check the errors' English text, the reference wording.
pub const BASE: &[(&str, &str)] = &[
    (
        "site.yaml",
        "\
title: Testvidensbase
language: en
sectors:
  research: Forskning
  public: Offentlig sektor
",
    ),
    (
        "content/partners/vive.md",
        "\
---
name: VIVE
sector: research
---
Et forskningsmiljø.
",
    ),
    (
        "content/partners/kommune.md",
        "\
---
name: Kommunen
sector: public
---
En kommune.
",
    ),
    (
        "content/partnerships/samarbejde.md",
        "\
---
title: Samarbejdet
partners: [vive, kommune]
facilitator: vive
---
Et partnerskab mellem [[vive]] og [[kommune]].
",
    ),
    (
        "content/challenges/tid.md",
        "\
---
title: Tid til møder
number: 1
partners: [vive]
partnerships: [samarbejde]
date: 2020-01-01
---
Det er svært at finde tid.
",
    ),
];

/// The text of a file of [`BASE`].
pub fn base_file(path: &str) -> &'static str {
    BASE.iter()
        .find(|(p, _)| *p == path)
        .unwrap_or_else(|| panic!("no {path} in the base site"))
        .1
}

/// One change to a site's files, written beside the case it makes.
#[derive(Clone, Copy, Debug)]
pub enum Change {
    /// `Replace(file, old, new)`: the one place `old` stands in the file becomes `new`.
    Replace(&'static str, &'static str, &'static str),
    /// `AddLine(file, after, line)`: `line` is put in after the line `after`.
    AddLine(&'static str, &'static str, &'static str),
    /// `DropLine(file, line)`: the line `line` is taken out.
    DropLine(&'static str, &'static str),
    /// `Append(file, text)`: `text` is added at the end of the file.
    Append(&'static str, &'static str),
    /// `Write(file, text)`: the whole file, new or in place of the one there.
    Write(&'static str, &'static str),
    /// `Remove(file)`.
    Remove(&'static str),
}

/// The changes of `case` in a table of cases' changes.
pub fn change_of(
    table: &'static [(&'static str, &'static [Change])],
    case: &str,
) -> &'static [Change] {
    let Some((_, change)) = table.iter().find(|c| c.0 == case) else {
        panic!("no change for the case {case}");
    };
    change
}

/// A site in a fresh folder `TMP/site`, with a previous build in `TMP/out`. Nothing else is
/// in `TMP`, so anything a run writes outside the output shows up there.
pub struct Site {
    pub tmp: tempfile::TempDir,
    pub root: PathBuf,
    pub out: PathBuf,
    /// More arguments for `build`.
    pub args: Vec<String>,
}

impl Site {
    /// The base site.
    pub fn new() -> Site {
        Site::with(BASE)
    }

    /// A site of `files` (path, text).
    pub fn with(files: &[(&str, &str)]) -> Site {
        let site = Site::empty();
        for (path, text) in files {
            site.file(path, text);
        }
        site
    }

    /// A site folder with no files.
    pub fn empty() -> Site {
        let tmp = tempfile::Builder::new()
            .prefix("brobygger-test-")
            .tempdir()
            .expect("a temporary folder");
        let root = tmp.path().join("site");
        let out = tmp.path().join("out");
        std::fs::create_dir_all(&root).expect("create the site folder");
        std::fs::create_dir_all(&out).expect("create the output folder");
        std::fs::write(out.join("index.html"), PREVIOUS).expect("write the previous site");
        // A previous build's output carries brobygger's marker, so a new build may replace it.
        std::fs::write(out.join(".brobygger"), "").expect("write the marker");
        Site {
            tmp,
            root,
            out,
            args: Vec::new(),
        }
    }

    /// Writes a file of the site (creating its folder), replacing any file there.
    pub fn file(&self, path: &str, bytes: impl AsRef<[u8]>) -> &Site {
        let p = self.root.join(path);
        std::fs::create_dir_all(p.parent().expect("a file in a folder")).expect("create folder");
        std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("write {}: {e}", p.display()));
        self
    }

    pub fn path(&self, path: &str) -> PathBuf {
        self.root.join(path)
    }

    pub fn read(&self, path: &str) -> String {
        super::read(&self.path(path))
    }

    /// Makes the changes, in order.
    pub fn change(&self, changes: &[Change]) -> &Site {
        for change in changes {
            match *change {
                Change::Replace(file, old, new) => self.replace(file, old, new),
                Change::AddLine(file, after, line) => {
                    self.replace(file, &format!("{after}\n"), &format!("{after}\n{line}\n"))
                }
                Change::DropLine(file, line) => self.replace(file, &format!("{line}\n"), ""),
                Change::Append(file, text) => self.append(file, text),
                Change::Write(file, text) => self.file(file, text),
                Change::Remove(file) => {
                    std::fs::remove_file(self.path(file))
                        .unwrap_or_else(|e| panic!("remove {file}: {e}"));
                    self
                }
            };
        }
        self
    }

    /// Replaces the one place `old` stands in `file` by `new`.
    pub fn replace(&self, file: &str, old: &str, new: &str) -> &Site {
        let text = self.read(file);
        assert_eq!(
            text.matches(old).count(),
            1,
            "{old:?} should stand once in {file}:\n{text}"
        );
        self.file(file, text.replacen(old, new, 1))
    }

    pub fn append(&self, file: &str, more: &str) -> &Site {
        let text = self.read(file);
        self.file(file, text + more)
    }

    /// Sets site.yaml's `language:` to `language`.
    pub fn set_language(&self, language: &str) -> &Site {
        let config = self.read("site.yaml");
        let line = config
            .lines()
            .find(|l| l.starts_with("language: "))
            .expect("site.yaml has a `language:` line");
        self.replace(
            "site.yaml",
            &format!("{line}\n"),
            &format!("language: {language}\n"),
        )
    }

    /// Builds the site into `out` with the real binary.
    pub fn build(&self) -> Outcome<'_> {
        self.build_as(None)
    }

    /// Builds the site as the user `uid`.
    pub fn build_as(&self, uid: Option<u32>) -> Outcome<'_> {
        dump_seed(&self.root);
        let mut args: Vec<String> = vec![
            "build".into(),
            "--root".into(),
            self.root.display().to_string(),
            "--output".into(),
            self.out.display().to_string(),
        ];
        args.extend(self.args.iter().cloned());
        self.run(&args, uid)
    }

    /// Runs `brobygger check --root ROOT ARGS`; a check writes nothing, so the site, the output
    /// and the folder around them are asserted to be as they were.
    pub fn check(&self, args: &[&str]) -> Outcome<'_> {
        let mut all: Vec<String> = vec![
            "check".into(),
            "--root".into(),
            self.root.display().to_string(),
        ];
        all.extend(args.iter().map(|a| a.to_string()));
        let outcome = self.run(&all, None);
        outcome.common();
        outcome.nothing_written();
        outcome
    }

    fn run(&self, args: &[String], uid: Option<u32>) -> Outcome<'_> {
        let before = Snapshot::of(self);
        Outcome::after(self, args, run(args, uid), before)
    }
}

/// What a run of `brobygger` printed, and how it ended.
pub struct Ran {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `brobygger` with `args`, failing the test if it takes longer than [`TIME_LIMIT`].
/// `uid` runs it as another user (for tests about permissions, when the tests run as root).
pub fn run(args: &[impl AsRef<OsStr>], uid: Option<u32>) -> Ran {
    let mut command = super::command();
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    if let Some(uid) = uid {
        use std::os::unix::process::CommandExt;
        command.uid(uid).gid(uid);
    }
    let mut child = command.spawn().expect("run brobygger");
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        let mut pipe = pipe.expect("a pipe");
        std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = pipe.read_to_end(&mut s);
            String::from_utf8_lossy(&s).into_owned()
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for brobygger") {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            let args: Vec<_> = args.iter().map(|a| a.as_ref().to_string_lossy()).collect();
            panic!(
                "brobygger {} did not finish within {TIME_LIMIT:?}: it hangs",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Ran {
        status,
        stdout: stdout.join().expect("read stdout"),
        stderr: stderr.join().expect("read stderr"),
    }
}

/// Builds the site in `root` into `out`, within [`TIME_LIMIT`], asserting nothing.
pub fn build_into(root: &Path, out: &Path) -> Ran {
    run(
        &[
            OsStr::new("build"),
            OsStr::new("--root"),
            root.as_os_str(),
            OsStr::new("--output"),
            out.as_os_str(),
        ],
        None,
    )
}

/// With `BROBYGGER_FUZZ_SEEDS=DIR`, every site a test builds is also written into DIR in the
/// fuzz target's format (site.yaml, then `@@ PATH` and each file), so the fuzzer starts from
/// the tests' cases. Links and files over 64 KB are left out.
fn dump_seed(root: &Path) {
    let Some(dir) = std::env::var_os("BROBYGGER_FUZZ_SEEDS") else {
        return;
    };
    let mut seed = std::fs::read(root.join("site.yaml")).unwrap_or_default();
    for e in walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let rel = e.path().strip_prefix(root).expect("under root");
        if e.path_is_symlink() || !e.file_type().is_file() || rel == Path::new("site.yaml") {
            continue;
        }
        let Ok(bytes) = std::fs::read(e.path()) else {
            continue;
        };
        if bytes.len() > 64 * 1024 {
            continue;
        }
        if !seed.ends_with(b"\n") {
            seed.push(b'\n');
        }
        seed.extend_from_slice(format!("@@ {}\n", rel.to_string_lossy()).as_bytes());
        seed.extend_from_slice(&bytes);
    }
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    seed.hash(&mut h);
    let dir = PathBuf::from(dir);
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join(format!("test-{:016x}", h.finish())), seed);
}
