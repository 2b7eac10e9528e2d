//! One host test per guest program in tests/guests: compile it against a fresh overlay for the policy
//! it names, over both Debian wasi-libc trees, run it in wasmtime and assert its configured results.

mod support;

include!(concat!(env!("OUT_DIR"), "/guests.rs"));

/// A guest file without a test function below fails to compile here.
macro_rules! assert_test_exists {
    ($name:ident) => {
        #[allow(unused_imports)]
        use self::$name as _;
    };
}
foreach_guest!(assert_test_exists);

macro_rules! guests {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                support::run_guest(stringify!($name));
            }
        )*
    };
}

guests! {
    endgrent_emulate,
    endgrent_error,
    endpwent_emulate,
    endpwent_error,
    fstat_emulate,
    fstatat_emulate,
    getegid_error,
    getegid_value,
    geteuid_error,
    geteuid_value,
    getgid_error,
    getgid_value,
    getgrent_emulate,
    getgrent_error,
    getgrgid_emulate,
    getgrgid_error,
    getgrgid_r_emulate,
    getgrgid_r_error,
    getgrnam_emulate,
    getgrnam_error,
    getgrnam_r_emulate,
    getgrnam_r_error,
    getgrouplist_emulate,
    getgrouplist_error,
    getgroups_emulate,
    getgroups_emulate_custom,
    getgroups_error,
    getlogin_error,
    getlogin_r_error,
    getlogin_r_value,
    getlogin_value,
    getpid_error,
    getpid_value,
    getpid_value_env,
    getppid_error,
    getppid_value,
    getpwent_emulate,
    getpwent_error,
    getpwnam_emulate,
    getpwnam_error,
    getpwnam_r_emulate,
    getpwnam_r_error,
    getpwuid_emulate,
    getpwuid_error,
    getpwuid_r_emulate,
    getpwuid_r_error,
    getresgid_emulate,
    getresgid_error,
    getresuid_emulate,
    getresuid_error,
    getuid_error,
    getuid_log,
    getuid_trap,
    getuid_value,
    getuid_value_env,
    initgroups_emulate,
    initgroups_emulate_root,
    initgroups_error,
    lstat_emulate,
    posix_program,
    posix_program_strict,
    setegid_emulate,
    setegid_error,
    setegid_succeed,
    seteuid_emulate,
    seteuid_error,
    seteuid_succeed,
    setgid_emulate,
    setgid_emulate_root,
    setgid_error,
    setgid_succeed,
    setgrent_emulate,
    setgrent_error,
    setgroups_emulate,
    setgroups_emulate_root,
    setgroups_error,
    setpwent_emulate,
    setpwent_error,
    setregid_emulate,
    setregid_error,
    setresgid_emulate,
    setresgid_error,
    setresuid_emulate,
    setresuid_emulate_root,
    setresuid_error,
    setreuid_emulate,
    setreuid_error,
    setuid_emulate,
    setuid_emulate_root,
    setuid_error,
    setuid_succeed,
    stat_emulate,
    stat_emulate_own_getuid,
    stat_root_owner,
}
