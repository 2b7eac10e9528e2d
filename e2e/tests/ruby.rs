//! Ruby 3.3 built from Debian's unmodified source over a `policy/ruby.toml` overlay (the build
//! `cargo xtask e2e ruby` compares against stock, cached in the same place), run under
//! `wasi-shim run`: each test checks from Ruby one behaviour the policy promises.

use std::sync::OnceLock;

use e2e::flavoured::Recipe;
use e2e::ruby::{Build, Ruby};
use e2e::Flavour;
use wasi_shim::policy::Policy;
use wasi_shim::shims::Shims;
use wasi_shim::toolchain::BaseRelease;

fn policy() -> Policy {
    Policy::load("ruby", &Shims::builtin().catalog).unwrap()
}

/// The overlay Ruby, built once per test run (or reused when its inputs are unchanged).
fn ruby() -> &'static Build {
    static BUILD: OnceLock<Build> = OnceLock::new();
    BUILD.get_or_init(|| {
        let target = test_support::target_dir();
        let ruby =
            Ruby::prepare(None, BaseRelease::Trixie, &target.join("e2e/ruby"), &test_support::wasi_shim_binary())
                .unwrap();
        ruby.build(Flavour::Overlay, &Shims::builtin(), &policy()).unwrap()
    })
}

/// Run Ruby code in the overlay Ruby; it must exit 0 and print `expected` exactly.
fn check(code: &str, expected: &str) {
    let output = ruby().run_code(code).unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "ruby exited {:?}\nstdout:\n{stdout}\nstderr:\n{stderr}", output.status);
    assert_eq!(stdout.trim_end(), expected, "stderr:\n{stderr}");
}

#[test]
fn process_ids_are_the_policys() {
    let p = policy();
    check(
        "puts [Process.uid, Process.euid, Process.gid, Process.egid].join(' ')",
        &format!("{0} {0} {1} {1}", p.identity.uid, p.identity.gid),
    );
}

#[test]
fn etc_and_dir_home_come_from_the_policy_user_database() {
    let p = policy();
    check(
        "require 'etc'; e = Etc.getpwuid; puts [e.name, e.uid, e.dir, Dir.home, Etc.getgrgid(Process.gid).name].join(' ')",
        &format!("{} {} {} {} {}", p.identity.user, p.identity.uid, p.identity.home, p.identity.home, p.identity.group),
    );
}

#[test]
fn etc_getlogin_is_the_policy_user() {
    check("require 'etc'; puts Etc.getlogin", policy().identity.user.as_str());
}

#[test]
fn signal_trap_runs_the_block_for_a_kill_to_itself() {
    check(
        "hit = []; Signal.trap(:USR1) { hit << :usr1 }; Process.kill(:USR1, Process.pid); sleep 0.01; p hit",
        "[:usr1]",
    );
}

#[test]
fn file_umask_round_trips() {
    check("old = File.umask(027); puts File.umask.to_s(8); File.umask(old); puts File.umask == old", "27\ntrue");
}

#[test]
fn fork_raises_not_implemented_error() {
    // fork fails under the policy, so configure leaves HAVE_WORKING_FORK out and Ruby raises
    // NotImplementedError (process.c:4393) instead of calling it.
    check("begin; fork; rescue NotImplementedError => e; puts e.class; end", "NotImplementedError");
}

#[test]
fn popen_and_backquotes_raise_the_policys_errno() {
    // With a shell command (`|`, `;`) Ruby hands popen(3) the string, which fails with the policy's
    // ENOSYS. A command without metacharacters never gets that far: io.c:7696 reports the failure
    // through rb_execarg_commandline's argv buffer (process.c:4599), which holds NUL separators, so
    // Ruby raises ArgumentError "string contains null byte" on any WASI build; that path is Ruby's.
    check(
        r#"[-> { IO.popen("echo hi | cat").read }, -> { `true; true` }].each { |f| begin; f.call; rescue SystemCallError => e; p e.class; end }"#,
        "Errno::ENOSYS\nErrno::ENOSYS",
    );
}

#[test]
fn system_and_spawn_run_nothing_and_wait_finds_no_child() {
    // Without fork or spawnv Ruby runs commands through libc's system() (process.c:4649), which
    // fails under the policy (ENOSYS), so nothing runs. Ruby then records a dummy pid 1 and checks
    // the wait status before the wait error (process.c:4859), so `system` itself returns true, and
    // spawn returns nil (process.c:5027-5031): both are Ruby's source, not the policy.
    check(
        r#"r = system("touch /ran-by-system"); s = spawn("touch /ran-by-spawn"); p [r, s, File.exist?("/ran-by-system"), File.exist?("/ran-by-spawn")]; begin; Process.wait; rescue SystemCallError => e; p e.class; end"#,
        "[true, nil, false, false]\nErrno::ECHILD",
    );
}
