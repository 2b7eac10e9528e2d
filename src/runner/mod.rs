//! `wasi-shim run`, from the `wasi-shim-runner` crate (compiled optimised even in the dev profile), with this
//! crate's cache directory and wasm-opt provisioning; the fuzzing harness builds it without the engine.

pub use wasi_shim_runner::{apply_wasm_option, parse_env, Preopen, RunFlags, RunOptions, MAX_WASM_STACK};
#[cfg(feature = "runner")]
pub use wasi_shim_runner::{module_path, TRAP_STATUS};

/// Run `module` to completion and return its exit status; compiled code is cached under the cache directory.
#[cfg(feature = "runner")]
pub fn run(module: &std::path::Path, options: &RunOptions) -> anyhow::Result<i32> {
    let host =
        wasi_shim_runner::Host { cache_dir: crate::toolchain::cache_dir(), wasm_opt: crate::toolchain::wasm_opt };
    wasi_shim_runner::run(module, options, &host)
}
