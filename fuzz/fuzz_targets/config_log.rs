//! `audit`'s config.log reader: any bytes (not only UTF-8); every answer is a C identifier.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in wasi_shim::audit::config_log_missing(&String::from_utf8_lossy(data)) {
        assert!(!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "{name:?}");
    }
});
