//! `audit`'s ar archive reader: whole archives (the seeds are real ones), and any bytes after the magic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wasi_shim::audit::{needs, Format};

fuzz_target!(|data: &[u8]| {
    const MAGIC: &[u8] = b"!<arch>\n";
    let bytes = if data.starts_with(MAGIC) { data.to_vec() } else { [MAGIC, data].concat() };
    let _ = needs(Format::Archive, &bytes);
});
