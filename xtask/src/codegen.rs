//! `cargo xtask codegen`: regenerate (or with --check, verify) files derived from the catalog and the built archive.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use wasi_shim::catalog::Catalog;
use wasi_shim::overlay;
use wasi_shim::policy::Policy;
use wasi_shim::toolchain::{self, BaseRelease};

pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the project root").to_path_buf()
}

pub fn run(check: bool) -> Result<()> {
    let root = project_root();
    let catalog = Catalog::builtin();
    let policy = Policy::load("default", catalog)?;
    let tc = toolchain::discover_or_provision(BaseRelease::Trixie, wasi_shim::target::Target::Wasip1)?;
    let out = root.join("target/xtask/overlay-default");
    overlay::build(&wasi_shim::shims::Shims::builtin(), &policy, &tc, &out)?;
    let symbols = overlay::archive_symbols(&tc, &out.join("lib").join(&tc.triple).join(overlay::LIBRARY))?;
    let text: String = symbols.iter().map(|s| format!("{s}\n")).collect();
    ensure_file_contents(&root.join("tests/expected/defined-symbols.txt"), &text, check)?;
    let readme_path = root.join("README.md");
    let readme =
        std::fs::read_to_string(&readme_path).with_context(|| format!("cannot read {}", readme_path.display()))?;
    let table = wasi_shim::codegen::function_table(catalog, &policy);
    ensure_file_contents(&readme_path, &wasi_shim::codegen::replace_table(&readme, &table)?, check)
}

/// Write `contents` to `path` if it differs; with `check`, fail naming the command that fixes it instead.
fn ensure_file_contents(path: &Path, contents: &str, check: bool) -> Result<()> {
    let current = std::fs::read_to_string(path).unwrap_or_default();
    if current == contents {
        return Ok(());
    }
    if check {
        bail!("{} is stale: run `cargo xtask codegen`", path.display());
    }
    std::fs::create_dir_all(path.parent().expect("file has a directory"))?;
    std::fs::write(path, contents).with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!("updated {}", path.display());
    Ok(())
}
