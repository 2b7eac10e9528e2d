//! CPython 3.13 built from Debian's unmodified source over a `policy/cpython.toml` overlay (the
//! build `cargo xtask e2e cpython` compares against stock, cached in the same place), and run under
//! `wasi-shim run`: each test checks one behaviour the policy promises, from Python.

use std::sync::OnceLock;

use e2e::cpython::{Build, Cpython};
use e2e::flavoured::Recipe;
use e2e::Flavour;
use wasi_shim::policy::Policy;
use wasi_shim::shims::Shims;

fn policy() -> Policy {
    Policy::load("cpython", &Shims::builtin().catalog).unwrap()
}

/// The overlay CPython, built once per test run (or reused when its inputs are unchanged).
fn python() -> &'static Build {
    static BUILD: OnceLock<Build> = OnceLock::new();
    BUILD.get_or_init(|| {
        let target = test_support::target_dir();
        let cpython = Cpython::prepare(None, &target.join("e2e/cpython"), &test_support::wasi_shim_binary()).unwrap();
        cpython.build(Flavour::Overlay, &Shims::builtin(), &policy()).unwrap()
    })
}

/// Run Python code in the overlay CPython; it must exit 0 and print `expected` exactly.
fn check(code: &str, expected: &str) {
    let output = python().run_code(code).unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(0),
        "python exited {:?}\nstdout:\n{stdout}\nstderr:\n{stderr}",
        output.status
    );
    assert_eq!(stdout.trim_end(), expected, "stderr:\n{stderr}");
}

#[test]
fn pwd_reports_the_policy_user_and_expanduser_its_home() {
    let p = policy();
    check(
        "import os, pwd; e = pwd.getpwuid(os.getuid()); print(os.getuid(), e.pw_name, e.pw_dir, os.path.expanduser('~'), pwd.getpwnam(e.pw_name).pw_uid)",
        &format!("{0} {1} {2} {2} {0}", p.identity.uid, p.identity.user, p.identity.home),
    );
}

#[test]
fn getpass_getuser_is_the_policy_user() {
    check("import getpass; print(getpass.getuser())", policy().identity.user.as_str());
}

#[test]
fn grp_reports_the_policy_group() {
    let p = policy();
    check(
        "import grp, os; g = grp.getgrgid(os.getgid()); print(os.getgid(), g.gr_name)",
        &format!("{} {}", p.identity.gid, p.identity.group),
    );
}

#[test]
fn kill_and_raise_signal_run_the_python_handler() {
    check(
        "import os, signal\nseen = []\nsignal.signal(signal.SIGUSR1, lambda s, f: seen.append(s))\nsignal.signal(signal.SIGUSR2, lambda s, f: seen.append(s))\n\
         os.kill(os.getpid(), signal.SIGUSR1)\nsignal.raise_signal(signal.SIGUSR2)\nprint(seen == [signal.SIGUSR1, signal.SIGUSR2])",
        "True",
    );
}

#[test]
fn pthread_sigmask_blocks_and_releases() {
    check(
        "import os, signal\nseen = []\nsignal.signal(signal.SIGUSR1, lambda s, f: seen.append(s))\n\
         old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})\nos.kill(os.getpid(), signal.SIGUSR1)\n\
         held = (seen == [], signal.SIGUSR1 in signal.sigpending())\nsignal.pthread_sigmask(signal.SIG_SETMASK, old)\n\
         print(held, seen == [signal.SIGUSR1], signal.sigpending() == set())",
        "(True, True) True True",
    );
}

#[test]
fn resource_getrlimit_returns_the_policy_limits() {
    let p = policy();
    let (soft, hard) = (&p.settings["limits.nofile_soft"], &p.settings["limits.nofile_hard"]);
    check(
        "import resource; print(*resource.getrlimit(resource.RLIMIT_NOFILE)); resource.setrlimit(resource.RLIMIT_NOFILE, (256, resource.getrlimit(resource.RLIMIT_NOFILE)[1])); print(resource.getrlimit(resource.RLIMIT_NOFILE)[0], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0)",
        &format!("{soft} {hard}\n256 True"),
    );
}

#[test]
fn umask_round_trips() {
    check("import os; first = os.umask(0o027); print(oct(os.umask(first)), os.umask(first) == first)", "0o27 True");
}

#[test]
fn fork_and_subprocess_fail_with_a_clean_oserror() {
    // os.fork calls fork(), which the policy answers with ENOSYS. subprocess never gets that far:
    // Lib/subprocess.py refuses every process on WASI before calling into C (see the README).
    check(
        "import errno, os, subprocess\ntry:\n    os.fork()\nexcept OSError as e:\n    print('fork', errno.errorcode[e.errno])\n\
         try:\n    subprocess.run(['true'])\nexcept OSError as e:\n    print('subprocess', errno.errorcode[e.errno])",
        "fork ENOSYS\nsubprocess ENOTSUP",
    );
}

#[test]
fn chmod_and_chown_do_what_the_policy_says() {
    // chmod emulates (checks the path, succeeds); chown to one's own ids succeeds, to root is EPERM.
    let p = policy();
    check(
        "import os, shutil, stat\nopen('/overlay/chown-probe', 'w').close()\nos.chmod('/overlay/chown-probe', 0o600)\n\
         shutil.chown('/overlay/chown-probe', user=os.getuid(), group=os.getgid())\nst = os.stat('/overlay/chown-probe')\nprint(st.st_uid, st.st_gid)\n\
         try:\n    os.chown('/overlay/chown-probe', 0, 0)\nexcept PermissionError as e:\n    print('EPERM')\n\
         try:\n    os.chmod('/overlay/no-such-file', 0o600)\nexcept FileNotFoundError:\n    print('ENOENT')",
        &format!("{} {}\nEPERM\nENOENT", p.identity.uid, p.identity.gid),
    );
}

/// `init --from` this build's own config.log (configured over the overlay): the starter policy states the cpython
/// preset's choice for exactly the catalog functions configure found missing, and builds an overlay that behaves
/// as the preset's.
#[test]
fn a_starter_policy_from_this_builds_config_log_is_the_cpython_preset() {
    let dir = test_support::scratch("cpython-starter");
    std::fs::copy(python().dir.join("config.log"), dir.join("config.log")).unwrap();
    let starter = test_support::starter::starter_round_trip(&dir.join("config.log"), "cpython", 20);
    for errs in ["dup", "execv", "forkpty"] {
        assert!(starter.stated.contains(errs), "{errs} is missing from the starter: {:?}", starter.stated);
    }
}
