//! `wasi-shim run`: its flags (`options`, plain Rust, fuzzed) and the embedded wasmtime that runs the module
//! (`engine`, behind the default `engine` feature). A crate of its own so the dev profile can compile it
//! optimised: the host-call glue is generic code instantiated here, and unoptimised it cost a host call
//! several times what `wasmtime run` spends (issue 14).

#[cfg(feature = "engine")]
mod engine;
mod options;

#[cfg(feature = "engine")]
pub use engine::{module_path, run, Host, TRAP_STATUS};
pub use options::{apply_wasm_option, parse_env, Preopen, RunFlags, RunOptions, MAX_WASM_STACK};
