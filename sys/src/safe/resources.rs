//! Resource limits (`getrlimit`, `setrlimit`).

use std::io;
use std::os::raw::c_int;

/// One resource's soft and hard limits; `None` is `RLIM_INFINITY`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub current: Option<u64>,
    pub maximum: Option<u64>,
}

fn from_raw(value: crate::rlim_t) -> Option<u64> {
    (value != crate::rlim_t::MAX).then_some(value)
}

fn to_raw(value: Option<u64>) -> crate::rlim_t {
    value.unwrap_or(crate::rlim_t::MAX)
}

/// The limits of `resource` (`RLIMIT_NOFILE`, `RLIMIT_STACK`, … from the crate root).
///
/// ```
/// let files = wasi_shim_sys::safe::get_rlimit(wasi_shim_sys::RLIMIT_NOFILE as i32)?;
/// assert!(files.current.is_some_and(|n| n > 0));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn get_rlimit(resource: c_int) -> io::Result<Limit> {
    let mut raw = crate::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: raw is a valid rlimit for the call to fill.
    super::check(unsafe { crate::getrlimit(resource, &mut raw) })?;
    Ok(Limit { current: from_raw(raw.rlim_cur), maximum: from_raw(raw.rlim_max) })
}

/// Sets the limits of `resource`; lowering is allowed, raising a hard limit is not (EPERM) unless the policy's
/// user is root.
pub fn set_rlimit(resource: c_int, limit: Limit) -> io::Result<()> {
    let raw = crate::rlimit { rlim_cur: to_raw(limit.current), rlim_max: to_raw(limit.maximum) };
    // SAFETY: raw is a valid rlimit for the call to read.
    super::check(unsafe { crate::setrlimit(resource, &raw) })
}
