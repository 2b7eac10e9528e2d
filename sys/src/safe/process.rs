//! The file mode creation mask.

use std::io;

/// Sets the umask to `mask` (masked with 0o777) and returns the previous one.
///
/// ```
/// let before = wasi_shim_sys::safe::umask(0o077)?;
/// assert_eq!(before, 0o022, "the default policy starts at Debian's usual 022");
/// assert_eq!(wasi_shim_sys::safe::umask(before)?, 0o077);
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn umask(mask: u32) -> io::Result<u32> {
    super::clear_errno();
    // SAFETY: umask takes and returns a plain integer.
    let previous = unsafe { crate::umask(mask as crate::mode_t) };
    if previous == crate::mode_t::MAX {
        super::errno_error()?;
    }
    Ok(previous as u32)
}
