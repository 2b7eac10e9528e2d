//! What `e2e wasi-libc`'s two targets share about the conformance guests: which run on a base and target,
//! grouped by policy, compiled with an overlay's wrapper, and run with a failed compile as the outcome.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use e2e::wasi_libc::Outcome;
use test_support::guests::{self, GuestConfig};
use wasi_shim::target::Target;
use wasi_shim::toolchain::BaseRelease;

/// A guest's name, source and configuration.
pub(super) type Guest = (String, PathBuf, GuestConfig);

/// The guests in `dir` that run over `base` for `target`, grouped by policy.
pub(super) fn guests_by_policy(dir: &Path, base: BaseRelease, target: Target) -> Result<BTreeMap<String, Vec<Guest>>> {
    let mut by_policy: BTreeMap<String, Vec<Guest>> = BTreeMap::new();
    for (name, path) in guests::list(dir)? {
        let config = GuestConfig::read(&path)?;
        if config.bases.contains(&base) && config.targets.contains(&target) {
            by_policy.entry(config.policy.clone()).or_default().push((name, path, config));
        }
    }
    Ok(by_policy)
}

/// Compile a guest with an overlay's wrapper for `target`, as the tests do (`-Wall -Werror`, the guests' headers).
pub(super) fn compile_guest(
    overlay: &Path,
    target: Target,
    source: &Path,
    guest_dir: &Path,
    module: &Path,
) -> Result<std::process::Output> {
    let include = format!("-I{}", guest_dir.display());
    test_support::try_compile_for(overlay, target, source, module, &[&include, "-Wall", "-Werror"])
}

/// Run a compiled guest in `workdir`; a failed compile is the outcome, with clang's first line.
pub(super) fn run_compiled(
    runner: &Path,
    workdir: &Path,
    config: &GuestConfig,
    module: &Path,
    compiled: Result<std::process::Output>,
) -> Result<Outcome, String> {
    let compiled = compiled.map_err(|e| format!("{e:#}"))?;
    if !compiled.status.success() {
        let first = String::from_utf8_lossy(&compiled.stderr).lines().next().unwrap_or_default().to_owned();
        return Err(format!("compile failed: {first}"));
    }
    e2e::wasi_libc::run_guest(runner, module, config, workdir).map_err(|e| e.to_string())
}
