//! Build systems over an overlay with nothing but what the overlay ships: meson with `share/wasi-shim.meson`.

use std::process::Command;

use test_support::{meson, overlay, scratch, sh, wasi_shim_binary};
use wasi_shim::toolchain::BaseRelease;

/// tests/build-systems (a library and a program calling getpwuid, sigaction and getrlimit) configures with the cross file
/// alone, builds, and passes `meson test`, which runs the program through the cross file's exe wrapper.
#[test]
fn a_meson_project_builds_and_passes_its_tests_with_only_the_cross_file() {
    let (meson, ninja, site) = meson().expect("meson and ninja from PyPI");
    let out = overlay("default", BaseRelease::Trixie);
    let build = scratch("meson-build");
    let _ = std::fs::remove_dir_all(&build);
    let meson_command = |args: &[&str]| {
        let mut command = Command::new(&meson);
        command
            .args(args)
            .env("PYTHONPATH", &site)
            .env("NINJA", &ninja)
            // The overlay was built by this test process, not by a `wasi-shim` binary: name the runner.
            .env("WASI_SHIM", wasi_shim_binary())
            .current_dir(test_support::root().join("tests/build-systems"));
        command
    };
    let cross = out.join("share/wasi-shim.meson");
    sh(
        &mut meson_command(&["setup", "--cross-file", cross.to_str().unwrap(), build.to_str().unwrap()]),
        "meson setup with the overlay's cross file",
    );
    sh(&mut meson_command(&["compile", "-C", build.to_str().unwrap()]), "meson compile");
    let tested = meson_command(&["test", "-C", build.to_str().unwrap(), "-v"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&tested.stdout);
    assert!(tested.status.success(), "meson test failed:\n{stdout}{}", String::from_utf8_lossy(&tested.stderr));
    assert!(stdout.contains("user wasi, handler ran, RLIMIT_NOFILE "), "{stdout}");
    assert!(stdout.contains("wasm32-wasi-run"), "the test ran through the exe wrapper:\n{stdout}");
    assert!(stdout.lines().any(|l| l.starts_with("Ok:") && l.trim_end().ends_with('1')), "{stdout}");
}

/// tests/build-systems/Makefile: plain clang with nothing but `pkg-config --cflags --libs wasi-shim`, the overlay's
/// `.pc` found through PKG_CONFIG_LIBDIR, builds a program that runs under the policy.
#[test]
fn a_makefile_with_only_pkg_config_builds_a_program_that_runs_under_the_policy() {
    wasi_shim::provision::ensure_commands("the pkg-config test", &[("pkg-config", "pkg-config"), ("make", "make")])
        .expect("pkg-config and make");
    let out = overlay("default", BaseRelease::Trixie);
    let clang = test_support::toolchain(BaseRelease::Trixie).clang;
    let build = scratch("pkg-config-build");
    let makefile = test_support::root().join("tests/build-systems/Makefile");
    sh(
        Command::new("make")
            .arg("-f")
            .arg(&makefile)
            .arg(format!("CC={}", clang.display()))
            .arg(format!("OUT={}", build.display()))
            .arg("-B")
            .env("PKG_CONFIG_LIBDIR", out.join("lib/pkgconfig")),
        "make with pkg-config's flags",
    );
    let ran =
        test_support::run_module(&build.join("program.wasm"), &[], &["wasi".to_owned()], &scratch("pkg-config-run"));
    let stdout = String::from_utf8_lossy(&ran.stdout);
    assert_eq!(ran.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&ran.stderr));
    assert!(stdout.starts_with("user wasi, handler ran, RLIMIT_NOFILE "), "{stdout}");
}
