//! `cargo xtask bench`: every speed figure of issue 14 as a ratio of a subject to a yardstick measured in the
//! same run, interleaved, median and fastest: host calls and start-up in `wasi-shim run` against the wasmtime
//! wheel and Node's `node:wasi`, stubs against a plain call, and builds against their pristine counterparts.
//! Timings are printed and recorded (`target/bench/`), never asserted.

mod builds;
mod calls;
mod samples;
mod startup;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
pub use samples::{interleave, seconds, Row, Stats};

/// The parts of the benchmark, each selectable on the command line.
pub const SECTIONS: &[&str] = &["calls", "stubs", "startup", "overlay", "wasi-libc"];

pub struct Options {
    /// Interleaved rounds of the quick measurements (one process each).
    pub rounds: usize,
    /// Rounds of the wasi-libc builds (half a minute each side).
    pub build_rounds: usize,
    /// Sections to run; empty for all.
    pub sections: Vec<String>,
}

/// Run the chosen sections with `wasi_shim` (the binary under test) from the checkout at `root`.
pub fn run(root: &Path, wasi_shim: &Path, options: &Options) -> Result<Vec<Row>> {
    if let Some(unknown) = options.sections.iter().find(|s| !SECTIONS.contains(&s.as_str())) {
        bail!("no benchmark section `{unknown}`; the sections are {}", SECTIONS.join(", "));
    }
    let wanted = |s: &str| options.sections.is_empty() || options.sections.iter().any(|w| w == s);
    let work = test_support::target_dir().join("bench/work");
    std::fs::create_dir_all(&work)?;
    let runtimes = crate::runtimes::provision_all(root, wasi_shim)?;
    let mut rows = Vec::new();
    if wanted("calls") || wanted("stubs") {
        let guests = calls::Guests::build(root, &work)?;
        if wanted("calls") {
            rows.extend(calls::host_calls(&guests, &runtimes, options.rounds)?);
        }
        if wanted("stubs") {
            rows.extend(calls::stubs(&guests, &runtimes[0], options.rounds)?);
        }
    }
    if wanted("startup") {
        rows.extend(startup::startup(&runtimes, options.rounds)?);
    }
    if wanted("overlay") {
        rows.extend(builds::overlay(root, wasi_shim, &work, options.rounds)?);
    }
    if wanted("wasi-libc") {
        rows.extend(builds::wasi_libc(&work.join("wasi-libc"), options.build_rounds)?);
    }
    Ok(rows)
}

/// A value in its unit, readably: nanoseconds and seconds with three significant digits.
fn show(value: f64, unit: &str) -> String {
    match unit {
        "ns" if value >= 1000.0 => format!("{:.2} µs", value / 1000.0),
        "ns" => format!("{value:.2} ns"),
        _ => format!("{value:.3} {unit}"),
    }
}

/// The rows as a Markdown table: subject and yardstick (median, fastest), both ratios, and the bound if any.
pub fn table(rows: &[Row], rounds: &str) -> String {
    let mut out = format!("Medians and fastest of {rounds}, interleaved; ratio = subject / yardstick.\n\n");
    out.push_str("| section | what | subject | median | fastest | yardstick | median | fastest | ratio (median) | ratio (fastest) | bound |\n");
    out.push_str("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for r in rows {
        let bound =
            r.target.map_or(String::new(), |t| format!("≤ {t} {}", if r.ratio_median <= t { "✔" } else { "✘" }));
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {:.2} | {:.2} | {bound} |",
            r.section,
            r.what,
            r.subject_name,
            show(r.subject.median, &r.unit),
            show(r.subject.fastest, &r.unit),
            r.yardstick_name,
            show(r.yardstick.median, &r.unit),
            show(r.yardstick.fastest, &r.unit),
            r.ratio_median,
            r.ratio_fastest,
        )
        .unwrap();
    }
    out
}

/// Where the run's JSON and Markdown go: `target/bench/` (or under `CARGO_TARGET_DIR`).
pub fn output_dir() -> PathBuf {
    test_support::target_dir().join("bench")
}

#[cfg(test)]
mod tests {
    use super::samples::Pair;

    #[test]
    fn the_table_marks_a_bound_met_or_missed() {
        let row = |subject: Vec<f64>| {
            Pair {
                section: "s",
                what: "w",
                unit: "ns",
                subject: ("a", subject),
                yardstick: ("b", vec![2.0]),
                target: Some(1.5),
            }
            .row()
        };
        let text = super::table(&[row(vec![2.0]), row(vec![4000.0])], "1 round");
        assert!(text.contains("| 1.00 | 1.00 | ≤ 1.5 ✔ |"), "{text}");
        assert!(text.contains("| 4.00 µs |") && text.contains("≤ 1.5 ✘"), "{text}");
    }

    #[test]
    fn an_unknown_section_is_refused_by_name() {
        let options = super::Options { rounds: 1, build_rounds: 1, sections: vec!["nope".into()] };
        let error = super::run(std::path::Path::new("."), std::path::Path::new("x"), &options).unwrap_err();
        assert!(error.to_string().contains("`nope`") && error.to_string().contains("wasi-libc"), "{error}");
    }
}
