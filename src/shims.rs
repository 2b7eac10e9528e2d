//! The C sources and headers under `shims/`, compiled into the binary so it builds overlays anywhere.
//!
//! `build.rs` lists the directories, so adding a file needs no change here.

include!(concat!(env!("OUT_DIR"), "/shim_files.rs"));

/// Public headers that carry the declarations marker: the catalog's prototypes are inserted there.
pub fn header_templates() -> impl Iterator<Item = (&'static str, &'static str)> {
    PUBLIC_HEADERS.iter().copied().filter(|(_, text)| text.contains(crate::codegen::DECLARATIONS_MARKER))
}

/// Public headers copied as they are.
pub fn static_headers() -> impl Iterator<Item = (&'static str, &'static str)> {
    PUBLIC_HEADERS.iter().copied().filter(|(_, text)| !text.contains(crate::codegen::DECLARATIONS_MARKER))
}

/// Headers whose catalog functions the base sysroot already declares (we only wrap them).
pub const BASE_DECLARED_HEADERS: &[&str] = &["sys/stat.h"];

/// Symbols our archive defines besides the catalog's functions, each with the reason it must.
pub const EXTRA_SYMBOLS: &[(&str, &str)] = &[
    ("__SIG_IGN", "wasi-libc's SIG_IGN is the address of this function; defined beside signal() so the base's signal.o is never pulled in"),
    ("__SIG_ERR", "wasi-libc's SIG_ERR is the address of this function; defined beside signal() for the same reason"),
    ("bsd_signal", "the base's signal.o defines it beside signal(); ours must too, or that member could be pulled in and clash"),
    ("__sysv_signal", "the base's signal.o defines it beside signal(); ours must too, for the same reason"),
];
