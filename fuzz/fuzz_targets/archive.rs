//! `audit`'s ar archive reader: the input after the archive magic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wasi_shim::audit::{needs, Format};

fuzz_target!(|data: &[u8]| {
    let bytes = [b"!<arch>\n".as_slice(), data].concat();
    let _ = needs(Format::Archive, &bytes);
});
