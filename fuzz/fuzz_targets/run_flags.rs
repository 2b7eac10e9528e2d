//! `wasi-shim run`'s flags (--dir, --mapdir, --env, -S, -W, the command) turned into run options.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use wasi_shim::runner::{RunFlags, MAX_WASM_STACK};

#[derive(Arbitrary, Debug)]
struct Flags {
    dirs: Vec<String>,
    mapdirs: Vec<String>,
    env: Vec<String>,
    inherit_env: bool,
    argv0: Option<String>,
    wasi_options: Vec<String>,
    wasm_options: Vec<String>,
    command: Vec<String>,
}

fuzz_target!(|f: Flags| {
    let flags = RunFlags {
        dirs: f.dirs,
        mapdirs: f.mapdirs,
        env: f.env,
        inherit_env: f.inherit_env,
        argv0: f.argv0,
        wasi_options: f.wasi_options,
        wasm_options: f.wasm_options,
        command: f.command,
    };
    if let Ok((module, options)) = flags.parse() {
        assert!(module != "--");
        assert!(options.max_wasm_stack.is_none_or(|s| s > 0 && s <= MAX_WASM_STACK));
    }
});
