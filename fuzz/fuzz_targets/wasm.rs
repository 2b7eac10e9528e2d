//! `audit`'s wasm reader (linked modules and relocatable objects): the input after the wasm header.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wasi_shim::audit::{format, needs};

fuzz_target!(|data: &[u8]| {
    let bytes = [b"\0asm\x01\0\0\0".as_slice(), data].concat();
    if let Ok(kind) = format(&bytes) {
        let _ = needs(kind, &bytes);
    }
    // Raw bytes too: the format check itself must refuse, never panic.
    if let Ok(kind) = format(data) {
        let _ = needs(kind, data);
    }
});
