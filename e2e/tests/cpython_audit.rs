//! `wasi-shim audit` on the config.log of a stock CPython 3.13 configure for wasm32-wasi: every
//! function configure found missing is covered by the catalog or excluded there with a reason, and the starter
//! policy `init --from` writes from that log is the cpython preset, function for function.
//!
//! The source is Debian's python3.13 package; the native build Python that cross configure needs is
//! built once and cached (`e2e::cpython::native_python`).

use std::process::Command;

use e2e::cpython::native_python;
use test_support::starter::starter_round_trip;
use test_support::{fetch_upstream_source, scratch, sh, toolchain};
use wasi_shim::toolchain::BaseRelease;

#[test]
fn stock_cpython_configure_log_is_fully_covered_or_excluded() {
    let source = fetch_upstream_source("python3.13", "trixie").expect("Debian's python3.13 source package");
    let version = source.file_name().unwrap().to_string_lossy().replace("python3.13_", "");
    let python = native_python(&source, &version).unwrap();
    let tc = toolchain(BaseRelease::Trixie);
    let dir = scratch("cpython-stock-configure");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // The stock compiler: plain clang over the plain sysroot, no overlay.
    let cc = dir.join("cc");
    std::fs::write(
        &cc,
        format!(
            "#!/bin/sh\nexec '{}' --target={} '--sysroot={}' \"$@\"\n",
            tc.clang.display(),
            tc.triple,
            tc.sysroot.display()
        ),
    )
    .unwrap();
    sh(Command::new("chmod").arg("+x").arg(&cc), "chmod");
    let guess = Command::new(source.join("config.guess")).output().unwrap();
    let build_triple = String::from_utf8_lossy(&guess.stdout).trim().to_owned();
    sh(
        Command::new(source.join("configure"))
            .arg("-q")
            .arg("--host=wasm32-wasip1")
            .arg(format!("--build={build_triple}"))
            .arg(format!("--with-build-python={}", python.display()))
            .arg(format!("CC={}", cc.display()))
            .arg(format!("AR={}", tc.ar.display()))
            .arg(format!("RANLIB={}", tc.ranlib.display()))
            .env("CONFIG_SITE", source.join("Tools/wasm/config.site-wasm32-wasi"))
            .current_dir(&dir),
        "stock wasm32-wasi configure",
    );
    let out = Command::new(test_support::wasi_shim_binary())
        .args(["audit", "--policy", "cpython"])
        .arg(dir.join("config.log"))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{report}{}", String::from_utf8_lossy(&out.stderr));
    assert!(report.trim_end().ends_with("0 uncovered"), "{report}");
    for covered in [
        "getuid",
        "getpwuid",
        "getgrgid",
        "sigaction",
        "kill",
        "umask",
        "chmod",
        "fork",
        "dup",
        "setsid",
        "ctermid",
        "openpty",
    ] {
        assert!(
            report
                .lines()
                .any(|l| l.trim_start().starts_with("covered") && l.split_whitespace().nth(1) == Some(covered)),
            "{covered} should be covered:\n{report}"
        );
    }
    // The starter policy from the log states the cpython preset, function for function.
    starter_round_trip(&dir.join("config.log"), "cpython", 12);
}
