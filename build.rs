//! Exposes the host triple (the `cc` crate needs it) and embeds everything under `shims/` in the binary.

use std::fmt::Write as _;
use std::path::PathBuf;

// Only the walker is used here; the product uses the rest.
#[allow(dead_code)]
#[path = "src/files.rs"]
mod files;

fn main() {
    println!("cargo:rustc-env=WASI_SHIM_HOST={}", std::env::var("TARGET").expect("cargo sets TARGET"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out_dir.join("shim_files.rs"), shim_files()).expect("cannot write shim_files.rs");
}

/// `include_str!` tables of everything under shims/ (catalog, sources, headers, recipes), so the binary carries them.
fn shim_files() -> String {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut out = String::new();
    for (constant, dir, ext) in [
        ("CATALOG_FILES", "shims/catalog", "toml"),
        ("C_SOURCES", "shims/src", "c"),
        ("C_HEADERS", "shims/src", "h"),
        ("PUBLIC_HEADERS", "shims/include", "h"),
        ("RECIPE_FILES", "shims/recipes", "toml"),
    ] {
        writeln!(out, "/// `(path relative to {dir}, text)` of every `.{ext}` file there.").unwrap();
        let dir = root.join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        writeln!(out, "pub const {constant}: &[(&str, &str)] = &[").unwrap();
        for path in files::with_extension(&dir, ext).expect("shims/ is readable") {
            println!("cargo:rerun-if-changed={}", path.display());
            let relative = path.strip_prefix(&dir).expect("under dir").to_string_lossy().into_owned();
            writeln!(out, "    ({relative:?}, include_str!({:?})),", path.display().to_string()).unwrap();
        }
        writeln!(out, "];").unwrap();
    }
    out
}
