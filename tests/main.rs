//! wasi-shim's fast tests, one binary: everything but the interpreter builds (those are `e2e/tests/`).
//!
//! `cargo test -p wasi-shim` runs these; `cargo test --workspace` runs them and the interpreters.

mod behaviours;
mod build_systems;
mod catalog;
mod choosing;
mod cli;
mod fuzz_corpus;
mod guests;
mod overlay;
mod patches;
mod policy_errors;
mod process_view;
mod readme;
mod reliability;
