//! The demo page in headless Chromium: `cargo xtask demo`'s site, loaded by Playwright, runs demo.c under every
//! preset beside the stock build; the outputs are read from the DOM, and a screenshot is saved under target/.

use std::collections::BTreeMap;

use serde::Deserialize;
use wasi_shim::base::BaseSymbols;
use wasi_shim::toolchain::BaseRelease;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    presets: BTreeMap<String, Outputs>,
    matrix_rows: usize,
}

#[derive(Deserialize)]
struct Outputs {
    overlay: String,
    stock: String,
}

#[test]
fn the_demo_page_runs_the_program_under_every_preset_beside_the_stock_build() {
    let root = test_support::root();
    let (site, browser) = e2e::demo::build_site(&root).unwrap_or_else(|e| panic!("{e:#}"));
    let screenshot = test_support::target_dir().join("demo-screenshot.png");
    let _ = std::fs::remove_file(&screenshot);
    let out = browser.script("demo_check.mjs").arg(&site).arg(&screenshot).output().expect("node runs");
    assert!(out.status.success(), "demo_check.mjs failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let report: Report = serde_json::from_slice(&out.stdout).expect("demo_check.mjs prints its report");

    let names: Vec<&str> = wasi_shim::embedded::PRESETS.iter().map(|(n, _)| *n).collect();
    assert_eq!(report.presets.keys().map(String::as_str).collect::<Vec<_>>(), {
        let mut sorted = names.clone();
        sorted.sort();
        sorted
    });
    // The summary: a header and one row per base and target the record ran.
    assert_eq!(report.matrix_rows, 1 + 5);

    let default = &report.presets["default"].overlay;
    for line in [
        "getuid() = 1000",
        "getpwuid(getuid()): wasi, home /home/wasi",
        "getpid() = 42",
        "gethostname(): localhost",
        "SIGUSR1 handler ran: yes",
        "[exit status 0]",
    ] {
        assert!(default.lines().any(|l| l == line), "default: no line `{line}` in:\n{default}");
    }
    let strict = &report.presets["strict"].overlay;
    assert!(strict.contains("getuid() = -1 (Function not implemented)"), "strict:\n{strict}");
    assert!(strict.contains("SIGUSR1 handler ran: no"), "strict:\n{strict}");

    // The stock build is the same under every preset, and says "not in this libc" only for functions no archive
    // of Debian trixie's sysroot defines.
    let stock = &report.presets["default"].stock;
    assert!(report.presets.values().all(|o| &o.stock == stock));
    let base = BaseSymbols::scan(&test_support::toolchain(BaseRelease::Trixie)).unwrap();
    let missing: Vec<&str> = stock.lines().filter_map(|l| l.strip_suffix("(): not in this libc")).collect();
    assert!(missing.contains(&"getuid"), "stock:\n{stock}");
    for function in missing {
        let found = base.definitions.get(function);
        assert!(found.is_none(), "the stock output says {function} is missing, but the base defines it: {found:?}");
    }
    assert!(stock.contains("getpid() = 42"), "stock (wasi-libc's getpid emulation):\n{stock}");

    let png = std::fs::read(&screenshot).expect("the screenshot was saved");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "{} is not a full-page PNG", screenshot.display());
}
