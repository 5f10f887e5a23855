//! The `dossier` command line. Doc comments here are the `--help` text.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use dossier::cmd::{self, Format, build::BuildOptions};

/// mimalloc: a build makes millions of small strings and maps on every core, and glibc malloc
/// spends a tenth of the build on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// dossier: a static site generator for influence-tracking digests.
///
/// Articles are Markdown with TOML front matter in content/articles/. dossier finds the actors and
/// attributed claims in them and writes a cross-linked site with a page per article, country, actor
/// and claim, feeds and open data.
#[derive(Parser)]
#[command(name = "dossier", version, about, long_about)]
struct Cli {
    /// The site folder (holding dossier.toml).
    #[arg(long, short = 'r', global = true, default_value = ".")]
    root: PathBuf,
    /// Print only errors.
    #[arg(long, short = 'q', global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default `public`).
    Build {
        /// The output folder, relative to the site root.
        #[arg(long, short = 'o', default_value = "public")]
        output: PathBuf,
        /// Include articles marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Treat warnings as errors (for CI).
        #[arg(long)]
        strict: bool,
        /// Use this base URL instead of the one in dossier.toml.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Build the site, serve it on http://127.0.0.1:1111, rebuild on every change and reload the
    /// browser. A failed build is shown in the browser; the server keeps running.
    Serve {
        /// Port to listen on (0: any free port).
        #[arg(long, short = 'p', default_value_t = 1111)]
        port: u16,
        /// Address to bind.
        #[arg(long, short = 'b', default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Include articles marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Where the preview build goes, relative to the site root.
        #[arg(long, short = 'o', default_value = ".dossier-serve")]
        output: PathBuf,
    },
    /// Validate the site as a build would, writing nothing; exit 1 on errors (for CI).
    Check {
        /// How to print problems: human (with source snippets), json (one object a line) or
        /// github (workflow annotations on the pull request).
        #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        /// Also render articles marked `draft = true` (their front matter is checked either way).
        #[arg(long)]
        drafts: bool,
    },
    /// Start an article: writes content/articles/<today>-<slug>.md with a front matter skeleton.
    New {
        /// The article's title.
        title: String,
    },
    /// Create a new site in DIR (made if missing) that builds at once.
    Init {
        /// The folder for the new site.
        dir: PathBuf,
    },
    /// Turn a clipped article (plain text or saved HTML) into a draft article for review.
    ///
    /// Page furniture (share and subscribe lines, notices, teaser headlines of other stories) is
    /// dropped, and the countries and actors detected in the text are listed in the front matter.
    Import {
        /// The clipped .txt or .html file.
        file: PathBuf,
        /// Where to write the draft: a file path, or `-` for standard output. Default:
        /// content/articles/<date>-<slug>.md in the site.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
    },
    /// Print the mentions, countries and claims the extractor finds in files, as JSON.
    Extract {
        /// Article (.md with front matter) or plain-text files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            output,
            drafts,
            strict,
            base_url,
        } => {
            let options = BuildOptions {
                root: cli.root.clone(),
                output: Some(output.clone()),
                drafts,
                strict,
                base_url,
                progress: cmd::progress::Progress::for_terminal(cli.quiet),
            };
            build_and_report(&options, cli.quiet)
        }
        Command::Serve {
            port,
            bind,
            drafts,
            output,
        } => cmd::serve::run(&cmd::serve::ServeOptions {
            build: BuildOptions {
                root: cli.root.clone(),
                output: Some(output),
                drafts,
                strict: false,
                base_url: None,
                progress: cmd::progress::Progress::for_terminal(cli.quiet),
            },
            addr: SocketAddr::new(bind, port),
            quiet: cli.quiet,
        }),
        Command::Check {
            format,
            strict,
            drafts,
        } => {
            let outcome = cmd::check::run(&cli.root, drafts, strict);
            if cmd::check::report(&outcome, format, cli.quiet) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Command::New { title } => {
            let today = chrono::Local::now().date_naive();
            match cmd::new::run(&cli.root, &title, today) {
                Ok(path) => {
                    println!("{}", path.display());
                    if !cli.quiet {
                        eprintln!(
                            "Created a draft (draft = true): `dossier build` leaves it out until you delete that line; preview it with `dossier serve --drafts`."
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        Command::Init { dir } => {
            let today = chrono::Local::now().date_naive();
            match cmd::init::run(&dir, today) {
                Ok(files) => {
                    if !cli.quiet {
                        for file in &files {
                            eprintln!("  created {}", file.display());
                        }
                        eprintln!(
                            "A new site in {}: `cd {}` then `dossier serve` to preview it, `dossier new \"Title\"` to start an article.",
                            dir.display(),
                            dir.display()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        Command::Import { file, output } => {
            let destination = match output {
                None => cmd::import::Destination::Articles,
                Some(path) if path.as_os_str() == "-" => cmd::import::Destination::Stdout,
                Some(path) => cmd::import::Destination::File(path),
            };
            let today = chrono::Local::now().date_naive();
            match cmd::import::run(&cli.root, &file, &destination, today) {
                Ok(Some(path)) => {
                    println!("{}", path.display());
                    if !cli.quiet {
                        eprintln!(
                            "Imported as a draft: review the title, date, countries and actors, then delete `draft = true`."
                        );
                    }
                    ExitCode::SUCCESS
                }
                Ok(None) => ExitCode::SUCCESS,
                Err(e) => fail(&e),
            }
        }
        Command::Extract { files } => {
            let mut registry = dossier::registry::Registry::builtin();
            if let Ok(text) = std::fs::read_to_string(cli.root.join("content/actors.toml"))
                && let Ok(file) = toml::from_str::<dossier::registry::ActorsFile>(&text)
            {
                registry.extend_with_site(file.actor);
            }
            match cmd::extract::run(&files, &registry) {
                Ok(json) => {
                    println!("{json}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}

fn build_and_report(options: &BuildOptions, quiet: bool) -> ExitCode {
    let (summary, diagnostics) = cmd::build::run(options);
    cmd::print_diagnostics(&diagnostics, Format::Human, quiet);
    match summary {
        Some(summary) => {
            if !quiet {
                let output = options.output.as_ref().map(|o| options.root.join(o));
                eprintln!("{}", summary.line(output.as_deref()));
            }
            ExitCode::SUCCESS
        }
        None => {
            eprintln!(
                "error: build failed with {} error(s); the previous output was left as it was",
                diagnostics.error_count().max(1)
            );
            ExitCode::FAILURE
        }
    }
}
