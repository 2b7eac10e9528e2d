//! The Open POSIX Test Suite's signal family over the default overlay (trixie) and natively, held to
//! tests/expected/posix-suite.json (`cargo xtask posix-suite --record`): nothing that passed regresses, nothing
//! ends in a trap or in a signal's default action that Linux did not take too, and the README's table is the
//! recorded one.

use e2e::posix_suite::{self, report, Outcome, Row, Run};
use test_support::root;
use wasi_shim::catalog::Catalog;
use wasi_shim::policy::Policy;
use wasi_shim::toolchain::BaseRelease;

fn recorded() -> report::Expectations {
    let text = std::fs::read_to_string(root().join("tests/expected/posix-suite.json")).unwrap();
    report::Expectations::parse(&text).unwrap()
}

fn signal_family() -> Vec<Row> {
    let policy = Policy::load("default", Catalog::builtin()).unwrap();
    let work = test_support::target_dir().join("posix-suite/default-trixie");
    posix_suite::run(&Run { policy: &policy, base: BaseRelease::Trixie, functions: posix_suite::SIGNALS, work })
        .unwrap()
}

#[test]
fn the_signal_family_keeps_every_recorded_pass_and_ends_only_as_linux_does() {
    let expected = recorded();
    let rows = signal_family();
    assert_eq!(rows.len(), 124, "the signal family has 124 conformance tests");
    let mut problems = Vec::new();
    for row in &rows {
        let was = expected.tests.get(&row.id).map(|r| r.overlay.as_str());
        if was == Some(report::PASS) && !row.overlay.passed() {
            problems.push(format!("{}: passed before, now {}", row.id, row.overlay.describe()));
        }
        if was != Some(report::PASS) && row.overlay.passed() {
            problems.push(format!("{}: passes now: record it with `cargo xtask posix-suite --record`", row.id));
        }
        match (&row.overlay, &row.native) {
            (Outcome::Trapped(what), _) => problems.push(format!("{}: trapped: {what}", row.id)),
            (Outcome::Signalled(a), Outcome::Signalled(b)) if a == b => {}
            (Outcome::Signalled(signo), native) => problems.push(format!(
                "{}: ended by signal {signo}'s default action; natively: {}",
                row.id,
                native.describe()
            )),
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let free: Vec<&Row> = rows.iter().filter(|r| !r.structural).collect();
    let passing = free.iter().filter(|r| r.overlay.passed()).count();
    assert!(passing >= 100, "{passing} of the {} tests that need neither fork nor threads pass", free.len());
}

#[test]
fn the_readme_table_is_the_recorded_one() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let regenerated = report::with_readme_section(&readme, &recorded()).unwrap();
    assert!(readme == regenerated, "README.md's posix-suite table is stale: run `cargo xtask posix-suite --record`");
}
