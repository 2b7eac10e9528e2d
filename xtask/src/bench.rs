//! `cargo xtask bench [--rounds N] [--build-rounds N] [--record] [SECTION...]`: the benchmark (e2e's `bench`),
//! its table printed and written with the raw samples to `target/bench/`; `--record` also writes BENCHMARKS.md,
//! the figures the README links.

use std::path::Path;

use anyhow::{Context, Result};
use e2e::bench::{self, Options};

pub fn bench(root: &Path, options: &Options, record: bool) -> Result<()> {
    let wasi_shim = test_support::wasi_shim_binary();
    let rows = bench::run(root, &wasi_shim, options)?;
    let rounds = format!("{} rounds ({} for the wasi-libc builds)", options.rounds, options.build_rounds);
    let table = bench::table(&rows, &rounds);
    println!("\n{table}");
    let dir = bench::output_dir();
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("bench.json"), serde_json::to_string_pretty(&rows)?)?;
    std::fs::write(dir.join("bench.md"), &table)?;
    println!("written: {} and bench.md", dir.join("bench.json").display());
    if record {
        let commit = xshell::Shell::new()?.cmd("git").args(["rev-parse", "--short", "HEAD"]).read()?;
        let when = xshell::Shell::new()?.cmd("date").args(["-u", "+%Y-%m-%d"]).read()?;
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        let text = format!(
            "# Benchmarks\n\nRecorded by `cargo xtask bench --record` on {when}, commit {commit}, on a {cores}-core machine \
             (Debian 12). Re-run it to measure your own machine; `target/bench/bench.json` holds every sample.\n\n{table}"
        );
        std::fs::write(root.join("BENCHMARKS.md"), text).context("cannot write BENCHMARKS.md")?;
        println!("recorded: {}", root.join("BENCHMARKS.md").display());
    }
    Ok(())
}
