//! Policy parsing, resolution and header generation, on raw text and on structured policies.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wasi_shim::catalog::Catalog;

fuzz_target!(|data: &[u8]| {
    let catalog = Catalog::builtin();
    if let Some(text) = wasi_shim_fuzz::policy_text(data, catalog) {
        wasi_shim_fuzz::check_policy(&text, catalog);
    }
});
