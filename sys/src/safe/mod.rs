//! Safe wrappers for what Rust programs most often need from the shims: the current user and its home,
//! groups, signal handlers and signals to oneself, the umask, resource limits. Each returns
//! `std::io::Result`; an error's `raw_os_error()` is the errno the policy chose (`ENOSYS` under `strict`, say).

mod process;
mod resources;
mod signals;
mod users;

pub use process::umask;
pub use resources::{get_rlimit, set_rlimit, Limit};
pub use signals::{ignore_signal, kill_self, on_signal, raise, restore_default};
pub use users::{current_user, group_by_gid, groups, home_dir, user_by_name, user_by_uid, Group, User};

use std::io;
use std::os::raw::c_int;

extern "C" {
    /// wasi-libc's errno, which the shims set.
    fn __errno_location() -> *mut c_int;
}

/// Clears errno, so a failure value that is also a valid result (`umask`'s, `getuid`'s) can be told apart.
fn clear_errno() {
    // SAFETY: wasi-libc's __errno_location returns its own errno's address, valid for the program's life.
    unsafe { *__errno_location() = 0 };
}

/// The error errno names, or `Ok` when the call left it at 0 (its result was a value after all).
fn errno_error() -> io::Result<()> {
    // SAFETY: as in clear_errno.
    match unsafe { *__errno_location() } {
        0 => Ok(()),
        errno => Err(io::Error::from_raw_os_error(errno)),
    }
}

/// `Ok` for a call that returned 0, the errno it set otherwise (`-1`-returning functions).
fn check(result: c_int) -> io::Result<()> {
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}
