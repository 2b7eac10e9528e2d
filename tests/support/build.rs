//! Writes `guest_tests!`: one `#[test]` per guest program in `tests/guests`, so adding a guest file adds its test.

use std::fmt::Write as _;
use std::path::PathBuf;

#[allow(dead_code)]
#[path = "../../src/files.rs"]
mod files;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let guests = manifest.join("../guests");
    println!("cargo:rerun-if-changed={}", guests.display());
    let mut out = String::from(
        "/// One `#[test]` per guest program in tests/guests, each calling `$run(\"<name>\")`.\n\
         #[macro_export]\nmacro_rules! guest_tests {\n    ($run:path) => {\n",
    );
    for path in files::with_extension(&guests, "c").expect("tests/guests is readable") {
        let name = path.file_stem().expect("a file name").to_string_lossy();
        // Guests are named after their function, `_Fork` included.
        writeln!(out, "        #[test]\n        #[allow(non_snake_case)]\n        fn {name}() {{ $run(\"{name}\") }}")
            .unwrap();
    }
    out.push_str("    };\n}\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out_dir.join("guest_tests.rs"), out).expect("cannot write guest_tests.rs");
}
