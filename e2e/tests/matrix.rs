//! The committed compatibility matrix: COMPATIBILITY.md is what `cargo xtask matrix --write` renders from the
//! recorded run (e2e/matrix/results.json) and the explained differences, the record covers every base and
//! runtime, and every difference in exit statuses and signal terminations is said where users look.

use std::collections::BTreeSet;

use e2e::matrix::platforms::Base;
use e2e::matrix::report::CellResult;
use e2e::matrix::runtimes::RuntimeId;
use e2e::matrix::{read_record, render_committed};

#[test]
fn compatibility_md_is_rendered_from_the_recorded_run() {
    let root = test_support::root();
    let rendered = render_committed(&root).unwrap_or_else(|e| panic!("{e:#}"));
    let committed = std::fs::read_to_string(root.join("COMPATIBILITY.md")).expect("COMPATIBILITY.md");
    assert!(rendered == committed, "COMPATIBILITY.md is stale: run `cargo xtask matrix --write`");
}

#[test]
fn the_record_covers_three_bases_and_four_runtimes_on_wasip1_and_both_targets() {
    let record = read_record(&test_support::root()).unwrap();
    let run = |target: &str| -> BTreeSet<(Base, RuntimeId)> {
        record
            .cells
            .iter()
            .filter(|c| c.target == target && !matches!(c.result, CellResult::NotRun { .. }))
            .map(|c| (c.base, c.runtime))
            .collect()
    };
    let bases = [Base::Bookworm, Base::Trixie, Base::UpstreamMain];
    let expected: BTreeSet<_> = bases.iter().flat_map(|b| RuntimeId::ALL.map(|r| (*b, r))).collect();
    assert_eq!(run("wasm32-wasip1"), expected);
    let components: BTreeSet<_> =
        [(Base::Trixie, RuntimeId::WasiShimRun), (Base::UpstreamMain, RuntimeId::WasiShimRun)].into();
    assert_eq!(run("wasm32-wasip2"), components);
    // The embedded runtime is the one the tests prove: every guest passes there.
    let embedded = record
        .cells
        .iter()
        .filter(|c| c.runtime == RuntimeId::WasiShimRun && !matches!(c.result, CellResult::NotRun { .. }));
    assert!(embedded.clone().all(|c| c.result == CellResult::Passed), "{:?}", embedded.collect::<Vec<_>>());
}

/// A differing exit status of an emulation is the function's: its catalog row names the runtime note that says
/// so (`wasi-shim explain` prints it), and the README points porters at the matrix and the setting.
#[test]
fn exit_status_differences_are_in_the_catalog_rows_and_the_readme() {
    let record = read_record(&test_support::root()).unwrap();
    let catalog = wasi_shim::catalog::Catalog::builtin();
    let differing: BTreeSet<&str> = record
        .cells
        .iter()
        .filter(|c| ["Exit statuses and traps", "Signal terminations"].contains(&c.area.as_str()))
        .filter(|c| matches!(&c.result, CellResult::Differs { unmet, .. } if unmet.starts_with("exit status")))
        .map(|c| c.guest.as_str())
        .collect();
    assert!(!differing.is_empty(), "the record shows runtimes differing in exit statuses");
    for guest in differing.iter().filter(|g| g.contains("_emulate")) {
        let function = catalog
            .functions
            .iter()
            .filter(|f| guest.strip_prefix(f.name.as_str()).is_some_and(|rest| rest.starts_with('_')))
            .max_by_key(|f| f.name.len())
            .unwrap_or_else(|| panic!("{guest} is named for a catalog function"));
        let note =
            function.runtimes.as_ref().unwrap_or_else(|| panic!("catalog row {} lacks `runtimes`", function.name));
        assert!(catalog.runtime_notes.contains_key(note), "{note}");
    }
    let readme = std::fs::read_to_string(test_support::root().join("README.md")).unwrap();
    for needle in ["COMPATIBILITY.md", "exit_status_base", "134"] {
        assert!(readme.contains(needle), "README.md does not mention {needle}");
    }
}
