//! `dossier serve`: builds the site into a preview folder, serves it on a local port, rebuilds when
//! a source changes and tells open browser tabs to reload (or to show the build error).
//! The pipeline itself is [`build::run`](crate::cmd::build::run), run whole on every change.
//!
//! Three parts: [`http`] answers the browser, [`watch`] turns file events into rebuilds, and this
//! file wires them together and owns the state they share ([`Live`]).

pub mod http;
pub mod watch;

use std::collections::HashSet;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::broadcast;

use crate::cmd::build::{self, BuildOptions, Summary};

/// What `dossier serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The build to run on start and on every change; `base_url` is replaced by the server's own
    /// address, so links in the preview stay on the preview.
    pub build: BuildOptions,
    pub addr: SocketAddr,
    /// Print only errors (no summary or rebuild lines).
    pub quiet: bool,
}

/// What open browser tabs are told, over the `/__dossier/events` stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A build succeeded: reload the page.
    Reload,
    /// A build failed: show this text (the terminal's diagnostics) over the page.
    Failed(String),
    /// The server is stopping: end the stream so graceful shutdown does not wait on it.
    Shutdown,
}

/// The outcome of the latest build, for pages loaded after the `error` event went out.
#[derive(Debug, Clone, Default)]
pub struct BuildStatus {
    pub ok: bool,
    /// The diagnostics as the terminal showed them; empty when `ok`.
    pub errors: String,
}

/// State shared by the HTTP handlers and the watcher thread.
#[derive(Debug)]
pub struct Live {
    pub status: RwLock<BuildStatus>,
    /// A broadcast so every open tab gets every notice; a tab that lags just reloads.
    pub notices: broadcast::Sender<Notice>,
}

impl Live {
    /// No build yet: `ok` stays false until the first build publishes its outcome.
    pub fn new() -> Live {
        Live {
            status: RwLock::new(BuildStatus::default()),
            notices: broadcast::channel(16).0,
        }
    }

    /// Records a build's outcome and tells the open tabs.
    pub fn publish(&self, outcome: &Result<Summary, String>) {
        let (status, notice) = match outcome {
            Ok(_) => (
                BuildStatus {
                    ok: true,
                    errors: String::new(),
                },
                Notice::Reload,
            ),
            Err(text) => (
                BuildStatus {
                    ok: false,
                    errors: text.clone(),
                },
                Notice::Failed(text.clone()),
            ),
        };
        *self.status.write().unwrap_or_else(|e| e.into_inner()) = status;
        // No receivers (no tab open) is not an error.
        let _ = self.notices.send(notice);
    }

    /// A copy, so no lock is held while a handler awaits.
    pub fn status(&self) -> BuildStatus {
        self.status
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

impl Default for Live {
    fn default() -> Self {
        Live::new()
    }
}

/// Runs builds and reports them on the terminal. Warnings already shown by the previous build
/// are counted, not printed again: a site with hundreds of warnings would otherwise scroll pages
/// of snippets on every save (and rendering them costs seconds on a large site).
#[derive(Debug, Default)]
pub struct Reporter {
    pub quiet: bool,
    /// `file:line:col: [code] message` of the previous build's warnings.
    shown_warnings: HashSet<String>,
}

impl Reporter {
    pub fn new(quiet: bool) -> Reporter {
        Reporter {
            quiet,
            shown_warnings: HashSet::new(),
        }
    }

    /// Runs one build and prints its diagnostics; returns the summary, or the errors exactly as
    /// the terminal showed them, for the browser overlay.
    pub fn build(&mut self, options: &BuildOptions) -> Result<Summary, String> {
        let (summary, diagnostics) = build::run(options);
        let mut errors = String::new();
        let mut repeated = 0;
        let mut warnings = HashSet::new();
        let stderr = std::io::stderr();
        for d in &diagnostics.items {
            if d.is_error() {
                let text = d.to_human();
                let _ = write!(stderr.lock(), "{text}");
                errors.push_str(&text);
                continue;
            }
            let key = format!("{}[{}] {}", d.position(), d.code, d.message);
            if self.shown_warnings.contains(&key) {
                repeated += 1;
            } else if !self.quiet {
                let _ = write!(stderr.lock(), "{}", d.to_human());
            }
            warnings.insert(key);
        }
        self.shown_warnings = warnings;
        if repeated > 0 && !self.quiet {
            eprintln!("({repeated} warning(s) as in the previous build, not repeated)");
        }
        match summary {
            Some(summary) => Ok(summary),
            None => {
                let line = format!(
                    "error: build failed with {} error(s); still serving the last good build",
                    diagnostics.error_count().max(1)
                );
                eprintln!("{line}");
                errors.push_str(&line);
                Err(errors)
            }
        }
    }
}

/// Resolves on Ctrl-C (or SIGTERM on Unix). On Unix the handlers are installed by this call, not
/// on the first poll, so a signal that arrives during the first build is not lost.
fn stop_signal() -> Pin<Box<dyn Future<Output = ()> + Send>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let (Ok(mut interrupt), Ok(mut terminate)) = (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        ) {
            return Box::pin(async move {
                tokio::select! {
                    _ = interrupt.recv() => {}
                    _ = terminate.recv() => {}
                }
            });
        }
    }
    Box::pin(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

/// The whole command: bind, first build, watch, serve until Ctrl-C, stop the watcher.
/// A failing build never stops the server; it is shown in the browser until the next good save.
pub fn run(options: &ServeOptions) -> ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Bind before building, so a busy port fails at once and `--port 0` gets its real number
    // into the base URL.
    let listener = match runtime.block_on(tokio::net::TcpListener::bind(options.addr)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot serve on {}: {e}", options.addr);
            return ExitCode::FAILURE;
        }
    };
    let addr = listener.local_addr().unwrap_or(options.addr);
    let mut build_options = options.build.clone();
    build_options.base_url = Some(format!("http://{addr}/"));
    let output: PathBuf = build_options.root.join(
        build_options
            .output
            .clone()
            .unwrap_or_else(|| ".dossier-serve".into()),
    );
    build_options.output = Some(output.clone());

    // Listen for Ctrl-C before the first build, so one pressed during it stops the server cleanly.
    let interrupted = {
        let _in_runtime = runtime.enter();
        stop_signal()
    };
    let live = Arc::new(Live::new());
    let stop = Arc::new(AtomicBool::new(false));
    // Watch before the first build, so an edit made while it runs is not missed.
    let watcher = match watch::Watcher::start(build_options.clone(), live.clone(), stop.clone()) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch {}: {e}", build_options.root.display());
            return ExitCode::FAILURE;
        }
    };
    let mut reporter = Reporter::new(options.quiet);
    let outcome = reporter.build(&build_options);
    if let Ok(summary) = &outcome
        && !options.quiet
    {
        eprintln!("{}", summary.line(Some(&output)));
    }
    live.publish(&outcome);
    let watcher = watcher.run(reporter);

    eprintln!("Serving the digest at http://{addr}/ (Ctrl-C to stop)");
    let state = http::ServeState {
        output: Arc::new(output),
        live: live.clone(),
    };
    let served = runtime.block_on(http::serve(listener, state, interrupted));
    stop.store(true, Ordering::SeqCst);
    watcher.join();
    runtime.shutdown_timeout(Duration::from_secs(1));
    match served {
        Ok(()) => {
            eprintln!("stopped");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: serving on {addr} failed: {e}");
            ExitCode::FAILURE
        }
    }
}
