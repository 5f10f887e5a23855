//! Progress on long builds: a spinner with the pipeline stage on a terminal, nothing at all in CI
//! logs, pipes or under `-q`. The pipeline only calls [`Progress::stage`]; whether anything is
//! drawn is decided once, when the command line makes the [`Progress`].

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Stage names with the time each began, shared by clones of a [`Progress`].
type StageLog = Arc<Mutex<Vec<(String, Instant)>>>;

/// A handle the pipeline reports its stages to. Cloning shares the same spinner.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    bar: Option<ProgressBar>,
    /// Stage start times, kept when `DOSSIER_TIMINGS` is set, to print where a build spends time.
    timings: Option<StageLog>,
}

impl Progress {
    /// Draws nothing: for `check`, tests, `-q`, and any caller that prints its own output.
    pub fn hidden() -> Progress {
        Progress {
            bar: None,
            timings: timings_wanted(),
        }
    }

    /// A spinner on standard error, but only when standard error is a terminal and not `quiet`,
    /// so CI logs and pipes never fill with redraw sequences.
    pub fn for_terminal(quiet: bool) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed:>3} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(100));
        Progress {
            bar: Some(bar),
            timings: timings_wanted(),
        }
    }

    /// Names the stage now running ("rendering 1,204 pages").
    pub fn stage(&self, message: impl Into<String>) {
        let message = message.into();
        if let Some(timings) = &self.timings {
            timings
                .lock()
                .expect("timings lock")
                .push((message.clone(), Instant::now()));
        }
        if let Some(bar) = &self.bar {
            bar.set_message(message);
        }
    }

    /// Whether stage times are printed (`DOSSIER_TIMINGS`): later stages may then time their parts.
    pub fn times_stages(&self) -> bool {
        self.timings.is_some()
    }

    /// Removes the spinner so the summary line and diagnostics print on a clean line.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if let Some(timings) = &self.timings {
            let mut stages = timings.lock().expect("timings lock");
            let end = Instant::now();
            for (i, (name, start)) in stages.iter().enumerate() {
                let next = stages.get(i + 1).map_or(end, |(_, t)| *t);
                eprintln!("timing: {:>8.3} s  {name}", (next - *start).as_secs_f64());
            }
            stages.clear();
        }
    }
}

/// Stage timings are printed when the environment asks for them (`DOSSIER_TIMINGS=1`), for
/// benchmarks; they never change what a build writes.
fn timings_wanted() -> Option<StageLog> {
    std::env::var_os("DOSSIER_TIMINGS").map(|_| Arc::default())
}
