//! What the CPython and Ruby builds share: the compiler each flavour builds with, and a build made once per inputs.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;
use test_support::reuse::{content_hash, is_current};
use wasi_shim::policy::Policy;
use wasi_shim::shims::Shims;
use wasi_shim::toolchain::Toolchain;

use super::{write_stock_cc, Flavour};

/// What one flavour compiles with: the C compiler, the overlay when there is one, and the key of what they bring.
pub struct Compiler {
    pub cc: PathBuf,
    pub overlay: Option<PathBuf>,
    key: String,
}

impl Compiler {
    /// Stock: plain clang over the plain sysroot, through a `stock-cc` wrapper written into `work` (the
    /// interpreters' own recipe). Overlay: the overlay for `policy`, built into `overlay_dir`, and its wrapper.
    pub fn for_flavour(
        flavour: Flavour,
        toolchain: &Toolchain,
        work: &Path,
        overlay_dir: &Path,
        (shims, policy): (&Shims, &Policy),
    ) -> Result<Compiler> {
        match flavour {
            Flavour::Stock => {
                let cc = work.join("stock-cc");
                write_stock_cc(toolchain, &cc)?;
                let key = content_hash(&[&cc])?;
                Ok(Compiler { cc, overlay: None, key })
            }
            Flavour::Overlay => {
                wasi_shim::overlay::build(shims, policy, toolchain, overlay_dir)?;
                let parts = ["include", "lib", "share"].map(|part| overlay_dir.join(part));
                let key = content_hash(&parts.iter().map(PathBuf::as_path).collect::<Vec<_>>())?;
                let cc = overlay_dir.join("bin/wasm32-wasi-clang");
                Ok(Compiler { cc, overlay: Some(overlay_dir.to_path_buf()), key })
            }
        }
    }

    /// The key of an interpreter build with this compiler: the interpreter's version, the flavour, the sysroot
    /// and what the compiler brings.
    pub fn build_key(&self, version: &str, flavour: Flavour, toolchain: &Toolchain) -> String {
        format!("{version} {} {} {}\n", flavour.name(), toolchain.sysroot.display(), self.key)
    }
}

/// Build into `dir` unless the `artifact` there was built from `key`: `dir` is emptied first, `build` says how long
/// it took, and the key is recorded only once it succeeded. Returns that time, or `None` when the build was current.
pub fn build_once(
    dir: &Path,
    artifact: &Path,
    key: &str,
    build: impl FnOnce() -> Result<Duration>,
) -> Result<Option<Duration>> {
    let stamp = dir.join(".wasi-shim-build");
    if is_current(artifact, &stamp, key) {
        return Ok(None);
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    let took = build()?;
    std::fs::write(&stamp, key)?;
    Ok(Some(took))
}
