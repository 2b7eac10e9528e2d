//! `wasm-component-ld`, the linker clang runs for a component target: found (`WASM_COMPONENT_LD`, PATH, the one
//! rustup ships beside rustc) when new enough, otherwise installed from the crates registry into the cache.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::provision::{self, cache_dir, run, which};

/// The release installed when none new enough is found.
pub const VERSION: &str = "0.5.31";
/// The oldest release accepted: upstream wasi-libc main's wasm32-wasip2 build asks for it (older ones cannot
/// read the component types its libc carries).
pub const MIN_VERSION: (u32, u32, u32) = (0, 5, 30);

/// The version `wasm-component-ld --version` prints ("wasm-component-ld 0.5.21").
fn version(path: &Path) -> Option<(u32, u32, u32)> {
    let output = Command::new(path).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    let mut parts = text.split_whitespace().nth(1)?.split('.').map(|p| p.parse::<u32>().ok());
    Some((parts.next()??, parts.next()??, parts.next()??))
}

/// Where rustup's toolchain keeps its copy: `<rustc sysroot>/lib/rustlib/<host>/bin/wasm-component-ld`.
fn rustup_copy() -> Option<PathBuf> {
    let output = Command::new("rustc").args(["--print", "sysroot"]).output().ok()?;
    let sysroot = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    let rustlib = sysroot.join("lib/rustlib");
    std::fs::read_dir(&rustlib)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("bin/wasm-component-ld"))
        .find(|p| p.is_file())
}

fn installed() -> PathBuf {
    cache_dir().join(format!("wasm-component-ld-{VERSION}")).join("bin/wasm-component-ld")
}

/// A `wasm-component-ld` at least [`MIN_VERSION`], if one is at hand: `WASM_COMPONENT_LD`, then the one beside
/// `clang` (a wasi-sdk ships one), `PATH`, rustup's, the cache's.
pub fn find(clang: &Path) -> Result<Option<PathBuf>> {
    if let Some(chosen) = std::env::var_os("WASM_COMPONENT_LD").filter(|v| !v.is_empty()).map(PathBuf::from) {
        if version(&chosen).is_some_and(|v| v >= MIN_VERSION) {
            return Ok(Some(chosen));
        }
        bail!(
            "WASM_COMPONENT_LD={} is not a wasm-component-ld {}.{}.{} or newer",
            chosen.display(),
            MIN_VERSION.0,
            MIN_VERSION.1,
            MIN_VERSION.2
        );
    }
    let beside_clang = clang.parent().map(|dir| dir.join("wasm-component-ld"));
    Ok(beside_clang
        .into_iter()
        .chain(which("wasm-component-ld"))
        .chain(rustup_copy())
        .chain([installed()])
        .find(|p| version(p).is_some_and(|v| v >= MIN_VERSION)))
}

/// `wasm-component-ld` [`VERSION`], installed with cargo into the cache when none new enough is found.
pub fn provision(clang: &Path) -> Result<PathBuf> {
    if let Some(found) = find(clang)? {
        return Ok(found);
    }
    if which("cargo").is_none() {
        bail!("a wasm32-wasip2 link needs wasm-component-ld {VERSION}, which is installed with cargo; install Rust with:\n  curl https://sh.rustup.rs -sSf | sh -s -- -y");
    }
    let root = cache_dir().join(format!("wasm-component-ld-{VERSION}"));
    provision::locked(&format!("wasm-component-ld-{VERSION}"), || {
        if !installed().is_file() {
            // A build directory of its own: under `cargo test`, the outer build's (CARGO_TARGET_DIR) is locked, and
            // its RUSTFLAGS are for other code.
            run(Command::new("cargo")
                .args(["install", "--locked", "--quiet", "--version", VERSION, "wasm-component-ld", "--root"])
                .arg(&root)
                .arg("--target-dir")
                .arg(root.join("build"))
                .env_remove("CARGO_TARGET_DIR")
                .env_remove("RUSTFLAGS")
                .env_remove("CARGO_ENCODED_RUSTFLAGS"))?;
            let _ = std::fs::remove_dir_all(root.join("build"));
        }
        Ok(())
    })?;
    let path = installed();
    version(&path)
        .filter(|v| *v >= MIN_VERSION)
        .with_context(|| format!("cargo installed {} but it does not run", path.display()))?;
    Ok(path)
}
