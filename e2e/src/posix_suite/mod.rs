//! The Open POSIX Test Suite's conformance tests for the functions the catalog covers, compiled and run over an
//! overlay and natively side by side: a per-function table, and each test that does not pass with its cause.
//!
//! Shared by `cargo xtask posix-suite` (any policy, base and family; `--record` writes the expectations and the
//! README's table) and the e2e test that holds the signal family to the recorded expectations.

pub mod execute;
pub mod report;
pub mod source;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use wasi_shim::policy::Policy;
use wasi_shim::toolchain::BaseRelease;

pub use execute::Outcome;
pub use report::{Cause, Row};
pub use source::TestCase;

/// The signal family: every signal function the catalog emulates that the suite tests, and getpid.
pub const SIGNALS: &[&str] = &[
    "getpid",
    "kill",
    "killpg",
    "raise",
    "sigaddset",
    "sigaltstack",
    "sigdelset",
    "sigemptyset",
    "sigfillset",
    "sighold",
    "sigignore",
    "sigismember",
    "signal",
    "sigpause",
    "sigpending",
    "sigprocmask",
    "sigqueue",
    "sigrelse",
    "sigset",
    "sigsuspend",
    "sigtimedwait",
    "sigwait",
    "sigwaitinfo",
];

/// The time functions the base provides (the catalog leaves them to it; programs' signal code leans on them).
pub const TIME: &[&str] = &[
    "asctime",
    "clock",
    "clock_getres",
    "clock_gettime",
    "clock_nanosleep",
    "ctime",
    "difftime",
    "gmtime",
    "localtime",
    "mktime",
    "nanosleep",
    "strftime",
    "time",
];

/// The memory-mapping functions (the base's mmap emulation, the catalog's page protection and locking).
pub const MEMORY: &[&str] = &["mlock", "mlockall", "mmap", "munlock", "munlockall", "munmap"];

/// The families by name, in the order the table lists them.
pub const FAMILIES: &[(&str, &[&str])] = &[("signals", SIGNALS), ("time", TIME), ("memory", MEMORY)];

/// The functions of the named families; an unknown name is an error that lists the known ones.
pub fn functions(families: &[String]) -> Result<Vec<&'static str>> {
    let mut all = Vec::new();
    for name in families {
        match FAMILIES.iter().find(|(n, _)| n == name) {
            Some((_, functions)) => all.extend_from_slice(functions),
            None => bail!(
                "unknown family `{name}`: families are {}",
                FAMILIES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
            ),
        }
    }
    Ok(all)
}

/// What one run compares.
pub struct Run<'a> {
    /// The resolved policy the overlay is built for.
    pub policy: &'a Policy,
    pub base: BaseRelease,
    pub functions: &'a [&'a str],
    /// Build outputs and scratch space.
    pub work: PathBuf,
}

/// Every test's outcome over the overlay and natively, and its cause when it does not pass over the overlay.
pub fn run(run: &Run) -> Result<Vec<Row>> {
    let suite = source::extract(&test_support::upstream_snapshot()?)?;
    let cases = source::tests(&suite, run.functions)?;
    let overlay_dir = run.work.join("overlay");
    let (overlay, key) = test_support::build_reused(run.policy, &overlay_dir, run.base)?;
    let include = suite.join("include");
    let overlay_outcomes = over_overlay(&cases, &overlay, &key, &include, &run.work)?;
    let native_outcomes = native(&cases, &include)?;
    let alarm_emulated = run
        .policy
        .choices
        .iter()
        .any(|c| c.function.name == "alarm" && c.behaviour == wasi_shim::catalog::Behaviour::Emulate);
    Ok(cases
        .iter()
        .map(|case| {
            let overlay = overlay_outcomes[&case.id()].clone();
            let native = native_outcomes[&case.id()].clone();
            let ours = run.policy.choices.iter().any(|c| c.function.name == case.function);
            // The source is read once: what it needs decides both the structural mark and the cause.
            let text = case.text();
            let needs = report::needs(&text);
            let structural = needs.as_ref().is_some_and(Cause::is_structural);
            let cause =
                (!overlay.passed()).then(|| report::cause(&text, needs, &overlay, &native, alarm_emulated, ours));
            Row { id: case.id(), function: case.function.clone(), overlay, native, cause, structural }
        })
        .collect())
}

/// Each test compiled with the overlay's wrapper and run under `wasi-shim run`.
fn over_overlay(
    cases: &[TestCase],
    overlay: &Path,
    key: &str,
    include: &Path,
    work: &Path,
) -> Result<BTreeMap<String, Outcome>> {
    let compiler = overlay.join("bin/wasm32-wasi-clang");
    let runner = test_support::wasi_shim_binary();
    each_case(cases, |case| {
        let module = work.join("wasm").join(&case.function).join(format!("{}.wasm", case.name));
        Ok(match execute::compile(&compiler, &[], case, include, &module, key)? {
            Some(error) => Outcome::NotBuilt(error),
            None => execute::run_wasm(&runner, &module, &work.join("run").join(case.id()))?,
        })
    })
}

/// Each test built with the host's `cc` and run as an unprivileged user: what a real POSIX system answers.
fn native(cases: &[TestCase], include: &Path) -> Result<BTreeMap<String, Outcome>> {
    let dir = execute::shared_scratch("native")?;
    let cc = wasi_shim::provision::which("cc").ok_or_else(|| anyhow::anyhow!("no `cc`: apt-get install -y gcc"))?;
    let key = String::from_utf8_lossy(&std::process::Command::new(&cc).arg("--version").output()?.stdout).into_owned();
    each_case(cases, |case| {
        let binary = dir.join("bin").join(&case.function).join(&case.name);
        Ok(match execute::compile(&cc, &["-lpthread", "-lrt"], case, include, &binary, &key)? {
            Some(error) => Outcome::NotBuilt(error),
            None => execute::run_native(&binary, &execute::shared_scratch(&format!("native-run-{}", case.function))?)?,
        })
    })
}

/// `outcome` of every case, on as many threads as there are cores: most tests wait on clocks, not the CPU.
fn each_case(
    cases: &[TestCase],
    outcome: impl Fn(&TestCase) -> Result<Outcome> + Sync,
) -> Result<BTreeMap<String, Outcome>> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(BTreeMap::new());
    std::thread::scope(|scope| -> Result<()> {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| -> Result<()> {
                    while let Some(case) = cases.get(next.fetch_add(1, std::sync::atomic::Ordering::SeqCst)) {
                        let result = outcome(case)?;
                        results.lock().unwrap_or_else(|e| e.into_inner()).insert(case.id(), result);
                    }
                    Ok(())
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| w.join().unwrap_or_else(|_| anyhow::bail!("a suite worker panicked")))
    })?;
    Ok(results.into_inner().unwrap_or_else(|e| e.into_inner()))
}
