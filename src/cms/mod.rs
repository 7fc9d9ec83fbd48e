//! `cms`: the editing forms (Decap CMS) made from the content model. It writes
//! `admin/config.yml`, one collection per kind with a widget for every field, and
//! `admin/index.html`, which loads the Decap bundle from the site itself.
//!
//! The config is written as JSON, which is YAML too (YAML 1.2 reads every JSON document):
//! serde_json does the quoting, so no label or value from site.yaml can break the file, and
//! the project needs no YAML writer.

mod labels;

use crate::base::diagnostic::Diagnostic;
use crate::base::{Kind, Language};
use crate::config::Config;
pub use crate::plan::AdminFile;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// The Decap version `admin/index.html` loads, from the npm package `decap-cms`.
pub const DECAP_VERSION: &str = "3.16.3";
/// The bundle's file name under `admin/`.
pub const BUNDLE: &str = "decap-cms.js";
/// Where uploaded images go, and the address pages use for them.
pub const MEDIA_FOLDER: &str = "static/images";
pub const PUBLIC_FOLDER: &str = "/images";
/// The address of `serve`'s local-backend API when the port is not known yet.
pub const DEFAULT_LOCAL_URL: &str = "http://127.0.0.1:1111/api/v1";

/// Where the edits are saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// On this computer, through `brobygger serve`'s API at this address.
    Local { url: String },
    /// Through a git-gateway (Netlify Identity, or one's own), to its repository's `branch`.
    GitGateway { branch: String },
    /// In a GitHub repository (`owner/name`); needs an OAuth helper (docs/editing.md).
    GitHub { repo: String, branch: String },
    /// In a GitLab repository, signing in with PKCE: no server of one's own.
    GitLab {
        repo: String,
        branch: String,
        app_id: Option<String>,
    },
}

impl From<&crate::config::CmsBackend> for Backend {
    /// The backend site.yaml's `cms:` names, for the forms `build` publishes.
    fn from(setting: &crate::config::CmsBackend) -> Backend {
        use crate::config::CmsBackend as S;
        match setting.clone() {
            S::GitGateway { branch } => Backend::GitGateway { branch },
            S::Github { repo, branch } => Backend::GitHub { repo, branch },
            S::Gitlab {
                repo,
                branch,
                app_id,
            } => Backend::GitLab {
                repo,
                branch,
                app_id,
            },
        }
    }
}

/// The Decap configuration of the site whose settings are `config`.
pub fn config(config: &Config, backend: &Backend) -> Value {
    let l = config.language;
    let mut root = serde_json::Map::new();
    match backend {
        Backend::Local { url } => {
            // The proxy backend is what decap-server speaks; `local_backend` makes Decap use
            // it without asking anyone to sign in.
            root.insert(
                "backend".into(),
                json!({"name": "proxy", "proxy_url": url, "branch": "main"}),
            );
            root.insert("local_backend".into(), json!({"url": url}));
        }
        Backend::GitGateway { branch } => {
            root.insert(
                "backend".into(),
                json!({"name": "git-gateway", "branch": branch}),
            );
        }
        Backend::GitHub { repo, branch } => {
            root.insert(
                "backend".into(),
                json!({"name": "github", "repo": repo, "branch": branch}),
            );
        }
        Backend::GitLab {
            repo,
            branch,
            app_id,
        } => {
            let mut b =
                json!({"name": "gitlab", "repo": repo, "branch": branch, "auth_type": "pkce"});
            if let Some(id) = app_id {
                b["app_id"] = json!(id);
            }
            root.insert("backend".into(), b);
        }
    }
    root.insert("locale".into(), json!(l.code()));
    root.insert("media_folder".into(), json!(MEDIA_FOLDER));
    root.insert("public_folder".into(), json!(PUBLIC_FOLDER));
    // ASCII slugs with accents cleaned: the nearest Decap has to `brobygger new`'s ids
    // (docs/editing.md lists where they still differ).
    root.insert(
        "slug".into(),
        json!({"encoding": "ascii", "clean_accents": true}),
    );
    if let Some(url) = &config.base_url {
        root.insert("site_url".into(), json!(url));
    }
    let collections: Vec<Value> = Kind::ALL.iter().map(|&k| collection(config, k)).collect();
    root.insert("collections".into(), Value::Array(collections));
    Value::Object(root)
}

/// The text of `admin/config.yml`.
pub fn config_text(config: &Config, backend: &Backend) -> String {
    with_header(
        config,
        backend,
        "# Made by `brobygger cms` from site.yaml and the content model: run it again after\n# changing site.yaml.",
    )
}

fn with_header(config: &Config, backend: &Backend, header: &str) -> String {
    let value = self::config(config, backend);
    // serde_json cannot fail on a Value with string keys.
    let body = serde_json::to_string_pretty(&value).unwrap_or_default();
    format!("{header} Written as JSON, which every YAML reader reads.\n{body}\n")
}

/// The text of `admin/index.html`: Decap from the site's own `admin/`, nothing from elsewhere.
pub fn index_html(language: Language) -> String {
    let title = match language {
        Language::Da => "Redigér indhold",
        Language::Sv => "Redigera innehåll",
        Language::En => "Edit content",
    };
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n<link href=\"config.yml\" type=\"text/yaml\" rel=\"cms-config-url\">\n<title>{title}</title>\n</head>\n<body>\n<script src=\"{BUNDLE}\"></script>\n</body>\n</html>\n",
        lang = language.code()
    )
}

/// The npm registry's integrity hash of `decap-cms-DECAP_VERSION.tgz`, which holds the bundle
/// as `package/dist/decap-cms.js` (5.2 MB; MIT).
pub const DECAP_INTEGRITY: &str = "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==";

/// The page `/admin/` shows while the site has no `admin/decap-cms.js`: what to fetch, and
/// how to check it, instead of a blank page.
pub fn bundle_missing_html(language: Language) -> String {
    let (title, say) = match language {
        Language::Da => (
            "Redigering er ikke sat op endnu",
            "Hent Decap CMS én gang ind i sitets mappe admin/ og tjek den (se docs/editing.md):",
        ),
        Language::Sv => (
            "Redigering är inte inställd än",
            "Hämta Decap CMS en gång till webbplatsens mapp admin/ och kontrollera den (se docs/editing.md):",
        ),
        Language::En => (
            "Editing is not set up yet",
            "Fetch Decap CMS once into the site's admin/ folder and check it (see docs/editing.md):",
        ),
    };
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body>\n<h1>{title}</h1>\n<p>{say}</p>\n<pre>curl -fsSLO https://registry.npmjs.org/decap-cms/-/decap-cms-{DECAP_VERSION}.tgz\necho \"{DECAP_SHA512}  decap-cms-{DECAP_VERSION}.tgz\" | sha512sum -c\ntar -xzOf decap-cms-{DECAP_VERSION}.tgz package/dist/decap-cms.js &gt; admin/{BUNDLE}</pre>\n</body>\n</html>\n",
        lang = language.code()
    )
}

/// [`DECAP_INTEGRITY`] in hexadecimal, as `sha512sum` prints it.
pub const DECAP_SHA512: &str = "85ff9d3e50a1ed32665a5f3ee954731d839686b8b9c605249eb65b0dec1a59ee2cf41ef127c3d0ba0a7640779295d3142b36afebecf4a08a7051885424362d63";

/// The backends `brobygger cms --backend` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BackendName {
    Local,
    GitGateway,
    Github,
    Gitlab,
}

impl BackendName {
    /// The backend, with the command line's repository (`owner/name`), branch and GitLab
    /// application id.
    pub fn with(self, repo: Option<String>, branch: String, app_id: Option<String>) -> Backend {
        let repo = repo.unwrap_or_default();
        match self {
            BackendName::Local => Backend::Local {
                url: DEFAULT_LOCAL_URL.into(),
            },
            BackendName::GitGateway => Backend::GitGateway { branch },
            BackendName::Github => Backend::GitHub { repo, branch },
            BackendName::Gitlab => Backend::GitLab {
                repo,
                branch,
                app_id,
            },
        }
    }
}

/// Why `brobygger cms` could not write a file.
#[derive(Debug)]
pub struct WriteError(pub PathBuf, pub std::io::Error);

impl WriteError {
    /// The line `cms` prints, in `language`.
    pub fn text(&self, language: Language) -> String {
        crate::base::messages::CommandText::CannotWrite {
            path: self.0.display().to_string(),
            detail: (&self.1).into(),
        }
        .text(language)
    }
}

/// Writes `admin/config.yml` and `admin/index.html` into `root`, and returns their paths.
/// Existing files are replaced: they are made from site.yaml, not edited by hand.
pub fn write(root: &Path, config: &Config, backend: &Backend) -> Result<Vec<PathBuf>, WriteError> {
    let dir = root.join("admin");
    // A site is untrusted input: an `admin` that is a link would take the files elsewhere.
    if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(WriteError(
            dir,
            std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "a link stands where the admin folder belongs",
            ),
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| WriteError(dir.clone(), e))?;
    let mut written = Vec::new();
    for (name, text) in [
        ("config.yml", config_text(config, backend)),
        ("index.html", index_html(config.language)),
    ] {
        let path = dir.join(name);
        replace_file(&path, text.as_bytes()).map_err(|e| WriteError(path.clone(), e))?;
        written.push(path);
    }
    Ok(written)
}

/// Puts `bytes` at `target` through a new file beside it, renamed into place: a reader never
/// sees half of it, and a file or link already there (a site is untrusted input) is replaced,
/// never written through.
pub fn replace_file(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = target.with_file_name(format!(".{name}.brobygger-cms"));
    let _ = std::fs::remove_file(&temporary);
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| std::io::Write::write_all(&mut file, bytes))
        .and_then(|()| std::fs::rename(&temporary, target))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&temporary);
        })
}

/// A file of the site's own `admin/` folder (the Decap bundle, its licence), read by the rules
/// of `static/`: a link that leads out of the site folder is an error, never followed, so a
/// site cannot publish (or have `serve` hand out) a file from elsewhere on the machine.
/// `Ok(None)` when the file is not there.
pub fn read_admin_file(
    root: &Path,
    file: AdminFile,
    language: Language,
) -> Result<Option<Vec<u8>>, Diagnostic> {
    use crate::load::site_folder::{Area, SiteFolder};
    let site = SiteFolder::new(root);
    let Some(path) = site.entry(file.path(), Area::Published, language)? else {
        return Ok(None);
    };
    site.read(&path, crate::load::MAX_PUBLISHED_FILE_BYTES)
        .map(Some)
        .map_err(|e| crate::load::unreadable(e, file.path().to_string(), language))
}

/// The bytes of one of the forms' files `build` publishes (site.yaml has `cms:`): the
/// configuration with site.yaml's hosted backend (never the local one, whose address is only
/// the editor's own computer), the page, and the bundle copied from the site's `admin/`.
/// Without the bundle the page says how to get it, as `serve`'s does, and `check` warns.
pub fn published(site: &crate::model::Site, file: AdminFile) -> Result<Vec<u8>, Diagnostic> {
    let config = &site.config;
    let bundle = site.root.join(AdminFile::Bundle.path());
    Ok(match file {
        AdminFile::Index if bundle.is_file() => index_html(config.language).into_bytes(),
        AdminFile::Index => bundle_missing_html(config.language).into_bytes(),
        AdminFile::Config => {
            let backend = config.cms.as_ref().map_or(
                Backend::GitGateway {
                    branch: "main".into(),
                },
                Backend::from,
            );
            with_header(
                config,
                &backend,
                "# Made by `brobygger build` from site.yaml (`cms:`) and the\n# content model.",
            )
            .into_bytes()
        }
        AdminFile::Bundle | AdminFile::BundleLicence => {
            read_admin_file(&site.root, file, config.language)?.unwrap_or_default()
        }
    })
}

/// One kind's collection: its folder, slug and fields.
fn collection(config: &Config, kind: Kind) -> Value {
    let l = config.language;
    let (label, singular) = labels::kind_label(kind, l);
    let mut c = json!({
        "name": kind.folder(),
        "label": label,
        "label_singular": singular,
        "folder": format!("content/{}", kind.folder()),
        "create": true,
        "extension": "md",
        "format": "frontmatter",
        "slug": "{{slug}}",
        "fields": fields(config, kind),
    });
    match kind {
        Kind::Quote => {
            // A quote has no title: it is named by what was said, as `new` names its file
            // after the first words.
            c["identifier_field"] = json!("body");
            c["summary"] = json!("{{body | truncate(60)}}");
        }
        Kind::Partner => c["identifier_field"] = json!("name"),
        _ => {}
    }
    c
}

fn field(config: &Config, name: &str, widget: &str, required: bool) -> Value {
    let (label, hint) = labels::field(name, config.language);
    let mut f = json!({"name": name, "label": label, "widget": widget, "required": required});
    if !hint.is_empty() {
        f["hint"] = json!(hint);
    }
    f
}

/// A picker of entries of `kind`, by id (the file name, Decap's `{{slug}}`).
fn relation(config: &Config, name: &str, kind: Kind, multiple: bool, required: bool) -> Value {
    let mut f = field(config, name, "relation", required);
    let shown = match kind {
        Kind::Partner => "name",
        Kind::Quote => "body",
        _ => "title",
    };
    f["collection"] = json!(kind.folder());
    f["value_field"] = json!("{{slug}}");
    f["search_fields"] = json!([shown]);
    f["display_fields"] = json!([shown]);
    f["multiple"] = json!(multiple);
    f
}

fn select(
    config: &Config,
    name: &str,
    options: Vec<(String, String)>,
    multiple: bool,
    required: bool,
) -> Value {
    let mut f = field(config, name, "select", required);
    f["options"] = options
        .into_iter()
        .map(|(value, label)| json!({"label": label, "value": value}))
        .collect();
    f["multiple"] = json!(multiple);
    f
}

fn fixed(config: &Config, name: &str, values: &[&str]) -> Value {
    let options = values
        .iter()
        .map(|v| (v.to_string(), labels::value(v, config.language).to_string()))
        .collect();
    select(config, name, options, false, false)
}

/// A date without a time, written `2025-03-01` as brobygger reads it.
fn date(config: &Config, name: &str, required: bool) -> Value {
    let mut f = field(config, name, "datetime", required);
    f["format"] = json!("YYYY-MM-DD");
    f["date_format"] = json!("YYYY-MM-DD");
    f["time_format"] = json!(false);
    f["picker_utc"] = json!(true);
    f
}

fn strings(config: &Config, name: &str) -> Value {
    field(config, name, "list", false)
}

fn fields(config: &Config, kind: Kind) -> Value {
    let c = config;
    let sectors: Vec<(String, String)> = c
        .sectors
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut list = match kind {
        Kind::Partner => vec![
            field(c, "name", "string", true),
            field(c, "short_name", "string", false),
            select(c, "sector", sectors, false, true),
            fixed(c, "level", &["local", "regional", "national", "european"]),
            field(c, "website", "string", false),
            logo(c),
            field(c, "summary", "text", false),
        ],
        Kind::Partnership => vec![
            field(c, "title", "string", true),
            members(c),
            relation(c, "facilitator", Kind::Partner, false, false),
            fixed(c, "form", &["network", "alliance", "partnership"]),
            date(c, "start", false),
            date(c, "end", false),
            fixed(c, "status", &["planned", "active", "completed"]),
            field(c, "goal", "text", false),
            field(c, "target_group", "string", false),
            milestones(c),
            field(c, "agreement", "string", false),
            date(c, "agreed", false),
        ],
        Kind::Challenge | Kind::Opportunity | Kind::Learning | Kind::Recommendation => {
            // In the order `brobygger new` writes them: Decap saves keys in the order of
            // the fields, so a file made by `new` keeps its order when saved in the form.
            let mut v = vec![field(c, "title", "string", true)];
            if !c.catalogues.is_empty() {
                // Catalogues are set in site.yaml, not kept as entries: a fixed list.
                let options = c
                    .catalogues
                    .iter()
                    .map(|(k, v)| (k.clone(), v.title.clone()))
                    .collect();
                v.push(select(c, "catalogue", options, false, false));
            }
            let mut number = field(c, "number", "number", false);
            number["value_type"] = json!("int");
            number["min"] = json!(1);
            v.push(number);
            v.push(relation(c, "partners", Kind::Partner, true, false));
            v.push(relation(c, "partnerships", Kind::Partnership, true, false));
            if kind == Kind::Recommendation {
                v.push(relation(c, "addresses", Kind::Challenge, true, false));
            }
            v
        }
        Kind::Quote => {
            let mut approved = field(c, "approved", "boolean", false);
            approved["default"] = json!(false);
            vec![
                relation(c, "by", Kind::Partner, false, false),
                field(c, "speaker", "string", false),
                relation(c, "partnership", Kind::Partnership, false, false),
                field(c, "source", "string", false),
                approved,
            ]
        }
        Kind::Page => {
            let mut weight = field(c, "weight", "number", false);
            weight["value_type"] = json!("int");
            vec![field(c, "title", "string", true), weight]
        }
    };
    // The fields every kind shares.
    let mut draft = field(c, "draft", "boolean", false);
    draft["default"] = json!(false);
    list.extend([
        strings(c, "tags"),
        date(c, "date", false),
        date(c, "updated", false),
        draft,
        strings(c, "allow"),
        fixed(c, "language", &["da", "sv", "en"]),
    ]);
    let body = if kind == Kind::Quote {
        "quote_body"
    } else {
        "body"
    };
    let mut text = field(c, "body", "markdown", kind == Kind::Quote);
    let (label, _) = labels::field(body, c.language);
    text["label"] = json!(label);
    list.push(text);
    Value::Array(list)
}

/// A partnership's members, always written `{id, role, brings, commitment}`.
fn members(c: &Config) -> Value {
    let (label, hint) = labels::field("members", c.language);
    let brings = if c.contribution_types.is_empty() {
        strings(c, "brings")
    } else {
        let options = c
            .contribution_types
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        select(c, "brings", options, true, false)
    };
    json!({
        "name": "partners",
        "label": label,
        "hint": hint,
        "widget": "list",
        "required": true,
        "min": 2,
        "summary": "{{fields.id}}",
        "fields": [
            relation(c, "id", Kind::Partner, false, true),
            field(c, "role", "string", false),
            brings,
            field(c, "commitment", "string", false),
        ],
    })
}

/// A partner's logo, uploaded into the media folder and written as its path in static/
/// (`images/x.png`), as brobygger reads a logo: the site-wide `/images/x.png` would point
/// outside static/ and the save would be refused.
fn logo(c: &Config) -> Value {
    let mut f = field(c, "logo", "image", false);
    f["media_folder"] = json!(format!("/{MEDIA_FOLDER}"));
    f["public_folder"] = json!(MEDIA_FOLDER.trim_start_matches("static/"));
    f
}

fn milestones(c: &Config) -> Value {
    let mut f = field(c, "milestones", "list", false);
    f["fields"] = json!([
        date(c, "date", true),
        field(c, "title", "string", true),
        field(c, "done", "boolean", false),
    ]);
    f
}
