//! A classic POSIX C program, unmodified: Lua 5.4 from Debian's source package, built with its own
//! `make posix` and the overlay's wrapper as CC, runs its script in wasmtime. It exercises setjmp
//! (pcall), mkstemp (os.tmpname), popen (io.popen), system (os.execute) and flockfile (io.read).

use std::process::Command;

use test_support::fetch_upstream_source;
use test_support::{overlay, run_module_in, scratch, sh};
use wasi_shim::toolchain::BaseRelease;

#[test]
fn lua_make_posix_builds_and_runs_against_the_overlay() {
    let upstream = fetch_upstream_source("lua5.4", "bookworm").expect("Debian's lua5.4 source package");
    let tree = scratch("lua");
    let _ = std::fs::remove_dir_all(&tree);
    sh(Command::new("cp").arg("-r").arg(&upstream).arg(&tree), "copying the Lua tree");
    let out = overlay("default", BaseRelease::Trixie);
    let bin = |tool: &str| out.join("bin").join(tool).display().to_string();
    sh(
        Command::new("make")
            .arg("posix")
            .arg(format!("CC={}", bin("wasm32-wasi-clang")))
            .arg(format!("AR={} rcu", bin("wasm32-wasi-ar")))
            .arg(format!("RANLIB={}", bin("wasm32-wasi-ranlib")))
            .current_dir(tree.join("src")),
        "make posix (make is needed: apt-get install -y make)",
    );

    let work = scratch("lua-work");
    let script = r#"
print(_VERSION)
print("pcall", pcall(function() error("boom", 0) end))
local name = os.tmpname()
local f = assert(io.open(name, "w")); f:write("data"); f:close()
print("tmpname", name:sub(1, 9), io.open(name):read("a"))
print("removed", os.remove(name))
print("popen", io.popen("ls"))
print("execute", os.execute())
for line in io.lines("lines.txt") do io.write("line ", line, "\n") end
"#;
    let module = tree.join("src/lua");
    // Lua's tmpname is mkstemp("/tmp/lua_XXXXXX"): give the guest a /tmp, as a real system has.
    let dir = work.join("run");
    let tmp = scratch("lua-tmp");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("t.lua"), script).unwrap();
    std::fs::write(dir.join("lines.txt"), "one\ntwo\n").unwrap();
    let ran = run_module_in(&module, &[], &["t.lua".to_owned()], &dir, &[(&tmp, "/tmp")]);
    let stdout = String::from_utf8_lossy(&ran.stdout);
    assert_eq!(ran.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&ran.stderr));
    let expected = "Lua 5.4\npcall\tfalse\tboom\ntmpname\t/tmp/lua_\tdata\nremoved\ttrue\npopen\tnil\tls: Function not implemented\t52\nexecute\tfalse\nline one\nline two\n";
    assert_eq!(stdout, expected);
}
