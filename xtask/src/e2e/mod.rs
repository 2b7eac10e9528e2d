//! `cargo xtask e2e …`: an interpreter built stock and over the overlay from one tree, both run under
//! `wasi-shim run` and compared side by side (`cpython`, `ruby`), and the upstream series checked against the
//! overlay (`wasi-libc`). The logic lives in the `e2e` crate; these files drive it and print.

mod cpython;
mod guests;
mod ruby;
mod wasi_libc;
mod wasip2;

pub use cpython::cpython;
pub use ruby::ruby;
pub use wasi_libc::wasi_libc;

use std::collections::BTreeSet;
use std::path::Path;

use e2e::Flavour;

/// One line per build: where it is and whether this run built it.
pub(crate) fn print_builds(builds: &[(Flavour, &Path, Option<std::time::Duration>)]) {
    for (flavour, path, built) in builds {
        let time = built.map_or("cached".to_owned(), |t| format!("built in {:.0} s", t.as_secs_f64()));
        println!("  {:8} {} ({time})", flavour.name(), path.display());
    }
}

/// Startup times of stock (`times[0]`) and overlay (`times[1]`) over 21 interleaved runs: the
/// median, and the fastest run, which machine load can only slow.
pub(crate) fn print_startup(what: &str, times: &[e2e::Timing]) {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!(
        "  {what} startup over 21 interleaved runs: median stock {:.1} ms, overlay {:.1} ms, ratio {:.3}; fastest stock {:.1} ms, overlay {:.1} ms, ratio {:.3}",
        ms(times[0].median),
        ms(times[1].median),
        ms(times[1].median) / ms(times[0].median),
        ms(times[0].fastest),
        ms(times[1].fastest),
        ms(times[1].fastest) / ms(times[0].fastest)
    );
}

/// How two sets differ between stock and overlay, under `heading`.
pub(crate) fn print_difference(
    heading: &str,
    stock: &BTreeSet<String>,
    overlay: &BTreeSet<String>,
    only_overlay: &str,
    only_stock: &str,
) {
    let join =
        |names: std::collections::btree_set::Difference<'_, String>| names.cloned().collect::<Vec<_>>().join(" ");
    println!("\n{heading}: stock {}, overlay {}", stock.len(), overlay.len());
    println!("  {only_overlay} {}", join(overlay.difference(stock)));
    println!("  {only_stock} {}", join(stock.difference(overlay)));
}
