//! wasi-shim: a catalog of POSIX stubs for wasm32-wasi whose behaviour is chosen per function by a policy.
//!
//! Data flows catalog + policy -> resolved [`policy::Policy`] -> [`overlay::build`] (headers, archive,
//! wrappers, config.site, manifest); [`runner::run`] executes the resulting programs in wasmtime.

pub mod audit;
pub mod base;
pub mod binfmt;
pub mod builtins;
pub mod catalog;
pub mod choosing;
pub mod codegen;
pub mod diagnostic;
pub mod embedded;
pub mod escape;
pub mod files;
pub mod overlay;
pub mod patches;
pub mod policy;
pub mod progress;
pub mod provision;
pub mod recipes;
pub mod report;
pub mod runner;
pub mod rust_target;
pub mod shims;
pub mod target;
pub mod text;
pub mod toolchain;
pub mod upstream;
pub mod valid;
