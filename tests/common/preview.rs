//! A running `brobygger serve` for tests that talk to it over HTTP (tests/serve.rs,
//! tests/cms.rs, tests/language.rs): started on a free port, asked with GET and POST or a
//! request written as is, its log kept, stopped with Ctrl-C when dropped.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Preview {
    pub child: Child,
    /// `http://127.0.0.1:PORT/`
    pub url: String,
    /// Everything serve has printed on stderr so far.
    pub log: Arc<Mutex<String>>,
}

impl Preview {
    pub fn start(root: &Path) -> Preview {
        Preview::launch(root, &[], &[], None)
    }

    /// Starts serve with more arguments and environment variables.
    pub fn start_with(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Preview {
        Preview::launch(root, args, env, None)
    }

    /// Starts serve allowed to open at most `open_files` files and connections at once, as a
    /// desktop's default limit allows (1,024 on Linux).
    pub fn start_with_open_files(root: &Path, env: &[(&str, &str)], open_files: u32) -> Preview {
        Preview::launch(root, &[], env, Some(open_files))
    }

    fn launch(
        root: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        open_files: Option<u32>,
    ) -> Preview {
        let mut command = match open_files {
            Some(n) => super::command_under_ulimit(&format!("-n {n}")),
            None => super::command(),
        };
        let mut child = command
            .args(["serve", "--port", "0", "--root", root.to_str().unwrap()])
            .args(args)
            .envs(env.iter().copied())
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start serve");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut url = None;
        let log = Arc::new(Mutex::new(String::new()));
        let keep = |log: &Mutex<String>, line: &str| {
            log.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push_str(&format!("{line}\n"))
        };
        for line in lines.by_ref().map_while(Result::ok) {
            keep(&log, &line);
            // "serving the site at URL …", "viser sitet på URL …", "visar webbplatsen på URL …"
            if let Some(at) = line.find("http://") {
                url = Some(line[at..].split_whitespace().next().unwrap().to_string());
                break;
            }
        }
        let url = url.unwrap_or_else(|| panic!("serve did not start:\n{}", log.lock().unwrap()));
        // Keep reading, so serve never blocks on a full pipe.
        let sink = Arc::clone(&log);
        std::thread::spawn(move || lines.map_while(Result::ok).for_each(|l| keep(&sink, &l)));
        Preview { child, url, log }
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

    /// Sends a request exactly as written and returns the status code and the response.
    /// A connection that cannot be made within 10 seconds is code 0.
    pub fn send(&self, request: &str) -> (u16, String) {
        let addr = self.addr().parse().unwrap();
        let mut stream = match std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(10))
        {
            Ok(stream) => stream,
            Err(e) => return (0, format!("no connection: {e}")),
        };
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
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

    /// GETs `path` until `done` holds for its body (the preview rebuilds after a save).
    pub fn wait_for_page(&self, path: &str, done: impl Fn(&str) -> bool) -> String {
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
