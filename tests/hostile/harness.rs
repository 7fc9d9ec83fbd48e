//! Building a row's site with the real binary, and what every row asserts about the result.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// How long one build may take before the row fails as a hang. Debug builds of the largest
/// rows take a few seconds, and a minute or more on a machine busy with other builds (writing
/// 10,000 tag pages waits on the disk); a hang is forever.
pub const TIME_LIMIT: Duration = Duration::from_secs(180);

/// What the previous build left in the output folder: a row that fails must leave it so.
pub const PREVIOUS: &str = "previous site";

/// A small valid site (two partners, a partnership, a challenge) every row starts from. It is
/// an English site, since the rows check the errors' English text, the reference wording.
pub const BASE: &[(&str, &str)] = &[
    (
        "site.yaml",
        "title: Testvidensbase\nlanguage: en\nsectors:\n  research: Forskning\n  public: Offentlig sektor\n",
    ),
    (
        "content/partners/vive.md",
        "---\nname: VIVE\nsector: research\n---\nEt forskningsmiljø.\n",
    ),
    (
        "content/partners/kommune.md",
        "---\nname: Kommunen\nsector: public\n---\nEn kommune.\n",
    ),
    (
        "content/partnerships/samarbejde.md",
        "---\ntitle: Samarbejdet\npartners: [vive, kommune]\nfacilitator: vive\n---\nEt partnerskab mellem [[vive]] og [[kommune]].\n",
    ),
    (
        "content/challenges/tid.md",
        "---\ntitle: Tid til møder\nnumber: 1\npartners: [vive]\npartnerships: [samarbejde]\ndate: 2020-01-01\n---\nDet er svært at finde tid.\n",
    ),
];

/// A site in a fresh folder `TMP/site`, with a previous build in `TMP/out`. Nothing else is
/// in `TMP`, so anything a build writes outside the output shows up there.
pub struct Site {
    pub tmp: tempfile::TempDir,
    pub root: PathBuf,
    pub out: PathBuf,
    pub args: Vec<String>,
}

impl Site {
    /// The base site.
    pub fn new() -> Site {
        let site = Site::empty();
        for (path, text) in BASE {
            site.file(path, text);
        }
        site
    }

    /// A site folder with no files.
    pub fn empty() -> Site {
        let tmp = tempfile::Builder::new()
            .prefix("brobygger-hostile-")
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

    /// Builds the site into `out` with the real binary.
    pub fn build(&self) -> Outcome<'_> {
        self.build_as(None)
    }

    /// Builds the site as the user `uid` (see [`unprivileged`]).
    pub fn build_as(&self, uid: Option<u32>) -> Outcome<'_> {
        dump_seed(&self.root);
        let before = Snapshot::of(self);
        let mut args: Vec<String> = vec![
            "build".into(),
            "--root".into(),
            self.root.display().to_string(),
            "--output".into(),
            self.out.display().to_string(),
        ];
        args.extend(self.args.iter().cloned());
        let (status, stderr) = run(&args, uid);
        Outcome {
            site: self,
            status,
            stderr,
            before,
        }
    }
}

/// The user to run a build as for rows about permissions: as root, permissions do not stop
/// reading or writing, so such rows run the build as `nobody` (65534), with the temporary
/// folder opened to it; otherwise the tests' own user, as it is. Either way the build meets
/// the permission it is denied.
#[cfg(unix)]
pub fn unprivileged(site: &Site) -> Option<u32> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let me = std::fs::metadata("/proc/self").map_or(1, |m| m.uid());
    if me != 0 {
        return None;
    }
    const NOBODY: u32 = 65534;
    for e in walkdir::WalkDir::new(site.tmp.path()).into_iter().flatten() {
        if e.path_is_symlink() {
            continue;
        }
        let p = e.path();
        let mode = std::fs::metadata(p)
            .map(|m| m.permissions().mode())
            .unwrap_or(0);
        // Leave files a row made unreadable as they are; open the rest to `nobody`.
        if e.file_type().is_dir() && mode & 0o700 == 0o700 {
            let _ = std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755));
        }
        if p.starts_with(&site.out) || p == site.tmp.path() {
            let _ = std::os::unix::fs::chown(p, Some(NOBODY), Some(NOBODY));
        }
    }
    Some(NOBODY)
}

/// Runs `brobygger` with `args`, failing the row if it takes longer than [`TIME_LIMIT`].
/// `uid` runs it as another user (for rows about permissions, when the tests run as root).
pub fn run(args: &[String], uid: Option<u32>) -> (ExitStatus, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_brobygger"));
    command
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    if let Some(uid) = uid {
        use std::os::unix::process::CommandExt;
        command.uid(uid).gid(uid);
    }
    let mut child = command.spawn().expect("run brobygger");
    let mut pipe = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = pipe.read_to_end(&mut s);
        String::from_utf8_lossy(&s).into_owned()
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for brobygger") {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "brobygger {} did not finish within {TIME_LIMIT:?}: it hangs",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stderr = reader.join().expect("read stderr");
    (status, stderr)
}

/// Every file under a folder, relative, with its bytes; links are listed, not followed.
#[derive(Debug, PartialEq, Eq)]
pub struct Tree(pub BTreeMap<String, Vec<u8>>);

impl Tree {
    pub fn of(dir: &Path) -> Tree {
        let mut files = BTreeMap::new();
        for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("under dir")
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = if e.path_is_symlink() {
                format!("-> {:?}", std::fs::read_link(e.path()).ok()).into_bytes()
            } else if e.file_type().is_file() {
                std::fs::read(e.path()).unwrap_or_else(|e| format!("unreadable: {e}").into_bytes())
            } else {
                b"(folder)".to_vec()
            };
            files.insert(rel, bytes);
        }
        Tree(files)
    }
}

/// The temporary folder's entries, the site and the output before a build.
pub struct Snapshot {
    entries: Vec<String>,
    site: Tree,
    out: Tree,
}

impl Snapshot {
    fn of(site: &Site) -> Snapshot {
        Snapshot {
            entries: entries(site.tmp.path()),
            site: Tree::of(&site.root),
            out: Tree::of(&site.out),
        }
    }
}

/// The names in a folder, sorted.
pub fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

pub struct Outcome<'a> {
    pub site: &'a Site,
    pub status: ExitStatus,
    pub stderr: String,
    before: Snapshot,
}

impl Outcome<'_> {
    fn context(&self) -> String {
        format!("exit {:?}; stderr was:\n{}", self.status, self.stderr)
    }

    /// Never a panic, and the site's own files and the folder around it are as they were.
    fn common(&self) {
        let context = self.context();
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("RUST_BACKTRACE"),
            "the build panicked; {context}"
        );
        assert!(
            self.status.code().is_some(),
            "the build was killed by a signal (an abort?); {context}"
        );
        assert_eq!(
            Tree::of(&self.site.root),
            self.before.site,
            "the build changed the site's own files; {context}"
        );
        let new: Vec<String> = entries(self.site.tmp.path())
            .into_iter()
            .filter(|e| !self.before.entries.contains(e))
            .collect();
        assert_eq!(
            new,
            Vec::<String>::new(),
            "the build wrote or left something beside the output folder; {context}"
        );
    }

    /// The previous output is exactly as it was.
    fn nothing_written(&self) {
        assert_eq!(
            Tree::of(&self.site.out),
            self.before.out,
            "the output folder changed; {}",
            self.context()
        );
    }

    /// The build failed with an error `code` at `at` (`file:line:column`, or `file` for a
    /// problem with the file as a whole), whose message holds `message` and whose `help:`
    /// holds `help`; and nothing was written.
    pub fn error(&self, code: &str, at: &str, message: &str, help: &str) -> &Self {
        self.common();
        let context = self.context();
        assert_eq!(self.status.code(), Some(1), "exit code; {context}");
        let blocks = diagnostics(&self.stderr);
        let Some(block) = blocks.iter().find(|b| {
            b.starts_with(&format!("error[{code}]: ")) && points_at(b, at) && b.contains(message)
        }) else {
            panic!("no error[{code}] at `{at}` saying `{message}`; {context}");
        };
        assert!(
            block
                .lines()
                .any(|l| l.starts_with("help: ") && l.contains(help)),
            "the error should have a `help:` with `{help}`; {context}"
        );
        assert!(
            self.stderr
                .lines()
                .any(|l| l.starts_with("error: the site was not built: ")
                    && l.ends_with("(nothing was written)")),
            "the summary line is missing; {context}"
        );
        self.nothing_written();
        self
    }

    /// The build failed, said why, and wrote nothing.
    pub fn failed(&self) -> &Self {
        self.common();
        let context = self.context();
        assert_eq!(self.status.code(), Some(1), "exit code; {context}");
        assert!(
            self.stderr.lines().any(|l| l.starts_with("error")),
            "a failed build says why; {context}"
        );
        self.nothing_written();
        self
    }

    /// The build refused or could not write the output: one `error:` line holding `message`.
    pub fn output_error(&self, message: &str) -> &Self {
        self.common();
        let context = self.context();
        assert_eq!(self.status.code(), Some(1), "exit code; {context}");
        assert!(
            self.stderr
                .lines()
                .any(|l| l.starts_with("error: ") && l.contains(message)),
            "expected an error saying `{message}`; {context}"
        );
        self
    }

    /// The site was built, and the output is safe for readers.
    pub fn built(&self) -> Built {
        self.common();
        let context = self.context();
        assert_eq!(
            self.status.code(),
            Some(0),
            "the site should build; {context}"
        );
        assert!(
            !self.stderr.lines().any(|l| l.starts_with("error")),
            "no errors expected; {context}"
        );
        let built = Built {
            out: self.site.out.clone(),
        };
        assert_ne!(
            std::fs::read_to_string(built.out.join("index.html")).unwrap_or_default(),
            PREVIOUS,
            "the previous site should be replaced"
        );
        assert_safe(&built.out);
        built
    }
}

pub struct Built {
    pub out: PathBuf,
}

impl Built {
    pub fn read(&self, path: &str) -> String {
        let p = self.out.join(path);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()))
    }

    /// The text a reader sees on a page (tags gone, character references decoded).
    pub fn text(&self, path: &str) -> String {
        let page = scraper::Html::parse_document(&self.read(path));
        page.root_element().text().collect::<String>()
    }

    pub fn exists(&self, path: &str) -> bool {
        self.out.join(path).exists()
    }
}

/// The rendered diagnostics: each starts at a line `error[code]: ...` or `warning[code]: ...`.
pub fn diagnostics(stderr: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    for line in stderr.lines() {
        if line.starts_with("error[") || line.starts_with("warning[") {
            blocks.push(String::new());
        }
        if let Some(b) = blocks.last_mut() {
            b.push_str(line);
            b.push('\n');
        }
    }
    blocks
}

/// Whether a diagnostic's `-->` line names `at` (a bare file also matches it with a position).
fn points_at(block: &str, at: &str) -> bool {
    let file_only = !at.contains(':');
    block
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .any(|loc| {
            loc == at
                || (file_only
                    && loc
                        .strip_prefix(at)
                        .is_some_and(|rest| rest.starts_with(':')))
        })
}

// ---------------------------------------------------------------------------------------------
// What a safe output is.

/// Whether a browser would run `url` as script when it is followed or loaded: the scheme as
/// the URL standard reads it (leading and trailing C0 controls and spaces stripped, tabs and
/// newlines removed anywhere). Written here independently of the generator's own check.
pub fn runs_script(url: &str) -> bool {
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    if !scheme
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return false;
    }
    match scheme.to_ascii_lowercase().as_str() {
        "javascript" | "vbscript" => true,
        "data" => {
            let media = rest.trim_start().to_ascii_lowercase();
            ![
                "image/png",
                "image/jpeg",
                "image/gif",
                "image/webp",
                "image/avif",
            ]
            .iter()
            .any(|m| media.starts_with(m))
        }
        _ => false,
    }
}

/// Every file of a built site is safe for readers: see the module's documentation.
pub fn assert_safe(out: &Path) {
    for e in walkdir::WalkDir::new(out).into_iter().flatten() {
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(out)
            .expect("under out")
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(e.path()).expect("read an output file");
        let name = rel.rsplit('/').next().unwrap_or(&rel).to_string();
        if name.ends_with(".html") {
            assert_safe_html(&rel, &String::from_utf8(bytes).expect("pages are UTF-8"));
        } else if name.ends_with(".xml") || name.ends_with(".gexf") {
            assert_safe_xml(&rel, &String::from_utf8(bytes).expect("XML is UTF-8"));
        } else if name.ends_with(".json") {
            let text = String::from_utf8(bytes).expect("JSON is UTF-8");
            if let Err(e) = serde_json::from_str::<serde_json::Value>(&text) {
                panic!("{rel} is not valid JSON: {e}");
            }
            assert!(!text.contains('<'), "{rel}: a raw `<` in JSON");
        } else if rel.starts_with("search/") && name.ends_with(".js") && rel != "search/stem.js" {
            // The index's files hold the site's text; `stem.js` is the theme's stemmer, code
            // whose comparisons use `<`.
            let text = String::from_utf8(bytes).expect("the search index is UTF-8");
            assert!(!text.contains('<'), "{rel}: a raw `<` in a script file");
        } else if name.ends_with(".csv") {
            assert_safe_csv(&rel, &bytes);
        }
    }
}

fn assert_safe_html(rel: &str, html: &str) {
    let page = scraper::Html::parse_document(html);
    let all = scraper::Selector::parse("*").expect("selector");
    for el in page.select(&all) {
        let v = el.value();
        let tag = v.name();
        let shown = || el.html().chars().take(200).collect::<String>();
        assert!(
            !matches!(
                tag,
                "iframe" | "object" | "embed" | "base" | "frame" | "frameset" | "applet"
            ),
            "{rel}: a <{tag}> element: {}",
            shown()
        );
        if tag == "script" {
            let src = v.attr("src").unwrap_or_default();
            assert!(
                rel == "search/index.html"
                    && (src.ends_with("search.js") || src.ends_with("search/index.js"))
                    && el.inner_html().trim().is_empty(),
                "{rel}: a script that is not the theme's: {}",
                shown()
            );
        }
        for (attr, value) in v.attrs() {
            let attr = attr.to_ascii_lowercase();
            assert!(
                !attr.starts_with("on"),
                "{rel}: an event handler attribute: {}",
                shown()
            );
            assert!(attr != "style", "{rel}: a style attribute: {}", shown());
            if matches!(
                attr.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href" | "poster" | "data"
            ) {
                assert!(!runs_script(value), "{rel}: a script URL: {}", shown());
            }
        }
        if tag == "meta" && v.attr("http-equiv").is_some() {
            let content = v.attr("content").unwrap_or_default();
            let url = content
                .split_once("url=")
                .map_or("", |(_, u)| u)
                .to_string();
            assert!(
                !runs_script(&url),
                "{rel}: a refresh to a script URL: {}",
                shown()
            );
        }
    }
}

fn assert_safe_xml(rel: &str, text: &str) {
    let doc = match roxmltree::Document::parse(text) {
        Ok(d) => d,
        Err(e) => panic!("{rel} is not well-formed XML: {e}"),
    };
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name().to_ascii_lowercase();
        assert!(name != "script", "{rel}: a script element");
        for a in node.attributes() {
            assert!(
                !a.name().to_ascii_lowercase().starts_with("on"),
                "{rel}: an event handler attribute"
            );
            if a.name() == "href" {
                assert!(!runs_script(a.value()), "{rel}: a script URL");
            }
        }
    }
}

/// No cell a spreadsheet would run as a formula.
fn assert_safe_csv(rel: &str, bytes: &[u8]) {
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("{rel} is not valid CSV: {e}"));
        for cell in record.iter() {
            let formula = match cell.as_bytes().first() {
                Some(b'=' | b'+' | b'@' | b'\t' | b'\r') => true,
                Some(b'-') => cell.parse::<f64>().is_err(),
                _ => false,
            };
            assert!(
                !formula,
                "{rel}: a cell a spreadsheet runs as a formula: {cell:?}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Seeds for the fuzzer.

/// With `BROBYGGER_FUZZ_SEEDS=DIR`, every row's site is also written into DIR in the fuzz
/// target's format (site.yaml, then `@@ PATH` and each file), so the fuzzer starts from the
/// catalogue. Links and files over 64 KB are left out.
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
    let _ = std::fs::write(dir.join(format!("hostile-{:016x}", h.finish())), seed);
}
