//! Compiling and running the suite's tests: over an overlay under `wasi-shim run`, and natively with the host's
//! `cc` as an unprivileged user (the suite's permission tests assume one), each with a time limit.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use test_support::reuse::{self, Inputs};

use super::source::TestCase;

/// How long one test may run: the suite's slowest signal tests sleep a few seconds.
const TIME_LIMIT: Duration = Duration::from_secs(30);

/// How one test ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Exit status 0, the suite's PTS_PASS.
    Pass,
    /// Another exit status (1 FAIL, 2 UNRESOLVED, 4 UNSUPPORTED, 5 UNTESTED), and its last line of output.
    Exited(i32, String),
    /// Did not compile: the first error.
    NotBuilt(String),
    /// Ended by a signal's default action (natively), or by its emulation (status 128+signo over the overlay).
    Signalled(i32),
    /// A wasm trap.
    Trapped(String),
    /// Still running at the time limit.
    TimedOut,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        *self == Outcome::Pass
    }

    /// A short description for tables.
    pub fn describe(&self) -> String {
        match self {
            Outcome::Pass => "PASS".to_owned(),
            Outcome::Exited(code, line) => format!("{} ({line})", status_name(*code)),
            Outcome::NotBuilt(error) => format!("does not compile: {error}"),
            Outcome::Signalled(signo) => format!("ended by signal {signo}"),
            Outcome::Trapped(what) => format!("trapped: {what}"),
            Outcome::TimedOut => format!("still running after {} s", TIME_LIMIT.as_secs()),
        }
    }
}

fn status_name(code: i32) -> &'static str {
    match code {
        1 => "FAIL",
        2 => "UNRESOLVED",
        4 => "UNSUPPORTED",
        5 => "UNTESTED",
        _ => "exit",
    }
}

/// Compile `case` with `compiler` and `flags` into `output`, unless the stamp beside it says the same inputs
/// (the source, and `key`: the compiler's identity) already built it. The first error line when it fails.
pub fn compile(
    compiler: &Path,
    flags: &[&str],
    case: &TestCase,
    include: &Path,
    output: &Path,
    key: &str,
) -> Result<Option<String>> {
    let inputs = Inputs::default().text("compiler", key).file(&case.source).key();
    if reuse::is_fresh(output, &inputs) {
        return Ok(None);
    }
    reuse::forget(output);
    std::fs::create_dir_all(output.parent().context("an output directory")?)?;
    let out = Command::new(compiler)
        .arg("-w")
        .arg("-I")
        .arg(include)
        .arg(&case.source)
        .arg("-o")
        .arg(output)
        .args(flags)
        .output()
        .with_context(|| format!("cannot run {}", compiler.display()))?;
    if !out.status.success() {
        let _ = std::fs::remove_file(output);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr.lines().find(|l| l.contains("error")).unwrap_or("no error line");
        return Ok(Some(first.split("error: ").last().unwrap_or(first).trim().to_owned()));
    }
    reuse::mark_built(output, &inputs);
    Ok(None)
}

/// Run a command with the time limit; None when it had to be killed.
pub fn run_limited(command: &mut Command) -> Result<Option<Output>> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start {command:?}"))?;
    let started = Instant::now();
    while child.try_wait()?.is_none() {
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    Ok(Some(child.wait_with_output()?))
}

/// A module run by `runner` (`wasi-shim run`) in `work`, preopened as `.` and as `/tmp`.
pub fn run_wasm(runner: &Path, module: &Path, work: &Path) -> Result<Outcome> {
    let _ = std::fs::remove_dir_all(work);
    std::fs::create_dir_all(work)?;
    let mut command = Command::new(runner);
    command.arg("run").arg("--dir").arg(format!("{}::/tmp", work.display())).arg("--dir").arg(".").arg(module);
    command.current_dir(work);
    let Some(output) = run_limited(&mut command)? else { return Ok(Outcome::TimedOut) };
    let stderr = String::from_utf8_lossy(&output.stderr);
    if let Some(line) = stderr.lines().find(|l| l.contains("trap:") || l.contains("wasm trap")) {
        return Ok(Outcome::Trapped(line.trim().to_owned()));
    }
    Ok(match output.status.code() {
        Some(code) if code > 128 && code < 128 + 65 => Outcome::Signalled(code - 128),
        _ => from_status(output.status, &output),
    })
}

/// A native test binary run in `work` (world-writable), as user nobody when this process is root.
pub fn run_native(binary: &Path, work: &Path) -> Result<Outcome> {
    let mut command = if is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(binary);
        c
    } else {
        Command::new(binary)
    };
    // A group of its own: the suite's kill(0, sig) and killpg tests must reach the test, never this harness.
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    command.current_dir(work);
    let Some(output) = run_limited(&mut command)? else { return Ok(Outcome::TimedOut) };
    Ok(from_status(output.status, &output))
}

fn from_status(status: ExitStatus, output: &Output) -> Outcome {
    use std::os::unix::process::ExitStatusExt;
    if let Some(signo) = status.signal() {
        return Outcome::Signalled(signo);
    }
    match status.code() {
        Some(0) => Outcome::Pass,
        Some(code) => Outcome::Exited(code, last_line(output)),
        None => Outcome::Exited(-1, last_line(output)),
    }
}

fn last_line(output: &Output) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = stdout.lines().chain(stderr.lines()).rfind(|l| !l.trim().is_empty()).unwrap_or("no output");
    line.trim().chars().take(100).collect()
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// A directory every user may write, for the native runs (the cache under /root is not reachable by nobody).
pub fn shared_scratch(name: &str) -> Result<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("wasi-shim-posix-suite-{name}"));
    std::fs::create_dir_all(&dir)?;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o1777))?;
    Ok(dir)
}
