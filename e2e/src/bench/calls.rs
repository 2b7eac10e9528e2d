//! Per-call costs, timed inside one guest (`e2e/bench/calls.c`) so no runtime's start-up counts: host calls in
//! each runtime, wasi-shim's stubs against a plain call, and the stat family wrapped against stock.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use wasi_shim::toolchain::BaseRelease;

use super::samples::{interleave, Pair, Row};
use crate::runtimes::Runtime;
use crate::Invocation;

/// Host calls every program makes in loops, measured in each runtime.
const HOST_CALLS: &[&str] = &["clock_gettime", "fstat_stdout", "fstat", "stat", "read"];
/// Stubs real programs call in loops (CPython's os module, Ruby's Process and Etc, shells), against `plain`.
const STUBS: &[&str] = &[
    "getuid",
    "geteuid",
    "getgid",
    "getegid",
    "getppid",
    "getpwuid_r",
    "sigprocmask",
    "kill_self",
    "umask",
    "getrlimit",
];
/// What issue 14 asks of each ratio (subject / yardstick, medians).
const TARGETS: &[(&str, f64)] = &[("fstat_stdout", 1.2), ("fstat", 1.2), ("getuid", 1.5)];

/// The benchmark guest, compiled over the default overlay (with the stubs) and over the stock sysroot.
pub struct Guests {
    pub overlay: PathBuf,
    pub stock: PathBuf,
    /// The preopened directory the guest's data file lives in, as `/`.
    pub data: PathBuf,
}

impl Guests {
    pub fn build(root: &Path, work: &Path) -> Result<Guests> {
        let sources = [root.join("e2e/bench/calls.c"), root.join("e2e/bench/plain.c")];
        let overlay_cc = test_support::overlay("default", BaseRelease::Trixie).join("bin/wasm32-wasi-clang");
        let stock_cc = work.join("stock-cc");
        crate::write_stock_cc(&test_support::toolchain(BaseRelease::Trixie), &stock_cc)?;
        let guests = Guests {
            overlay: work.join("calls-overlay.wasm"),
            stock: work.join("calls-stock.wasm"),
            data: work.join("data"),
        };
        compile(&overlay_cc, &sources, &guests.overlay, &["-DWITH_STUBS"])?;
        compile(&stock_cc, &sources, &guests.stock, &[])?;
        std::fs::create_dir_all(&guests.data)?;
        Ok(guests)
    }

    fn invocation(&self) -> Invocation {
        Invocation { dirs: vec![(self.data.display().to_string(), "/".to_owned())], ..Invocation::default() }
    }
}

fn compile(cc: &Path, sources: &[PathBuf], output: &Path, extra: &[&str]) -> Result<()> {
    let out = std::process::Command::new(cc)
        .arg("-O2")
        .args(extra)
        .args(sources)
        .arg("-o")
        .arg(output)
        .output()
        .with_context(|| format!("cannot run {}", cc.display()))?;
    if !out.status.success() {
        bail!("compiling the benchmark guest with {} failed:\n{}", cc.display(), String::from_utf8_lossy(&out.stderr));
    }
    Ok(())
}

/// One run of `module` in `runtime`: nanoseconds per call of each operation, in the order asked.
fn measure(runtime: &Runtime, module: &Path, invocation: &Invocation, ops: &[&str]) -> Result<Vec<f64>> {
    let args: Vec<String> = ops.iter().map(|op| op.to_string()).collect();
    let out = runtime
        .command(module, invocation, &args)
        .output()
        .with_context(|| format!("cannot start {}", runtime.name()))?;
    if !out.status.success() {
        bail!("{} {}: {}", runtime.name(), module.display(), String::from_utf8_lossy(&out.stderr));
    }
    parse_output(&String::from_utf8_lossy(&out.stdout), ops)
}

/// `OP NS` lines, one per operation asked, in order.
fn parse_output(text: &str, ops: &[&str]) -> Result<Vec<f64>> {
    let values: Vec<(String, f64)> = text
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(op, ns)| Ok((op.to_owned(), ns.trim().parse::<f64>()?)))
        .collect::<Result<_>>()?;
    if values.iter().map(|(op, _)| op.as_str()).ne(ops.iter().copied()) {
        bail!("the benchmark guest printed {values:?} for {ops:?}");
    }
    Ok(values.into_iter().map(|(_, ns)| ns).collect())
}

/// Samples of every operation in every runtime, `rounds` runs each, interleaved: `[runtime][op][round]`.
fn sample(
    runtimes: &[&Runtime],
    module: &Path,
    invocation: &Invocation,
    ops: &[&str],
    rounds: usize,
) -> Result<Vec<Vec<Vec<f64>>>> {
    let runs = interleave(rounds, runtimes.len(), |r| measure(runtimes[r], module, invocation, ops))?;
    Ok(runs
        .into_iter()
        .map(|per_round| (0..ops.len()).map(|op| per_round.iter().map(|run| run[op]).collect()).collect())
        .collect())
}

fn target(op: &str) -> Option<f64> {
    TARGETS.iter().find(|(name, _)| *name == op).map(|(_, t)| *t)
}

/// Host calls: `wasi-shim run` against each yardstick runtime, the same module in all three.
pub fn host_calls(guests: &Guests, runtimes: &[Runtime; 3], rounds: usize) -> Result<Vec<Row>> {
    let all: Vec<&Runtime> = runtimes.iter().collect();
    let samples = sample(&all, &guests.overlay, &guests.invocation(), HOST_CALLS, rounds)?;
    let mut rows = Vec::new();
    for (y, yardstick) in runtimes.iter().enumerate().skip(1) {
        for (i, op) in HOST_CALLS.iter().enumerate() {
            rows.push(
                Pair {
                    section: "host calls",
                    what: &format!("{op} per call"),
                    unit: "ns",
                    subject: (runtimes[0].name(), samples[0][i].clone()),
                    yardstick: (yardstick.name(), samples[y][i].clone()),
                    target: if y == 1 { target(op) } else { None },
                }
                .row(),
            );
        }
    }
    Ok(rows)
}

/// wasi-shim's stubs against a plain call in the same guest and run, and the stat family over the overlay (which
/// wraps it for owners and modes) against the stock build, both in `wasi-shim run`.
pub fn stubs(guests: &Guests, wasi_shim: &Runtime, rounds: usize) -> Result<Vec<Row>> {
    let ops: Vec<&str> = std::iter::once("plain").chain(STUBS.iter().copied()).collect();
    let samples = sample(&[wasi_shim], &guests.overlay, &guests.invocation(), &ops, rounds)?.remove(0);
    let mut rows: Vec<Row> = STUBS
        .iter()
        .enumerate()
        .map(|(i, op)| {
            Pair {
                section: "stubs",
                what: &format!("{op} per call"),
                unit: "ns",
                subject: (op, samples[i + 1].clone()),
                yardstick: ("plain call", samples[0].clone()),
                target: target(op),
            }
            .row()
        })
        .collect();
    let wrapped = ["stat", "fstat"];
    let invocation = guests.invocation();
    let runs = interleave(rounds, 2, |side| {
        measure(wasi_shim, if side == 0 { &guests.overlay } else { &guests.stock }, &invocation, &wrapped)
    })?;
    for (i, op) in wrapped.iter().enumerate() {
        rows.push(
            Pair {
                section: "stubs",
                what: &format!("{op} per call, wrapped"),
                unit: "ns",
                subject: ("overlay", runs[0].iter().map(|r| r[i]).collect()),
                yardstick: ("stock", runs[1].iter().map(|r| r[i]).collect()),
                target: None,
            }
            .row(),
        );
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    #[test]
    fn output_must_name_every_operation_in_order() {
        assert_eq!(super::parse_output("a 1.5\nb 2\n", &["a", "b"]).unwrap(), [1.5, 2.0]);
        assert!(super::parse_output("b 2\na 1.5\n", &["a", "b"]).is_err());
        assert!(super::parse_output("a 1.5\n", &["a", "b"]).is_err());
        assert!(super::parse_output("a fast\n", &["a"]).is_err());
    }
}
