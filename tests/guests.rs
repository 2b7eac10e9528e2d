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
    posix_program,
    posix_program_strict,
}
