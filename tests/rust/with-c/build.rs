//! The program's own C, compiled with the cc crate: CC_wasm32_wasip1 (from `wasi-shim env`) makes it an overlay's.

fn main() {
    println!("cargo:rerun-if-changed=c/posix.c");
    cc::Build::new().file("c/posix.c").warnings_into_errors(true).compile("posix");
}
