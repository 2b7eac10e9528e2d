//! Upstream wasi-libc trees (the CMake layout): a `git archive` snapshot unpacked into the cache, CMake 3.26+
//! (the PyPI wheel when the system's is older), and the pristine wasm32-wasip1 sysroot built once per commit,
//! which is the base a series for that tree is planned over.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::provision::{cache_dir, run, unpack_beside, which};
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
    if !tree.join("libc-bottom-half").is_dir() {
        unpack_beside(&tree, |staging| {
            std::fs::create_dir_all(staging)?;
            run(Command::new("tar").arg("-xf").arg(src).arg("-C").arg(staging).arg("--strip-components=1"))
        })?;
    }
    Ok(tree)
}

/// A CMake of at least 3.26: the system's, or the PyPI wheel installed into the cache.
pub fn cmake() -> Result<PathBuf> {
    if let Some(system) = which("cmake").filter(|c| version(c).is_some_and(|v| v >= CMAKE_MIN)) {
        return Ok(system);
    }
    let dir = cache_dir().join("cmake-wheel");
    let binary = dir.join("cmake/data/bin/cmake");
    if !binary.is_file() {
        let python = which("python3")
            .context("CMake 3.26+ is needed and python3 is missing to install it: apt-get install -y python3-pip")?;
        unpack_beside(&dir, |staging| {
            run(Command::new(python).args(["-m", "pip", "install", "-q", "--target"]).arg(staging).arg("cmake>=3.26"))
        })
        .context("installing CMake 3.26+ from PyPI (the `cmake` wheel); or install it yourself: pip install cmake")?;
    }
    Ok(binary)
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
    let (clang, ..) = toolchain::provisioned_llvm()?;
    let build = cache_dir().join("upstream-sysroot").join(format!("{commit}-wasm32-wasip1"));
    let sysroot = build.join("sysroot");
    if !sysroot.join("lib/wasm32-wasip1/libc.a").is_file() {
        build_tree(tree, &build, &clang, &[])?;
    }
    toolchain::over_sysroot(sysroot, format!("wasi-libc {commit} built pristine in {}", build.display()))
}

/// Configure and build `tree` for wasm32-wasip1 into `build` with upstream's checks on (check-symbols,
/// -Werror), static libraries only (the shared ones would download compiler-rt).
pub fn build_tree(tree: &Path, build: &Path, clang: &Path, extra: &[String]) -> Result<()> {
    let cmake = cmake()?;
    let llvm = |tool: &str| {
        clang.with_file_name(clang.file_name().unwrap_or_default().to_string_lossy().replacen("clang", tool, 1))
    };
    let _ = std::fs::remove_dir_all(build);
    let mut configure = Command::new(&cmake);
    configure
        .arg("-S")
        .arg(tree)
        .arg("-B")
        .arg(build)
        .arg(format!("-DCMAKE_C_COMPILER={}", clang.display()))
        .arg(format!("-DCMAKE_AR={}", llvm("llvm-ar").display()))
        .arg(format!("-DCMAKE_NM={}", llvm("llvm-nm").display()))
        .arg(format!("-DCMAKE_RANLIB={}", llvm("llvm-ranlib").display()))
        .args(["-DTARGET_TRIPLE=wasm32-wasip1", "-DCHECK_SYMBOLS=ON", "-DENABLE_WERROR=ON", "-DBUILD_SHARED=OFF"])
        .args(extra);
    run(&mut configure).with_context(|| format!("configuring {}", tree.display()))?;
    run(Command::new(&cmake).arg("--build").arg(build).arg("-j2"))
        .with_context(|| format!("building {} (check-symbols included)", tree.display()))
}
