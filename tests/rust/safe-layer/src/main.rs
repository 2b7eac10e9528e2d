//! Every function of wasi-shim-sys's safe layer and one raw call, one line each (`name: ok(...)` or
//! `name: err(ERRNO)`); with the argument `default-action`, SIGUSR1 under SIG_DFL ends the program instead.

use std::io;
use std::sync::atomic::{AtomicI32, Ordering};

use wasi_shim_sys::safe;

static HANDLED: AtomicI32 = AtomicI32::new(0);

extern "C" fn note(signal: i32) {
    HANDLED.store(signal, Ordering::SeqCst);
}

fn show<T: std::fmt::Debug>(name: &str, result: io::Result<T>) {
    match result {
        Ok(value) => println!("{name}: ok({value:?})"),
        Err(e) => {
            let errno = e.raw_os_error().and_then(wasi_shim_sys::errno_name);
            println!("{name}: err({})", errno.map_or_else(|| e.to_string(), str::to_owned));
        }
    }
}

fn main() {
    let usr1 = wasi_shim_sys::SIGUSR1 as i32;
    if std::env::args().nth(1).as_deref() == Some("default-action") {
        show("restore_default", safe::restore_default(usr1));
        show("kill_self", safe::kill_self(usr1));
        println!("still running");
        return;
    }
    show("current_user", safe::current_user().map(|u| (u.name, u.uid, u.gid, u.home, u.shell)));
    show("home_dir", safe::home_dir());
    show("user_by_name", safe::user_by_name("root").map(|u| u.map(|u| (u.name, u.uid))));
    show("group_by_gid", safe::group_by_gid(0).map(|g| g.map(|g| g.name)));
    show("groups", safe::groups());
    show("umask", safe::umask(0o077));
    show("umask_again", safe::umask(0o022));
    show("get_rlimit", safe::get_rlimit(wasi_shim_sys::RLIMIT_NOFILE as i32).map(|l| l.current.is_some()));
    show("on_signal", safe::on_signal(usr1, note));
    show("kill_self", safe::kill_self(usr1));
    println!("handled: {}", HANDLED.swap(0, Ordering::SeqCst));
    show("raise", safe::raise(usr1));
    println!("handled: {}", HANDLED.load(Ordering::SeqCst));
    // A raw declaration: gethostname, as bindgen generated it.
    let mut name = [0 as std::os::raw::c_char; 256];
    // SAFETY: name has room for 256 bytes, as the length says.
    let status = unsafe { wasi_shim_sys::gethostname(name.as_mut_ptr(), name.len()) };
    let host = (status == 0).then(|| unsafe { std::ffi::CStr::from_ptr(name.as_ptr()) }.to_string_lossy().into_owned());
    show("gethostname", host.ok_or_else(io::Error::last_os_error));
    // The login environment: the runtime passes none, so HOME is the policy's where it fills them in.
    println!("env_home: {:?}", std::env::var("HOME").ok());
}
