//! Build times: the overlay built cold and rebuilt with nothing changed, and upstream wasi-libc built with the
//! series against the pristine tree.

use std::path::Path;
use std::process::Command;

use anyhow::Result;
use wasi_shim::patches::Generator;
use wasi_shim::policy::Policy;
use wasi_shim::shims::Shims;

use super::samples::{interleave, seconds, Pair, Row};
use crate::wasi_libc::{build_tree, Source};

/// `wasi-shim build` of the default policy into an empty directory against compiling and linking one C file
/// with the same clang (what any compile costs), and the same build again with nothing changed against
/// `wasi-shim check` (the policy resolved, nothing built): issue 14 asks the latter under 0.5 s.
pub fn overlay(root: &Path, wasi_shim: &Path, work: &Path, rounds: usize) -> Result<Vec<Row>> {
    let out = work.join("overlay");
    let hello = work.join("hello.c");
    std::fs::write(&hello, "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n")?;
    let stock_cc = work.join("stock-cc");
    crate::write_stock_cc(&test_support::toolchain(wasi_shim::toolchain::BaseRelease::Trixie), &stock_cc)?;
    let build = || {
        let mut c = Command::new(wasi_shim);
        c.current_dir(root).arg("build").arg("--out").arg(&out);
        c
    };
    let cold = interleave(rounds, 2, |side| match side {
        0 => {
            let _ = std::fs::remove_dir_all(&out);
            seconds(&mut build())
        }
        _ => seconds(Command::new(&stock_cc).arg("-O2").arg(&hello).arg("-o").arg(work.join("hello.wasm"))),
    })?;
    let no_op = interleave(rounds, 2, |side| match side {
        0 => seconds(&mut build()),
        _ => seconds(Command::new(wasi_shim).current_dir(root).arg("check")),
    })?;
    let [cold_build, compile] = <[Vec<f64>; 2]>::try_from(cold).expect("two sides");
    let [no_op_build, check] = <[Vec<f64>; 2]>::try_from(no_op).expect("two sides");
    Ok(vec![
        Pair {
            section: "builds",
            what: "overlay build, cold",
            unit: "s",
            subject: ("wasi-shim build", cold_build),
            yardstick: ("clang hello.c", compile),
            target: None,
        }
        .row(),
        Pair {
            section: "builds",
            what: "overlay build, nothing changed",
            unit: "s",
            subject: ("wasi-shim build", no_op_build),
            yardstick: ("wasi-shim check", check),
            target: None,
        }
        .row(),
    ])
}

/// Upstream wasi-libc main (the snapshot) built for wasm32-wasip1 with the series against the pristine tree,
/// each with check-symbols (configure and build; the copy of the tree and `patch` not counted).
pub fn wasi_libc(work: &Path, rounds: usize) -> Result<Vec<Row>> {
    let (tree, toolchain) = Source::Upstream(test_support::upstream_snapshot()?).prepare()?;
    let shims = Shims::builtin();
    let policy = Policy::load("default", &shims.catalog)?;
    let series_dir = work.join("series");
    let series = Generator { shims: &shims, policy: &policy, toolchain: &toolchain }.generate(&tree, &series_dir)?;
    let samples = interleave(rounds, 2, |side| {
        let patched = (side == 0).then_some((&series, series_dir.as_path()));
        let dir = work.join(if side == 0 { "patched" } else { "pristine" });
        Ok(build_tree(&tree, &dir, patched, &toolchain)?.build_time.as_secs_f64())
    })?;
    let [patched, pristine] = <[Vec<f64>; 2]>::try_from(samples).expect("two sides");
    Ok(vec![Pair {
        section: "builds",
        what: "upstream wasi-libc build",
        unit: "s",
        subject: ("with the series", patched),
        yardstick: ("pristine", pristine),
        target: None,
    }
    .row()])
}
