//! A running `brobygger serve` for tests that talk to it over HTTP (tests/cms.rs): started on a
//! free port, asked with GET and POST, stopped with Ctrl-C when dropped.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

pub struct Preview {
    child: Child,
    /// `http://127.0.0.1:PORT/`
    pub url: String,
}

impl Preview {
    pub fn start(root: &Path) -> Preview {
        let mut child = super::command()
            .args(["serve", "--port", "0", "--root", root.to_str().unwrap()])
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start serve");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut said = String::new();
        let mut url = None;
        for line in lines.by_ref().map_while(Result::ok) {
            said.push_str(&line);
            said.push('\n');
            if let Some(at) = line.find("http://") {
                url = Some(line[at..].split_whitespace().next().unwrap().to_string());
                break;
            }
        }
        let url = url.unwrap_or_else(|| panic!("serve did not start:\n{said}"));
        // Keep reading, so serve never blocks on a full pipe.
        std::thread::spawn(move || lines.map_while(Result::ok).for_each(drop));
        Preview { child, url }
    }

    /// `127.0.0.1:PORT`
    pub fn addr(&self) -> &str {
        self.url.trim_start_matches("http://").trim_end_matches('/')
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        let response = ureq::get(&format!("{}{}", self.url, path.trim_start_matches('/')))
            .config()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .call()
            .expect("request");
        let status = response.status().as_u16();
        (
            status,
            response.into_body().read_to_string().unwrap_or_default(),
        )
    }

    /// POSTs `body` as JSON to `path`, as a page of the preview does (same Origin).
    pub fn post(&self, path: &str, body: &serde_json::Value) -> (u16, serde_json::Value) {
        let response = ureq::post(&format!("{}{}", self.url, path.trim_start_matches('/')))
            .header("Origin", self.url.trim_end_matches('/'))
            .header("Content-Type", "application/json")
            .config()
            .http_status_as_error(false)
            .build()
            .send(body.to_string())
            .expect("request");
        let status = response.status().as_u16();
        let text = response.into_body().read_to_string().unwrap_or_default();
        let value = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
        (status, value)
    }

    /// GETs `path` until `done` holds for its body (the preview rebuilds after a save).
    pub fn wait_for(&self, path: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (_, body) = self.get(path);
            if done(&body) {
                return body;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "{path} never changed as expected; last:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = std::process::Command::new("kill")
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
        let _ = self.child.wait();
    }
}
