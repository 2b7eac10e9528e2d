//! Start-up: the CPU time of a whole interpreter run that does nothing (CPython `-c pass`, Ruby `-e 0`) from the
//! e2e's cached overlay builds, in `wasi-shim run` and in each yardstick runtime.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};
use wasi_shim::policy::Policy;
use wasi_shim::shims::Shims;
use wasi_shim::toolchain::BaseRelease;

use super::samples::{interleave, Pair, Row};
use crate::flavoured::Recipe;
use crate::runtimes::Runtime;
use crate::{Flavour, Invocation};

/// An interpreter run that does nothing, and how it runs.
struct Idle {
    what: &'static str,
    module: std::path::PathBuf,
    invocation: Invocation,
    args: Vec<String>,
}

/// CPU seconds (user and system, every thread) of `command`, which must succeed.
fn cpu_seconds(mut command: Command) -> Result<f64> {
    let before = children_cpu();
    let out = command.output().with_context(|| format!("cannot run {command:?}"))?;
    if !out.status.success() {
        bail!("{command:?} failed ({}): {}", out.status, String::from_utf8_lossy(&out.stderr));
    }
    Ok(children_cpu() - before)
}

/// The CPU time of every child waited for so far.
fn children_cpu() -> f64 {
    // SAFETY: getrusage writes one `rusage` into the zeroed value it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// The overlay CPython and Ruby, built by the e2e's recipes (reused from its cache when current).
fn idle_runs(runner: &Path) -> Result<Vec<Idle>> {
    let shims = Shims::builtin();
    let work = test_support::target_dir().join("e2e");
    let cpython = crate::cpython::Cpython::prepare(None, &work.join("cpython"), runner)?;
    let python = cpython.build(Flavour::Overlay, &shims, &Policy::load("cpython", &shims.catalog)?)?;
    let ruby = crate::ruby::Ruby::prepare(None, BaseRelease::Trixie, &work.join("ruby"), runner)?;
    let ruby_build = ruby.build(Flavour::Overlay, &shims, &Policy::load("ruby", &shims.catalog)?)?;
    Ok(vec![
        Idle {
            what: "CPython -c pass",
            module: python.python_wasm,
            invocation: cpython.invocation(Flavour::Overlay),
            args: vec!["-c".into(), "pass".into()],
        },
        Idle {
            what: "Ruby -e 0",
            invocation: ruby.invocation(&ruby_build.dir),
            module: ruby_build.ruby_wasm,
            args: vec!["--disable-gems".into(), "-e".into(), "0".into()],
        },
    ])
}

/// Each idle run's CPU time in `wasi-shim run` against each yardstick, after one untimed run per runtime that
/// fills its compiled-code cache.
pub fn startup(runtimes: &[Runtime; 3], rounds: usize) -> Result<Vec<Row>> {
    let Runtime::WasiShim(runner) = &runtimes[0] else { bail!("the first runtime is wasi-shim's") };
    let mut rows = Vec::new();
    for idle in idle_runs(runner)? {
        for runtime in runtimes {
            cpu_seconds(runtime.command(&idle.module, &idle.invocation, &idle.args))?;
        }
        let samples = interleave(rounds, runtimes.len(), |r| {
            cpu_seconds(runtimes[r].command(&idle.module, &idle.invocation, &idle.args))
        })?;
        for (y, yardstick) in runtimes.iter().enumerate().skip(1) {
            rows.push(
                Pair {
                    section: "start-up",
                    what: &format!("{}, CPU", idle.what),
                    unit: "s",
                    subject: (runtimes[0].name(), samples[0].clone()),
                    yardstick: (yardstick.name(), samples[y].clone()),
                    target: (y == 1 && idle.what.starts_with("CPython")).then_some(1.2),
                }
                .row(),
            );
        }
    }
    Ok(rows)
}
