//! Upstream wasi-libc trees (the CMake layout): a `git archive` snapshot unpacked into the cache, CMake 3.26+
//! (the PyPI wheel when the system's is older), and the pristine wasm32-wasip1 sysroot built once per commit,
//! which is the base a series for that tree is planned over.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::builtins;
use crate::provision::{cache_dir, ensure_commands, locked, pip_tool, run, unpack_beside, which};
use crate::toolchain::{self, Toolchain};

/// The oldest CMake upstream's CMakeLists.txt accepts.
const CMAKE_MIN: (u32, u32) = (3, 26);

/// A wasi-libc source tree: `src` itself when it is a directory, else a tarball (`git archive
/// --prefix=wasi-libc-<commit>/`) unpacked once into the cache under its own top-level directory name.
pub fn source_tree(src: &Path) -> Result<PathBuf> {
    if src.is_dir() {
        return Ok(src.to_path_buf());
    }
    if !src.is_file() {
        bail!("{} is neither a wasi-libc source directory nor a tarball of one", src.display());
    }
    let listing = Command::new("tar").arg("-tf").arg(src).output().context("cannot run tar")?;
    let first = String::from_utf8_lossy(&listing.stdout).lines().next().unwrap_or_default().to_owned();
    let top = first.split('/').next().unwrap_or_default();
    if !listing.status.success() || top.is_empty() || top == "." {
        bail!(
            "{} is not a tarball with one top-level directory (as `git archive --prefix=wasi-libc-<commit>/` makes)",
            src.display()
        );
    }
    let tree = cache_dir().join("src").join(top);
    locked(&format!("src-{top}"), || {
        if !tree.join("libc-bottom-half").is_dir() {
            unpack_beside(&tree, |staging| {
                std::fs::create_dir_all(staging)?;
                run(Command::new("tar").arg("-xf").arg(src).arg("-C").arg(staging).arg("--strip-components=1"))
            })?;
        }
        Ok(tree.clone())
    })
}

/// A CMake of at least 3.26: the system's, or the PyPI wheel installed into the cache.
pub fn cmake() -> Result<PathBuf> {
    if let Some(system) = which("cmake").filter(|c| version(c).is_some_and(|v| v >= CMAKE_MIN)) {
        return Ok(system);
    }
    pip_tool(
        "CMake 3.26+ is needed (upstream wasi-libc's minimum)",
        "cmake-wheel",
        "cmake>=3.26",
        "cmake/data/bin/cmake",
    )
}

/// `cmake --version` as (major, minor).
fn version(cmake: &Path) -> Option<(u32, u32)> {
    let out = Command::new(cmake).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let numbers = text.split_whitespace().nth(2)?;
    let mut parts = numbers.split('.').map(|p| p.parse::<u32>().ok());
    Some((parts.next()??, parts.next()??))
}

/// The pristine wasm32-wasip1 sysroot of `tree` (commit `commit`), built with the system clang once and kept
/// in the cache; the toolchain over it.
pub fn pristine_toolchain(tree: &Path, commit: &str) -> Result<Toolchain> {
    let tools = toolchain::provisioned_llvm()?;
    let sysroot = pristine_sysroot(tree, commit, &tools.0, WASIP1_TRIPLE, &[])?;
    toolchain::over_sysroot_with(
        tools,
        sysroot.clone(),
        crate::target::Target::Wasip1,
        format!("wasi-libc {commit} built pristine in {}", sysroot.display()),
    )
}

/// The pristine wasm32-wasip2 sysroot of `tree`, built once with `clang` (22: upstream needs it for the
/// component target) and `settings` (where wasm-tools is), kept in the cache; the toolchain over it.
pub fn pristine_wasip2_toolchain(tree: &Path, commit: &str, clang: &Path, settings: &[String]) -> Result<Toolchain> {
    let sysroot = pristine_sysroot(tree, commit, clang, WASIP2_TRIPLE, settings)?;
    let major = clang.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_prefix("clang-"));
    let tools = major.and_then(|m| m.parse().ok()).and_then(toolchain::llvm_version).with_context(|| {
        format!("{} lacks its LLVM tools (llvm-ar-N, llvm-nm-N) or wasm32 builtins", clang.display())
    })?;
    toolchain::over_sysroot_with(
        tools,
        sysroot.clone(),
        crate::target::Target::Wasip2,
        format!("wasi-libc {commit} built pristine for {WASIP2_TRIPLE} in {}", sysroot.display()),
    )
}

/// `tree` built pristine for `triple` into the cache once per commit; its sysroot.
fn pristine_sysroot(tree: &Path, commit: &str, clang: &Path, triple: &str, settings: &[String]) -> Result<PathBuf> {
    let build = cache_dir().join("upstream-sysroot").join(format!("{commit}-{triple}"));
    let sysroot = build.join("sysroot");
    locked(&format!("upstream-sysroot-{commit}-{triple}"), || {
        if !sysroot.join(format!("lib/{triple}/libc.a")).is_file() {
            build_tree(tree, &build, clang, triple, settings)?;
        }
        Ok(())
    })?;
    Ok(sysroot)
}

/// The target the overlay and the series' areas serve.
pub const WASIP1_TRIPLE: &str = "wasm32-wasip1";
/// The component target upstream also builds (with clang 22); the areas are not built for it.
pub const WASIP2_TRIPLE: &str = "wasm32-wasip2";

/// Configure and build `tree` for `triple` into `build` (sysroot in `build/sysroot`) with upstream's checks on
/// (check-symbols, -Werror) and static libraries only; `extra` are further `-D` settings. compiler-rt's
/// builtins come from `clang` when it has them, so CMake downloads nothing.
pub fn build_tree(tree: &Path, build: &Path, clang: &Path, triple: &str, extra: &[String]) -> Result<()> {
    let [mut configure, mut compile] = build_commands(tree, build, clang, triple, extra)?;
    run(&mut configure).with_context(|| format!("configuring {}", tree.display()))?;
    run(&mut compile).with_context(|| format!("building {} (check-symbols included)", tree.display()))
}

/// The two commands of `build_tree` (configure, then build), for a caller that runs them its own way; the
/// build directory is emptied first and `make`, which CMake's default generator drives, provisioned.
pub fn build_commands(tree: &Path, build: &Path, clang: &Path, triple: &str, extra: &[String]) -> Result<[Command; 2]> {
    ensure_commands("building wasi-libc with CMake's Makefile generator", &[("make", "make")])?;
    let cmake = cmake()?;
    let _ = std::fs::remove_dir_all(build);
    let mut configure = Command::new(&cmake);
    configure
        .arg("-S")
        .arg(tree)
        .arg("-B")
        .arg(build)
        .args(llvm_settings(clang, triple))
        .arg(format!("-DTARGET_TRIPLE={triple}"))
        .args(["-DCHECK_SYMBOLS=ON", "-DENABLE_WERROR=ON", "-DBUILD_SHARED=OFF"])
        .args(extra);
    let mut compile = Command::new(&cmake);
    compile.arg("--build").arg(build).arg("-j2");
    Ok([configure, compile])
}

/// The compiler settings: `clang`, the LLVM tools named like it (clang-19 -> llvm-ar-19), and its builtins.
fn llvm_settings(clang: &Path, triple: &str) -> Vec<String> {
    let llvm = |tool: &str| {
        clang.with_file_name(clang.file_name().unwrap_or_default().to_string_lossy().replacen("clang", tool, 1))
    };
    let mut settings = vec![
        format!("-DCMAKE_C_COMPILER={}", clang.display()),
        format!("-DCMAKE_AR={}", llvm("llvm-ar").display()),
        format!("-DCMAKE_NM={}", llvm("llvm-nm").display()),
        format!("-DCMAKE_RANLIB={}", llvm("llvm-ranlib").display()),
    ];
    let builtins = builtins::clang_prints(clang, &[&format!("--target={triple}"), "--print-libgcc-file-name"]);
    if let Some(lib) = builtins.filter(|lib| lib.is_file()) {
        settings.push(format!("-DBUILTINS_LIB={}", lib.display()));
    }
    settings
}
