//! getpwuid(getuid()) through the raw declarations: the user's name, uid and home, or the errno's name.

fn main() {
    // SAFETY: getuid takes nothing; getpwuid returns NULL or an entry valid until the next lookup.
    let entry = unsafe { wasi_shim_sys::getpwuid(wasi_shim_sys::getuid()) };
    if entry.is_null() {
        let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        println!("getpwuid: NULL errno={}", wasi_shim_sys::errno_name(errno).unwrap_or("?"));
        std::process::exit(1);
    }
    // SAFETY: a non-null entry has NUL-terminated strings.
    let (name, uid, home) = unsafe {
        let e = &*entry;
        (std::ffi::CStr::from_ptr(e.pw_name), e.pw_uid, std::ffi::CStr::from_ptr(e.pw_dir))
    };
    println!("{} {uid} {}", name.to_string_lossy(), home.to_string_lossy());
}
