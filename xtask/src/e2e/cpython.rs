//! `cargo xtask e2e cpython [--src DIR] [--full]`: CPython stock and over the overlay, modules, configure
//! answers, regrtest, sizes and startup side by side.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Result};
use e2e::cpython::{Build, Cpython, REGRTEST_FILES};
use e2e::flavoured::Recipe;
use e2e::{comparison_table, custom_section_bytes, regressions, symbol_sizes, time_commands, Flavour};
use wasi_shim::policy::Policy;
use wasi_shim::shims::Shims;

use super::{print_builds, print_difference, print_startup};

pub fn cpython(src: Option<&Path>, full: bool, runner: Option<&Path>) -> Result<()> {
    let runner = runner.map_or_else(test_support::wasi_shim_binary, Path::to_path_buf);
    let shims = Shims::builtin();
    let policy = Policy::load("cpython", &shims.catalog)?;
    let work = test_support::target_dir().join("e2e/cpython");
    let cpython = Cpython::prepare(src, &work, &runner)?;
    let stock = cpython.build(Flavour::Stock, &shims, &policy)?;
    let overlay = cpython.build(Flavour::Overlay, &shims, &policy)?;

    println!("\nCPython {} from {}", cpython.version, cpython.source.display());
    print_builds(&[
        (stock.flavour, &stock.python_wasm, stock.build_time),
        (overlay.flavour, &overlay.python_wasm, overlay.build_time),
    ]);
    print_difference(
        "modules built",
        &stock.builtin_modules()?,
        &overlay.builtin_modules()?,
        "only in overlay:",
        "only in stock:  ",
    );
    print_difference(
        "configure answered no (functions)",
        &stock.configure_no()?,
        &overlay.configure_no()?,
        "no only on overlay: ",
        "yes only on overlay:",
    );

    let regressed = print_regrtest(&stock, &overlay, full)?;
    print_benchmark(&cpython, &stock, &overlay)?;
    println!("\nrun: {}", overlay.launcher.display());
    if !regressed.is_empty() {
        bail!("{} tests pass on stock but fail on overlay: {}", regressed.len(), regressed.join(", "));
    }
    Ok(())
}

/// Run the regrtest files (the baseline's, or all with `full`) on both builds and print them side by side;
/// returns the tests that pass on stock but fail on the overlay.
fn print_regrtest(stock: &Build, overlay: &Build, full: bool) -> Result<Vec<String>> {
    let files: Vec<String> = if full { Vec::new() } else { REGRTEST_FILES.iter().map(|f| f.to_string()).collect() };
    let started = std::time::Instant::now();
    let stock_tests = stock.regrtest(&files)?;
    let stock_time = started.elapsed();
    let overlay_tests = overlay.regrtest(&files)?;
    let overlay_time = started.elapsed() - stock_time;
    let mut listed: Vec<String> = stock_tests.files.keys().chain(overlay_tests.files.keys()).cloned().collect();
    listed.sort();
    listed.dedup();
    println!("\nregrtest ({} files)", listed.len());
    print!("{}", comparison_table(&listed, &stock_tests.files, &overlay_tests.files));
    println!("  stock:   {} ({:.0} s)", stock_tests.summary.join(" | "), stock_time.as_secs_f64());
    println!("  overlay: {} ({:.0} s)", overlay_tests.summary.join(" | "), overlay_time.as_secs_f64());
    for (name, side) in [("stock", &stock_tests.files), ("overlay", &overlay_tests.files)] {
        let failed: BTreeMap<&String, &String> = side.values().flat_map(|r| r.failed.iter()).collect();
        println!("  failing on {name} ({}):", failed.len());
        for (test, message) in failed {
            println!("    {test}: {message}");
        }
    }
    Ok(regressions(&stock_tests.files, &overlay_tests.files))
}

/// Sizes (whole, stripped, wasi-shim's own share) and `-c pass` startup, measured in the same run.
fn print_benchmark(cpython: &Cpython, stock: &Build, overlay: &Build) -> Result<()> {
    let stock_size = std::fs::metadata(&stock.python_wasm)?.len();
    let overlay_size = std::fs::metadata(&overlay.python_wasm)?.len();
    let stock_stripped = stock_size - custom_section_bytes(&stock.python_wasm)?;
    let overlay_stripped = overlay_size - custom_section_bytes(&overlay.python_wasm)?;
    // What wasi-shim itself adds: the functions of libwasi-shim.a that python.wasm links.
    let ours = symbol_sizes(&cpython.toolchain.nm, &cpython.overlay_dir().join("lib/wasm32-wasi/libwasi-shim.a"))?;
    let linked = symbol_sizes(&cpython.toolchain.nm, &overlay.python_wasm)?;
    let shim_bytes: u64 = linked.iter().filter(|(name, _)| ours.contains_key(*name)).map(|(_, size)| size).sum();
    // The first run of each compiles and caches the module; the timed runs load it.
    let times = time_commands(&mut [stock.command(["-c", "pass"]), overlay.command(["-c", "pass"])], 21)?;
    println!("\nbenchmark (same run)");
    println!(
        "  python.wasm size: stock {stock_size} bytes, overlay {overlay_size} bytes, ratio overlay/stock {:.4}",
        overlay_size as f64 / stock_size as f64
    );
    println!(
        "  without custom sections (debug info, names): stock {stock_stripped}, overlay {overlay_stripped}, ratio {:.4}",
        overlay_stripped as f64 / stock_stripped as f64
    );
    println!(
        "  of which wasi-shim's own functions: {shim_bytes} bytes ({:.2}% of the stripped overlay); the rest is CPython code the policy turns on",
        shim_bytes as f64 * 100.0 / overlay_stripped as f64
    );
    print_startup("`-c pass`", &times);
    Ok(())
}
