//! Rust and C in one program over one copy of the shims: each side's lookup, handler and kill seen by the other.

use std::os::raw::{c_char, c_int, c_long};
use std::sync::atomic::{AtomicI32, Ordering};

use wasi_shim_sys::safe;

extern "C" {
    fn c_uid_of(name: *const c_char) -> c_long;
    fn c_install() -> c_int;
    fn c_kill_self(signal: c_int) -> c_int;
    fn c_seen_signal() -> c_int;
}

static RUST_SEEN: AtomicI32 = AtomicI32::new(0);

extern "C" fn rust_handler(signal: i32) {
    RUST_SEEN.store(signal, Ordering::SeqCst);
}

fn main() {
    let user = safe::current_user().expect("the policy has a current user");
    let name = std::ffi::CString::new(user.name.clone()).unwrap();
    // SAFETY: name is NUL-terminated.
    println!("c getpwnam({}): {}", user.name, unsafe { c_uid_of(name.as_ptr()) });
    println!("rust getuid: {}", user.uid);
    // SAFETY: the C functions take and return plain integers.
    println!("c sigaction: {}", unsafe { c_install() });
    safe::kill_self(wasi_shim_sys::SIGUSR2 as i32).expect("kill to self");
    println!("c handler after rust kill: {}", unsafe { c_seen_signal() });
    safe::on_signal(wasi_shim_sys::SIGUSR1 as i32, rust_handler).expect("sigaction");
    println!("c kill: {}", unsafe { c_kill_self(wasi_shim_sys::SIGUSR1 as c_int) });
    println!("rust handler after c kill: {}", RUST_SEEN.load(Ordering::SeqCst));
}
