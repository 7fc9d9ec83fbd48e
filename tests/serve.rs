//! `brobygger serve` as a facilitator uses it: the page in the browser follows every save, a
//! mistake shows up in the page, and nothing but the site's own files can be fetched, by
//! nobody but the facilitator's own browser, whatever a flood of clients does.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::preview::Preview as Serve;

/// What these tests ask of a running serve besides pages: its status, and requests written
/// byte by byte.
trait ServeExt {
    fn status(&self) -> serde_json::Value;
    fn wait_for(&self, what: &str, done: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value;
    fn port(&self) -> &str;
    fn raw(&self, path: &str) -> (u16, String);
}

impl ServeExt for Serve {
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

    fn port(&self) -> &str {
        self.addr().rsplit(':').next().unwrap()
    }

    /// Sends a request line exactly as written (no client would send some of these paths) and
    /// returns the status code and the response.
    fn raw(&self, path: &str) -> (u16, String) {
        let host = self.addr();
        self.send(&format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ))
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
fn the_page_corner_counts_the_warnings_check_shows() {
    let dir = common::example_copy();
    let root = dir.path();
    let checked = || {
        let o = common::brobygger(&["check", "--root", root.to_str().unwrap()]);
        common::diagnostics::diagnostics(&String::from_utf8_lossy(&o.stderr))
            .iter()
            .filter(|d| d.is_warning())
            .count() as u64
    };
    let expected = checked();
    assert!(expected > 1, "the example site has warnings");
    let serve = Serve::start(root);
    let note = |n: u64| format!("{n} advarsler; `brobygger check` viser dem");
    let status = serve.wait_for("the warnings counted", |s| {
        s["warnings"].as_u64() == Some(expected)
    });
    // The words in the corner of the page, in the site's language.
    assert_eq!(status["warnings_note"], note(expected));
    // The terminal says it too.
    serve.wait_for("the count in the terminal", |_| {
        serve.log.lock().unwrap().contains(&format!(
            "{expected} advarsler; `brobygger check --root {}` viser dem",
            root.display()
        ))
    });

    // A challenge no recommendation answers: one more, once the page has reloaded.
    let challenge = root.join("content/challenges/ny-udfordring.md");
    std::fs::write(&challenge, "---\ntitle: Ny udfordring\n---\nTekst.\n").unwrap();
    let more = serve.wait_for("one more warning", |s| {
        s["warnings"].as_u64() == Some(expected + 1)
    });
    assert_eq!(more["warnings_note"], note(expected + 1));
    assert_eq!(checked(), expected + 1);
    // Errors leave the last count standing; their fix counts again.
    std::fs::write(&challenge, "---\ntitel: Ny udfordring\n---\n").unwrap();
    serve.wait_for("the error", |s| {
        s["errors"].as_array().is_some_and(|e| !e.is_empty())
    });
    assert_eq!(serve.status()["warnings"].as_u64(), Some(expected + 1));
    std::fs::remove_file(&challenge).unwrap();
    serve.wait_for("the count after the fix", |s| {
        s["warnings"].as_u64() == Some(expected)
            && s["errors"].as_array().is_some_and(|e| e.is_empty())
    });
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
    // In the site's language (the example site's is Danish).
    assert!(serve.log.lock().unwrap().contains("\nstoppet\n"));
}

/// A request for `path` addressed to `host` (no `Host` header when `None`), with more headers.
fn request(path: &str, host: Option<&str>, headers: &[&str]) -> String {
    let mut text = format!("GET {path} HTTP/1.1\r\n");
    if let Some(host) = host {
        text.push_str(&format!("Host: {host}\r\n"));
    }
    for header in headers {
        text.push_str(&format!("{header}\r\n"));
    }
    text.push_str("Connection: close\r\n\r\n");
    text
}

#[test]
fn only_requests_for_the_previews_own_names_are_answered() {
    // DNS rebinding: a page at evil.example points its name at 127.0.0.1 and reads the
    // preview, drafts included, as its own site. The browser still says `Host: evil.example`.
    let dir = common::example_copy();
    let serve = Serve::start_with(dir.path(), &["--allow-host", "preview.test"], &[]);
    let port = serve.port().to_string();
    for path in [
        "/",
        "/partners/vive/",
        "/__brobygger/status",
        "/__brobygger/events",
        "/__brobygger/live.js",
    ] {
        for host in [
            Some("evil.example".to_string()),
            Some(format!("evil.example:{port}")),
            Some(format!("localhost.evil.example:{port}")),
            None,
        ] {
            let (code, response) = serve.send(&request(path, host.as_deref(), &[]));
            assert_eq!(code, 403, "{path} for {host:?}:\n{response}");
            assert!(!response.contains("<html"), "{path} for {host:?}");
            assert!(!response.contains("generation"), "{path} for {host:?}");
            if let Some(host) = &host {
                let name = host.split(':').next().unwrap();
                assert!(
                    response.contains(&format!("--allow-host {name}`")),
                    "{path} for {host:?} does not say how to allow it:\n{response}"
                );
            }
        }
    }
    // A request line naming another host is refused too, whatever the Host header says.
    let (code, _) = serve.send(&request("http://evil.example/", Some(serve.addr()), &[]));
    assert_eq!(code, 403);

    // The preview's own names, with or without the port, and the allowed name.
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "localhost".to_string(),
        "127.0.0.1".to_string(),
        format!("preview.test:{port}"),
        "Preview.Test".to_string(),
    ] {
        for path in ["/partners/vive/", "/__brobygger/status"] {
            let (code, response) = serve.send(&request(path, Some(&host), &[]));
            assert_eq!(code, 200, "{path} for {host}:\n{response}");
        }
    }

    // Another site's page cannot read the state, even through an allowed name.
    let host = Some(serve.addr());
    for header in [
        "Sec-Fetch-Site: cross-site",
        "Sec-Fetch-Site: same-site",
        "Origin: http://evil.example",
        "Origin: null",
    ] {
        let (code, _) = serve.send(&request("/__brobygger/status", host, &[header]));
        assert_eq!(code, 403, "{header}");
    }
    let same = format!("Origin: http://{}", serve.addr());
    for header in ["Sec-Fetch-Site: same-origin", &same] {
        let (code, _) = serve.send(&request("/__brobygger/status", host, &[header]));
        assert_eq!(code, 200, "{header}");
    }
    // A link from another site to a page is an ordinary visit.
    let (code, _) = serve.send(&request(
        "/partners/vive/",
        host,
        &["Sec-Fetch-Site: cross-site"],
    ));
    assert_eq!(code, 200);

    // The terminal says why, once.
    let log = serve.log.lock().unwrap().clone();
    assert_eq!(
        log.matches("afviste en forespørgsel til evil.example:")
            .count(),
        1,
        "{log}"
    );
    assert!(log.contains("--allow-host evil.example"), "{log}");
}

#[test]
fn a_name_that_is_not_a_host_name_cannot_be_allowed() {
    let out = common::brobygger(&[
        "serve",
        "--allow-host",
        "http://preview.test/",
        "--root",
        common::repo().to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not a host name"), "{stderr}");
}

/// Whether the server closed `stream` (reading what it sent before).
fn closed_by_server(mut stream: &std::net::TcpStream) -> bool {
    stream.set_nonblocking(true).unwrap();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return false,
            Err(_) => return true,
        }
    }
}

#[test]
fn a_flood_of_idle_and_slow_connections_does_not_lock_the_preview_out() {
    // A desktop's limit on open files, which a flood that is let in uses up (21,000 idle
    // connections once locked the facilitator out), and a short timeout, so the test sees
    // connections closed within seconds.
    let timeout = Duration::from_millis(1500);
    let dir = common::example_copy();
    let serve = Serve::start_with_open_files(
        dir.path(),
        &[(
            "BROBYGGER_SERVE_TIMEOUT_MS",
            &timeout.as_millis().to_string(),
        )],
        1024,
    );
    let addr = serve.addr().to_string();
    let files_before = open_files(&serve);

    // 2,000 connections that send nothing, and 200 that send half a request head and stall.
    let opened = Instant::now();
    let mut flood = Vec::new();
    let address = addr.parse().unwrap();
    for n in 0..2200 {
        let Ok(mut stream) = std::net::TcpStream::connect_timeout(&address, Duration::from_secs(3))
        else {
            // serve takes no more connections: the page below cannot be answered either.
            break;
        };
        if n % 11 == 0 {
            write!(stream, "GET / HTTP/1.1\r\nHost: {addr}\r\nX-Slow: ").unwrap();
        }
        flood.push(stream);
    }
    eprintln!(
        "opened {} connections in {:?}",
        flood.len(),
        opened.elapsed()
    );

    // The facilitator's browser still gets its page, at once.
    let asked = Instant::now();
    let (code, page) = serve.raw("/partners/vive/");
    let took = asked.elapsed();
    assert_eq!(code, 200, "with {} connections open:\n{page}", flood.len());
    assert!(page.contains("<html"));
    assert!(took < Duration::from_secs(2), "a page took {took:?}");
    eprintln!("a page during the flood took {took:?}");

    // A slowloris proper: one byte of a head every 100 ms.
    let drip = std::sync::Arc::new(std::net::TcpStream::connect(&addr).unwrap());
    let dripping = std::sync::Arc::clone(&drip);
    let host = addr.clone();
    std::thread::spawn(move || {
        let addr = host;
        let head = format!(
            "GET / HTTP/1.1\r\nHost: {addr}\r\nX-Slow: {}",
            "b".repeat(200)
        );
        for byte in head.as_bytes() {
            if (&*dripping).write_all(&[*byte]).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    // A browser's connection kept alive after its page.
    let mut kept = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        kept,
        "GET /__brobygger/live.js HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let mut first = [0u8; 64];
    let got = kept.read(&mut first).unwrap();
    assert!(String::from_utf8_lossy(&first[..got]).starts_with("HTTP/1.1 200"));
    assert!(!closed_by_server(&kept), "closed at once after its answer");

    // Clients that ask for a page 2,000 times at once and never read the answers: they fill
    // every buffer between them and serve.
    let readers: Vec<std::net::TcpStream> = (0..10)
        .map(|_| {
            let mut stream = std::net::TcpStream::connect(&addr).unwrap();
            stream
                .set_write_timeout(Some(Duration::from_secs(1)))
                .unwrap();
            let ask = format!("GET /partners/ HTTP/1.1\r\nHost: {addr}\r\n\r\n");
            let _ = stream.write_all(ask.repeat(2000).as_bytes());
            stream
        })
        .collect();

    // The server holds no more connections than its limit, half the files it may open.
    let files = open_files(&serve);
    eprintln!("serve holds {files} files");
    assert!(
        files <= 1024 / 2 + 64,
        "serve holds {files} files with {} connections open",
        flood.len()
    );

    // Every idle, stalled and dripping connection is closed once the timeout has passed.
    let deadline = Instant::now() + timeout + Duration::from_secs(5);
    let mut open: Vec<&std::net::TcpStream> = flood.iter().chain([&*drip, &kept]).collect();
    while !open.is_empty() {
        assert!(
            Instant::now() < deadline,
            "{} of {} connections still open {:?} after they were opened (timeout {timeout:?})",
            open.len(),
            flood.len() + 2,
            opened.elapsed()
        );
        std::thread::sleep(Duration::from_millis(100));
        open.retain(|s| !closed_by_server(s));
    }
    eprintln!("all closed {:?} after they were opened", opened.elapsed());
    // So are the clients that never read (reading them would let serve go on), as serve sees
    // it: it holds the files it held before the flood.
    while open_files(&serve) > files_before {
        assert!(
            Instant::now() < deadline,
            "serve holds {} files, {files_before} before the flood",
            open_files(&serve)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    drop(readers);
    let (code, _) = serve.get("/partners/vive/");
    assert_eq!(code, 200);
}

/// How many files (connections included) serve holds open.
fn open_files(serve: &Serve) -> usize {
    std::fs::read_dir(format!("/proc/{}/fd", serve.child.id()))
        .expect("serve's open files (/proc, on Linux)")
        .count()
}

#[test]
fn open_event_streams_cannot_fill_the_preview() {
    // An event stream lasts as long as its page; 600 of them, from a script that never closes
    // them, are more than serve holds at once (512, with 1,024 open files).
    let dir = common::example_copy();
    let serve = Serve::start_with_open_files(dir.path(), &[], 1024);
    let addr = serve.addr().to_string();
    let mut streams = Vec::new();
    for _ in 0..600 {
        let mut stream = std::net::TcpStream::connect(&addr).unwrap();
        // A stream serve had no room for is closed at once; the page below then fails too.
        let _ = write!(
            stream,
            "GET /__brobygger/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
        );
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut first = [0u8; 64];
        let _ = stream.read(&mut first);
        streams.push(stream);
    }
    // A page still answers: the oldest streams were closed to make room.
    let asked = Instant::now();
    let (code, page) = serve.raw("/partners/vive/");
    let took = asked.elapsed();
    assert_eq!(code, 200, "with 600 event streams open:\n{page}");
    assert!(took < Duration::from_secs(2), "a page took {took:?}");
    let closed = streams.iter().filter(|s| closed_by_server(s)).count();
    assert!(
        (88..600).contains(&closed),
        "{closed} of 600 event streams were closed"
    );
    assert!(!closed_by_server(streams.last().unwrap()));
}

#[test]
fn an_encoded_slash_does_not_open_a_folder() {
    // `/partners%2f` once served the partners index, whose relative links then led nowhere.
    let dir = common::example_copy();
    let serve = Serve::start(dir.path());
    let (code, index) = serve.raw("/partners/");
    assert_eq!(code, 200);
    assert!(index.contains("partners/vive/index.html"), "{index}");
    for path in [
        "/partners%2f",
        "/partners%2F",
        "/partners%2fvive%2f",
        "/partners/vive%2findex.html",
    ] {
        let (code, body) = serve.raw(path);
        assert_eq!(code, 404, "{path}:\n{body}");
        assert!(!body.contains("partners/vive/index.html"), "{path}");
    }
}
