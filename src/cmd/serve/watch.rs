//! Watches the site's sources (`content/`, `templates/`, `static/`, `dossier.toml`) and rebuilds
//! the whole site on a change, one build at a time. Folders are watched, not files, so an editor
//! that saves by writing a temporary file and renaming it over the old one is seen like any write.
//! Hidden files, editor backups and the build's own output never trigger a build.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::{Live, Reporter};
use crate::cmd::build::BuildOptions;

/// How long the sources must be quiet before a rebuild starts: long enough to merge an editor's
/// write-rename-chmod burst into one build, short enough not to be felt.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// The folders under the site root whose changes matter (watched recursively).
const SOURCE_DIRS: [&str; 3] = ["content", "templates", "static"];

/// A started watcher whose events queue up until [`Watcher::run`] starts rebuilding.
pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    /// The canonical site root; event paths are relative to it.
    root: PathBuf,
    watched_dirs: BTreeSet<&'static str>,
    options: BuildOptions,
    live: Arc<Live>,
    stop: Arc<AtomicBool>,
}

/// The rebuild thread; [`WatcherThread::join`] waits for it after the stop flag is set.
pub struct WatcherThread(Option<JoinHandle<()>>);

impl WatcherThread {
    /// Waits for the thread (at most the end of a build in progress).
    pub fn join(mut self) {
        if let Some(handle) = self.0.take() {
            let _ = handle.join();
        }
    }
}

impl Watcher {
    /// Starts watching the site root (not recursively: for `dossier.toml` and for source folders
    /// created later) and each source folder that exists (recursively).
    pub fn start(
        options: BuildOptions,
        live: Arc<Live>,
        stop: Arc<AtomicBool>,
    ) -> Result<Watcher, String> {
        let root = std::fs::canonicalize(&options.root)
            .map_err(|e| format!("{}: {e}", options.root.display()))?;
        let (sender, events) = channel();
        let debouncer = new_debouncer(DEBOUNCE, None, sender).map_err(|e| e.to_string())?;
        let mut watcher = Watcher {
            debouncer,
            events,
            root,
            watched_dirs: BTreeSet::new(),
            options,
            live,
            stop,
        };
        watcher
            .debouncer
            .watch(&watcher.root, RecursiveMode::NonRecursive)
            .map_err(|e| e.to_string())?;
        watcher.watch_new_source_dirs();
        Ok(watcher)
    }

    /// Starts the rebuild thread, which reports through `reporter` (it knows the warnings the
    /// first build showed).
    pub fn run(self, reporter: Reporter) -> WatcherThread {
        WatcherThread(Some(std::thread::spawn(move || {
            self.rebuild_loop(reporter)
        })))
    }

    fn watch_new_source_dirs(&mut self) {
        for dir in SOURCE_DIRS {
            let path = self.root.join(dir);
            if !self.watched_dirs.contains(dir)
                && path.is_dir()
                && self
                    .debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .is_ok()
            {
                self.watched_dirs.insert(dir);
            }
        }
    }

    fn rebuild_loop(mut self, mut reporter: Reporter) {
        while !self.stop.load(Ordering::SeqCst) {
            let first = match self.events.recv_timeout(Duration::from_millis(100)) {
                Ok(batch) => batch,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => break,
            };
            // Everything that queued up during the previous build goes into this one.
            let mut batches = vec![first];
            batches.extend(self.events.try_iter());
            let mut changed = BTreeSet::new();
            let mut earliest: Option<Instant> = None;
            for batch in batches {
                match batch {
                    Ok(events) => {
                        for event in events {
                            if !is_content_change(&event.kind) {
                                continue;
                            }
                            for path in &event.paths {
                                if let Some(rel) = source_path(&self.root, path) {
                                    changed.insert(rel);
                                    earliest =
                                        Some(earliest.map_or(event.time, |t| t.min(event.time)));
                                }
                            }
                        }
                    }
                    Err(errors) => {
                        for e in errors {
                            eprintln!("warning: file watcher: {e}");
                        }
                    }
                }
            }
            if changed.is_empty() {
                continue;
            }
            self.watch_new_source_dirs();
            self.rebuild(&mut reporter, &changed, earliest);
        }
        self.debouncer.stop();
    }

    fn rebuild(
        &self,
        reporter: &mut Reporter,
        changed: &BTreeSet<PathBuf>,
        earliest: Option<Instant>,
    ) {
        let started = Instant::now();
        let outcome = reporter.build(&self.options);
        // The terminal line goes out before the browsers are told, so whoever sees the reload
        // (a test, say) also finds the line.
        if outcome.is_ok() && !reporter.quiet {
            let what = match changed.len() {
                1 => format!(
                    "1 file changed: {}",
                    changed
                        .first()
                        .map_or(String::new(), |p| p.display().to_string())
                ),
                n => format!("{n} files changed"),
            };
            let since_change = earliest.map_or(String::new(), |t| {
                format!("; {:.2} s after the change", t.elapsed().as_secs_f64())
            });
            eprintln!(
                "rebuilt in {:.2} s ({what}{since_change})",
                started.elapsed().as_secs_f64()
            );
        }
        self.live.publish(&outcome);
    }
}

/// Whether an event can change what a file holds. Opening and reading are not changes (and the
/// build itself opens every source, which must not trigger the next build).
fn is_content_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Other => false,
        EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
    }
}

/// The path relative to the site root when it is a source of the site; None for the output
/// folders, hidden files and editor temporaries (`.x.swp`, `x~`, vim's `4913` probe).
fn source_path(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    if rel == Path::new("dossier.toml") {
        return Some(rel.to_path_buf());
    }
    let mut parts = rel.components();
    let top = parts.next()?.as_os_str().to_str()?;
    if !SOURCE_DIRS.contains(&top) {
        return None;
    }
    let hidden = rel
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    let name = rel.file_name()?.to_string_lossy();
    let temporary = name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913";
    (!hidden && !temporary).then(|| rel.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_content_templates_static_and_the_config() {
        let root = Path::new("/site");
        let source = |p: &str| source_path(root, &root.join(p));
        assert!(source("dossier.toml").is_some());
        assert!(source("content/articles/a.md").is_some());
        assert!(source("templates/base.html").is_some());
        assert!(source("static/style.css").is_some());
        assert!(source("content").is_some());
        assert!(source("public/index.html").is_none());
        assert!(source(".dossier-serve/index.html").is_none());
        assert!(source(".dossier-serve.dossier-new-7/index.html").is_none());
        assert!(source("README.md").is_none());
        assert!(source_path(root, Path::new("/elsewhere/content/a.md")).is_none());
    }

    #[test]
    fn editor_temporaries_and_hidden_files_are_not_sources() {
        let root = Path::new("/site");
        let source = |p: &str| source_path(root, &root.join(p));
        assert!(source("content/articles/.a.md.swp").is_none());
        assert!(source("content/articles/a.md~").is_none());
        assert!(source("content/articles/4913").is_none());
        assert!(source("content/articles/.a.md.tmp").is_none());
        assert!(source("content/.git/index").is_none());
    }

    #[test]
    fn reading_a_file_is_not_a_change() {
        use notify_debouncer_full::notify::event::{CreateKind, ModifyKind};
        assert!(!is_content_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(is_content_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_content_change(&EventKind::Modify(ModifyKind::Any)));
        assert!(is_content_change(&EventKind::Create(CreateKind::File)));
    }
}
