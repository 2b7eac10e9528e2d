//! Exposes the host triple (the `cc` crate needs it) and the guest list that makes a guest without a host test a build error.

use std::fmt::Write as _;

fn main() {
    println!("cargo:rustc-env=WASI_SHIM_HOST={}", std::env::var("TARGET").expect("cargo sets TARGET"));
    println!("cargo:rerun-if-changed=tests/guests");
    let mut guests: Vec<String> = std::fs::read_dir("tests/guests")
        .map(|dir| {
            dir.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "c"))
                .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .collect()
        })
        .unwrap_or_default();
    guests.sort();
    let mut out = String::from("/// Calls `$mac!(name)` for every guest program in tests/guests.\nmacro_rules! foreach_guest {\n    ($mac:ident) => {\n");
    for g in &guests {
        writeln!(out, "        $mac!({g});").unwrap();
    }
    out.push_str("    };\n}\n");
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out_dir.join("guests.rs"), out).expect("cannot write guests.rs");
    std::fs::write(out_dir.join("shim_files.rs"), shim_files()).expect("cannot write shim_files.rs");
}

/// `include_str!` tables of everything under shims/ (catalog, sources, headers, recipes), so the binary carries them.
fn shim_files() -> String {
    let root = std::path::PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut out = String::new();
    for (constant, dir, ext) in [
        ("CATALOG_FILES", "shims/catalog", "toml"),
        ("C_SOURCES", "shims/src", "c"),
        ("C_HEADERS", "shims/src", "h"),
        ("PUBLIC_HEADERS", "shims/include", "h"),
        ("RECIPE_FILES", "shims/recipes", "toml"),
    ] {
        println!("cargo:rerun-if-changed={dir}");
        let mut files = Vec::new();
        collect(&root.join(dir), &root.join(dir), ext, &mut files);
        files.sort();
        writeln!(out, "pub const {constant}: &[(&str, &str)] = &[").unwrap();
        for (relative, absolute) in files {
            println!("cargo:rerun-if-changed={}", absolute.display());
            writeln!(out, "    ({relative:?}, include_str!({:?})),", absolute.display().to_string()).unwrap();
        }
        writeln!(out, "];").unwrap();
    }
    out
}

fn collect(root: &std::path::Path, dir: &std::path::Path, ext: &str, files: &mut Vec<(String, std::path::PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, ext, files);
        } else if path.extension().is_some_and(|x| x == ext) {
            let relative = path.strip_prefix(root).expect("under root").to_string_lossy().into_owned();
            files.push((relative, path));
        }
    }
}
