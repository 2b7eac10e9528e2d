//! The README's example works as written: its C program, compiled with the wrapper alone, prints what the README says.

use test_support::{compile, overlay, readme_between, root, run_module, scratch};
use wasi_shim::toolchain::BaseRelease;

#[test]
fn readme_example_compiles_and_prints_the_documented_output() {
    let program = readme_between("cat > hello.c <<'C'\n", "\nC\n");
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let expected = readme
        .lines()
        .find_map(|l| l.split_once("# prints: ").map(|(_, out)| out.trim().to_owned()))
        .expect("README documents the output");
    let dir = scratch("readme");
    std::fs::write(dir.join("hello.c"), program).unwrap();
    let out = overlay("default", BaseRelease::Trixie);
    let built = compile(&out, &dir.join("hello.c"), &dir.join("hello.wasm"), &[]);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let ran = run_module(&dir.join("hello.wasm"), &[], &[], &dir.join("work"));
    assert_eq!(ran.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&ran.stdout).trim(), expected);
}
