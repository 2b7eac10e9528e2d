//! The process runtimes a module runs in, for the benchmark and the matrix: `wasi-shim run`, the wasmtime PyPI
//! wheel and Node's `node:wasi`, each provisioned on first use and each given the same module, preopens,
//! environment and arguments.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};
use wasi_shim::provision;

use crate::Invocation;

/// The wheel measured against: a wasmtime other than the embedded one (48), as a user would install it.
pub const WHEEL_REQUIREMENT: &str = "wasmtime==49.0.0";

/// One runtime and how to start a module in it.
pub enum Runtime {
    /// `wasi-shim run`: the binary the README's `cargo run` builds.
    WasiShim(PathBuf),
    /// `python3 wheel_run.py` over the wheel installed in `site`.
    Wheel { python: PathBuf, site: PathBuf, script: PathBuf },
    /// `node node_run.mjs`.
    Node { node: PathBuf, script: PathBuf },
}

impl Runtime {
    pub fn name(&self) -> &'static str {
        match self {
            Runtime::WasiShim(_) => "wasi-shim run",
            Runtime::Wheel { .. } => "wasmtime wheel 49",
            Runtime::Node { .. } => "node:wasi",
        }
    }

    /// `module ARGS` as it runs in this runtime.
    pub fn command(&self, module: &Path, invocation: &Invocation, args: &[String]) -> Command {
        let mut command = match self {
            Runtime::WasiShim(binary) => {
                let mut c = Command::new(binary);
                c.arg("run").args(invocation.wasmtime_flags());
                c
            }
            Runtime::Wheel { python, site, script } => {
                let mut c = Command::new(python);
                // No `max_wasm_stack`: the wheel's Config cannot raise the async stack it must fit in, so the
                // wheel keeps wasmtime's default wasm stack (enough for the idle runs measured here).
                c.env("PYTHONPATH", site).arg(script).args(script_flags(invocation));
                c
            }
            Runtime::Node { node, script } => {
                let mut c = Command::new(node);
                // `--`: the guest's own arguments (`-c pass`) are not the script's options.
                c.arg("--no-warnings").arg(script).args(script_flags(invocation)).arg("--");
                c
            }
        };
        command.arg(module).args(args);
        command
    }
}

/// The flags both yardstick scripts take (`--dir`, `--env`, `--argv0`, in wasmtime's spelling).
fn script_flags(invocation: &Invocation) -> Vec<String> {
    let mut flags: Vec<String> = invocation.dirs.iter().map(|(host, guest)| format!("--dir={host}::{guest}")).collect();
    flags.extend(invocation.env.iter().map(|(k, v)| format!("--env={k}={v}")));
    flags.extend(invocation.argv0.iter().map(|a| format!("--argv0={a}")));
    flags
}

/// `wasi-shim run` and both yardsticks, installing what is missing: the wheel into the cache (pip), Node from
/// Debian's `nodejs` when no `node` is on PATH.
pub fn provision_all(root: &Path, wasi_shim: &Path) -> Result<[Runtime; 3]> {
    let scripts = root.join("e2e/bench");
    let marker = provision::pip_tool(
        "the wasmtime wheel, a yardstick of `cargo xtask bench`",
        "wasmtime-wheel-49.0.0",
        WHEEL_REQUIREMENT,
        "wasmtime/__init__.py",
    )?;
    let site = marker.parent().and_then(Path::parent).context("the wheel's directory")?.to_path_buf();
    let python = provision::which("python3").context("python3 runs the wheel: apt-get install -y python3")?;
    provision::ensure_commands("node:wasi, a yardstick of `cargo xtask bench`", &[("node", "nodejs")])?;
    let node = provision::which("node").context("node:wasi needs node: apt-get install -y nodejs")?;
    Ok([
        Runtime::WasiShim(wasi_shim.to_path_buf()),
        Runtime::Wheel { python, site, script: scripts.join("wheel_run.py") },
        Runtime::Node { node, script: scripts.join("node_run.mjs") },
    ])
}
