//! `brobygger serve` as a facilitator uses it: the page in the browser follows every save, a
//! mistake shows up in the page, and nothing but the site's own files can be fetched.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `brobygger serve`, stopped with Ctrl-C (SIGINT) when dropped.
struct Serve {
    child: Child,
    url: String,
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Serve {
    fn start(root: &Path) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_brobygger"))
            .args(["serve", "--port", "0", "--root", root.to_str().unwrap()])
            .env("NO_COLOR", "1")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start serve");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut url = None;
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        for line in lines.by_ref() {
            let line = line.unwrap();
            log.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push_str(&format!("{line}\n"));
            if let Some(rest) = line.strip_prefix("serving the site at ") {
                url = Some(rest.split_whitespace().next().unwrap().to_string());
                break;
            }
        }
        let url = url.unwrap_or_else(|| panic!("serve did not start:\n{}", log.lock().unwrap()));
        let sink = std::sync::Arc::clone(&log);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                sink.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push_str(&format!("{line}\n"));
            }
        });
        Serve { child, url, log }
    }

    fn get(&self, path: &str) -> (u16, String) {
        let response = ureq::get(&format!("{}{}", self.url, path.trim_start_matches('/')))
            .config()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .call()
            .expect("request");
        let status = response.status().as_u16();
        let body = response.into_body().read_to_string().unwrap_or_default();
        (status, body)
    }

    fn status(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("/__brobygger/status").1).unwrap()
    }

    /// Waits until the status satisfies `done`.
    fn wait_for(&self, what: &str, done: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
        let start = Instant::now();
        loop {
            let status = self.status();
            if done(&status) {
                return status;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out waiting for {what}; last status: {status}\nlog:\n{}",
                self.log.lock().unwrap_or_else(|e| e.into_inner())
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends a request line exactly as written (no client would send some of these paths) and
    /// returns the status code and the body.
    fn raw(&self, path: &str) -> (u16, String) {
        let host = self.url.trim_start_matches("http://").trim_end_matches('/');
        let mut stream = std::net::TcpStream::connect(host).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let response = String::from_utf8_lossy(&response).into_owned();
        let code = response
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        (code, response)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
    }
}

/// The served address of a content file's page: `/challenges/tid-til-moeder/`.
fn page_of(file: &Path) -> String {
    format!(
        "/{}/{}/",
        file.parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap(),
        file.file_stem().unwrap().to_str().unwrap()
    )
}

fn generation(status: &serde_json::Value) -> String {
    status["generation"].as_str().unwrap().to_string()
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn edits_errors_and_deletions_reach_the_browser() {
    let dir = common::example_copy();
    let root = dir.path();
    let serve = Serve::start(root);

    // The page is served with the live reload script; a build of the same site has none.
    let (code, page) = serve.get("/challenges/manglende-mandat/");
    assert_eq!(code, 200);
    assert!(page.contains("<script src=\"/__brobygger/live.js\""));
    let before = serve.wait_for("the search index", |s| s["search_pending"] == false);

    // An edit: the new text is served, and only the pages that show the body changed.
    let item = root.join("content/challenges/manglende-mandat.md");
    let text = std::fs::read_to_string(&item).unwrap();
    std::fs::write(
        &item,
        format!("{text}\nEn sætning skrevet under forhåndsvisningen.\n"),
    )
    .unwrap();
    let after = serve.wait_for("the edit", |s| generation(s) != generation(&before));
    assert_eq!(
        strings(&after["changed"]),
        vec![
            "catalogue/index.html",
            "challenges/manglende-mandat/index.html"
        ]
    );
    let (_, page) = serve.get("/challenges/manglende-mandat/");
    assert!(page.contains("En sætning skrevet under forhåndsvisningen."));

    // A mistake: the status carries the error with file and line; the last good page stays.
    let broken = text.replacen("partners: [", "partners: [findes-ikke, ", 1);
    std::fs::write(&item, &broken).unwrap();
    let failed = serve.wait_for("the error", |s| {
        s["errors"].as_array().is_some_and(|e| !e.is_empty())
    });
    let error = &failed["errors"][0];
    assert_eq!(error["file"], "content/challenges/manglende-mandat.md");
    let line = broken
        .lines()
        .position(|l| l.contains("findes-ikke"))
        .unwrap()
        + 1;
    assert_eq!(error["line"], line);
    assert!(error["message"].as_str().unwrap().contains("findes-ikke"));
    assert_eq!(
        generation(&failed),
        generation(&after),
        "no new site while it has errors"
    );
    let (code, page) = serve.get("/challenges/manglende-mandat/");
    assert_eq!(code, 200);
    assert!(page.contains("En sætning skrevet under forhåndsvisningen."));

    // The event stream tells open pages the same.
    let events = ureq::get(&format!("{}__brobygger/events", serve.url))
        .call()
        .unwrap();
    let mut reader = BufReader::new(events.into_body().into_reader());
    let mut data = String::new();
    while !data.starts_with("data:") {
        data.clear();
        reader.read_line(&mut data).unwrap();
    }
    assert!(data.contains("findes-ikke"), "{data}");

    // The fix clears the errors.
    std::fs::write(&item, &text).unwrap();
    let fixed = serve.wait_for("the fix", |s| {
        s["errors"].as_array().is_some_and(|e| e.is_empty())
    });
    let (_, page) = serve.get("/challenges/manglende-mandat/");
    assert!(!page.contains("En sætning skrevet under forhåndsvisningen."));

    // A new item appears on its partner's page.
    let new_item = root.join("content/challenges/ny-udfordring.md");
    std::fs::write(
        &new_item,
        "---\ntitle: En helt ny udfordring\npartners: [riconfigure]\n---\nTekst.\n",
    )
    .unwrap();
    let added = serve.wait_for("the new item", |s| generation(s) != generation(&fixed));
    assert!(strings(&added["changed"]).contains(&"challenges/ny-udfordring/index.html".into()));
    let (_, partner) = serve.get("/partners/riconfigure/");
    assert!(partner.contains("challenges/ny-udfordring/"));

    // A deletion: the page is gone and its partner's page no longer lists it.
    std::fs::remove_file(&new_item).unwrap();
    let deleted = serve.wait_for("the deletion", |s| generation(s) != generation(&added));
    assert!(strings(&deleted["removed"]).contains(&"challenges/ny-udfordring/index.html".into()));
    assert!(strings(&deleted["changed"]).contains(&"partners/riconfigure/index.html".into()));
    let (code, _) = serve.get("/challenges/ny-udfordring/");
    assert_eq!(code, 404);
    let (_, partner) = serve.get("/partners/riconfigure/");
    assert!(!partner.contains("challenges/ny-udfordring/"));

    // Nothing was written into the site's folder.
    assert!(!root.join("public").exists());
}

#[test]
fn only_the_sites_files_are_served() {
    let dir = common::example_copy();
    let root = dir.path();
    std::fs::write(root.join("secret.txt"), "not for the web").unwrap();
    let serve = Serve::start(root);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/partners/%2e%2e/%2e%2e/secret.txt",
        "/partners/..%2f..%2fsecret.txt",
        "/partners/..\\..\\secret.txt",
        "/%5c..%5csecret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/site.yaml",
        "/content/partners/vive.md",
        "/data/",
    ] {
        let (code, body) = serve.raw(path);
        assert!(code == 404 || code == 400, "{path} gave {code}:\n{body}");
        assert!(!body.contains("not for the web"), "{path}");
        assert!(!body.contains("root:"), "{path}");
    }
    // A missing page gets the site's 404 page, with the status 404.
    let (code, body) = serve.get("/partners/findes-ikke/");
    assert_eq!(code, 404);
    assert!(body.contains("<html"), "{body}");
    // A folder without its slash is sent to it, so relative links work.
    let (code, _) = serve.raw("/partners/vive");
    assert_eq!(code, 308);
    // Content types.
    for (path, kind) in [
        ("/", "text/html"),
        ("/style.css", "text/css"),
        ("/search.js", "text/javascript"),
        ("/data/partners.csv", "text/csv"),
        ("/atom.xml", "xml"),
    ] {
        let response = ureq::get(&format!("{}{}", serve.url, path.trim_start_matches('/')))
            .call()
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(content_type.contains(kind), "{path}: {content_type}");
    }
}

#[test]
fn a_site_with_errors_at_start_is_served_once_fixed() {
    let dir = common::example_copy();
    let root = dir.path();
    let partner = root.join("content/partners/vive.md");
    let good = std::fs::read_to_string(&partner).unwrap();
    std::fs::write(&partner, good.replacen("sector:", "sektor:", 1)).unwrap();
    let serve = Serve::start(root);
    let status = serve.status();
    assert_eq!(status["errors"][0]["file"], "content/partners/vive.md");
    let (code, page) = serve.get("/");
    assert_eq!(code, 503);
    assert!(page.contains("/__brobygger/live.js"));
    std::fs::write(&partner, good).unwrap();
    serve.wait_for("the fix", |s| {
        s["errors"].as_array().is_some_and(|e| e.is_empty())
    });
    let (code, _) = serve.get("/partners/vive/");
    assert_eq!(code, 200);
}

#[test]
fn a_taken_port_is_named_with_the_way_out() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = common::brobygger(&[
        "serve",
        "--port",
        &port,
        "--root",
        common::repo().to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("port {port}")), "{stderr}");
    assert!(stderr.contains("--port"), "{stderr}");
}

#[test]
fn saves_of_every_shape_end_in_a_correct_site() {
    let dir = common::example_copy();
    let root = dir.path();
    let mut serve = Serve::start(root);
    let start = serve.wait_for("the search index", |s| s["search_pending"] == false);

    // An editor's atomic save: a temporary file renamed over the old one.
    let item = root.join("content/challenges/tid-til-moeder.md");
    let text = std::fs::read_to_string(&item).unwrap();
    let temporary = root.join("content/challenges/.tid-til-moeder.md.swp");
    std::fs::write(&temporary, format!("{text}\nGemt som en editor gemmer.\n")).unwrap();
    std::fs::rename(&temporary, &item).unwrap();
    let saved = serve.wait_for("the atomic save", |s| generation(s) != generation(&start));
    assert_eq!(
        strings(&saved["changed"]),
        vec![
            "catalogue/index.html",
            "challenges/tid-til-moeder/index.html"
        ]
    );

    // A burst, as from `git checkout`: forty files within a moment end in few rebuilds, and
    // the last one shows every change.
    let before = serve.status()["rebuilds"].as_u64().unwrap();
    let files: Vec<std::path::PathBuf> = ["challenges", "opportunities", "learnings"]
        .iter()
        .flat_map(|k| std::fs::read_dir(root.join("content").join(k)).unwrap())
        .map(|e| e.unwrap().path())
        .take(40)
        .collect();
    for (n, f) in files.iter().enumerate() {
        let text = std::fs::read_to_string(f).unwrap();
        std::fs::write(f, format!("{text}\nSkift nummer {n}.\n")).unwrap();
    }
    let last = files.last().unwrap();
    let last_page = page_of(last);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !serve
        .get(&last_page)
        .1
        .contains(&format!("Skift nummer {}.", files.len() - 1))
    {
        assert!(
            Instant::now() < deadline,
            "the burst never reached {last_page}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let after = serve.wait_for("the burst to settle", |s| s["search_pending"] == false);
    let rebuilds = after["rebuilds"].as_u64().unwrap() - before;
    assert!(
        (1..=4).contains(&rebuilds),
        "{} files saved in a burst took {rebuilds} rebuilds",
        files.len()
    );
    for (n, f) in files.iter().enumerate() {
        let page = page_of(f);
        assert!(
            serve.get(&page).1.contains(&format!("Skift nummer {n}.")),
            "{page}"
        );
    }

    // A renamed file: the old page goes, the new one comes.
    let old = root.join("content/pages/udkast.md");
    let new = root.join("content/pages/referat.md");
    std::fs::write(&old, "---\ntitle: Referat\n---\nFra mødet.\n").unwrap();
    serve.wait_for("the new page", |s| {
        strings(&s["changed"]).contains(&"pages/udkast/index.html".into())
    });
    std::fs::rename(&old, &new).unwrap();
    serve.wait_for("the rename", |s| {
        strings(&s["removed"]).contains(&"pages/udkast/index.html".into())
    });
    assert_eq!(serve.get("/pages/referat/").0, 200);
    assert_eq!(serve.get("/pages/udkast/").0, 404);

    // A new folder with a file in it, then the folder removed.
    let folder = root.join("content/pages/arkiv");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("notat.md"),
        "---\ntitle: Notat\n---\nGammelt notat.\n",
    )
    .unwrap();
    serve.wait_for("the new folder", |s| {
        strings(&s["changed"]).contains(&"pages/notat/index.html".into())
    });
    std::fs::remove_dir_all(&folder).unwrap();
    serve.wait_for("the removed folder", |s| {
        strings(&s["removed"]).contains(&"pages/notat/index.html".into())
    });

    // A static file is copied alone.
    std::fs::create_dir_all(root.join("static")).unwrap();
    let generation_before = generation(&serve.status());
    std::fs::write(root.join("static/plan.txt"), "møde kl. 10").unwrap();
    let copied = serve.wait_for("the static file", |s| generation(s) != generation_before);
    assert_eq!(strings(&copied["changed"]), vec!["plan.txt"]);
    assert_eq!(serve.get("/plan.txt").1, "møde kl. 10");

    // site.yaml: every page shows the new title.
    let site_yaml = root.join("site.yaml");
    let settings = std::fs::read_to_string(&site_yaml).unwrap();
    std::fs::write(
        &site_yaml,
        settings.replacen(
            "title: Partnerskaber i praksis",
            "title: Broer mellem sektorer",
            1,
        ),
    )
    .unwrap();
    serve.wait_for("the new title", |s| strings(&s["changed"]).len() > 100);
    assert!(
        serve
            .get("/partners/vive/")
            .1
            .contains("Broer mellem sektorer")
    );

    // Ctrl-C stops it cleanly.
    let _ = Command::new("kill")
        .args(["-INT", &serve.child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = serve.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "serve did not stop at Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    std::thread::sleep(Duration::from_millis(100));
    assert!(serve.log.lock().unwrap().contains("stopped"));
}
