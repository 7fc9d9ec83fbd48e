//! Installing without Rust: the release workflow, the GitLab recipe, the Dockerfile and its
//! build context, and the hosting recipes that download the released program. What can run
//! here runs (the workflow's archive step and a recipe's install step, against a release made
//! in a temporary folder); the rest is read and checked for what GitHub, GitLab and Docker
//! need. `.ci/packaging` adds the schema checks, hadolint and a static musl build.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The five programs of a release, and the runner each builds on.
const TARGETS: [(&str, &str); 5] = [
    ("x86_64-unknown-linux-musl", "ubuntu-"),
    ("aarch64-unknown-linux-musl", "ubuntu-"),
    ("x86_64-apple-darwin", "macos-"),
    ("aarch64-apple-darwin", "macos-"),
    ("x86_64-pc-windows-msvc", "windows-"),
];

/// The archive the hosting recipes download.
const LINUX: &str = "brobygger-x86_64-unknown-linux-musl";

/// Read through the project's own YAML reader, so the test follows it if the crate changes.
fn yaml(name: &str, text: &str) -> Value {
    brobygger::base::yaml::parse::<Value>(name, text, &[]).unwrap_or_else(|d| {
        panic!(
            "{name} is not valid YAML:\n{}",
            brobygger::base::diagnostic::render(&d, false)
        )
    })
}

fn workflow() -> Value {
    let path = ".github/workflows/release.yml";
    yaml(path, &read(&repo().join(path)))
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// Every `run:` of a job's steps, in order, one after the other.
fn runs(job: &Value) -> String {
    steps(job)
        .iter()
        .map(|s| str_of(&s["run"]).to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn steps(job: &Value) -> Vec<Value> {
    job["steps"].as_array().cloned().unwrap_or_default()
}

fn step<'a>(job: &'a Value, name: &str) -> &'a Value {
    job["steps"]
        .as_array()
        .and_then(|s| s.iter().find(|s| str_of(&s["name"]) == name))
        .unwrap_or_else(|| panic!("no step named {name:?}"))
}

/// A GitHub tag filter with `*` only (what the workflow uses).
fn glob(pattern: &str, s: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == s,
        Some((head, tail)) => {
            s.starts_with(head)
                && (0..=s.len() - head.len())
                    .any(|i| s.is_char_boundary(head.len() + i) && glob(tail, &s[head.len() + i..]))
        }
    }
}

#[test]
fn release_workflow_runs_on_a_version_tag_and_checks_it_against_cargo_toml() {
    let w = workflow();
    let on = w["on"].as_object().expect("on: is a mapping");
    assert_eq!(
        on.keys().collect::<Vec<_>>(),
        ["push"],
        "only a push starts it"
    );
    let push = on["push"].as_object().unwrap();
    assert_eq!(push.keys().collect::<Vec<_>>(), ["tags"], "only a tag push");
    let tags: Vec<&str> = push["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(str_of)
        .collect();
    let starts = |tag: &str| tags.iter().any(|p| glob(p, tag));
    assert!(starts("v0.2.0") && starts("v1.10.3"), "{tags:?}");
    assert!(!starts("0.2.0") && !starts("main"), "{tags:?}");

    assert_eq!(str_of(&w["permissions"]["contents"]), "read");
    let version = &w["jobs"]["version"];
    let check = runs(version);
    assert!(
        check.contains("Cargo.toml")
            && check.contains("GITHUB_REF_NAME")
            && check.contains("exit 1"),
        "{check}"
    );
    assert_eq!(str_of(&w["jobs"]["build"]["needs"]), "version");
}

#[test]
fn release_workflow_builds_the_five_programs_static_checked_and_archived() {
    let w = workflow();
    let build = &w["jobs"]["build"];
    let include = build["strategy"]["matrix"]["include"]
        .as_array()
        .expect("a matrix of targets");
    let mut targets: Vec<&str> = include.iter().map(|e| str_of(&e["target"])).collect();
    targets.sort();
    let mut wanted: Vec<&str> = TARGETS.iter().map(|(t, _)| *t).collect();
    wanted.sort();
    assert_eq!(targets, wanted);
    for (target, os) in TARGETS {
        let entry = include.iter().find(|e| e["target"] == target).unwrap();
        assert!(str_of(&entry["os"]).starts_with(os), "{target}: {entry}");
        // Linux through cargo-zigbuild (musl, and arm64 without a cross toolchain).
        assert_eq!(
            entry["tool"] == "zigbuild",
            target.contains("linux-musl"),
            "{target}"
        );
    }
    let windows = include
        .iter()
        .find(|e| e["os"] == "windows-latest")
        .unwrap();
    assert!(str_of(&windows["rustflags"]).contains("+crt-static"));
    assert_eq!(str_of(&build["runs-on"]), "${{ matrix.os }}");

    // A misspelt matrix key is an empty string on GitHub, silently: each one used is defined.
    let text = build.to_string();
    for used in text.split("${{ matrix.").skip(1) {
        let key = used.split([' ', '}']).next().unwrap();
        assert!(
            include.iter().any(|e| e.get(key).is_some()),
            "matrix.{key} is used but no target defines it"
        );
    }

    let all = runs(build);
    for line in [
        "cargo zigbuild --release --locked --target ${{ matrix.target }}",
        "cargo build --release --locked --target ${{ matrix.target }}",
        "rustup toolchain install stable --profile minimal --target ${{ matrix.target }}",
        "pip install ziglang cargo-zigbuild",
    ] {
        assert!(all.contains(line), "no {line:?} in the build job");
    }
    let statik = step(build, "Static linking (Linux)");
    assert_eq!(str_of(&statik["if"]), "matrix.tool == 'zigbuild'");
    let check = str_of(&statik["run"]);
    for words in [
        "statically linked|static-pie linked",
        "ldd",
        "not a dynamic executable|statically linked",
    ] {
        assert!(check.contains(words), "{check}");
    }
    let smoke = str_of(&step(build, "The binary runs (native targets)")["run"]);
    assert!(smoke.contains("init smoke-site") && smoke.contains("build --root smoke-site"));
    let archive = str_of(&step(build, "Archive and checksum")["run"]);
    assert!(archive.contains("sha256sum") && archive.contains("shasum -a 256"));
    let upload = steps(build)
        .into_iter()
        .find(|s| str_of(&s["uses"]).starts_with("actions/upload-artifact@"))
        .expect("the archives are uploaded");
    assert_eq!(str_of(&upload["with"]["if-no-files-found"]), "error");
}

#[test]
fn release_job_checks_every_checksum_and_attaches_every_file() {
    let w = workflow();
    let release = &w["jobs"]["release"];
    assert_eq!(str_of(&release["needs"]), "build");
    assert_eq!(str_of(&release["permissions"]["contents"]), "write");
    let download = steps(release)
        .into_iter()
        .find(|s| str_of(&s["uses"]).starts_with("actions/download-artifact@"))
        .expect("the archives are downloaded");
    assert_eq!(download["with"]["merge-multiple"], true);
    let all = runs(release);
    let verify = all.find("sha256sum -c").expect("checksums verified");
    let sums = all.find("> SHA256SUMS").expect("one SHA256SUMS file");
    let publish = all.find("gh release create").expect("a GitHub release");
    assert!(verify < sums && sums < publish, "{all}");
    assert!(all.contains("dist/*"), "every file is attached: {all}");
}

/// The YAML or TOML block of a Markdown file whose first line is `# NAME`.
fn block(markdown: &str, name: &str) -> String {
    let first = format!("# {name}\n");
    markdown
        .split("```")
        .skip(1)
        .step_by(2)
        .filter_map(|b| b.split_once('\n').map(|(_, body)| body))
        .find(|body| body.starts_with(&first))
        .unwrap_or_else(|| panic!("no block starting with {first:?}"))
        .to_string()
}

#[test]
fn gitlab_recipe_builds_the_same_programs_on_a_version_tag() {
    let text = block(&read(&repo().join("docs/releasing.md")), ".gitlab-ci.yml");
    let ci = yaml("docs/releasing.md", &text);
    let rule = str_of(&ci[".on-version-tag"]["rules"][0]["if"]);
    assert!(rule.starts_with("$CI_COMMIT_TAG =~ /^v"), "{rule}");
    for job in ["build", "upload", "release"] {
        assert_eq!(str_of(&ci[job]["extends"]), ".on-version-tag", "{job}");
    }
    let build = &ci["build"];
    let targets: Vec<&str> = build["parallel"]["matrix"][0]["TARGET"]
        .as_array()
        .unwrap()
        .iter()
        .map(str_of)
        .collect();
    let expected: Vec<String> = TARGETS
        .iter()
        .map(|(t, _)| t.replace("windows-msvc", "windows-gnu"))
        .collect();
    assert_eq!(targets, expected);
    let script = build["script"]
        .as_array()
        .unwrap()
        .iter()
        .map(str_of)
        .collect::<Vec<_>>()
        .join("\n");
    for words in [
        "Cargo.toml | head -n 1)\" = \"$CI_COMMIT_TAG\"",
        "cargo zigbuild --release --locked --target \"$TARGET\"",
        "not a dynamic executable|statically linked",
        "sha256sum",
    ] {
        assert!(script.contains(words), "no {words:?} in\n{script}");
    }
    let upload = ci["upload"]["script"]
        .as_array()
        .unwrap()
        .iter()
        .map(str_of)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(upload.contains("sha256sum -c") && upload.contains("SHA256SUMS"));
    let links: Vec<&str> = ci["release"]["release"]["assets"]["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| str_of(&l["name"]))
        .collect();
    for target in &expected {
        let archive = if target.contains("windows") {
            "zip"
        } else {
            "tar.gz"
        };
        assert!(
            links.contains(&format!("brobygger-{target}.{archive}").as_str()),
            "{links:?}"
        );
    }
    assert!(links.contains(&"SHA256SUMS"));
}

#[test]
fn hosting_recipes_download_the_released_program_and_check_its_checksum() {
    let hosting = read(&repo().join("docs/hosting.md"));
    let url = "https://github.com/YOUR-ORG/brobygger/releases/download/$BROBYGGER_VERSION/$file";
    let check = "echo \"$BROBYGGER_SHA256  ";
    for name in [
        ".github/workflows/pages.yml",
        ".gitlab-ci.yml",
        "netlify.toml",
    ] {
        let recipe = block(&hosting, name);
        assert!(recipe.contains(&format!("file={LINUX}.tar.gz")), "{name}");
        assert!(recipe.contains(url), "{name}: downloads the release");
        assert!(
            recipe.contains(check) && recipe.contains("| sha256sum -c -"),
            "{name}"
        );
        assert!(
            recipe.find("sha256sum -c").unwrap() < recipe.find("tar -xzf").unwrap(),
            "{name}: checked before it is unpacked"
        );
        assert!(recipe.contains("BROBYGGER_VERSION") && recipe.contains("BROBYGGER_SHA256"));
        assert!(!recipe.contains("cargo "), "{name}: nothing is compiled");
    }
    let github = yaml("pages.yml", &block(&hosting, ".github/workflows/pages.yml"));
    let job = &github["jobs"]["build"];
    assert_eq!(str_of(&job["env"]["BROBYGGER_VERSION"]), "v0.2.0");
    let names: Vec<String> = steps(job)
        .iter()
        .map(|s| format!("{}{}", str_of(&s["name"]), str_of(&s["run"])))
        .collect();
    let install = names
        .iter()
        .position(|s| s.starts_with("Install brobygger"))
        .unwrap();
    let build = names
        .iter()
        .position(|s| s.starts_with("brobygger build"))
        .unwrap();
    assert!(install < build, "{names:?}");
    let gitlab = yaml(".gitlab-ci.yml", &block(&hosting, ".gitlab-ci.yml"));
    assert_eq!(
        str_of(&gitlab["pages"]["variables"]["BROBYGGER_VERSION"]),
        "v0.2.0"
    );
    assert_eq!(str_of(&gitlab["pages"]["artifacts"]["paths"][0]), "public");
}

/// Runs a workflow `run:` script as GitHub does (`bash -e -o pipefail`), in `dir`.
fn bash(script: &str, dir: &Path, env: &[(&str, &str)]) -> std::process::Output {
    Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(dir)
        .envs(env.iter().copied())
        .output()
        .expect("run bash")
}

/// The release's archive for Linux, made by the workflow's own archive step from this build's
/// binary standing in for the musl one; returns the release folder and the checksum.
fn fake_release(tmp: &Path) -> (PathBuf, String) {
    let work = tmp.join("work");
    let bin = work.join("target/x86_64-unknown-linux-musl/release");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_brobygger"), bin.join("brobygger")).unwrap();
    std::fs::copy(repo().join("README.md"), work.join("README.md")).unwrap();
    let w = workflow();
    let script = str_of(&step(&w["jobs"]["build"], "Archive and checksum")["run"])
        .replace("${{ matrix.target }}", "x86_64-unknown-linux-musl")
        .replace("${{ matrix.archive }}", "tar.gz");
    let o = bash(&script, &work, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let releases = tmp.join("releases");
    let version = releases.join("v0.2.0");
    std::fs::create_dir_all(&version).unwrap();
    let archive = format!("{LINUX}.tar.gz");
    std::fs::copy(work.join("dist").join(&archive), version.join(&archive)).unwrap();
    let sum = read(&work.join("dist").join(format!("{archive}.sha256")));
    let (sum, file) = sum.trim().split_once("  ").unwrap();
    assert_eq!(file, archive);
    (releases, sum.to_string())
}

#[test]
fn the_pages_recipe_installs_a_release_archive_and_refuses_a_wrong_checksum() {
    let tmp = tempfile::tempdir().unwrap();
    let (releases, sum) = fake_release(tmp.path());
    let hosting = read(&repo().join("docs/hosting.md"));
    let pages = yaml("pages.yml", &block(&hosting, ".github/workflows/pages.yml"));
    let job = &pages["jobs"]["build"];
    let install = str_of(&step(job, "Install brobygger")["run"]).replace(
        "https://github.com/YOUR-ORG/brobygger/releases/download",
        &format!("file://{}", releases.display()),
    );
    let version = str_of(&job["env"]["BROBYGGER_VERSION"]);

    for (label, checksum, works) in [
        ("right", sum.as_str(), true),
        ("wrong", &"0".repeat(64), false),
    ] {
        let runner = tmp.path().join(format!("runner-{label}"));
        let site = tmp.path().join(format!("site-{label}"));
        std::fs::create_dir_all(&runner).unwrap();
        std::fs::create_dir_all(&site).unwrap();
        let github_path = runner.join("github_path");
        let o = bash(
            &install,
            &site,
            &[
                ("BROBYGGER_VERSION", version),
                ("BROBYGGER_SHA256", checksum),
                ("RUNNER_TEMP", runner.to_str().unwrap()),
                ("GITHUB_PATH", github_path.to_str().unwrap()),
            ],
        );
        assert_eq!(
            o.status.success(),
            works,
            "{label}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        if works {
            let dir = read(&github_path);
            let program = Path::new(dir.trim()).join("brobygger");
            let v = Command::new(&program).arg("--version").output().unwrap();
            assert!(String::from_utf8_lossy(&v.stdout).starts_with("brobygger "));
        } else {
            assert!(String::from_utf8_lossy(&o.stdout).contains("FAILED"));
            assert!(!github_path.exists(), "nothing put on the PATH");
            assert!(!runner.join(LINUX).exists(), "nothing unpacked");
        }
        assert!(
            files(&site).is_empty(),
            "{label}: the site's folder is left alone"
        );
    }
}

/// One Dockerfile instruction: (KEYWORD, its arguments).
type Instruction = (String, String);

/// The Dockerfile's instructions before the first stage, then stage by stage, with
/// continuation lines joined.
fn dockerfile() -> (Vec<Instruction>, Vec<Vec<Instruction>>) {
    let text = read(&repo().join("Dockerfile")).replace("\\\n", " ");
    let mut global = Vec::new();
    let mut stages: Vec<Vec<Instruction>> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (keyword, args) = line.split_once(' ').unwrap_or((line, ""));
        let one = (
            keyword.to_uppercase(),
            args.split_whitespace().collect::<Vec<_>>().join(" "),
        );
        if one.0 == "FROM" {
            stages.push(vec![one]);
        } else if let Some(stage) = stages.last_mut() {
            stage.push(one);
        } else {
            global.push(one);
        }
    }
    (global, stages)
}

fn args_of<'a>(stage: &'a [Instruction], keyword: &str) -> Vec<&'a str> {
    stage
        .iter()
        .filter(|(k, _)| k == keyword)
        .map(|(_, a)| a.as_str())
        .collect()
}

#[test]
fn dockerfile_builds_a_static_program_and_ships_only_it() {
    let (global, stages) = dockerfile();
    assert!(stages.len() >= 2, "multi-stage");
    let arg = |name: &str| {
        global
            .iter()
            .find_map(|(k, a)| {
                (k == "ARG")
                    .then(|| a.strip_prefix(&format!("{name}=")))
                    .flatten()
            })
            .unwrap_or_else(|| panic!("ARG {name} with a default"))
            .to_string()
    };
    let rust_version = arg("RUST_VERSION");
    let from = args_of(&stages[0], "FROM")[0].replace("${RUST_VERSION}", &rust_version);
    let (image, name) = from
        .split_once(" AS ")
        .or_else(|| from.split_once(" as "))
        .expect("a named build stage");
    assert!(
        image.starts_with("rust:") && image.ends_with("-alpine"),
        "{image}: musl, so static"
    );
    // Edition 2024 needs Rust 1.85.
    let minor: u32 = rust_version.split('.').nth(1).unwrap().parse().unwrap();
    assert!(
        rust_version.starts_with("1.") && minor >= 85,
        "{rust_version}"
    );
    assert!(read(&repo().join("Cargo.toml")).contains("edition = \"2024\""));
    let build_runs = args_of(&stages[0], "RUN").join("\n");
    assert!(
        build_runs.contains("cargo build --release --locked"),
        "{build_runs}"
    );

    let last = stages.last().unwrap();
    let base = args_of(last, "FROM")[0].replace("${ALPINE_VERSION}", &arg("ALPINE_VERSION"));
    assert!(
        base.starts_with("alpine:") || base == "scratch" || base.starts_with("gcr.io/distroless/"),
        "{base}: a small final image"
    );
    assert!(
        args_of(last, "RUN").iter().all(|r| !r.contains("cargo")),
        "no toolchain in the final image"
    );
    assert_eq!(
        args_of(last, "COPY"),
        [format!("--from={name} /usr/local/bin/brobygger /usr/local/bin/brobygger").as_str()]
    );
    assert_eq!(args_of(last, "WORKDIR"), ["/site"]);
    assert_eq!(args_of(last, "ENTRYPOINT"), ["[\"brobygger\"]"]);
    assert_eq!(args_of(last, "CMD"), ["[\"build\"]"]);
}

/// .dockerignore's rules as Docker applies them: the last matching line wins, a line matches a
/// path or any folder above it, `!` lets a path back in. Only the forms the file uses are
/// understood; any other is a failure, so the test never misreads a new rule.
fn ignored(rules: &[(bool, String)], path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    let mut out = false;
    for (negated, pattern) in rules {
        let hit = (1..=parts.len()).any(|n| {
            let prefix = &parts[..n];
            if pattern == "*" {
                n == 1
            } else if let Some(name) = pattern.strip_prefix("**/") {
                prefix.last() == Some(&name)
            } else {
                prefix.join("/") == *pattern
            }
        });
        if hit {
            out = !negated;
        }
    }
    out
}

fn dockerignore() -> Vec<(bool, String)> {
    read(&repo().join(".dockerignore"))
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (negated, p) = l.strip_prefix('!').map_or((false, l), |p| (true, p));
            let p = p.trim_end_matches('/').to_string();
            let plain = p.strip_prefix("**/").unwrap_or(&p);
            assert!(
                p == "*" || !plain.contains(['*', '?', '[']),
                "tests/packaging.rs does not understand the .dockerignore rule {l:?}: teach `ignored` it"
            );
            (negated, p)
        })
        .collect()
}

/// The files the build reads: the manifest, lock file and build script, every source file,
/// and what the sources embed (`include_dir!`, `include_str!`, `include_bytes!`) outside
/// their `#[cfg(test)]` parts.
fn build_inputs() -> Vec<String> {
    let repo = repo();
    let rel = |p: &Path| {
        p.strip_prefix(&repo)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut inputs = vec![
        "Cargo.toml".to_string(),
        "Cargo.lock".to_string(),
        "build.rs".to_string(),
    ];
    for entry in walkdir::WalkDir::new(repo.join("src")) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        inputs.push(rel(entry.path()));
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = read(entry.path());
        // A module's unit tests, inline after `#[cfg(test)]` or in a `tests.rs` of their own,
        // are not part of the shipped build.
        let shipped = if entry.file_name() == "tests.rs" {
            ""
        } else {
            text.split("#[cfg(test)]").next().unwrap()
        };
        for mac in ["include_dir!(\"", "include_str!(\"", "include_bytes!(\""] {
            for rest in shipped.split(mac).skip(1) {
                let arg = rest.split('"').next().unwrap();
                let path = match arg.strip_prefix("$CARGO_MANIFEST_DIR/") {
                    Some(p) => repo.join(p),
                    None => entry.path().parent().unwrap().join(arg),
                };
                let path = path
                    .canonicalize()
                    .unwrap_or_else(|_| panic!("{arg} in {}", entry.path().display()));
                for f in walkdir::WalkDir::new(&path) {
                    let f = f.unwrap();
                    if f.file_type().is_file() {
                        inputs.push(rel(f.path()));
                    }
                }
            }
        }
    }
    assert!(
        inputs.iter().any(|p| p.starts_with("themes/default/")),
        "the theme is embedded"
    );
    inputs.sort();
    inputs.dedup();
    inputs
}

#[test]
fn docker_build_context_holds_what_the_build_reads_and_keeps_target_out() {
    let rules = dockerignore();
    for path in [
        "target/release/brobygger",
        "target",
        "src/target/x.o",
        "node_modules/axe-core/axe.js",
        ".git/HEAD",
        "public/index.html",
    ] {
        assert!(ignored(&rules, path), "{path} is sent to Docker");
    }
    let (_, stages) = dockerfile();
    let copied: Vec<String> = args_of(&stages[0], "COPY")
        .iter()
        .flat_map(|a| {
            let words: Vec<&str> = a.split_whitespace().collect();
            words[..words.len() - 1]
                .iter()
                .map(|w| w.to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    for source in &copied {
        assert!(
            repo().join(source).exists(),
            "COPY {source}: not in the repository"
        );
        assert!(
            !ignored(&rules, source),
            "COPY {source}: left out by .dockerignore"
        );
    }
    assert!(
        !read(&repo().join("Cargo.toml")).contains("path = "),
        "a path dependency would need copying too"
    );
    for input in build_inputs() {
        assert!(
            !ignored(&rules, &input),
            "{input}: the build reads it, .dockerignore leaves it out"
        );
        assert!(
            copied
                .iter()
                .any(|c| input == *c || input.starts_with(&format!("{c}/"))),
            "{input}: the build reads it, the Dockerfile does not copy it"
        );
    }
}

#[test]
fn readme_starts_with_the_facilitators_three_steps() {
    let readme = read(&repo().join("README.md"));
    let first_screen: String = readme.lines().take(45).collect::<Vec<_>>().join("\n");
    let mut at = 0;
    for words in [
        "Releases",
        "docker build -t brobygger .",
        "cargo install --locked --path .",
        "brobygger init mysite --language da",
        "brobygger serve --root mysite",
        "brobygger build --root mysite",
    ] {
        let found = first_screen[at..].find(words).unwrap_or_else(|| {
            panic!("{words:?} is not on the README's first screen after the steps before it")
        });
        at += found + words.len();
    }
    // Then the example and the tests, as before.
    let example = readme.find("cargo run --release -- serve").unwrap();
    let tests = readme
        .find("npm ci && bash .ci/decap && cargo test")
        .unwrap();
    assert!(at < example && example < tests);
    assert!(
        read(&repo().join(".ci/run"))
            .contains("npm ci --no-audit --no-fund && bash .ci/decap && cargo test")
    );

    for (file, language, site, links) in [
        ("docs/kom-i-gang.md", "da", "minside", "kom-igang.md"),
        ("docs/kom-igang.md", "sv", "minsajt", "kom-i-gang.md"),
    ] {
        let text = read(&repo().join(file));
        let mut at = 0;
        for words in [
            "cargo install --locked --path .".to_string(),
            format!("brobygger init {site} --language {language}"),
            format!("brobygger serve --root {site}"),
            format!("brobygger build --root {site}"),
        ] {
            at += text[at..]
                .find(&words)
                .unwrap_or_else(|| panic!("{file}: {words:?} in order"));
        }
        assert!(text.contains(&format!("({links})")) && readme.contains(&format!("({file})")));
        // What the guide says a new partner gets without --sector is what `new` writes.
        let placeholder = brobygger::new::sector_placeholder(match language {
            "da" => brobygger::base::Language::Da,
            _ => brobygger::base::Language::Sv,
        });
        assert!(text.contains(&format!("(`{placeholder}`)")), "{file}");
    }
}
