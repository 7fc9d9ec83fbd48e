//! `brobygger cms`: the Decap CMS configuration made from the content model, checked against
//! Decap's own config schema (tests/fixtures/cms/decap-config-schema.json) and read back as
//! the YAML Decap reads.

mod common;

use common::site::Site;
use serde_json::Value;
use std::path::Path;

/// Runs `brobygger cms` on `root` with `args`, and returns admin/config.yml as data.
fn cms(root: &Path, args: &[&str]) -> Value {
    let mut all = vec!["cms", "--root", root.to_str().unwrap()];
    all.extend_from_slice(args);
    let ran = common::brobygger(&all);
    assert!(
        ran.status.success(),
        "cms failed:\n{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let text = common::read(&root.join("admin/config.yml"));
    // Decap reads the file as YAML: what a YAML reader sees must be the data meant.
    let as_yaml: Value = serde_saphyr::from_str(&text).expect("config.yml is YAML");
    let body = text
        .split_once("\n{")
        .map(|(_, b)| format!("{{{b}"))
        .unwrap();
    let as_json: Value = serde_json::from_str(&body).expect("config.yml is JSON");
    assert_eq!(as_yaml, as_json);
    as_json
}

/// Validates `config` against Decap's config schema with Python's jsonschema, and checks
/// what the schema's ajv-only keyword says: field names unique within each list of fields.
fn assert_valid(config: &Value) {
    let schema = common::repo().join("tests/fixtures/cms/decap-config-schema.json");
    let script = "import json,sys,jsonschema\nschema=json.load(open(sys.argv[1]))\nerrors=[f'{list(e.absolute_path)}: {e.message}' for e in jsonschema.Draft7Validator(schema).iter_errors(json.load(sys.stdin))]\nprint('\\n'.join(errors))\nsys.exit(1 if errors else 0)";
    let mut child = std::process::Command::new("python3")
        .args(["-c", script, schema.to_str().unwrap()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 with jsonschema (pip install jsonschema)");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(config.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the config breaks Decap's schema:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    fn unique_names(fields: &Value, at: &str) {
        let Some(list) = fields.as_array() else {
            return;
        };
        let mut seen = std::collections::BTreeSet::new();
        for f in list {
            let name = f["name"].as_str().unwrap();
            assert!(seen.insert(name), "field {name} twice in {at}");
            unique_names(&f["fields"], &format!("{at}.{name}"));
        }
    }
    for c in config["collections"].as_array().unwrap() {
        unique_names(&c["fields"], c["name"].as_str().unwrap());
    }
}

fn collection<'a>(config: &'a Value, name: &str) -> &'a Value {
    config["collections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no collection {name}"))
}

fn field<'a>(fields: &'a Value, name: &str) -> &'a Value {
    fields
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no field {name} in {fields}"))
}

#[test]
fn the_example_sites_config_passes_decaps_schema_with_a_widget_for_every_field() {
    // Only site.yaml is read: a copy keeps the repository's own folder untouched.
    let site = Site::empty();
    site.file("site.yaml", common::read(&common::repo().join("site.yaml")));
    let config = cms(&site.root, &[]);
    assert_valid(&config);
    let names: Vec<&str> = config["collections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "partners",
            "partnerships",
            "challenges",
            "opportunities",
            "recommendations",
            "learnings",
            "quotes",
            "pages"
        ]
    );
    for c in config["collections"].as_array().unwrap() {
        assert_eq!(
            c["folder"],
            format!("content/{}", c["name"].as_str().unwrap())
        );
        assert_eq!(c["create"], true);
        assert_eq!(c["extension"], "md");
        assert_eq!(c["format"], "frontmatter");
        assert_eq!(field(&c["fields"], "body")["widget"], "markdown");
        assert_eq!(field(&c["fields"], "draft")["widget"], "boolean");
        assert_eq!(field(&c["fields"], "date")["time_format"], false);
    }
    assert_eq!(config["locale"], "da");
    // The sectors are site.yaml's, by key, with its labels.
    let sector = field(&collection(&config, "partners")["fields"], "sector");
    assert_eq!(sector["widget"], "select");
    assert_eq!(sector["options"][0]["value"], "forskning");
    assert_eq!(
        sector["options"][0]["label"],
        "Forsknings- og uddannelsesmiljøer"
    );
    // Members: {id, role, brings, commitment}, the id picked among the partners.
    let members = field(&collection(&config, "partnerships")["fields"], "partners");
    assert_eq!(members["widget"], "list");
    let member_fields: Vec<&str> = members["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(member_fields, ["id", "role", "brings", "commitment"]);
    assert_eq!(members["fields"][0]["widget"], "relation");
    assert_eq!(members["fields"][0]["collection"], "partners");
    for (kind, name, target) in [
        ("challenges", "partners", "partners"),
        ("challenges", "partnerships", "partnerships"),
        ("recommendations", "addresses", "challenges"),
        ("quotes", "by", "partners"),
        ("quotes", "partnership", "partnerships"),
    ] {
        let f = field(&collection(&config, kind)["fields"], name);
        assert_eq!(f["widget"], "relation", "{kind}.{name}");
        assert_eq!(f["collection"], target, "{kind}.{name}");
        assert_eq!(f["value_field"], "{{slug}}", "{kind}.{name}");
    }
    for (kind, name) in [
        ("partnerships", "form"),
        ("partnerships", "status"),
        ("partners", "level"),
    ] {
        assert_eq!(
            field(&collection(&config, kind)["fields"], name)["widget"],
            "select"
        );
    }
    assert_eq!(
        field(&collection(&config, "quotes")["fields"], "approved")["widget"],
        "boolean"
    );
    // A quote has no title: Decap needs another field to name it by.
    assert_eq!(collection(&config, "quotes")["identifier_field"], "body");
    // serve's own address by default, never `true` (which would mean port 8081).
    assert_eq!(
        config["local_backend"]["url"],
        "http://127.0.0.1:1111/api/v1"
    );
}

#[test]
fn a_swedish_init_sites_config_passes_decaps_schema_in_swedish() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("sajt");
    let ran = common::brobygger(&["init", root.to_str().unwrap(), "--language", "sv"]);
    assert!(ran.status.success());
    let config = cms(&root, &[]);
    assert_valid(&config);
    assert_eq!(config["locale"], "sv");
    let challenges = collection(&config, "challenges");
    assert_eq!(challenges["label"], "Utmaningar");
    assert_eq!(field(&challenges["fields"], "title")["label"], "Titel");
    let index = common::read(&root.join("admin/index.html"));
    assert!(index.contains("<html lang=\"sv\">"), "{index}");
    assert!(
        !index.contains("http://") && !index.contains("https://") && !index.contains("//"),
        "index.html names another host:\n{index}"
    );
}

#[test]
fn the_github_and_gitlab_backends_are_written_on_request() {
    let site = Site::new();
    let config = cms(&site.root, &["--backend", "github", "--repo", "owner/kb"]);
    assert_valid(&config);
    assert_eq!(config["backend"]["name"], "github");
    assert_eq!(config["backend"]["repo"], "owner/kb");
    assert!(config.get("local_backend").is_none());
    let config = cms(
        &site.root,
        &[
            "--backend",
            "gitlab",
            "--repo",
            "group/kb",
            "--app-id",
            "abc",
        ],
    );
    assert_valid(&config);
    assert_eq!(config["backend"]["auth_type"], "pkce");
    assert_eq!(config["backend"]["app_id"], "abc");
    let config = cms(&site.root, &["--backend", "git-gateway"]);
    assert_valid(&config);
    assert_eq!(
        config["backend"],
        json!({"name": "git-gateway", "branch": "main"})
    );
    assert!(config.get("local_backend").is_none());
    // A hosted backend without a repository is refused before anything is written.
    let fresh = Site::new();
    let ran = common::brobygger(&[
        "cms",
        "--root",
        fresh.root.to_str().unwrap(),
        "--backend",
        "github",
    ]);
    assert!(!ran.status.success());
    assert!(!fresh.path("admin").exists());
}

#[test]
fn labels_from_site_yaml_with_quotes_colons_and_newlines_stay_intact() {
    let site = Site::new();
    let yaml = common::read(&site.path("site.yaml"));
    let label = "Forskning: \\\"alt\\\" # ikke en kommentar\\n{ok}";
    let changed = yaml.replacen(
        "sectors:\n",
        &format!("sectors:\n  tricky: \"{label}\"\n"),
        1,
    );
    assert_ne!(changed, yaml, "the base site has a sectors block");
    site.file("site.yaml", changed);
    let config = cms(&site.root, &[]);
    assert_valid(&config);
    let sector = field(&collection(&config, "partners")["fields"], "sector");
    assert_eq!(sector["options"][0]["value"], "tricky");
    assert_eq!(
        sector["options"][0]["label"],
        "Forskning: \"alt\" # ikke en kommentar\n{ok}"
    );
}

// The local-backend API of `serve` (Decap's decap-server protocol) at /api/v1.

use common::preview::Preview;
use serde_json::json;

fn call(preview: &Preview, action: &str, params: Value) -> (u16, Value) {
    preview.post("/api/v1", &json!({"action": action, "params": params}))
}

/// Saves `raw` as the entry at `path` through the API, as the form's Save does.
fn persist(preview: &Preview, path: &str, raw: &str) -> (u16, Value) {
    call(
        preview,
        "persistEntry",
        json!({"entry": {"path": path, "raw": raw}, "assets": []}),
    )
}

#[test]
fn serve_offers_the_forms_with_its_own_address_as_the_backend() {
    let site = Site::new();
    let preview = Preview::start(&site.root);
    // Without the bundle: what to fetch, not a blank page.
    let (status, index) = preview.get("/admin/");
    assert_eq!(status, 503);
    assert!(index.contains("decap-cms-3.16.3.tgz"), "{index}");
    site.file("admin/decap-cms.js", "/* the bundle */");
    let (status, index) = preview.get("/admin/");
    assert_eq!(status, 200);
    assert!(index.contains("config.yml"), "{index}");
    assert_eq!(
        preview.get("/admin/decap-cms.js"),
        (200, "/* the bundle */".into())
    );
    let (status, text) = preview.get("/admin/config.yml");
    assert_eq!(status, 200);
    let config: Value = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(
        config["local_backend"]["url"],
        format!("http://{}/api/v1", preview.addr())
    );
    let (status, info) = call(&preview, "info", json!({}));
    assert_eq!(status, 200);
    assert_eq!(info["type"], "local_fs");
    // A bundle that is a link out of the site folder is not handed out.
    let outside = site.tmp.path().join("secret.txt");
    std::fs::write(&outside, "HEMMELIG-4711").unwrap();
    std::fs::remove_file(site.path("admin/decap-cms.js")).unwrap();
    std::os::unix::fs::symlink(&outside, site.path("admin/decap-cms.js")).unwrap();
    let (status, body) = preview.get("/admin/decap-cms.js");
    assert_eq!(status, 403, "{body}");
    assert!(!body.contains("HEMMELIG-4711"), "{body}");
}

#[test]
fn the_api_lists_reads_and_saves_entries_and_the_preview_follows() {
    let site = Site::new();
    let preview = Preview::start(&site.root);
    let (status, list) = call(
        &preview,
        "entriesByFolder",
        json!({"folder": "content/partners", "extension": "md", "depth": 1}),
    );
    assert_eq!(status, 200, "{list}");
    let paths: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["content/partners/kommune.md", "content/partners/vive.md"]
    );
    let (status, one) = call(
        &preview,
        "getEntry",
        json!({"path": "content/partners/vive.md"}),
    );
    assert_eq!(status, 200);
    assert_eq!(one["data"], site.read("content/partners/vive.md"));
    assert!(one["file"]["id"].is_string());

    preview.wait_for_page("/partners/vive/", |page| {
        page.contains("Et forskningsmiljø.")
    });
    let raw =
        "---\nname: VIVE\nsector: research\n---\nEt nyt forskningsmiljø, gemt fra formularen.\n";
    let (status, saved) = call(
        &preview,
        "persistEntry",
        json!({"entry": {"path": "content/partners/vive.md", "raw": raw, "slug": "vive"}, "assets": []}),
    );
    assert_eq!(status, 200, "{saved}");
    assert_eq!(site.read("content/partners/vive.md"), raw);
    preview.wait_for_page("/partners/vive/", |page| {
        page.contains("gemt fra formularen")
    });

    // A new entry: a partner made through the form gets its own page.
    let raw = "---\nname: Foreningen\nsector: public\n---\nEn forening.\n";
    let (status, saved) = persist(&preview, "content/partners/foreningen.md", raw);
    assert_eq!(status, 200, "{saved}");
    preview.wait_for_page("/partners/foreningen/", |page| {
        page.contains("En forening.")
    });
}

#[test]
fn a_save_that_would_break_the_site_is_refused_with_the_located_error() {
    let site = Site::new();
    let before = site.read("content/partnerships/samarbejde.md");
    let preview = Preview::start(&site.root);
    let raw =
        "---\ntitle: Samarbejdet\npartners: [vive, kommunen]\nfacilitator: vive\n---\nTekst.\n";
    let (status, refused) = persist(&preview, "content/partnerships/samarbejde.md", raw);
    assert_eq!(status, 422, "{refused}");
    let error = refused["error"].as_str().unwrap();
    assert!(
        error.contains("content/partnerships/samarbejde.md:3") && error.contains("kommunen"),
        "{error}"
    );
    assert_eq!(site.read("content/partnerships/samarbejde.md"), before);

    // A number the catalogue already has.
    let raw = "---\ntitle: Penge\nnumber: 1\n---\nFor få midler.\n";
    let (status, refused) = persist(&preview, "content/challenges/penge.md", raw);
    assert_eq!(status, 422, "{refused}");
    assert!(
        refused["error"]
            .as_str()
            .unwrap()
            .contains("content/challenges/penge.md"),
        "{refused}"
    );
    assert!(!site.path("content/challenges/penge.md").exists());
}

#[test]
fn deleting_a_partner_others_name_is_refused_naming_them() {
    let site = Site::new();
    let preview = Preview::start(&site.root);
    let (status, refused) = call(
        &preview,
        "deleteFile",
        json!({"path": "content/partners/kommune.md"}),
    );
    assert_eq!(status, 422, "{refused}");
    let error = refused["error"].as_str().unwrap();
    assert!(
        error.contains("content/partnerships/samarbejde.md"),
        "{error}"
    );
    assert!(site.path("content/partners/kommune.md").exists());
    // One nobody names goes.
    site.file(
        "content/partners/alene.md",
        "---\nname: Alene\nsector: public\n---\n",
    );
    let (status, done) = call(
        &preview,
        "deleteFiles",
        json!({"paths": ["content/partners/alene.md"]}),
    );
    assert_eq!(status, 200, "{done}");
    assert!(!site.path("content/partners/alene.md").exists());
}

#[test]
fn paths_outside_content_and_the_media_folder_are_refused_in_every_parameter() {
    let site = Site::new();
    std::os::unix::fs::symlink("/etc", site.path("content/linked")).unwrap();
    let preview = Preview::start(&site.root);
    let outside = site.root.parent().unwrap().join("outside.md");
    let bad = [
        "../outside.md",
        "content/../../outside.md",
        "content/partners/../../site.yaml",
        "/etc/passwd",
        outside.to_str().unwrap(),
        "site.yaml",
        "content\\partners\\vive.md",
        "content/partners/%2e%2e/x.md",
        "content/.hidden/x.md",
        "content/linked/x.md",
        "static/images/../../site.yaml",
    ];
    let raw = "---\nname: X\nsector: public\n---\n";
    for path in bad {
        let asks = [
            ("getEntry", json!({"path": path})),
            (
                "entriesByFolder",
                json!({"folder": path, "extension": "md", "depth": 1}),
            ),
            ("entriesByFiles", json!({"files": [{"path": path}]})),
            (
                "persistEntry",
                json!({"entry": {"path": path, "raw": raw}, "assets": []}),
            ),
            (
                "persistEntry",
                json!({"entry": {"path": "content/partners/x.md", "raw": raw, "newPath": path}, "assets": []}),
            ),
            (
                "persistEntry",
                json!({"entry": {"path": "content/partners/x.md", "raw": raw}, "assets": [{"path": path, "content": "eA==", "encoding": "base64"}]}),
            ),
            (
                "persistEntry",
                json!({"dataFiles": [{"path": path, "raw": raw}], "entry": {}, "assets": []}),
            ),
            ("getMedia", json!({"mediaFolder": path})),
            ("getMediaFile", json!({"path": path})),
            (
                "persistMedia",
                json!({"asset": {"path": path, "content": "eA==", "encoding": "base64"}}),
            ),
            ("deleteFile", json!({"path": path})),
            ("deleteFiles", json!({"paths": [path]})),
        ];
        for (action, params) in asks {
            let (status, answer) = call(&preview, action, params.clone());
            assert_eq!(status, 422, "{action} {params}: {answer}");
        }
    }
    assert!(!outside.exists());
    assert!(!site.path("content/partners/x.md").exists());
    assert!(site.path("site.yaml").exists());
    // Another site's page may not call the API.
    let response = ureq::post(&format!("{}api/v1", preview.url))
        .header("Origin", "http://evil.example")
        .config()
        .http_status_as_error(false)
        .build()
        .send(r#"{"action":"deleteFile","params":{"path":"content/partners/vive.md"}}"#)
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    assert!(site.path("content/partners/vive.md").exists());
}

#[test]
fn the_apis_refusals_are_in_the_sites_language() {
    use brobygger::base::Language;
    use brobygger::base::messages::CmsText;
    for text in CmsText::examples() {
        let [en, da, sv] = [Language::En, Language::Da, Language::Sv].map(|l| text.text(l));
        assert!(
            !en.is_empty() && en != da && en != sv && da != sv,
            "{text:?}"
        );
    }
    let site = Site::new();
    site.set_language("sv");
    let preview = Preview::start(&site.root);
    let (status, refused) = call(&preview, "getEntry", json!({"path": "../site.yaml"}));
    assert_eq!(status, 422);
    assert!(
        refused["error"]
            .as_str()
            .unwrap()
            .starts_with("sökvägen \"../site.yaml\" är inte tillåten"),
        "{refused}"
    );
}

// `cms:` in site.yaml: `build` publishes the forms under admin/.

/// admin/config.yml of the built site in `site.out`, read as the YAML Decap reads.
fn built_config(site: &Site) -> Value {
    let text = common::read(&site.out.join("admin/config.yml"));
    assert!(
        !text.contains("127.0.0.1") && !text.contains("local_backend"),
        "a published config points at the editor's own computer:\n{text}"
    );
    serde_saphyr::from_str(&text).expect("config.yml is YAML")
}

#[test]
fn cms_true_publishes_the_forms_with_a_hosted_backend_and_the_sites_own_bundle() {
    let site = Site::new();
    site.set_language("da");
    site.append("site.yaml", "cms: true\n");
    site.file("admin/decap-cms.js", "/* the bundle */");
    site.file("admin/decap-cms.js.LICENSE.txt", "MIT and friends");
    site.build().wrote_site();
    let config = built_config(&site);
    assert_valid(&config);
    // `cms: true` is Decap's own hosted default: git-gateway, on main.
    assert_eq!(
        config["backend"],
        json!({"name": "git-gateway", "branch": "main"})
    );
    assert_eq!(config["locale"], "da");
    assert_eq!(collection(&config, "partners")["label"], "Partnere");
    assert_eq!(
        field(&collection(&config, "partners")["fields"], "name")["label"],
        "Navn"
    );
    let index = common::read(&site.out.join("admin/index.html"));
    assert!(
        index.contains("<script src=\"decap-cms.js\">") && index.contains("lang=\"da\""),
        "{index}"
    );
    assert_eq!(
        common::read(&site.out.join("admin/decap-cms.js")),
        "/* the bundle */"
    );
    assert_eq!(
        common::read(&site.out.join("admin/decap-cms.js.LICENSE.txt")),
        "MIT and friends"
    );
    // A link to the forms is a link to a page of the site: check knows admin/ is there.
    site.append("content/partners/vive.md", "\n[Redigér](../../admin/)\n");
    let checked = site.check(&[]);
    assert!(
        !checked.stderr.contains("broken-link") && !checked.stderr.contains("cms-bundle"),
        "{}",
        checked.stderr
    );
}

#[test]
fn site_yaml_names_a_hosted_backend_for_the_published_forms() {
    let site = Site::new();
    site.file("admin/decap-cms.js", "/* the bundle */");
    site.append(
        "site.yaml",
        "cms:\n  backend: gitlab\n  repo: group/kb\n  branch: udgivet\n  app_id: abc123\n",
    );
    site.build().wrote_site();
    let config = built_config(&site);
    assert_valid(&config);
    assert_eq!(
        config["backend"],
        json!({"name": "gitlab", "repo": "group/kb", "branch": "udgivet", "auth_type": "pkce", "app_id": "abc123"})
    );
    site.replace("site.yaml", "gitlab", "github");
    site.replace("site.yaml", "  app_id: abc123\n", "");
    site.build().wrote_site();
    assert_eq!(
        built_config(&site)["backend"],
        json!({"name": "github", "repo": "group/kb", "branch": "udgivet"})
    );
    // A hosted backend needs its repository: an error at site.yaml's line, nothing written.
    site.replace("site.yaml", "  repo: group/kb\n", "");
    let out = site.build();
    out.failed();
    assert!(
        out.errors()
            .iter()
            .any(|e| e.contains("repo") && e.points_at("site.yaml")),
        "{}",
        out.stderr
    );
}

#[test]
fn without_cms_nothing_is_published_under_admin() {
    let site = Site::new();
    // The bundle in the site's admin/ is for `serve`: without `cms:` it stays unpublished.
    site.file("admin/decap-cms.js", "/* the bundle */");
    for setting in ["", "cms: false\n"] {
        site.append("site.yaml", setting);
        site.build().wrote_site();
        assert!(!site.out.join("admin").exists(), "with {setting:?}");
    }
    // A link to admin/ is then broken.
    site.append("content/partners/vive.md", "\n[Edit](../../admin/)\n");
    assert!(site.check(&[]).stderr.contains("broken-link"));
}

#[test]
fn cms_true_without_the_bundle_warns_in_the_sites_language_how_to_get_it() {
    let site = Site::new();
    site.set_language("sv");
    site.append("site.yaml", "cms: true\n");
    let built = site.build();
    built.wrote_site();
    // The published page says what to fetch rather than loading a bundle that is not there.
    let index = common::read(&site.out.join("admin/index.html"));
    assert!(
        index.contains("decap-cms-3.16.3.tgz") && !index.contains("<script"),
        "{index}"
    );
    let checked = site.check(&[]);
    let warning = checked
        .warnings()
        .into_iter()
        .find(|w| w.is("warning", "cms-bundle-missing"))
        .unwrap_or_else(|| panic!("no cms-bundle-missing warning:\n{}", checked.stderr));
    assert!(warning.points_at("site.yaml"), "{}", checked.stderr);
    assert!(
        warning.contains("admin/decap-cms.js") && warning.helps_with("hämta Decap CMS 3.16.3"),
        "{}",
        checked.stderr
    );
}

/// The rows of docs/editing.md's table of slug cases: (site language, title, Decap's file
/// name, brobygger's id).
fn slug_cases() -> Vec<[String; 4]> {
    let doc = common::read(&common::repo().join("docs/editing.md"));
    let table = doc
        .split_once("<!-- slug-cases")
        .and_then(|(_, rest)| rest.split_once("<!-- end slug-cases -->"))
        .expect("docs/editing.md has the slug-cases table")
        .0;
    let rows: Vec<[String; 4]> = table
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Site"))
        .map(|l| {
            let cells: Vec<String> = l
                .trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().trim_matches('`').to_string())
                .collect();
            cells.try_into().expect("four cells")
        })
        .collect();
    assert!(rows.len() >= 4, "{table}");
    rows
}

#[test]
fn a_new_entry_gets_the_id_brobygger_new_gives() {
    for language in ["da", "sv", "en"] {
        let cases: Vec<[String; 4]> = slug_cases()
            .into_iter()
            .filter(|c| c[0] == language)
            .collect();
        assert!(!cases.is_empty(), "no {language} case in the table");
        // `brobygger new` in one site, the forms in another: the same file names.
        let by_new = Site::new();
        by_new.set_language(language);
        let site = Site::new();
        site.set_language(language);
        let preview = Preview::start(&site.root);
        for [_, title, decap, ours] in &cases {
            let root = by_new.root.to_str().unwrap();
            let ran = common::brobygger(&[
                "new", "partner", title, "--root", root, "--sector", "research",
            ]);
            assert!(
                ran.status.success(),
                "{}",
                String::from_utf8_lossy(&ran.stderr)
            );
            assert!(
                by_new.path(&format!("content/partners/{ours}.md")).exists(),
                "`new` did not make {ours}.md for {title:?}: {}",
                String::from_utf8_lossy(&ran.stdout)
            );
            // What Decap sends for a new partner: its own slug as the path.
            let at = format!("content/partners/{decap}.md");
            let raw = format!("---\nname: {title}\nsector: research\n---\nNy.\n");
            let (status, saved) = call(
                &preview,
                "persistEntry",
                json!({"entry": {"path": at, "slug": decap, "raw": raw, "newEntry": true}, "assets": []}),
            );
            assert_eq!(status, 200, "{saved}");
            let landed = format!("content/partners/{ours}.md");
            assert_eq!(site.read(&landed), raw, "{title:?}");
            if decap != ours {
                assert!(!site.path(&at).exists(), "{title:?} also saved as {at}");
            }
            // The form that made it reads it at Decap's path, and saves it there again into
            // the same file, not a second one.
            let (_, read) = call(&preview, "getEntry", json!({"path": at}));
            assert_eq!(read["data"], raw);
            assert_eq!(read["file"]["path"], landed);
            let again = raw.replace("Ny.", "Rettet.");
            let (status, _) = persist(&preview, &at, &again);
            assert_eq!(status, 200);
            assert_eq!(site.read(&landed), again);
            assert!(decap == ours || !site.path(&at).exists());
        }
    }
}

#[test]
fn an_existing_entry_keeps_its_file_name_when_saved() {
    let site = Site::new();
    site.set_language("da");
    // A file whose name is not the id its title would give: saving must not move it, since
    // other files name it.
    let preview = Preview::start(&site.root);
    let raw = "---\nname: Kommunen på Ærø\nsector: public\n---\nEn kommune.\n";
    let (status, saved) = persist(&preview, "content/partners/kommune.md", raw);
    assert_eq!(status, 200, "{saved}");
    assert_eq!(site.read("content/partners/kommune.md"), raw);
    assert!(!site.path("content/partners/kommunen-paa-aeroe.md").exists());
}

/// The front matter of an entry's text, as data.
fn front_matter(text: &str) -> Value {
    let yaml = text
        .strip_prefix("---\n")
        .and_then(|t| t.split_once("\n---\n"))
        .unwrap_or_else(|| panic!("no front matter in {text}"))
        .0;
    serde_saphyr::from_str(yaml).unwrap_or_else(|e| panic!("{e}: {yaml}"))
}

#[test]
fn members_written_as_bare_ids_reach_the_form_as_objects() {
    let site = Site::new();
    let written = site.read("content/partnerships/samarbejde.md");
    assert!(written.contains("partners: [vive, kommune]"));
    let preview = Preview::start(&site.root);
    let (_, read) = call(
        &preview,
        "getEntry",
        json!({"path": "content/partnerships/samarbejde.md"}),
    );
    let data = read["data"].as_str().unwrap();
    let fields = front_matter(data);
    assert_eq!(
        fields["partners"],
        json!([{"id": "vive"}, {"id": "kommune"}])
    );
    assert_eq!(fields["title"], "Samarbejdet");
    assert_eq!(fields["facilitator"], "vive");
    assert!(
        data.ends_with("---\nEt partnerskab mellem [[vive]] og [[kommune]].\n"),
        "{data}"
    );
    // The list shows the same, and the file on disk is not touched by reading.
    let (_, list) = call(
        &preview,
        "entriesByFolder",
        json!({"folder": "content/partnerships", "extension": "md", "depth": 1}),
    );
    assert_eq!(list[0]["data"], read["data"]);
    assert_eq!(site.read("content/partnerships/samarbejde.md"), written);
    // Members already written as objects are shown as written.
    let objects = "---\ntitle: Samarbejdet\npartners:\n  - id: vive\n    role: lead\n  - id: kommune\nfacilitator: vive\n---\nTekst.\n";
    site.file("content/partnerships/samarbejde.md", objects);
    let (_, read) = call(
        &preview,
        "getEntry",
        json!({"path": "content/partnerships/samarbejde.md"}),
    );
    assert_eq!(read["data"], objects);
}

/// Front matter as Decap writes it back, emulated: YAML in block style, keys in the order of
/// the collection's fields (others after, as read), strings plain where YAML reads them back
/// as the same text and double-quoted otherwise, comments gone. (Decap 3.16 dumps with the
/// `yaml` package; the browser test saves real files with the real Decap.)
fn decap_dump(fields: &serde_json::Map<String, Value>, order: &[String]) -> String {
    fn scalar(v: &Value) -> String {
        match v {
            Value::String(s) => {
                let plain = !s.is_empty()
                    && s.chars().next().is_some_and(char::is_alphanumeric)
                    && !s.contains(": ")
                    && !s.contains(" #")
                    && !s.contains('\n')
                    && s.trim() == s
                    && !["true", "false", "null", "yes", "no", "~"].contains(&s.as_str())
                    && s.parse::<f64>().is_err();
                if plain {
                    s.clone()
                } else {
                    serde_json::to_string(s).unwrap()
                }
            }
            other => other.to_string(),
        }
    }
    fn value(out: &mut String, v: &Value, indent: usize) {
        let pad = " ".repeat(indent);
        match v {
            Value::Array(items) if items.is_empty() => out.push_str(" []\n"),
            Value::Array(items) => {
                out.push('\n');
                for item in items {
                    match item {
                        Value::Object(m) => {
                            for (i, (k, v)) in m.iter().enumerate() {
                                let lead = if i == 0 { "- " } else { "  " };
                                out.push_str(&format!("{pad}{lead}{k}:"));
                                value(out, v, indent + 4);
                            }
                        }
                        other => out.push_str(&format!("{pad}- {}\n", scalar(other))),
                    }
                }
            }
            Value::Object(m) => {
                out.push('\n');
                for (k, v) in m {
                    out.push_str(&format!("{pad}{k}:"));
                    value(out, v, indent + 2);
                }
            }
            other => out.push_str(&format!(" {}\n", scalar(other))),
        }
    }
    let mut keys: Vec<&String> = order.iter().filter(|k| fields.contains_key(*k)).collect();
    keys.extend(fields.keys().filter(|k| !order.contains(k)));
    let mut out = String::new();
    for k in keys {
        out.push_str(&format!("{k}:"));
        value(&mut out, &fields[k], 2);
    }
    out
}

#[test]
fn a_file_brobygger_new_wrote_means_the_same_after_a_save_in_the_form() {
    let site = Site::new();
    site.set_language("da");
    let root = site.root.to_str().unwrap();
    let kinds = [
        ("partner", "partners", "Ærø Kommune"),
        ("partnership", "partnerships", "Fælles indsats"),
        ("challenge", "challenges", "Tid til møder"),
        ("opportunity", "opportunities", "Ny viden"),
        ("recommendation", "recommendations", "Mød hinanden"),
        ("learning", "learnings", "Det tager tid"),
        ("quote", "quotes", "Det var en god dag for alle, sagde hun."),
        ("page", "pages", "Om os"),
    ];
    let mut made = Vec::new();
    for (kind, _, title) in kinds {
        let mut args = vec!["new", kind, title, "--root", root];
        if kind == "partner" {
            args.extend(["--sector", "research"]);
        }
        let ran = common::brobygger(&args);
        assert!(
            ran.status.success(),
            "{}",
            String::from_utf8_lossy(&ran.stderr)
        );
        let path = String::from_utf8_lossy(&ran.stdout)
            .lines()
            .find_map(|l| {
                l.split_whitespace()
                    .find(|w| w.ends_with(".md"))
                    .map(String::from)
            })
            .unwrap_or_else(|| panic!("`new {kind}` names no file"));
        let rel = path[path.find("content/").unwrap()..].to_string();
        made.push(rel);
    }
    site.build().wrote_site();
    let before = common::outcome::Tree::of(&site.out);
    let config = cms(&site.root, &[]);
    let preview = Preview::start(&site.root);
    let mut report = Vec::new();
    for ((kind, folder, _), path) in kinds.iter().zip(&made) {
        let written = site.read(path);
        let (_, read) = call(&preview, "getEntry", json!({"path": path}));
        let data = read["data"].as_str().unwrap();
        let Value::Object(fields) = front_matter(data) else {
            panic!("{data}")
        };
        let body = data.splitn(3, "---\n").nth(2).unwrap();
        let order: Vec<String> = collection(&config, folder)["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap().to_string())
            .collect();
        // Every key `new` writes, commented out or not, comes in the form's order: a key
        // uncommented later keeps its place when the form saves the file.
        let places: Vec<usize> = written
            .lines()
            .filter_map(|l| {
                let key = l.trim_start_matches(['#', ' ']).split(':').next()?;
                order
                    .iter()
                    .position(|k| k == key)
                    .filter(|_| !l.starts_with("#  "))
            })
            .collect();
        assert!(
            places.is_sorted(),
            "{kind}: `new` writes keys in another order than the form's fields {order:?}:\n{written}"
        );
        let saved = format!("---\n{}---\n{body}", decap_dump(&fields, &order));
        let (status, answer) = persist(&preview, path, &saved);
        assert_eq!(status, 200, "{kind}: {answer}\n{saved}");
        assert_eq!(site.read(path), saved);
        // What changed, line by line: the losses docs/editing.md lists.
        let old: Vec<&str> = written.lines().collect();
        let new: Vec<&str> = saved.lines().collect();
        let comments = old
            .iter()
            .filter(|l| l.trim_start().starts_with('#'))
            .count();
        let trailing = old.iter().filter(|l| l.contains("   # ")).count();
        let same_order = old
            .iter()
            .filter(|l| !l.starts_with('#') && !l.starts_with(' ') && l.contains(':'))
            .map(|l| l.split(':').next().unwrap())
            .eq(new
                .iter()
                .filter(|l| !l.starts_with(' ') && !l.starts_with('-') && l.contains(':'))
                .map(|l| l.split(':').next().unwrap()));
        report.push(format!(
            "{kind}: {} lines -> {} lines; {comments} comment lines and {trailing} end-of-line comments gone; key order kept: {same_order}",
            old.len(),
            new.len()
        ));
        assert!(
            same_order,
            "{kind}: the form's field order differs from `new`'s:\n{written}\n{saved}"
        );
    }
    eprintln!("{}", report.join("\n"));
    drop(preview);
    // The meaning is the same: the built site is byte for byte the site built before.
    site.build().wrote_site();
    let after = common::outcome::Tree::of(&site.out);
    let differ: Vec<&String> = before
        .0
        .iter()
        .filter(|(k, v)| after.0.get(*k) != Some(*v))
        .map(|(k, _)| k)
        .chain(after.0.keys().filter(|k| !before.0.contains_key(*k)))
        .collect();
    assert!(
        differ.is_empty(),
        "the saved files build another site: {differ:?}"
    );
}

#[test]
fn an_entry_that_is_a_pipe_is_answered_at_once_not_waited_on() {
    let site = Site::new();
    let pipe = site.path("content/partners/ventende.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let preview = Preview::start(&site.root);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::scope(|s| {
        s.spawn(|| {
            let answer = call(
                &preview,
                "getEntry",
                json!({"path": "content/partners/ventende.md"}),
            );
            let _ = tx.send(answer);
        });
        let (status, entry) = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .unwrap_or_else(|_| {
                // Opening the pipe for writing lets a reader that waits on it go on.
                let _ = std::fs::OpenOptions::new().write(true).open(&pipe);
                panic!("getEntry waited on a pipe");
            });
        assert_eq!(status, 200);
        assert!(entry["data"].is_null(), "{entry}");
    });
}

#[test]
fn editing_md_explains_hosted_editing_in_english_danish_and_swedish() {
    let doc = common::read(&common::repo().join("docs/editing.md"));
    let sections = [
        ("## Hosted editing", "## Round trip"),
        (
            "## Redigering i formularer (dansk)",
            "## Redigering i formulär (svenska)",
        ),
        ("## Redigering i formulär (svenska)", "\u{0}"),
    ];
    for (start, end) in sections {
        let from = doc.find(start).unwrap_or_else(|| panic!("no {start}"));
        let text = &doc[from..doc[from..].find(end).map_or(doc.len(), |e| from + e)];
        for needed in [
            "--backend github --repo",
            "--backend gitlab --repo",
            "--app-id",
            "PKCE",
            "OAuth",
            "cms: true",
            "backend: gitlab",
            "brobygger check",
        ] {
            assert!(text.contains(needed), "{start} does not explain {needed:?}");
        }
    }
}

#[test]
fn serve_hands_out_its_own_backend_even_when_site_yaml_names_a_hosted_one() {
    let site = Site::new();
    site.append("site.yaml", "cms:\n  backend: github\n  repo: owner/kb\n");
    site.file("admin/decap-cms.js", "/* the bundle */");
    let preview = Preview::start(&site.root);
    let (status, text) = preview.get("/admin/config.yml");
    assert_eq!(status, 200);
    let config: Value = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(config["backend"]["name"], "proxy");
    assert_eq!(
        config["local_backend"]["url"],
        format!("http://{}/api/v1", preview.addr())
    );
    let (status, index) = preview.get("/admin/");
    assert_eq!(status, 200);
    assert!(index.contains("decap-cms.js"), "{index}");
}

#[test]
fn a_picture_inserted_in_a_body_through_the_form_shows_on_every_page_at_any_depth() {
    let site = Site::new();
    let preview = Preview::start(&site.root);
    // Decap's markdown widget uploads into the media folder and writes the config's
    // public_folder path, from the root of the host.
    let raw = "---\ntitle: Tid til møder\nnumber: 1\npartners: [vive]\npartnerships: [samarbejde]\ndate: 2020-01-01\n---\nDet er svært at finde tid.\n\n![Et møde](/images/moede.png)\n";
    let (status, saved) = call(
        &preview,
        "persistEntry",
        json!({"entry": {"path": "content/challenges/tid.md", "raw": raw}, "assets": [{"path": "static/images/moede.png", "content": "iVBORw0KGgo=", "encoding": "base64"}]}),
    );
    assert_eq!(status, 200, "{saved}");
    drop(preview);
    site.build().wrote_site();
    let mut shown = Vec::new();
    for file in common::files(&site.out) {
        let page = file.to_string_lossy().into_owned();
        if !page.ends_with(".html") {
            continue;
        }
        let doc = common::html(&site.out.join(&file));
        for img in common::select(&doc, "img[alt='Et møde']") {
            let src = img.value().attr("src").unwrap();
            // Relative, so the site works under any sub-path and opened from disk.
            let target = common::follow(&page, src)
                .unwrap_or_else(|| panic!("{page}: <img src={src:?}> is not relative"));
            assert_eq!(target, Path::new("images/moede.png"), "{page}: {src}");
            assert!(site.out.join(&target).is_file(), "{page}: {src}");
            shown.push(page.clone());
        }
    }
    // The item's own page and the catalogue, a folder shallower, both show it.
    assert!(
        shown.contains(&"challenges/tid/index.html".to_string()),
        "{shown:?}"
    );
    assert!(
        shown.iter().any(|p| p.matches('/').count() == 1),
        "{shown:?}"
    );
    let checked = site.check(&[]);
    assert!(
        !checked.stderr.contains("broken-link"),
        "{}",
        checked.stderr
    );
}

#[test]
fn cms_without_backend_writes_the_backend_site_yaml_names() {
    let site = Site::new();
    // No `cms:`: the forms for `serve`, as before.
    let config = cms(&site.root, &[]);
    assert_eq!(config["backend"]["name"], "proxy");
    assert!(config.get("local_backend").is_some());
    site.append(
        "site.yaml",
        "cms:\n  backend: gitlab\n  repo: group/kb\n  app_id: abc\n",
    );
    let config = cms(&site.root, &[]);
    assert_valid(&config);
    assert_eq!(config["backend"]["name"], "gitlab");
    assert_eq!(config["backend"]["repo"], "group/kb");
    assert_eq!(config["backend"]["app_id"], "abc");
    assert!(config.get("local_backend").is_none());
    // The command line wins over site.yaml.
    let config = cms(&site.root, &["--backend", "github", "--repo", "owner/kb"]);
    assert_eq!(config["backend"]["name"], "github");
    assert_eq!(config["backend"]["repo"], "owner/kb");
    let config = cms(&site.root, &["--backend", "local"]);
    assert_eq!(config["backend"]["name"], "proxy");
    // A repository without a backend would be silently ignored: refused instead.
    let ran = common::brobygger(&[
        "cms",
        "--root",
        site.root.to_str().unwrap(),
        "--repo",
        "x/y",
    ]);
    assert!(!ran.status.success());
}

#[test]
fn saves_are_tried_on_the_site_as_it_is_now_and_a_refused_one_leaves_no_trace() {
    let site = Site::new();
    let preview = Preview::start(&site.root);
    let duplicate = "---\ntitle: Penge\nnumber: 1\n---\nFor få midler.\n";
    let save = |path: &str, raw: &str| persist(&preview, path, raw);
    // Refused twice: the change tried the first time is not kept for the second.
    for _ in 0..2 {
        let (status, refused) = save("content/challenges/penge.md", duplicate);
        assert_eq!(status, 422, "{refused}");
        assert!(!site.path("content/challenges/penge.md").exists());
    }
    // A partner made through the form can be named at the next save, and is then there when
    // a later save is tried.
    let partner = "---\nname: Klubben\nsector: public\n---\nEn klub.\n";
    assert_eq!(save("content/partners/klubben.md", partner).0, 200);
    let raw = "---\ntitle: Penge\nnumber: 2\npartners: [klubben]\n---\nFor få midler.\n";
    let (status, saved) = save("content/challenges/penge.md", raw);
    assert_eq!(status, 200, "{saved}");
    let (status, refused) = save("content/challenges/penge.md", duplicate);
    assert_eq!(status, 422, "{refused}");
    assert_eq!(site.read("content/challenges/penge.md"), raw);
    // A partner added outside the forms (in an editor) can be named at the next save.
    site.file(
        "content/partners/forening.md",
        "---\nname: Foreningen\nsector: public\n---\nEn forening.\n",
    );
    let raw = "---\ntitle: Samarbejdet\npartners: [vive, kommune, forening]\nfacilitator: vive\n---\nTekst.\n";
    let (status, saved) = save("content/partnerships/samarbejde.md", raw);
    assert_eq!(status, 200, "{saved}");
    assert_eq!(site.read("content/partnerships/samarbejde.md"), raw);
    // …and one removed outside the forms can no longer be.
    std::fs::remove_file(site.path("content/partners/forening.md")).unwrap();
    let raw = "---\ntitle: Tid til møder\nnumber: 1\npartners: [vive, forening]\n---\nTekst.\n";
    let before = site.read("content/challenges/tid.md");
    let (status, refused) = save("content/challenges/tid.md", raw);
    assert_eq!(status, 422, "{refused}");
    assert!(
        refused["error"].as_str().unwrap().contains("forening"),
        "{refused}"
    );
    assert_eq!(site.read("content/challenges/tid.md"), before);
}

#[test]
fn links_in_content_are_tried_as_links_never_as_the_file_outside_they_lead_to() {
    let site = Site::new();
    // A partner kept elsewhere in the site folder, linked into content/: the site builds.
    site.file(
        "shared/extra.md",
        "---\nname: Ekstra\nsector: research\n---\nEn partner.\n",
    );
    std::os::unix::fs::symlink(
        "../../shared/extra.md",
        site.path("content/partners/extra.md"),
    )
    .unwrap();
    site.replace(
        "content/challenges/tid.md",
        "partners: [vive]",
        "partners: [vive, extra]",
    );
    site.build().wrote_site();
    // A link out of the site to a file that would be an error if it were read (the loading
    // stage refuses the link instead, an error the site has before the save).
    let outside = site.tmp.path().join("outside.md");
    std::fs::write(
        &outside,
        "---\nname: Ude\nsector: nowhere\n---\nHEMMELIG-4711\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, site.path("content/partners/ude.md")).unwrap();
    let preview = Preview::start(&site.root);
    let raw = "---\nname: VIVE\nsector: research\n---\nGemt med links i content/.\n";
    let (status, saved) = persist(&preview, "content/partners/vive.md", raw);
    assert_eq!(status, 200, "{saved}");
    assert_eq!(site.read("content/partners/vive.md"), raw);
    assert_eq!(
        std::fs::read_link(site.path("content/partners/extra.md")).unwrap(),
        Path::new("../../shared/extra.md")
    );
}

#[test]
fn a_folder_of_the_site_that_is_a_link_out_is_never_written_through_by_a_save() {
    let site = Site::new();
    // static/ a link to a folder elsewhere, with files the site does not own (build refuses
    // the link; the forms still save into content/).
    let elsewhere = site.tmp.path().join("elsewhere");
    site.file("static/images/logo.png", "png");
    std::fs::rename(site.path("static"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.path("static")).unwrap();
    let preview = Preview::start(&site.root);
    let raw = "---\nname: VIVE\nsector: research\n---\nÆndret.\n";
    let (status, answer) = persist(&preview, "content/partners/vive.md", raw);
    drop(preview);
    assert_eq!(status, 200, "{answer}");
    assert_eq!(site.read("content/partners/vive.md"), raw);
    // The files behind the link are all still there.
    assert_eq!(common::read(&elsewhere.join("images/logo.png")), "png");
}

#[test]
fn a_save_never_writes_through_a_link_planted_under_its_temporary_name() {
    // A save writes `.NAME.brobygger-cms` beside the entry, then renames it into place: a link
    // a site carries under that name must not take the entry's bytes out of the site.
    let site = Site::new();
    let outside = site.tmp.path().join("bashrc");
    std::fs::write(&outside, "untouched").unwrap();
    std::os::unix::fs::symlink(
        &outside,
        site.path("content/partners/.vive.md.brobygger-cms"),
    )
    .unwrap();
    let preview = Preview::start(&site.root);
    let raw = "---\nname: VIVE\nsector: research\n---\nGemt.\n";
    let (status, saved) = call(
        &preview,
        "persistEntry",
        json!({"entry": {"path": "content/partners/vive.md", "raw": raw, "slug": "vive"}, "assets": []}),
    );
    assert_eq!(status, 200, "{saved}");
    assert_eq!(site.read("content/partners/vive.md"), raw);
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "untouched");
}

#[test]
fn brobygger_cms_replaces_a_planted_link_instead_of_writing_through_it() {
    let site = Site::new();
    let outside = site.tmp.path().join("profile");
    std::fs::write(&outside, "untouched").unwrap();
    std::fs::create_dir_all(site.path("admin")).unwrap();
    std::os::unix::fs::symlink(&outside, site.path("admin/config.yml")).unwrap();
    let config = cms(&site.root, &[]);
    assert!(config["collections"].is_array());
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "untouched");
    assert!(
        !std::fs::symlink_metadata(site.path("admin/config.yml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );

    // An `admin` folder that is a link out of the site is refused.
    let other = Site::new();
    let elsewhere = other.tmp.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, other.path("admin")).unwrap();
    let ran = common::brobygger(&["cms", "--root", other.root.to_str().unwrap()]);
    assert!(!ran.status.success());
    assert!(std::fs::read_dir(&elsewhere).unwrap().next().is_none());
}

#[test]
fn a_copy_left_by_a_killed_serve_is_swept_by_the_next_and_nothing_else_is() {
    let site = Site::new();
    let temp = tempfile::tempdir().unwrap();
    let env = [("TMPDIR", temp.path().to_str().unwrap())];
    let save = |preview: &Preview, n: u32| {
        let raw = format!("---\ntitle: Penge {n}\n---\nFor få midler.\n");
        let (status, saved) = persist(preview, &format!("content/challenges/penge-{n}.md"), &raw);
        assert_eq!(status, 200, "{saved}");
    };
    let copies_of = |pid: u32| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(temp.path())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                name.starts_with(&format!("brobygger-cms-{pid}-"))
            })
            .collect()
    };

    let mut killed = Preview::start_with(&site.root, &[], &env);
    save(&killed, 1);
    let pid = killed.child.id();
    let left = copies_of(pid);
    assert_eq!(left.len(), 1, "the save was tried on one copy: {left:?}");
    killed.child.kill().unwrap();
    killed.child.wait().unwrap();
    assert!(
        left[0].exists(),
        "SIGKILL gives serve no chance to remove its copy"
    );

    // Folders that only look like a copy stay: one without the mark, and one of a process
    // that still runs (this test's own).
    let unmarked = temp.path().join(format!("brobygger-cms-{pid}-7"));
    std::fs::create_dir(&unmarked).unwrap();
    std::fs::write(unmarked.join("notes.txt"), "mine").unwrap();
    let running = temp
        .path()
        .join(format!("brobygger-cms-{}-0", std::process::id()));
    std::fs::create_dir(&running).unwrap();
    std::fs::write(running.join(".brobygger-cms-copy"), "").unwrap();

    let next = Preview::start_with(&site.root, &[], &env);
    save(&next, 2);
    assert!(
        !left[0].exists(),
        "the next serve's first save sweeps the left copy"
    );
    assert_eq!(
        std::fs::read_to_string(unmarked.join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(running.exists());
    // The site's own files were hard-linked into the swept copy: they are all still there.
    assert!(site.path("content/challenges/penge-1.md").exists());
    assert!(site.path("content/challenges/penge-2.md").exists());
    assert_eq!(copies_of(next.child.id()).len(), 1);
}
