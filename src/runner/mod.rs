//! `wasi-shim run`: its flags (`options`, plain Rust) and the embedded wasmtime that runs the module
//! (`wasm`, behind the default `runner` feature, so the fuzzing harness builds the library without it).

mod options;
#[cfg(feature = "runner")]
mod wasm;

pub use options::{apply_wasm_option, parse_env, Preopen, RunFlags, RunOptions, MAX_WASM_STACK};
#[cfg(feature = "runner")]
pub use wasm::{module_path, run, TRAP_STATUS};
