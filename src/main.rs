//! The `brobygger` command: arguments in, exit code out. Diagnostics are printed here, once.

use brobygger::base::Language;
use brobygger::base::diagnostic::{self, Diagnostic, Diagnostics, Severity};
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

/// Builds allocate many small strings on every core; mimalloc does that faster than the
/// system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
        } => build(root, output, base_url, drafts),
        Command::Serve {
            root,
            port,
            bind,
            open,
            drafts,
            allow_host,
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
        } => check(&root, format, deny_warnings),
        Command::Init {
            dir,
            language,
            force,
        } => init(&dir, language, force),
        Command::New {
            kind,
            title,
            root,
            sector,
        } => new(&root, &kind, &title, sector.as_deref()),
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
        root,
        output: output.clone(),
        base_url,
        drafts,
    };
    match brobygger::build(&options) {
        Ok(s) => {
            say!(
                "built {} partners, {} partnerships, {} items and {} pages into {} ({} files, {} ms)",
                s.partners,
                s.partnerships,
                s.items,
                s.pages,
                output.display(),
                s.files,
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Site(d)) => {
            print_human(&d);
            say!(
                "error: the site was not built: {} (nothing was written)",
                count(&d, Severity::Error, "error")
            );
            ExitCode::FAILURE
        }
        Err(BuildError::Output(e)) => {
            say!("error: {e}");
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
            print_human(&findings);
            let errors = findings
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            if errors > 0 {
                say!(
                    "error: {} found",
                    count(&findings, Severity::Error, "error")
                );
            } else if findings.is_empty() {
                say!("no errors, no warnings");
            } else {
                say!(
                    "{}: {} found",
                    if failed { "error" } else { "warning" },
                    count(&findings, Severity::Warning, "warning")
                );
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn init(dir: &Path, language: Option<Lang>, force: bool) -> ExitCode {
    let language = match language {
        Some(Lang::Da) => Language::Da,
        Some(Lang::Sv) => Language::Sv,
        Some(Lang::En) => Language::En,
        // Filling in a site: keep its language.
        None => brobygger::load::read_config(dir).map_or(Language::En, |c| c.language),
    };
    match brobygger::init::init(dir, language, Date::today(), force) {
        Ok(files) => {
            for f in &files {
                out!("{}", f.display());
            }
            say!(
                "created a starter site in {} ({} files). Next: brobygger check --root {0} && brobygger build --root {0}",
                dir.display(),
                files.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            say!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn new(root: &Path, kind: &str, title: &str, sector: Option<&str>) -> ExitCode {
    let kind = match brobygger::new::kind_from_word(kind) {
        Ok(k) => k,
        Err(e) => {
            say!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let config = match brobygger::load::read_config(root) {
        Ok(c) => c,
        Err(d) => {
            print_human(&d);
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
            print_human(&Diagnostics(vec![*d]));
            ExitCode::FAILURE
        }
        Err(e) => {
            say!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn serve(options: brobygger::serve::ServeOptions) -> ExitCode {
    use brobygger::serve::Report;
    if !options.root.join("site.yaml").is_file() {
        say!(
            "error: no site.yaml in {}\n  help: run serve in a site's folder, or name it with --root; `brobygger init DIR` makes a new site",
            options.root.display()
        );
        return ExitCode::FAILURE;
    }
    let report = |r: Report| match r {
        Report::PortTaken { wanted, got } => {
            say!("port {wanted} is in use; serving on port {got} instead (choose one with --port)")
        }
        Report::Exposed(addr) => say!(
            "warning: listening on {addr}: other machines on the network can see this preview, drafts included if --drafts is on"
        ),
        Report::Serving { url, first } => {
            say!(
                "serving the site at {url} ({} files, built in {} ms)\nwatching for changes; press Ctrl-C to stop",
                first.changed.len(),
                first.took.as_millis()
            );
        }
        Report::Rebuilt(r) => {
            if std::env::var_os("BROBYGGER_STEPS").is_some() {
                let steps: Vec<String> = r
                    .steps
                    .iter()
                    .map(|(name, d)| format!("{name} {:.1}", d.as_secs_f64() * 1000.0))
                    .collect();
                say!("steps (ms): {}", steps.join(", "));
            }
            if r.changed.is_empty() && r.removed.is_empty() {
                say!("rebuilt in {} ms: no page changed", r.took.as_millis());
            } else {
                say!(
                    "rebuilt in {} ms: {} changed, {} removed",
                    r.took.as_millis(),
                    files(r.changed.len()),
                    files(r.removed.len())
                );
            }
        }
        Report::Errors(d) => {
            print_human(&d);
            say!(
                "{}; the page in the browser shows them and the last good site stays served",
                count(&d, Severity::Error, "error")
            );
        }
        Report::OpenFailed(message) => say!("warning: {message}"),
        Report::HostRefused(name) => say!(
            "refused a request addressed to {name}: the preview answers only localhost and IP addresses\n  help: if you open the preview through {name} on purpose, restart it with `--allow-host {name}`"
        ),
        Report::Stopped => say!("stopped"),
    };
    match brobygger::serve::run(options, std::sync::Arc::new(report)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn files(n: usize) -> String {
    format!("{n} file{}", if n == 1 { "" } else { "s" })
}

fn count(d: &Diagnostics, severity: Severity, word: &str) -> String {
    let n = d.iter().filter(|x| x.severity == severity).count();
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn print_human(d: &Diagnostics) {
    let colour = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    for one in d.iter() {
        say!("{}", diagnostic::render(one, colour));
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
