//! Signal handlers, and signals sent to oneself.

use std::io;
use std::os::raw::c_int;

/// Installs `handler` for `signal` with `sigaction` (no flags, nothing blocked); it runs when the signal is
/// raised or sent to this process.
///
/// ```
/// use std::sync::atomic::{AtomicI32, Ordering};
/// static SEEN: AtomicI32 = AtomicI32::new(0);
/// extern "C" fn note(signal: i32) {
///     SEEN.store(signal, Ordering::SeqCst);
/// }
/// let usr1 = wasi_shim_sys::SIGUSR1 as i32;
/// wasi_shim_sys::safe::on_signal(usr1, note)?;
/// wasi_shim_sys::safe::kill_self(usr1)?;
/// assert_eq!(SEEN.load(Ordering::SeqCst), usr1);
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn on_signal(signal: c_int, handler: extern "C" fn(c_int)) -> io::Result<()> {
    set_action(signal, Some(handler))
}

/// Restores `SIG_DFL`: the signal's default action (for most, ending the program with 128 + the signal number).
pub fn restore_default(signal: c_int) -> io::Result<()> {
    set_action(signal, None)
}

/// Ignores `signal` (`SIG_IGN`).
pub fn ignore_signal(signal: c_int) -> io::Result<()> {
    set_action(signal, Some(crate::__SIG_IGN))
}

/// `handler` as `sa_handler`: `None` is C's SIG_DFL (a null pointer), `__SIG_IGN` is its SIG_IGN.
fn set_action(signal: c_int, handler: Option<unsafe extern "C" fn(c_int)>) -> io::Result<()> {
    // SAFETY: sigaction is plain data; zeroed is no flags and an empty mask.
    let mut action: crate::sigaction = unsafe { std::mem::zeroed() };
    action.__sa_handler.sa_handler = handler;
    // SAFETY: action is initialised; the old action is not asked for.
    super::check(unsafe { crate::sigaction(signal, &action, std::ptr::null_mut()) })
}

/// Raises `signal` in this program: its handler runs before this returns.
pub fn raise(signal: c_int) -> io::Result<()> {
    // SAFETY: raise takes a plain integer.
    super::check(unsafe { crate::raise(signal) })
}

/// Sends `signal` to this process with `kill(getpid(), signal)`.
pub fn kill_self(signal: c_int) -> io::Result<()> {
    // SAFETY: getpid takes nothing and returns a plain integer.
    let pid = unsafe { crate::getpid() };
    if pid == -1 {
        // Under a policy where getpid fails, kill(-1, …) would mean every process.
        return Err(io::Error::last_os_error());
    }
    // SAFETY: kill takes and returns plain integers.
    super::check(unsafe { crate::kill(pid, signal) })
}
