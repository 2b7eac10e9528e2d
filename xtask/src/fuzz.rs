//! `cargo xtask fuzz`: the libFuzzer targets in `fuzz/`, built by cargo-fuzz on nightly (both provisioned
//! into the cache when missing), each run for a time or a number of inputs over a working corpus in the
//! cache seeded from the committed one, the presets and freshly compiled guests. Prints each target's
//! runs, coverage and findings; a crash, panic or hang fails the command with the input that caused it.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use xshell::{cmd, Shell};

use test_support::{compile, overlay, toolchain};
use wasi_shim::provision::cache_dir;
use wasi_shim::toolchain::BaseRelease;

/// Every target in fuzz/fuzz_targets, in the order they run.
pub const TARGETS: &[&str] = &["policy", "config_log", "wasm", "archive", "run_flags"];

/// The cargo-fuzz release installed when none is in the cache.
const CARGO_FUZZ_VERSION: &str = "0.13.1";

/// How long, or how many inputs, each target runs.
pub enum Budget {
    Seconds(u64),
    Runs(u64),
}

/// One target's figures from libFuzzer's final statistics.
struct Outcome {
    target: String,
    runs: u64,
    seconds: u64,
    coverage: u64,
    corpus: u64,
}

pub fn run(root: &Path, targets: &[String], budget: &Budget) -> Result<()> {
    let sh = Shell::new()?;
    let bin = provision(&sh)?;
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let _path = sh.push_env("PATH", path);
    let _target_dir = sh.push_env("CARGO_TARGET_DIR", cache_dir().join("fuzz/target"));
    // libfuzzer-sys compiles libFuzzer's C++ with `cc`, which looks for `c++`: a Debian machine without
    // g++ has none, so it gets the provisioned clang++ (whose package brings libstdc++'s headers).
    let _cxx = sh.push_env("CXX", toolchain(BaseRelease::Trixie).clangxx);
    sh.change_dir(root.join("fuzz"));
    let seeds = seed_corpora(root)?;
    let mut outcomes = Vec::new();
    for target in targets {
        if !TARGETS.contains(&target.as_str()) {
            bail!("unknown fuzz target `{target}`: targets are {}", TARGETS.join(", "));
        }
        outcomes.push(run_target(&sh, root, target, &seeds, budget)?);
    }
    println!("\n{:<12} {:>12} {:>8} {:>10} {:>8}  findings", "target", "inputs", "seconds", "coverage", "corpus");
    for o in &outcomes {
        println!("{:<12} {:>12} {:>8} {:>10} {:>8}  0", o.target, o.runs, o.seconds, o.coverage, o.corpus);
    }
    Ok(())
}

/// Nightly rustc (cargo-fuzz needs its sanitizer-coverage flags) and cargo-fuzz itself, in the cache.
fn provision(sh: &Shell) -> Result<PathBuf> {
    let toolchains = cmd!(sh, "rustup toolchain list").read()?;
    if !toolchains.lines().any(|l| l.starts_with("nightly")) {
        cmd!(sh, "rustup toolchain install nightly --profile minimal").run()?;
    }
    let root = cache_dir().join(format!("cargo-fuzz-{CARGO_FUZZ_VERSION}"));
    if !root.join("bin/cargo-fuzz").is_file() {
        cmd!(sh, "cargo install cargo-fuzz --locked --version {CARGO_FUZZ_VERSION} --root {root}").run()?;
    }
    Ok(root.join("bin"))
}

/// Seeds besides the committed corpus: the presets and test policies (as raw-text inputs: a leading
/// newline, then the file), and one guest compiled to an object, a linked module and an archive.
fn seed_corpora(root: &Path) -> Result<PathBuf> {
    let seeds = cache_dir().join("fuzz/seeds");
    let policies = seeds.join("policy");
    std::fs::create_dir_all(&policies)?;
    let files = wasi_shim::files::with_extension(&root.join("policy"), "toml")?
        .into_iter()
        .chain(wasi_shim::files::with_extension(&root.join("tests/policies"), "toml")?);
    for file in files {
        let text = std::fs::read(&file)?;
        let name = file.file_name().context("a file name")?;
        std::fs::write(policies.join(name), [b"\n".as_slice(), &text].concat())?;
    }
    let (wasm, archive) = (seeds.join("wasm"), seeds.join("archive"));
    std::fs::create_dir_all(&wasm)?;
    std::fs::create_dir_all(&archive)?;
    let overlay = overlay("default", BaseRelease::Trixie);
    let guest = root.join("tests/guests/getpwnam_emulate.c");
    let (object, module) = (wasm.join("guest.o"), wasm.join("guest.wasm"));
    for (output, flags) in [(&object, ["-c"].as_slice()), (&module, [].as_slice())] {
        let out = compile(&overlay, &guest, output, flags);
        if !out.status.success() {
            bail!("compiling the seed {} failed: {}", guest.display(), String::from_utf8_lossy(&out.stderr));
        }
    }
    let ar = toolchain(BaseRelease::Trixie).ar;
    let sh = Shell::new()?;
    let lib = archive.join("libguest.a");
    let _ = std::fs::remove_file(&lib);
    cmd!(sh, "{ar} rcs {lib} {object}").run()?;
    Ok(seeds)
}

fn run_target(sh: &Shell, root: &Path, target: &str, seeds: &Path, budget: &Budget) -> Result<Outcome> {
    let work = cache_dir().join("fuzz/corpus").join(target);
    std::fs::create_dir_all(&work)?;
    let mut corpora = vec![work.clone()];
    corpora.extend([root.join("fuzz/corpus").join(target), seeds.join(target)].into_iter().filter(|d| d.is_dir()));
    let limit = match budget {
        Budget::Seconds(s) => format!("-max_total_time={s}"),
        Budget::Runs(n) => format!("-runs={n}"),
    };
    let artifacts = format!("-artifact_prefix={}/", cache_dir().join("fuzz/artifacts").join(target).display());
    std::fs::create_dir_all(cache_dir().join("fuzz/artifacts").join(target))?;
    println!("== fuzz {target} ({limit})");
    let output = cmd!(
        sh,
        "cargo +nightly fuzz run --sanitizer none --no-trace-compares {target} {corpora...} -- {limit} -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 {artifacts}"
    )
    .ignore_status()
    .output()?;
    let log = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        let tail: Vec<&str> = log.lines().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect();
        bail!("fuzz target {target} found a failure ({}):\n{}", output.status, tail.join("\n"));
    }
    Ok(outcome(target, &log))
}

/// The figures libFuzzer prints at the end (`-print_final_stats=1`) and on its last status line.
fn outcome(target: &str, log: &str) -> Outcome {
    let stat =
        |key: &str| -> u64 { log.lines().rev().find_map(|l| l.strip_prefix(key)?.trim().parse().ok()).unwrap_or(0) };
    let field = |key: &str| -> u64 {
        log.lines()
            .rev()
            .filter(|l| l.starts_with('#'))
            .find_map(|l| l.split_whitespace().skip_while(|w| *w != key).nth(1)?.split('/').next()?.parse().ok())
            .unwrap_or(0)
    };
    Outcome {
        target: target.to_owned(),
        runs: stat("stat::number_of_executed_units:"),
        seconds: done_seconds(log),
        coverage: field("cov:"),
        corpus: field("corp:"),
    }
}

/// libFuzzer's closing line: `Done 123 runs in 20 second(s)`.
fn done_seconds(log: &str) -> u64 {
    log.lines()
        .rev()
        .find_map(|l| l.strip_prefix("Done ")?.split(" in ").nth(1)?.split(' ').next()?.parse().ok())
        .unwrap_or(0)
}
