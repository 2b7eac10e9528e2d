//! Progress the way cargo shows it, on stderr: a line per finished step with its elapsed time (`   Compiling the
//! shims (22 sources) in 4.1s`), a bar where the amount of work is known (drawn only on a terminal), and nothing
//! at all once `--quiet` set [`set_quiet`].

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

static QUIET: AtomicBool = AtomicBool::new(false);

/// Silence every step and bar from now on (`--quiet`).
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

pub fn is_quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// A step under way: `finish` prints its line.
#[must_use = "a step prints its line when it finishes"]
pub struct Step {
    verb: &'static str,
    what: String,
    started: Instant,
}

/// Start a step: `verb` is cargo's kind of word (`Compiling`, `Building`, `Running`), `what` the object.
pub fn step(verb: &'static str, what: impl Into<String>) -> Step {
    Step { verb, what: what.into(), started: Instant::now() }
}

impl Step {
    pub fn finish(self) {
        if !is_quiet() {
            eprintln!("{:>12} {} in {:.1}s", self.verb, self.what, self.started.elapsed().as_secs_f64());
        }
    }
}

/// A bar over `len` items of `what` (hidden off a terminal and under `--quiet`); `finish_and_clear` when done.
pub fn bar(len: u64, what: &str) -> ProgressBar {
    let target = if is_quiet() { ProgressDrawTarget::hidden() } else { ProgressDrawTarget::stderr() };
    let bar = ProgressBar::with_draw_target(Some(len), target);
    let template = format!("{{prefix:>12.cyan.bold}} [{{bar:27}}] {{pos}}/{{len}} {what}: {{msg}}");
    bar.set_style(ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_bar()));
    bar.set_prefix("Running");
    bar
}
