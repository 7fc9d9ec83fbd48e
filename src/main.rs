//! The `brobygger` command: arguments in, exit code out. Diagnostics are printed here, once.

use brobygger::base::Language;
use brobygger::base::diagnostic::{self, Diagnostic, Diagnostics, Severity};
use brobygger::base::messages::{CommandText, ErrorText, error_label, help_label};
use brobygger::load::Date;
use brobygger::{BuildError, BuildOptions};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Writes a line to standard error, ignoring a failure: stderr closed early (`brobygger check
/// 2>&1 | head -1`) or full is no reason to panic, and the exit code still says how it went.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

/// [`say!`] for standard output (the JSON of `check`, the files `init` made).
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

#[path = "main/command_line.rs"]
mod command_line;

#[path = "main/allocator.rs"]
mod allocator;

#[derive(Parser)]
#[command(
    name = "brobygger",
    version,
    about = "Builds a partnership knowledge base into a static site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder of static files.
    #[command(after_help = "Example:\n  brobygger build --root my-site --output my-site/public")]
    Build {
        /// The site folder (with site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// The address the site will be published at; used only by the feed, the sitemap and
        /// canonical links. Overrides base_url in site.yaml.
        #[arg(long)]
        base_url: Option<String>,
        /// Publish files marked `draft: true` too.
        #[arg(long)]
        drafts: bool,
        /// The language of messages until site.yaml is read (no site.yaml, an unreadable
        /// one) [default: from LC_ALL, LC_MESSAGES or LANG, else en]. After that, the site's.
        #[arg(long, value_enum)]
        language: Option<Lang>,
    },
    /// Preview the site in a browser: builds it into memory, serves it on this computer and
    /// rebuilds and reloads the page at every save.
    #[command(
        after_help = "Examples:\n  brobygger serve\n  brobygger serve --root my-site --port 8080 --open\n\nThe preview writes nothing to disk; use `brobygger build` to publish."
    )]
    Serve {
        /// The site folder (with site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on [default: 1111, or the next free one].
        #[arg(long)]
        port: Option<u16>,
        /// The address to listen on. Anything but 127.0.0.1 or ::1 lets other machines on
        /// the network see the preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the preview in the default browser.
        #[arg(long)]
        open: bool,
        /// Show files marked `draft: true` too.
        #[arg(long)]
        drafts: bool,
        /// Also answer requests addressed to NAME (a tunnel's or proxy's name); localhost
        /// and IP addresses are always answered. Repeat for more names.
        #[arg(long = "allow-host", value_name = "NAME", value_parser = brobygger::serve::parse_allowed_host)]
        allow_host: Vec<String>,
        /// The language of messages until site.yaml is read (no site.yaml, an unreadable
        /// one) [default: from LC_ALL, LC_MESSAGES or LANG, else en]. After that, the site's.
        #[arg(long, value_enum)]
        language: Option<Lang>,
    },
    /// Check the site for errors and warnings without writing anything.
    #[command(
        after_help = "Examples:\n  brobygger check\n  brobygger check --root my-site --deny-warnings\n  brobygger check --format json > findings.json"
    )]
    Check {
        /// The site folder (with site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `human` (like a compiler, on stderr) or `json` (one array on stdout, for CI and editors).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Exit with 1 when there are warnings, not only errors.
        #[arg(long)]
        deny_warnings: bool,
        /// The language of messages until site.yaml is read (no site.yaml, an unreadable
        /// one) [default: from LC_ALL, LC_MESSAGES or LANG, else en]. After that, the site's.
        #[arg(long, value_enum)]
        language: Option<Lang>,
    },
    /// Create a small working site to start from.
    #[command(after_help = "Example:\n  brobygger init vores-partnerskab --language da")]
    Init {
        /// The folder to create (it must be empty or not exist).
        dir: PathBuf,
        /// The language of the site and of its built-in words [default: the existing
        /// site.yaml's with --force, else en].
        #[arg(long, value_enum)]
        language: Option<Lang>,
        /// Use a folder that is not empty: only missing files are written, none is replaced.
        #[arg(long)]
        force: bool,
    },
    /// Create a new content file: a partner, partnership, challenge, opportunity,
    /// recommendation, learning, quote or page.
    #[command(
        after_help = "Examples:\n  brobygger new challenge \"Tid til møder\"\n  brobygger new udfordring \"Tid til møder\"   (writes content/challenges/tid-til-moeder.md)\n  brobygger new partner \"Västerås stad\" --sector public --root my-site"
    )]
    New {
        /// The kind, singular or plural, in English or the site's language (e.g. udfordring).
        kind: String,
        /// The title (for a quote: what was said); the file name is made from it.
        title: String,
        /// The site folder (with site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// For a partner: its sector, one of the keys under `sectors:` in site.yaml. Without
        /// it the file gets a placeholder that `check` reports until it is replaced.
        #[arg(long)]
        sector: Option<String>,
        /// The language of messages until site.yaml is read (no site.yaml, an unreadable
        /// one) [default: from LC_ALL, LC_MESSAGES or LANG, else en]. After that, the site's.
        #[arg(long, value_enum)]
        language: Option<Lang>,
    },
    /// Write the editing forms (Decap CMS) for the site: admin/config.yml and
    /// admin/index.html, made from site.yaml and the content model.
    #[command(
        after_help = "Examples:\n  brobygger cms\n  brobygger cms --backend github --repo owner/name\n\n`brobygger serve` offers the forms at /admin/ without this; see docs/editing.md."
    )]
    Cms {
        /// The site folder (with site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where edits are saved: `local` (through `brobygger serve`), `git-gateway`, `github`
        /// or `gitlab` [default: the backend site.yaml's `cms:` names, else local].
        #[arg(long, value_enum)]
        backend: Option<brobygger::cms::BackendName>,
        /// The repository, `owner/name`, for the github and gitlab backends.
        #[arg(long, requires = "backend", required_if_eq_any = [("backend", "github"), ("backend", "gitlab")])]
        repo: Option<String>,
        /// The branch edits are saved to.
        #[arg(long, default_value = "main")]
        branch: String,
        /// The GitLab application id, for signing in with PKCE.
        #[arg(long)]
        app_id: Option<String>,
        /// The language of messages until site.yaml is read (no site.yaml, an unreadable
        /// one) [default: from LC_ALL, LC_MESSAGES or LANG, else en]. After that, the site's.
        #[arg(long, value_enum)]
        language: Option<Lang>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Lang {
    Da,
    Sv,
    En,
}

impl From<Lang> for Language {
    fn from(l: Lang) -> Language {
        match l {
            Lang::Da => Language::Da,
            Lang::Sv => Language::Sv,
            Lang::En => Language::En,
        }
    }
}

fn main() -> ExitCode {
    #[cfg(not(target_os = "linux"))]
    allocator::settings();
    let command = match Cli::try_parse() {
        Ok(cli) => cli.command,
        Err(mistake) => return command_line::mistake(mistake),
    };
    // What is said before a site's own `language:` is known: in the language asked for, else
    // the one the user's system speaks.
    let asked = match &command {
        Command::Build { language, .. }
        | Command::Serve { language, .. }
        | Command::Check { language, .. }
        | Command::Init { language, .. }
        | Command::New { language, .. }
        | Command::Cms { language, .. } => language.map(Language::from),
    };
    Language::set_before_settings(
        asked
            .or_else(|| Language::from_environment(|name| std::env::var(name).ok()))
            .unwrap_or_default(),
    );
    match command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            ..
        } => build(root, output, base_url, drafts),
        Command::Serve {
            root,
            port,
            bind,
            open,
            drafts,
            allow_host,
            ..
        } => serve(brobygger::serve::ServeOptions {
            root,
            bind,
            port: port.unwrap_or(1111),
            port_chosen: port.is_some(),
            open,
            drafts,
            allowed_hosts: allow_host,
        }),
        Command::Check {
            root,
            format,
            deny_warnings,
            ..
        } => check(&root, format, deny_warnings),
        Command::Init {
            dir,
            language,
            force,
        } => init(&dir, language.map(Language::from), force),
        Command::New {
            kind,
            title,
            root,
            sector,
            ..
        } => new(&root, &kind, &title, sector.as_deref()),
        Command::Cms {
            root,
            backend,
            repo,
            branch,
            app_id,
            ..
        } => cms(&root, backend.map(|b| b.with(repo, branch, app_id))),
    }
}

/// `backend` is the command line's; without one, the site's `cms:` decides, so the config
/// written by hand matches the one `build` publishes.
fn cms(root: &Path, backend: Option<brobygger::cms::Backend>) -> ExitCode {
    let config = match brobygger::load::read_config(root) {
        Ok(c) => c,
        Err(d) => {
            print_human(&d, Language::before_settings());
            return ExitCode::FAILURE;
        }
    };
    let backend = backend.unwrap_or_else(|| match &config.cms {
        Some(hosted) => brobygger::cms::Backend::from(hosted),
        None => brobygger::cms::BackendName::Local.with(None, String::new(), None),
    });
    match brobygger::cms::write(root, &config, &backend) {
        Ok(files) => {
            files.iter().for_each(|f| out!("{}", f.display()));
            ExitCode::SUCCESS
        }
        Err(e) => {
            say!("{}", e.text(config.language));
            ExitCode::FAILURE
        }
    }
}

fn build(
    root: PathBuf,
    output: Option<PathBuf>,
    base_url: Option<String>,
    drafts: bool,
) -> ExitCode {
    let output = output.unwrap_or_else(|| root.join("public"));
    let started = std::time::Instant::now();
    let options = BuildOptions {
        root: root.clone(),
        output: output.clone(),
        base_url,
        drafts,
    };
    match brobygger::build(&options) {
        Ok(s) => {
            let l = s.language;
            say!(
                "{}",
                CommandText::Built {
                    partners: s.partners,
                    partnerships: s.partnerships,
                    items: s.items,
                    pages: s.pages,
                    output: output.display().to_string(),
                    files: s.files,
                    millis: started.elapsed().as_millis(),
                }
                .text(l)
            );
            say!(
                "{}",
                CommandText::Warnings {
                    count: s.warnings,
                    command: check_command(&root),
                }
                .text(l)
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Site(d)) => {
            print_human(&d, site_language(&root));
            say!(
                "{}",
                CommandText::NotBuilt {
                    errors: errors_in(&d)
                }
                .text(site_language(&root))
            );
            ExitCode::FAILURE
        }
        Err(BuildError::Output(e)) => {
            // About where the site is written, not about a file of it: no snippet, no code.
            let l = site_language(&root);
            let (message, help) = e.text().text(l);
            say!("{}: {message}\n  {}: {help}", error_label(l), help_label(l));
            ExitCode::FAILURE
        }
    }
}

fn check(root: &Path, format: Format, deny_warnings: bool) -> ExitCode {
    let (findings, failed) = match brobygger::check::check(root, Date::today()) {
        Ok(warnings) => {
            let failed = deny_warnings && !warnings.is_empty();
            (warnings, failed)
        }
        Err(errors) => (errors, true),
    };
    match format {
        Format::Json => out!("{}", json(&findings)),
        Format::Human => {
            print_human(&findings, site_language(root));
            let errors = errors_in(&findings);
            let said = if errors > 0 {
                CommandText::ErrorsFound { errors }
            } else if findings.is_empty() {
                CommandText::NoFindings
            } else {
                CommandText::WarningsFound {
                    warnings: findings.len(),
                    denied: failed,
                }
            };
            say!("{}", said.text(site_language(root)));
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn init(dir: &Path, language: Option<Language>, force: bool) -> ExitCode {
    // Filling in a site: keep its language.
    let existing = || brobygger::load::read_config(dir).map(|c| c.language).ok();
    let site = language.or_else(existing);
    match brobygger::init::init(dir, site.unwrap_or_default(), Date::today(), force) {
        Ok(files) => {
            for f in &files {
                out!("{}", f.display());
            }
            let said = CommandText::Created {
                dir: dir.display().to_string(),
                files: files.len(),
            };
            say!("{}", said.text(site.unwrap_or_default()));
            ExitCode::SUCCESS
        }
        Err(e) => {
            say!("{}", e.text(site.unwrap_or_else(Language::before_settings)));
            ExitCode::FAILURE
        }
    }
}

fn new(root: &Path, kind: &str, title: &str, sector: Option<&str>) -> ExitCode {
    let config = match brobygger::load::read_config(root) {
        Ok(c) => c,
        Err(d) => {
            print_human(&d, site_language(root));
            return ExitCode::FAILURE;
        }
    };
    let l = config.language;
    let kind = match brobygger::new::kind_from_word(kind) {
        Ok(k) => k,
        Err(e) => {
            say!("{}", e.text(l));
            return ExitCode::FAILURE;
        }
    };
    // A new partnership starts with two of the site's partners, so that it builds at once
    // (when the site has two).
    let mut partners: Vec<String> = std::fs::read_dir(root.join("content/partners"))
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .filter(|s| brobygger::load::is_valid_id(s))
                .collect()
        })
        .unwrap_or_default();
    partners.sort();
    match brobygger::new::new(root, &config, kind, title, Date::today(), &partners, sector) {
        Ok(made) => {
            let shown = made.path.strip_prefix(".").unwrap_or(&made.path);
            out!("{}", shown.display());
            if made.sector_to_choose {
                say!("{}", brobygger::new::sector_notice(&config, &made.path));
            }
            ExitCode::SUCCESS
        }
        Err(brobygger::new::NewError::UnknownSector(d) | brobygger::new::NewError::Refused(d)) => {
            print_human(&Diagnostics(vec![*d]), l);
            ExitCode::FAILURE
        }
        Err(e) => {
            say!("{}", e.text(l));
            ExitCode::FAILURE
        }
    }
}

fn serve(options: brobygger::serve::ServeOptions) -> ExitCode {
    use brobygger::serve::Report;
    if !options.root.join("site.yaml").is_file() {
        // Not a site: nothing to serve, and no page to show the error on.
        let missing = ErrorText::MissingSiteYaml {
            root: options.root.display().to_string(),
        };
        let l = Language::before_settings();
        print_human(&Diagnostics(vec![missing.diagnostic("site.yaml", l)]), l);
        return ExitCode::FAILURE;
    }
    let l = site_language(&options.root);
    let check = check_command(&options.root);
    let report = move |r: Report| match r {
        Report::PortTaken { wanted, got } => {
            say!("{}", CommandText::PortTaken { wanted, got }.text(l))
        }
        Report::Exposed(addr) => say!(
            "{}",
            CommandText::Exposed {
                addr: addr.to_string()
            }
            .text(l)
        ),
        Report::Serving { url, first } => say!(
            "{}",
            CommandText::Serving {
                url,
                files: first.changed.len(),
                millis: first.took.as_millis(),
            }
            .text(l)
        ),
        Report::Rebuilt(r) => {
            if std::env::var_os("BROBYGGER_STEPS").is_some() {
                let steps: Vec<String> = r
                    .steps
                    .iter()
                    .map(|(name, d)| format!("{name} {:.1}", d.as_secs_f64() * 1000.0))
                    .collect();
                say!("steps (ms): {}", steps.join(", "));
            }
            let said = CommandText::Rebuilt {
                millis: r.took.as_millis(),
                changed: r.changed.len(),
                removed: r.removed.len(),
            };
            say!("{}", said.text(l));
        }
        Report::Errors(d) => {
            print_human(&d, l);
            say!(
                "{}",
                CommandText::ServeErrors {
                    errors: errors_in(&d)
                }
                .text(l)
            );
        }
        Report::Warnings(count) => say!(
            "{}",
            CommandText::Warnings {
                count,
                command: check.clone(),
            }
            .text(l)
        ),
        Report::OpenFailed(e) => say!("{}", e.text(l)),
        Report::HostRefused(name) => say!("{}", CommandText::HostRefused { name }.text(l)),
        Report::Stopped => say!("{}", CommandText::Stopped.text(l)),
    };
    match brobygger::serve::run(options, std::sync::Arc::new(report)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say!("{}", e.text(l));
            ExitCode::FAILURE
        }
    }
}

/// The site's language (the one its site.yaml names, even while it has errors), or before its
/// site.yaml can be read, the command line's.
fn site_language(root: &Path) -> Language {
    brobygger::load::settings::language_of(root)
}

/// The command that shows the warnings of the site in `root`.
fn check_command(root: &Path) -> String {
    if root == Path::new(".") {
        "brobygger check".into()
    } else {
        format!("brobygger check --root {}", root.display())
    }
}

fn errors_in(d: &Diagnostics) -> usize {
    d.iter().filter(|x| x.severity == Severity::Error).count()
}

fn print_human(d: &Diagnostics, language: Language) {
    let colour = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    for one in d.iter() {
        say!("{}", diagnostic::render_in(one, colour, language));
    }
}

fn json(d: &Diagnostics) -> String {
    let items: Vec<serde_json::Value> = d
        .iter()
        .map(|x: &Diagnostic| {
            serde_json::json!({
                "severity": match x.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "code": x.code,
                "file": x.file,
                "line": x.line,
                "column": x.column,
                "message": x.message,
                "help": x.help,
            })
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}
