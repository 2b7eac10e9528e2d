//! The files compiled into the binary: everything under `shims/` (tables written by `build.rs`) and the policy presets.
//!
//! A leaf: the modules that give these files meaning (catalog, policy, shims) read them from here.

include!(concat!(env!("OUT_DIR"), "/shim_files.rs"));

/// Presets shipped inside the binary: `extends = "<name>"` and `--policy <name>` find them without a source tree.
pub const PRESETS: &[(&str, &str)] = &[
    ("default", include_str!("../policy/default.toml")),
    ("strict", include_str!("../policy/strict.toml")),
    ("wasix", include_str!("../policy/wasix.toml")),
    ("cpython", include_str!("../policy/cpython.toml")),
    ("ruby", include_str!("../policy/ruby.toml")),
];
