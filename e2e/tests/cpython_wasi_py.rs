//! CPython built by its own `Tools/wasm/wasi.py` with an overlay's `sdk/` as `WASI_SDK_PATH`: the README's exact
//! commands give a python.wasm whose `pwd.getpwuid(os.getuid())` is the cpython policy's user, with the login
//! environment's `HOME`.

use wasi_shim::policy::Policy;
use wasi_shim::shims::Shims;

#[test]
fn wasi_py_over_the_sdk_view_builds_a_python_with_the_policys_user() {
    let ran = e2e::wasi_py::build_and_run(&test_support::wasi_shim_binary()).unwrap_or_else(|e| panic!("{e:#}"));
    let stdout = String::from_utf8_lossy(&ran.stdout);
    assert!(ran.status.success(), "python.sh failed:\n{stdout}{}", String::from_utf8_lossy(&ran.stderr));
    let policy = Policy::load("cpython", &Shims::builtin().catalog).unwrap();
    assert_eq!(stdout.trim(), format!("{} {}", policy.identity.user, policy.identity.home));
}
