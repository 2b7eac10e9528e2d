//! `cargo xtask e2e wasi-libc`: a wasi-libc tree (upstream main by default, or Debian bookworm's) built pristine
//! and with the series generated for it, both with wasi-libc's check-symbols, every conformance guest run on it
//! beside the overlay, and the series' documented `-D` override proven; for wasm32-wasip2, both trees built.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::guests::{compile_guest, guests_by_policy, run_compiled, Guest};
use anyhow::{bail, Result};
use e2e::wasi_libc::{
    build_cmake_tree, build_tree, compile_against, rebuild_with_cflags, rebuild_with_policy, Outcome, Source, Tree,
    TreeCompiler,
};
use test_support::GuestConfig;
use wasi_shim::base::{plan_links, BaseSymbols, Link};
use wasi_shim::patches::{Generator, Layout, Series};
use wasi_shim::policy::Policy;
use wasi_shim::shims::Shims;
use wasi_shim::target::Target;
use wasi_shim::toolchain::{BaseRelease, Toolchain};
use wasi_shim::upstream::WASIP2_TRIPLE;

/// The guest that proves `[identity]` is one fact: the overlay runs it under tests/policies/uid4242.toml, and
/// the patched wasi-libc runs it built with the same facts given as the series' README says (`make
/// EXTRA_CFLAGS=...` or `cmake -DCMAKE_C_FLAGS=...`).
const OVERRIDE_GUEST: &str = "getuid_value_identity_macro";
/// The shell quotes are the build tool's: make and CMake's Makefiles run compiles through `sh`, which leaves
/// `-D...="porter"`.
const OVERRIDE_CFLAGS: &str =
    r#"-DWS_IDENTITY_UID=4242 -DWS_IDENTITY_USER='"porter"' -DWS_IDENTITY_HOME='"/home/porter"'"#;

/// One guest's row: its policy, and what it did over the overlay and on the patched wasi-libc.
struct GuestRun {
    name: String,
    policy: String,
    overlay: Result<Outcome, String>,
    patched: Result<Outcome, String>,
    meets: (bool, bool),
}

/// The patched tree and everything the guests' two builds need besides their policy's overlay.
struct Upstream {
    shims: Shims,
    series: Series,
    toolchain: Toolchain,
    patched: Tree,
    /// The guests that run here are those configured for this Debian base (upstream main: trixie, its
    /// newest Debian release).
    guest_base: BaseRelease,
    runner: PathBuf,
    work: PathBuf,
    guest_dir: PathBuf,
    policies_dir: PathBuf,
}

/// Which tree (`base` upstream or bookworm; `src` an upstream directory or tarball) and which target.
pub fn wasi_libc(root: &Path, base: &str, src: Option<&Path>, target: &str) -> Result<()> {
    let source = match base {
        "bookworm" if src.is_some() => bail!("--src is an upstream tree; --base bookworm fetches Debian's"),
        "bookworm" => Source::Bookworm,
        _ => Source::Upstream(src.map_or_else(test_support::upstream_snapshot, |s| Ok(s.to_path_buf()))?),
    };
    let (tree, toolchain) = source.prepare()?;
    let work = test_support::target_dir().join(format!("e2e/wasi-libc-{base}"));
    let patches_dir = work.join("series");
    let shims = Shims::builtin();
    let policy = Policy::load("default", &shims.catalog)?;
    let series = Generator { shims: &shims, policy: &policy, toolchain: &toolchain }.generate(&tree, &patches_dir)?;
    // The overlay's target is preview 1 (Debian's trees spell it wasm32-wasi); wasip2 only builds here.
    if target == WASIP2_TRIPLE {
        return other_target(root, &tree, &work, &series, &patches_dir, target);
    }
    let pristine = build_tree(&tree, &work.join("pristine"), None, &toolchain)?;
    let patched = build_tree(&tree, &work.join("patched"), Some((&series, &patches_dir)), &toolchain)?;
    print_trees(&series, &tree, &toolchain.clang, &pristine, &patched);
    compare_check_symbols(&work, &pristine, &patched)?;
    let upstream = Upstream {
        shims,
        series,
        toolchain,
        patched,
        guest_base: source.guest_base(),
        runner: test_support::wasi_shim_binary(),
        work,
        guest_dir: root.join("tests/guests"),
        policies_dir: root.join("tests/policies"),
    };
    upstream.prove(base)
}

/// An upstream tree for wasm32-wasip2: pristine and patched built with clang 22 and check-symbols on (the series'
/// areas are preview 1's), and the overlay's guests run as components over the pristine sysroot.
fn other_target(
    root: &Path,
    tree: &Path,
    work: &Path,
    series: &Series,
    patches_dir: &Path,
    target: &str,
) -> Result<()> {
    if wasi_shim::patches::detect_layout(tree)? != Layout::CMake {
        bail!("{target}: only upstream (CMake) trees build for it; Debian's 2022 tree has no such target");
    }
    let (clang, cmake_settings) = test_support::wasip2_compiler()?;
    let compiler = TreeCompiler { clang, triple: target.to_owned(), cmake_settings };
    let pristine = build_cmake_tree(tree, &work.join(format!("pristine-{target}")), None, &compiler)?;
    let patched =
        build_cmake_tree(tree, &work.join(format!("patched-{target}")), Some((series, patches_dir)), &compiler)?;
    print_trees(series, tree, &compiler.clang, &pristine, &patched);
    println!("  check-symbols passes on both (-DCHECK_SYMBOLS=ON -DENABLE_WERROR=ON: the builds fail otherwise)");
    let areas = series
        .library_names()
        .iter()
        .filter(|n| patched.sysroot.join(format!("lib/{target}/lib{n}.a")).exists())
        .count();
    println!("  the series' libraries in the {target} sysroot: {areas} (the areas are wasm32-wasip1's)");
    println!("\npatched sysroot: {}", patched.sysroot.display());
    super::wasip2::guests_over(root, &pristine.sysroot, &compiler.clang, work)
}

fn print_trees(series: &Series, source: &Path, clang: &Path, pristine: &Tree, patched: &Tree) {
    println!(
        "\nwasi-libc {} from {} ({} patches, policy {})",
        series.base,
        source.display(),
        series.areas.len() + 1,
        series.policy
    );
    println!(
        "  pristine built in {:.0} s, patched in {:.0} s ({})",
        pristine.build_time.as_secs_f64(),
        patched.build_time.as_secs_f64(),
        clang.display()
    );
}

/// The patched tree must differ from check-symbols' expected lists exactly as the pristine tree does.
fn compare_check_symbols(work: &Path, pristine: &Tree, patched: &Tree) -> Result<()> {
    if patched.layout == Layout::CMake {
        println!("  check-symbols passes on both (-DCHECK_SYMBOLS=ON -DENABLE_WERROR=ON: the builds fail otherwise)");
        return Ok(());
    }
    let same_check = pristine.check_symbols_diff == patched.check_symbols_diff;
    let changed = |diff: &str| diff.lines().filter(|l| l.starts_with(['+', '-'])).count();
    println!(
        "  check-symbols: pristine differs from its expected lists in {} lines (clang {} predefines other macros), patched in {}: {}",
        changed(&pristine.check_symbols_diff),
        wasi_shim::toolchain::LLVM_MAJOR,
        changed(&patched.check_symbols_diff),
        if same_check { "the same difference" } else { "DIFFERENT" }
    );
    if !same_check {
        std::fs::write(work.join("check-symbols.pristine"), &pristine.check_symbols_diff)?;
        std::fs::write(work.join("check-symbols.patched"), &patched.check_symbols_diff)?;
        bail!("the patched tree's check-symbols differs from the pristine tree's: compare {}/check-symbols.{{pristine,patched}}", work.display());
    }
    Ok(())
}

fn print_guest_table(base: &str, order: &[String], runs: &[GuestRun]) {
    println!("\nconformance guests over {base}: the overlay vs the patched wasi-libc (no overlay, series.toml flags)");
    let row = |policy: &str, rows: &[&GuestRun]| {
        let identical = rows.iter().filter(|r| r.overlay.is_ok() && r.overlay == r.patched).count();
        let overlay_meets = rows.iter().filter(|r| r.meets.0).count();
        let patched_meets = rows.iter().filter(|r| r.meets.1).count();
        println!("  {policy:28} {:>6} {identical:>10} {overlay_meets:>22} {patched_meets:>22}", rows.len());
    };
    println!(
        "  {:28} {:>6} {:>10} {:>22} {:>22}",
        "policy", "guests", "identical", "overlay meets spec", "patched meets spec"
    );
    for policy_name in order {
        row(policy_name, &runs.iter().filter(|r| &r.policy == policy_name).collect::<Vec<_>>());
    }
    row("total", &runs.iter().collect::<Vec<_>>());
    for run in runs.iter().filter(|r| r.overlay.is_err() || r.overlay != r.patched) {
        println!(
            "  differs: {} ({})\n    overlay: {:?}\n    patched: {:?}",
            run.name, run.policy, run.overlay, run.patched
        );
    }
}

fn print_override(
    layout: Layout,
    overridden: &(Result<Outcome, String>, bool),
    defaults: &(Result<Outcome, String>, bool),
) {
    let said = |outcome: &Result<Outcome, String>| match outcome {
        Ok(o) => format!("exit {:?}, {}", o.exit, o.stdout.lines().next().unwrap_or_default()),
        Err(e) => e.clone(),
    };
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let how = match layout {
        Layout::Makefile => format!("make EXTRA_CFLAGS='-O2 -DNDEBUG {OVERRIDE_CFLAGS}'"),
        Layout::CMake => format!("cmake -DCMAKE_C_FLAGS='{OVERRIDE_CFLAGS}'"),
    };
    println!("\nthe series' documented override, {how}:");
    println!("  {OVERRIDE_GUEST} meets its spec: {} ({})", yes_no(overridden.1), said(&overridden.0));
    println!("  on the series' defaults, it meets its spec: {} ({})", yes_no(defaults.1), said(&defaults.0));
}

impl Upstream {
    /// Every guest, policy by policy, over its overlay and on the patched tree; then the documented override.
    fn prove(&self, base: &str) -> Result<()> {
        // The series' areas serve wasm32-wasip1.
        let by_policy = guests_by_policy(&self.guest_dir, self.guest_base, Target::Wasip1)?;
        let mut order: Vec<String> = by_policy.keys().cloned().collect();
        order.sort_by_key(|p| (p != &self.series.policy, p.clone()));
        let series_policy = Policy::load(&self.series.policy, &self.shims.catalog)?;
        let series_links = self.series_links(&series_policy)?;
        let links = |name: &str| series_links.get(name).copied().unwrap_or(Link::Direct);
        let mut runs: Vec<GuestRun> = Vec::new();
        for policy_name in &order {
            runs.extend(self.run_policy(policy_name, &by_policy[policy_name], &links)?);
        }
        let overridden = self.documented_override()?;
        // Leave the patched sysroot with the series' own defaults, and show the guest needs the override there.
        rebuild_with_policy(&self.patched, &self.series, &links, &series_policy, &self.toolchain)?;
        let defaults = self.override_guest("defaults")?;

        print_guest_table(base, &order, &runs);
        print_override(self.patched.layout, &overridden, &defaults);
        println!("\npatched sysroot: {}", self.patched.sysroot.display());
        let differing = runs.iter().filter(|r| r.overlay.is_err() || r.overlay != r.patched).count();
        if differing > 0 {
            bail!("{differing} of {} guests give different results on the patched wasi-libc", runs.len());
        }
        if !overridden.1 || defaults.1 {
            bail!("the documented override '{OVERRIDE_CFLAGS}' does not decide what {OVERRIDE_GUEST} sees");
        }
        Ok(())
    }

    /// How the series' policy links each function (wrapped or direct), which the rebuilt headers need.
    fn series_links(&self, series_policy: &Policy) -> Result<BTreeMap<String, Link>> {
        let base = BaseSymbols::scan(&self.toolchain)?;
        Ok(plan_links(&self.shims.catalog, series_policy, &base, Target::Wasip1)
            .into_iter()
            .map(|p| (p.function, p.link))
            .collect())
    }

    /// Every guest of one policy, over its overlay and on the patched tree rebuilt with the policy, two at a time.
    fn run_policy(&self, name: &str, guests: &[Guest], links: &dyn Fn(&str) -> Link) -> Result<Vec<GuestRun>> {
        let policy = Policy::load(&guests[0].2.policy_spec(&self.policies_dir), &self.shims.catalog)?;
        if name != self.series.policy {
            rebuild_with_policy(&self.patched, &self.series, links, &policy, &self.toolchain)?;
        }
        let overlay_dir = self.work.join("overlays").join(name.trim_end_matches(".toml"));
        wasi_shim::overlay::build(&self.shims, &policy, &self.toolchain, &overlay_dir)?;
        let step = wasi_shim::progress::step(
            "Ran",
            format!("{} guests under policy {name}, overlay and patched", guests.len()),
        );
        let bar = wasi_shim::progress::bar(guests.len() as u64, "guests");
        bar.set_message(name.to_owned());
        let bar = &bar;
        let overlay_dir = overlay_dir.as_path();
        let results: Vec<Vec<GuestRun>> = std::thread::scope(|scope| {
            let handles: Vec<_> = guests
                .chunks(guests.len().div_ceil(2))
                .map(|chunk| {
                    scope.spawn(move || {
                        let compare = |(name, path, config): &Guest| {
                            let run = self.compare(overlay_dir, name, path, config);
                            bar.inc(1);
                            run
                        };
                        chunk.iter().map(compare).collect()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("guest thread panicked")).collect()
        });
        bar.finish_and_clear();
        step.finish();
        Ok(results.into_iter().flatten().collect())
    }

    /// Compile the guest over the overlay and against the patched wasi-libc, and run both.
    fn compare(&self, overlay_dir: &Path, name: &str, path: &Path, config: &GuestConfig) -> GuestRun {
        let modules = self.work.join("modules");
        let overlay_module = modules.join("overlay").join(format!("{name}.wasm"));
        let compiled = compile_guest(overlay_dir, Target::Wasip1, path, &self.guest_dir, &overlay_module);
        let overlay = self.run(name, config, &overlay_module, compiled);
        let patched_module = modules.join("patched").join(format!("{name}.wasm"));
        let compiled =
            compile_against(&self.patched, &self.toolchain, &self.series, path, &self.guest_dir, &patched_module);
        let patched = self.run(name, config, &patched_module, compiled);
        let meets = (overlay.as_ref().is_ok_and(|o| o.meets(config)), patched.as_ref().is_ok_and(|o| o.meets(config)));
        GuestRun { name: name.to_owned(), policy: config.policy.clone(), overlay, patched, meets }
    }

    /// Run a compiled guest; a failed compile is the outcome, with clang's first line.
    fn run(
        &self,
        name: &str,
        config: &GuestConfig,
        module: &Path,
        compiled: Result<std::process::Output>,
    ) -> Result<Outcome, String> {
        run_compiled(&self.runner, &self.work.join("run").join(name), config, module, compiled)
    }

    /// Rebuild the series' libraries with OVERRIDE_CFLAGS, no policy header, and run OVERRIDE_GUEST on them.
    fn documented_override(&self) -> Result<(Result<Outcome, String>, bool)> {
        rebuild_with_cflags(
            &self.patched,
            &self.series,
            &self.toolchain,
            OVERRIDE_CFLAGS,
            "the documented -D override",
            "override",
        )?;
        self.override_guest("override")
    }

    /// OVERRIDE_GUEST built against the patched tree as it stands now, run, and checked against its spec.
    fn override_guest(&self, label: &str) -> Result<(Result<Outcome, String>, bool)> {
        let path = self.guest_dir.join(format!("{OVERRIDE_GUEST}.c"));
        let config = GuestConfig::read(&path)?;
        let module = self.work.join("modules").join(label).join(format!("{OVERRIDE_GUEST}.wasm"));
        let compiled = compile_against(&self.patched, &self.toolchain, &self.series, &path, &self.guest_dir, &module);
        let outcome = self.run(OVERRIDE_GUEST, &config, &module, compiled);
        let meets = outcome.as_ref().is_ok_and(|o| o.meets(&config));
        Ok((outcome, meets))
    }
}
