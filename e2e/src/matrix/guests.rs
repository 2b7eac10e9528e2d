//! The guests the matrix runs, by area: the conformance guests whose outcome depends on what the runtime does
//! with exit statuses, traps, signal terminations, stdio, preopens, clocks and the environment.

/// (area, guests): the order of COMPATIBILITY.md's sections and rows.
pub const AREAS: &[(&str, &[&str])] = &[
    (
        "Exit statuses and traps",
        &[
            "posix_program",
            "posix_program_strict",
            "getuid_trap",
            "fork_trap",
            "pause_emulate",
            "sigsuspend_emulate_forever",
        ],
    ),
    (
        "Signal terminations",
        &[
            "kill_emulate_sigterm_default",
            "kill_emulate_sigterm_default_base0",
            "raise_emulate_default_terminates",
            "sigaction_emulate_resethand",
            "alarm_emulate_default_terminates",
        ],
    ),
    (
        "Signal handlers",
        &["raise_emulate", "sigaction_emulate", "kill_emulate", "alarm_emulate", "sigsuspend_emulate_alarm"],
    ),
    ("Stdio and terminals", &["ttyname_emulate", "tcgetattr_emulate", "syslog_emulate"]),
    ("Files and preopens", &["tmpfile_emulate", "mkstemp_emulate", "chmod_emulate", "stat_emulate", "umask_emulate"]),
    ("Clocks and resources", &["times_emulate", "getrusage_emulate"]),
    (
        "Identity and the environment",
        &[
            "getuid_value",
            "getuid_value_env",
            "getpid_value_env",
            "getlogin_value",
            "getpwuid_emulate",
            "gethostname_value",
        ],
    ),
];

/// Every guest with its area, in table order.
pub fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
    AREAS.iter().flat_map(|(area, guests)| guests.iter().map(move |g| (*area, *g)))
}
