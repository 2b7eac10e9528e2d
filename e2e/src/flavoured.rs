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

/// An interpreter's recipe: each flavour configured and made in a directory of its own inside one source tree,
/// or reused when built there from the same inputs.
pub trait Recipe {
    type Build;
    /// The file a build makes (`python.wasm`, `ruby`), inside its flavour's directory.
    const ARTIFACT: &'static str;

    /// The source tree the flavours build in.
    fn tree(&self) -> &Path;
    fn version(&self) -> &str;
    fn toolchain(&self) -> &Toolchain;
    /// The interpreter's own recipe in an empty `dir`; how long it took.
    fn configure_and_make(&self, flavour: Flavour, compiler: &Compiler, dir: &Path) -> Result<Duration>;
    /// The build in `dir`, its launcher written.
    fn finish(&self, flavour: Flavour, dir: PathBuf, build_time: Option<Duration>) -> Result<Self::Build>;

    /// The wasi-shim overlay the overlay build uses.
    fn overlay_dir(&self) -> PathBuf {
        self.tree().join("wasi-shim-overlay")
    }

    /// The build of `flavour`, reused when current; when `may_build` is false, None instead of building.
    fn build_or_reuse(
        &self,
        flavour: Flavour,
        shims: &Shims,
        policy: &Policy,
        may_build: bool,
    ) -> Result<Option<Self::Build>> {
        let dir = self.tree().join(flavour.name());
        let compiler =
            Compiler::for_flavour(flavour, self.toolchain(), self.tree(), &self.overlay_dir(), (shims, policy))?;
        let key = compiler.build_key(self.version(), flavour, self.toolchain());
        let artifact = dir.join(Self::ARTIFACT);
        if !may_build && !is_built(&dir, &artifact, &key) {
            return Ok(None);
        }
        let build_time = build_once(&dir, &artifact, &key, || self.configure_and_make(flavour, &compiler, &dir))?;
        self.finish(flavour, dir, build_time).map(Some)
    }

    /// Configure and make one flavour, unless the build there was made from the same inputs.
    fn build(&self, flavour: Flavour, shims: &Shims, policy: &Policy) -> Result<Self::Build> {
        Ok(self.build_or_reuse(flavour, shims, policy, true)?.expect("built when allowed to"))
    }

    /// The build of `flavour` only when one made from the current inputs is there already (the matrix's smoke).
    fn cached(&self, flavour: Flavour, shims: &Shims, policy: &Policy) -> Result<Option<Self::Build>> {
        self.build_or_reuse(flavour, shims, policy, false)
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
    if is_built(dir, artifact, key) {
        return Ok(None);
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    let took = build()?;
    std::fs::write(dir.join(STAMP), key)?;
    Ok(Some(took))
}

/// The stamp in a build directory recording the key it was built from.
const STAMP: &str = ".wasi-shim-build";

/// Whether the `artifact` in `dir` was built from `key`.
pub fn is_built(dir: &Path, artifact: &Path, key: &str) -> bool {
    is_current(artifact, &dir.join(STAMP), key)
}
