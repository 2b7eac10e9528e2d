//! Build systems over an overlay with nothing but what the overlay ships: meson with `share/wasi-shim.meson`, make
//! with `pkg-config`, and scripts made for wasi-sdk with the `sdk/` view.

use std::path::Path;
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

/// `<overlay>/sdk` is laid out as wasi-sdk is, and a build that takes it as `WASI_SDK_PATH` the way CPython's
/// `Tools/wasm/wasi.py` does (`$WASI_SDK_PATH/bin/clang --sysroot=$WASI_SDK_PATH/share/wasi-sysroot`, its archiver
/// and ranlib) gets the overlay: the program runs under the policy.
#[test]
fn the_wasi_sdk_view_builds_over_the_overlay_as_wasi_sdk_users_call_it() {
    let out = overlay("default", BaseRelease::Trixie);
    let sdk = out.join("sdk");
    for file in
        ["bin/clang", "bin/clang++", "bin/clang-cpp", "bin/llvm-ar", "bin/llvm-ranlib", "bin/llvm-nm", "bin/wasm-ld"]
    {
        assert!(sdk.join(file).is_file(), "sdk/{file} is missing");
    }
    assert!(sdk.join("share/wasi-sysroot/include").is_dir(), "sdk/share/wasi-sysroot is not a sysroot");
    let cmake = std::fs::read_to_string(sdk.join("share/cmake/wasi-sdk.cmake")).unwrap();
    assert!(cmake.contains("share/wasi-shim.cmake"), "{cmake}");

    let build = scratch("sdk-view-build");
    let sources = test_support::root().join("tests/build-systems");
    let sysroot = format!("--sysroot={}", sdk.join("share/wasi-sysroot").display());
    let object = |name: &str| build.join(format!("{name}.o"));
    for name in ["posix", "program"] {
        sh(
            Command::new(sdk.join("bin/clang"))
                .arg(&sysroot)
                .arg("-c")
                .arg(sources.join(format!("{name}.c")))
                .arg("-o")
                .arg(object(name)),
            "sdk/bin/clang -c",
        );
    }
    let archive = build.join("libposix.a");
    let _ = std::fs::remove_file(&archive);
    sh(Command::new(sdk.join("bin/llvm-ar")).arg("rc").arg(&archive).arg(object("posix")), "sdk/bin/llvm-ar");
    sh(Command::new(sdk.join("bin/llvm-ranlib")).arg(&archive), "sdk/bin/llvm-ranlib");
    let module = build.join("program.wasm");
    sh(
        Command::new(sdk.join("bin/clang")).arg(&sysroot).arg(object("program")).arg(&archive).arg("-o").arg(&module),
        "sdk/bin/clang (link)",
    );
    let ran = test_support::run_module(&module, &[], &["wasi".to_owned()], &scratch("sdk-view-run"));
    let stdout = String::from_utf8_lossy(&ran.stdout);
    assert_eq!(ran.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&ran.stderr));
    assert!(stdout.starts_with("user wasi, handler ran, RLIMIT_NOFILE "), "{stdout}");
}

/// `wasi-shim binfmt --overlay DIR` registers the overlay's runner with binfmt_misc: a configure script for
/// `--host=wasm32-wasi` then finds it can run what it builds, so `AC_RUN_IFELSE` tests run under the policy
/// (getuid answers the policy's 1000, strtoul works) instead of taking their cross-compiling branch, which they take
/// again once `wasi-shim binfmt --remove` took the registration away.
#[test]
fn configure_run_tests_run_under_the_policy_with_binfmt_registered() {
    test_support::provision_test_tools();
    let out = overlay("default", BaseRelease::Trixie);
    let tree = scratch("runtest-configure");
    let _ = std::fs::remove_dir_all(&tree);
    std::fs::create_dir_all(&tree).unwrap();
    std::fs::copy(test_support::root().join("tests/build-systems/runtest/configure.ac"), tree.join("configure.ac"))
        .unwrap();
    sh(Command::new("autoconf").current_dir(&tree), "autoconf");
    let configure = || {
        let out = Command::new("./configure")
            .arg("--host=wasm32-wasi")
            .arg(format!("CC={}", out.join("bin/wasm32-wasi-clang").display()))
            .arg("--cache-file=/dev/null")
            // The overlay was built by this test process: name the runner its run script execs.
            .env("WASI_SHIM", wasi_shim_binary())
            .current_dir(&tree)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(out.status.success(), "configure failed:\n{stdout}{}", String::from_utf8_lossy(&out.stderr));
        stdout
    };
    let (native, cross) = with_binfmt(&out, configure);
    for line in [
        "checking whether we are cross compiling... no",
        "checking whether getuid answers 1000... yes",
        "checking whether strtoul stops at the first non-digit... yes",
    ] {
        assert!(native.contains(line), "with binfmt: no `{line}` in:\n{native}");
    }
    assert!(cross.contains("checking whether we are cross compiling... yes"), "{cross}");
    assert!(cross.contains("checking whether getuid answers 1000... cross"), "{cross}");
}

/// `run` with the overlay's runner registered by `wasi-shim binfmt`, then again after `--remove`: (with, without).
/// The registration is the machine's, so tests take turns, and it is removed even when `run` panics.
fn with_binfmt<T>(overlay: &Path, mut run: impl FnMut() -> T) -> (T, T) {
    static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let registered = Command::new(wasi_shim_binary()).args(["binfmt", "--overlay"]).arg(overlay).output().unwrap();
    assert!(registered.status.success(), "wasi-shim binfmt failed: {}", String::from_utf8_lossy(&registered.stderr));
    let with = {
        let _registered = Deregister;
        run()
    };
    (with, run())
}

/// Takes `wasi-shim binfmt`'s registration away when dropped.
struct Deregister;

impl Drop for Deregister {
    fn drop(&mut self) {
        let removed = Command::new(wasi_shim_binary()).args(["binfmt", "--remove"]).output();
        assert!(removed.is_ok_and(|o| o.status.success()), "wasi-shim binfmt --remove failed");
    }
}

/// config.site's answers to autoconf's run-tests of the C library are what those tests find when they really run
/// (under `wasi-shim binfmt`), and a cross build without binfmt takes exactly those answers from config.site.
#[test]
fn config_site_answers_libc_run_tests_as_they_run_under_the_policy() {
    test_support::provision_test_tools();
    wasi_shim::provision::ensure_packages("config.guess and config.sub for AC_CANONICAL_HOST", &["autotools-dev"])
        .expect("autotools-dev");
    let out = overlay("default", BaseRelease::Trixie);
    let tree = scratch("libc-probes");
    let _ = std::fs::remove_dir_all(&tree);
    std::fs::create_dir_all(&tree).unwrap();
    let probes = test_support::root().join("tests/build-systems/runtest/libc-probes.ac");
    std::fs::copy(probes, tree.join("configure.ac")).unwrap();
    for aux in ["config.guess", "config.sub"] {
        std::fs::copy(Path::new("/usr/share/misc").join(aux), tree.join(aux)).unwrap();
    }
    sh(Command::new("autoconf").current_dir(&tree), "autoconf");
    let cache = |config_site: Option<&Path>| {
        let cache = tree.join("config.cache");
        let _ = std::fs::remove_file(&cache);
        let mut configure = Command::new("./configure");
        configure
            .arg("--host=wasm32-wasi")
            .arg(format!("CC={}", out.join("bin/wasm32-wasi-clang").display()))
            .arg("--cache-file=config.cache")
            .env("WASI_SHIM", wasi_shim_binary())
            .env("CONFIG_SITE", config_site.unwrap_or(Path::new("/dev/null")))
            .current_dir(&tree);
        sh(&mut configure, "configure with the libc probes");
        std::fs::read_to_string(cache).unwrap()
    };
    let (measured, _) = with_binfmt(&out, || cache(None));
    let answered = cache(Some(&out.join("share/config.site")));
    for (variable, answer, _) in wasi_shim::codegen::RUN_TEST_ANSWERS {
        let line = format!("{variable}=${{{variable}={answer}}}");
        assert!(measured.lines().any(|l| l == line), "measured: no `{line}` in:\n{measured}");
        assert!(answered.lines().any(|l| l == line), "config.site: no `{line}` in:\n{answered}");
    }
}
