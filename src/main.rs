//! The `brobygger` command: arguments in, exit code out. Diagnostics are printed here, once.

use brobygger::diagnostic::{self, Diagnostics};
use brobygger::{BuildError, BuildOptions};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
        } => {
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
                    eprintln!(
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
                    print_diagnostics(&d);
                    ExitCode::FAILURE
                }
                Err(BuildError::Output(e)) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn print_diagnostics(d: &Diagnostics) {
    let colour = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    for one in d.iter() {
        eprintln!("{}", diagnostic::render(one, colour));
    }
    let errors = d
        .iter()
        .filter(|x| x.severity == diagnostic::Severity::Error)
        .count();
    eprintln!(
        "error: the site was not built: {errors} {} (nothing was written)",
        if errors == 1 { "error" } else { "errors" }
    );
}
