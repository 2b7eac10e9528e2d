//! CPython's own WASI build script (`Tools/wasm/wasi.py`) over an overlay's wasi-sdk view: the README's commands,
//! run as written in a copy of Debian's python3.13 source with a `cpython` overlay over trixie, rebuilt only when
//! the overlay or the source changed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result};
use test_support::reuse::content_hash;
use wasi_shim::policy::Policy;
use wasi_shim::shims::Shims;
use wasi_shim::target::Target;
use wasi_shim::toolchain::{self, BaseRelease};

use crate::flavoured::build_once;

/// The README's commands: every line but the last builds, the last runs the Python it built.
pub fn readme_commands() -> (String, String) {
    let block = test_support::readme_between("<!-- wasi.py commands -->\n```sh\n", "```\n<!-- /wasi.py commands -->");
    let (build, run) = block.trim_end().rsplit_once('\n').expect("the block builds, then runs");
    (build.to_owned(), run.to_owned())
}

/// Build with the README's commands (or reuse the build), then run its last line; that line's output.
pub fn build_and_run(runner: &Path) -> Result<std::process::Output> {
    let work = test_support::target_dir().join("e2e/cpython-wasi-py");
    let shims = Shims::builtin();
    let policy = Policy::load("cpython", &shims.catalog)?;
    let base = toolchain::discover_or_provision(BaseRelease::Trixie, Target::Wasip1)?;
    let overlay = work.join("overlay");
    wasi_shim::overlay::build(&shims, &policy, &base, &overlay)?;
    let source = test_support::fetch_upstream_source("python3.13", "trixie")?;
    let (build, run) = readme_commands();
    let parts = ["include", "lib", "share"].map(|part| overlay.join(part));
    let key = format!(
        "{} {build}\n{}\n",
        source.display(),
        content_hash(&parts.iter().map(PathBuf::as_path).collect::<Vec<_>>())?
    );
    let tree = work.join("tree");
    let python_wasm = tree.join("cross-build/wasm32-wasip1/python.wasm");
    build_once(&tree, &python_wasm, &key, || {
        let started = Instant::now();
        crate::copy_tree(&source, &tree)?;
        crate::run_logged(&mut commands(&build, &tree, &overlay, runner), &work.join("build.log"), "wasi.py's build")?;
        Ok(started.elapsed())
    })?;
    commands(&run, &tree, &overlay, runner).output().context("cannot run python.sh")
}

/// `sh -e -c LINES` in the source tree with `$overlay` set and `wasi-shim` on `PATH`, as the README assumes.
fn commands(lines: &str, tree: &Path, overlay: &Path, runner: &Path) -> Command {
    let runner_dir = runner.parent().unwrap_or(Path::new("."));
    let path = format!("{}:{}", runner_dir.display(), std::env::var("PATH").unwrap_or_default());
    let mut command = Command::new("sh");
    command.args(["-e", "-c", lines]).current_dir(tree).env("overlay", overlay).env("PATH", path);
    command
}
