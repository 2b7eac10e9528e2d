//! The user and group databases, through the reentrant lookups (`getpwuid_r`, `getgrgid_r`, …).

use std::ffi::{CStr, CString};
use std::io;
use std::os::raw::{c_char, c_int};
use std::path::PathBuf;

/// One user database entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
    pub gecos: String,
    pub home: PathBuf,
    pub shell: PathBuf,
}

/// One group database entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub gid: u32,
    pub members: Vec<String>,
}

/// The user `getuid()` names.
///
/// ```
/// let me = wasi_shim_sys::safe::current_user()?;
/// assert_eq!((me.name.as_str(), me.uid), ("wasi", 1000));
/// assert_eq!(wasi_shim_sys::safe::home_dir()?, std::path::Path::new("/home/wasi"));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn current_user() -> io::Result<User> {
    super::clear_errno();
    // SAFETY: getuid takes nothing and returns a plain integer.
    let uid = unsafe { crate::getuid() };
    if uid == crate::uid_t::MAX {
        super::errno_error()?;
    }
    user_by_uid(uid)?.ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("no user has uid {uid}")))
}

/// The current user's home directory, from the user database (not `$HOME`).
pub fn home_dir() -> io::Result<PathBuf> {
    current_user().map(|user| user.home)
}

/// The user with this uid, `None` when the database has none.
pub fn user_by_uid(uid: u32) -> io::Result<Option<User>> {
    // SAFETY: lookup passes a valid entry, buffer and result pointer.
    lookup(|entry, buf, len, result| unsafe { crate::getpwuid_r(uid, entry, buf, len, result) }, user)
}

/// The user with this name, `None` when the database has none.
pub fn user_by_name(name: &str) -> io::Result<Option<User>> {
    let name = CString::new(name).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    // SAFETY: as in user_by_uid; name is NUL-terminated.
    lookup(|entry, buf, len, result| unsafe { crate::getpwnam_r(name.as_ptr(), entry, buf, len, result) }, user)
}

/// The group with this gid, `None` when the database has none.
pub fn group_by_gid(gid: u32) -> io::Result<Option<Group>> {
    // SAFETY: lookup passes a valid entry, buffer and result pointer.
    lookup(|entry, buf, len, result| unsafe { crate::getgrgid_r(gid, entry, buf, len, result) }, group)
}

/// The supplementary group ids of the process (`getgroups`).
pub fn groups() -> io::Result<Vec<u32>> {
    // SAFETY: a size of 0 asks for the count and writes nothing.
    let count = unsafe { crate::getgroups(0, std::ptr::null_mut()) };
    if count < 0 {
        return Err(io::Error::last_os_error());
    }
    let mut list = vec![0; count as usize];
    // SAFETY: list has room for count ids.
    let filled = unsafe { crate::getgroups(count, list.as_mut_ptr()) };
    if filled < 0 {
        return Err(io::Error::last_os_error());
    }
    list.truncate(filled as usize);
    Ok(list)
}

/// One `_r` lookup: the buffer doubled on ERANGE; the error number returned, not errno, is the error.
fn lookup<E, T>(
    fill: impl Fn(*mut E, *mut c_char, usize, *mut *mut E) -> c_int,
    convert: fn(&E) -> T,
) -> io::Result<Option<T>> {
    let mut buf = vec![0 as c_char; 1024];
    loop {
        // SAFETY: the entry is plain C data, written by the call before it is read.
        let mut entry: E = unsafe { std::mem::zeroed() };
        let mut result: *mut E = std::ptr::null_mut();
        match fill(&mut entry, buf.as_mut_ptr(), buf.len(), &mut result) {
            0 if result.is_null() => return Ok(None),
            0 => return Ok(Some(convert(&entry))),
            code if code == crate::ERANGE as c_int && buf.len() < 1 << 20 => buf.resize(buf.len() * 2, 0),
            code => return Err(io::Error::from_raw_os_error(code)),
        }
    }
}

/// A C string the database filled in, as text (empty for a null pointer).
fn text(pointer: *const c_char) -> String {
    if pointer.is_null() {
        return String::new();
    }
    // SAFETY: the lookup's strings are NUL-terminated inside its buffer, which outlives this call.
    unsafe { CStr::from_ptr(pointer) }.to_string_lossy().into_owned()
}

fn user(entry: &crate::passwd) -> User {
    User {
        name: text(entry.pw_name),
        uid: entry.pw_uid,
        gid: entry.pw_gid,
        gecos: text(entry.pw_gecos),
        home: text(entry.pw_dir).into(),
        shell: text(entry.pw_shell).into(),
    }
}

fn group(entry: &crate::group) -> Group {
    let mut members = Vec::new();
    let mut cursor = entry.gr_mem;
    // SAFETY: gr_mem is a null-terminated array of C strings inside the lookup's buffer.
    while !cursor.is_null() && !unsafe { *cursor }.is_null() {
        members.push(text(unsafe { *cursor }));
        cursor = unsafe { cursor.add(1) };
    }
    Group { name: text(entry.gr_name), gid: entry.gr_gid, members }
}
