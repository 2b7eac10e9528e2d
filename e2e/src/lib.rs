//! End-to-end proof on real interpreters: build one from unmodified sources twice, stock and over a
//! wasi-shim overlay, run both under `wasi-shim run`, and compare them side by side.
//!
//! Shared by `cargo xtask e2e` (the full comparison) and the integration tests (the CI smoke).

pub mod bench;
pub mod browser;
pub mod cpython;
pub mod demo;
pub mod flavoured;
pub mod matrix;
pub mod posix_suite;
pub mod ruby;
pub mod runtimes;
pub mod rust_guests;
pub mod wasi_libc;
pub mod wasi_py;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// Which of the two builds of one source tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Flavour {
    /// The plain base sysroot and the interpreter's own WASI settings.
    Stock,
    /// The same tree over a wasi-shim overlay.
    Overlay,
}

impl Flavour {
    pub fn name(self) -> &'static str {
        match self {
            Flavour::Stock => "stock",
            Flavour::Overlay => "overlay",
        }
    }
}

/// Run `command` with its output going to `log`; on failure the error quotes the log's last lines.
pub fn run_logged(command: &mut Command, log: &Path, what: &str) -> Result<Duration> {
    let file = std::fs::File::create(log).with_context(|| format!("cannot create {}", log.display()))?;
    let started = Instant::now();
    let step = wasi_shim::progress::step("Ran", format!("{what} (log: {})", log.display()));
    let status = command
        .stdout(file.try_clone()?)
        .stderr(file)
        .status()
        .with_context(|| format!("cannot start {what}: {command:?}"))?;
    if !status.success() {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(30).collect::<Vec<_>>().into_iter().rev().collect();
        bail!("{what} failed ({status}); last lines of {}:\n{}", log.display(), tail.join("\n"));
    }
    step.finish();
    Ok(started.elapsed())
}

/// Copy the contents of the `source` tree into `tree` (`cp -a`, which keeps modes and times).
pub fn copy_tree(source: &Path, tree: &Path) -> Result<()> {
    let status = Command::new("cp").arg("-a").arg(source.join(".")).arg(tree).status().context("cannot run cp")?;
    if !status.success() {
        bail!("copying {} to {} failed", source.display(), tree.display());
    }
    Ok(())
}

/// Make a generated launcher or compiler script executable.
pub fn make_executable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .with_context(|| format!("cannot chmod {}", path.display()))
}

/// `launcher ARGS` as a command: a build's generated `python.sh` or `ruby.sh`.
pub fn launcher_command<I: IntoIterator<Item = S>, S: AsRef<std::ffi::OsStr>>(launcher: &Path, args: I) -> Command {
    let mut command = Command::new(launcher);
    command.args(args);
    command
}

/// How a build's module runs as a WASI command: preopens (host, guest), environment, argv[0] and wasm stack.
/// One definition for the launchers' `wasi-shim run` line and the benchmark's other runtimes.
#[derive(Debug, Clone, Default)]
pub struct Invocation {
    pub dirs: Vec<(String, String)>,
    pub env: Vec<(String, String)>,
    pub argv0: Option<String>,
    pub max_wasm_stack: Option<usize>,
}

impl Invocation {
    /// wasmtime's flags, which `wasi-shim run` takes too (the module and its arguments follow them).
    pub fn wasmtime_flags(&self) -> Vec<String> {
        let mut flags = Vec::new();
        if let Some(size) = self.max_wasm_stack {
            flags.extend(["-W".to_owned(), format!("max-wasm-stack={size}")]);
        }
        if let Some(argv0) = &self.argv0 {
            flags.extend(["--argv0".to_owned(), argv0.clone()]);
        }
        for (k, v) in &self.env {
            flags.extend(["--env".to_owned(), format!("{k}={v}")]);
        }
        for (host, guest) in &self.dirs {
            flags.extend(["--dir".to_owned(), format!("{host}::{guest}")]);
        }
        flags
    }
}

/// Functions a build's configure answered "no" for, read from the config.log in `build_dir`.
pub fn configure_no(build_dir: &Path) -> Result<BTreeSet<String>> {
    let log = build_dir.join("config.log");
    let text = std::fs::read_to_string(&log).with_context(|| format!("cannot read {}", log.display()))?;
    Ok(wasi_shim::audit::config_log_missing(&text).into_iter().collect())
}

/// The stock compiler: plain clang for the target over the plain base sysroot, as a script at `path`.
pub fn write_stock_cc(toolchain: &wasi_shim::toolchain::Toolchain, path: &Path) -> Result<()> {
    let flags = toolchain.target_flags().iter().map(|f| format!("'{f}'")).collect::<Vec<_>>().join(" ");
    std::fs::write(path, format!("#!/bin/sh\nexec '{}' {flags} \"$@\"\n", toolchain.clang.display()))
        .with_context(|| format!("cannot write {}", path.display()))?;
    make_executable(path)
}

/// Wall times of one command: the median, and the minimum, which machine load can only raise.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    pub median: Duration,
    pub fastest: Duration,
}

/// Time `runs` runs of each command, interleaved so both see the same machine load.
pub fn time_commands(commands: &mut [Command], runs: usize) -> Result<Vec<Timing>> {
    let samples = bench::interleave(runs, commands.len(), |i| bench::seconds(&mut commands[i]))?;
    Ok(samples
        .into_iter()
        .map(|seconds| {
            let stats = bench::Stats::of(seconds);
            Timing { median: Duration::from_secs_f64(stats.median), fastest: Duration::from_secs_f64(stats.fastest) }
        })
        .collect())
}

/// One test file's results in an interpreter's own test runner.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TestFile {
    pub passed: BTreeSet<String>,
    pub skipped: usize,
    /// Tests that failed or raised, with the first line of what they reported.
    pub failed: BTreeMap<String, String>,
    /// Why the whole file was skipped, or why it could not run at all.
    pub not_run: Option<String>,
}

impl TestFile {
    /// Tests run, skipped ones included (as regrtest counts them).
    pub fn run(&self) -> usize {
        self.passed.len() + self.skipped + self.failed.len()
    }
}

/// A side-by-side table of per-file results, with totals.
pub fn comparison_table(
    files: &[String],
    stock: &BTreeMap<String, TestFile>,
    overlay: &BTreeMap<String, TestFile>,
) -> String {
    let mut s = String::new();
    let width = files.iter().map(String::len).max().unwrap_or(4).max(20);
    writeln!(s, "{:width$}  {:>24}  {:>24}", "test file", "stock run/skipped/failed", "overlay run/skipped/failed")
        .unwrap();
    let cell = |r: Option<&TestFile>| match r {
        None => "missing".to_owned(),
        Some(r) if r.not_run.is_some() => "not run".to_owned(),
        Some(r) => format!("{}/{}/{}", r.run(), r.skipped, r.failed.len()),
    };
    for file in files {
        writeln!(s, "{file:width$}  {:>24}  {:>24}", cell(stock.get(file)), cell(overlay.get(file))).unwrap();
    }
    let total = |side: &BTreeMap<String, TestFile>| {
        let (run, skipped, failed) =
            side.values().fold((0, 0, 0), |(a, b, c), r| (a + r.run(), b + r.skipped, c + r.failed.len()));
        format!("{run}/{skipped}/{failed}")
    };
    let not_run = |side: &BTreeMap<String, TestFile>| side.values().filter(|r| r.not_run.is_some()).count().to_string();
    writeln!(s, "{:width$}  {:>24}  {:>24}", format!("total ({} files)", files.len()), total(stock), total(overlay))
        .unwrap();
    writeln!(s, "{:width$}  {:>24}  {:>24}", "files not run", not_run(stock), not_run(overlay)).unwrap();
    s
}

/// Tests that pass on stock but fail on overlay: the comparison's one hard rule is that there are none.
pub fn regressions(stock: &BTreeMap<String, TestFile>, overlay: &BTreeMap<String, TestFile>) -> Vec<String> {
    overlay
        .iter()
        .flat_map(|(file, result)| {
            result.failed.keys().filter(move |t| stock.get(file).is_some_and(|s| s.passed.contains(*t))).cloned()
        })
        .collect()
}

/// Bytes of a module's custom sections (debug info, names, producers): what stripping removes.
pub fn custom_section_bytes(module: &Path) -> Result<u64> {
    let bytes = std::fs::read(module).with_context(|| format!("cannot read {}", module.display()))?;
    let mut total = 0;
    for payload in wasmparser::Parser::new(0).parse_all(&bytes) {
        if let wasmparser::Payload::CustomSection(section) =
            payload.with_context(|| format!("{} is not valid wasm", module.display()))?
        {
            total += section.range().len() as u64;
        }
    }
    Ok(total)
}

/// Size of each defined function (or data object) of a module, archive or object, by `llvm-nm -S`.
pub fn symbol_sizes(nm: &Path, file: &Path) -> Result<BTreeMap<String, u64>> {
    let output =
        Command::new(nm).arg("-S").arg(file).output().with_context(|| format!("cannot run {}", nm.display()))?;
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| match line.split_whitespace().collect::<Vec<_>>()[..] {
            [_, size, kind, name] if !kind.eq_ignore_ascii_case("u") => {
                Some((name.to_owned(), u64::from_str_radix(size, 16).ok()?))
            }
            _ => None,
        })
        .collect())
}
