//! Upstream wasi-libc main's wasm32-wasip2 sysroot as a base for the overlay: an overlay per policy built over
//! the pristine tree with clang 22, and every guest that runs on wasm32-wasip2 compiled with the overlay's
//! `wasm32-wasip2-clang` and run as a component under `wasi-shim run`, counted by area.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{bail, Context, Result};
use wasi_shim::base::{plan_links, BaseSymbols, Link};
use wasi_shim::catalog::Catalog;
use wasi_shim::policy::Policy;
use wasi_shim::shims::Shims;
use wasi_shim::target::Target;
use wasi_shim::toolchain::{self, BaseRelease};

use super::guests::{compile_guest, guests_by_policy, run_compiled, Guest};

/// What became of one guest over the upstream base.
enum Verdict {
    Passed,
    /// Its function is the base's own on this target (its catalog row's `base_real`), so the overlay leaves it alone.
    LeftToBase,
    Failed(String),
}

/// The overlay's guests over `sysroot` (upstream main's pristine wasm32-wasip2 build, made with `clang`).
pub fn guests_over(root: &Path, sysroot: &Path, clang: &Path, work: &Path) -> Result<()> {
    let major = clang.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_prefix("clang-")).unwrap_or("22");
    let tools = toolchain::llvm_version(major.parse().context("clang-N")?)
        .with_context(|| format!("{} lacks its LLVM tools or wasm32 builtins", clang.display()))?;
    let found_by = format!("upstream wasi-libc main's wasm32-wasip2 build in {}", sysroot.display());
    let toolchain = toolchain::over_sysroot_with(tools, sysroot.to_path_buf(), Target::Wasip2, found_by)?;
    let shims = Shims::builtin();
    let base = BaseSymbols::scan(&toolchain)?;
    let mut by_area: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    let guest_dir = root.join("tests/guests");
    // Guests for a base from 2024 on (trixie's), as upstream main is.
    for (policy_name, list) in guests_by_policy(&guest_dir, BaseRelease::Trixie, Target::Wasip2)? {
        let policy = Policy::load(&list[0].2.policy_spec(&root.join("tests/policies")), &shims.catalog)?;
        let overlay = work.join("overlays-wasm32-wasip2").join(policy_name.trim_end_matches(".toml"));
        wasi_shim::overlay::build(&shims, &policy, &toolchain, &overlay)?;
        // Functions this base implements itself, which the overlay leaves alone.
        let left_to_base = plan_links(&shims.catalog, &policy, &base, Target::Wasip2)
            .into_iter()
            .filter(|p| {
                p.link == Link::Unlinked
                    && shims.catalog.function(&p.function).is_some_and(|f| f.real_in_base(Target::Wasip2).is_some())
            })
            .map(|p| p.function)
            .collect();
        let run = PolicyRun { guest_dir: &guest_dir, overlay: &overlay, work, left_to_base };
        let step =
            wasi_shim::progress::step("Ran", format!("{} guests under policy {policy_name} as components", list.len()));
        let bar = wasi_shim::progress::bar(list.len() as u64, "guests");
        bar.set_message(policy_name.clone());
        for guest in &list {
            bar.inc(1);
            let function = guest_function(&shims.catalog, &guest.0);
            let area = function.map_or("(none)".to_owned(), |f| shims.catalog.function(f).expect("named").area.clone());
            let outcome = run.run(guest, function);
            let counts = by_area.entry(area).or_default();
            match outcome {
                Verdict::Passed => counts.0 += 1,
                Verdict::LeftToBase => counts.1 += 1,
                Verdict::Failed(why) => {
                    counts.2 += 1;
                    failures.push(format!("{} ({policy_name}): {why}", guest.0));
                }
            }
        }
        bar.finish_and_clear();
        step.finish();
    }
    print_areas(&by_area);
    if !failures.is_empty() {
        bail!("{} guests fail over upstream main's wasm32-wasip2:\n  {}", failures.len(), failures.join("\n  "));
    }
    Ok(())
}

/// The catalog function a guest is named for (`<function>_<behaviour>[_detail]`): the longest that prefixes it.
fn guest_function<'a>(catalog: &'a Catalog, guest: &str) -> Option<&'a str> {
    catalog
        .functions
        .iter()
        .map(|f| f.name.as_str())
        .filter(|f| guest.strip_prefix(f).is_some_and(|rest| rest.starts_with('_')))
        .max_by_key(|f| f.len())
}

/// One policy's overlay over the upstream base, and the functions it leaves to that base.
struct PolicyRun<'a> {
    guest_dir: &'a Path,
    overlay: &'a Path,
    work: &'a Path,
    left_to_base: BTreeSet<String>,
}

impl PolicyRun<'_> {
    fn run(&self, (name, path, config): &Guest, function: Option<&str>) -> Verdict {
        // A guest made for both targets that checks the overlay's own answer for a function the base implements
        // here says nothing about this base; one made for wasm32-wasip2 alone checks the base's.
        if function.is_some_and(|f| self.left_to_base.contains(f)) && config.targets.contains(&Target::Wasip1) {
            return Verdict::LeftToBase;
        }
        let module = self.work.join("modules-wasm32-wasip2").join(format!("{name}.wasm"));
        let compiled = compile_guest(self.overlay, Target::Wasip2, path, self.guest_dir, &module);
        let runner = test_support::wasi_shim_binary();
        let workdir = self.work.join("run-wasm32-wasip2").join(name);
        match run_compiled(&runner, &workdir, config, &module, compiled) {
            Ok(outcome) => match config.unmet(outcome.exit, &outcome.stdout, &outcome.stderr) {
                None => Verdict::Passed,
                Some(unmet) => Verdict::Failed(format!("{unmet}; stderr: {}", outcome.stderr.trim())),
            },
            Err(why) => Verdict::Failed(why),
        }
    }
}

fn print_areas(by_area: &BTreeMap<String, (usize, usize, usize)>) {
    println!("\nconformance guests over upstream main's wasm32-wasip2 sysroot, as components under wasi-shim run:");
    println!("  {:12} {:>6} {:>14} {:>6}", "area", "passed", "left to base", "failed");
    for (area, (passed, left, failed)) in by_area {
        println!("  {area:12} {passed:>6} {left:>14} {failed:>6}");
    }
    let total = by_area.values().fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
    println!("  {:12} {:>6} {:>14} {:>6}", "all", total.0, total.1, total.2);
}
