//! One host test per guest program in tests/guests, written by test-support's build script from the
//! directory itself: compile the guest against an overlay for the policy it names, over each base it
//! names, run it in wasmtime and assert its configured results.

test_support::guest_tests!(test_support::run_guest);
