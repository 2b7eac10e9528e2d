//! `cargo xtask e2e cpython [--src DIR] [--full]` and `e2e ruby [--src DIR]`: an interpreter built stock and over the overlay from one
//! tree, both run under `wasi-shim run`, compared side by side (modules, configure answers, regrtest,
//! sizes, startup). The logic lives in the `e2e` crate; this file drives it and prints.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use e2e::cpython::{Cpython, REGRTEST_FILES};
use e2e::{comparison_table, custom_section_bytes, regressions, symbol_sizes, time_commands, Flavour};
use wasi_shim::policy::Policy;
use wasi_shim::shims::Shims;
use wasi_shim::toolchain::BaseRelease;

/// One line per build: where it is and whether this run built it.
fn print_builds(builds: &[(Flavour, &Path, Option<std::time::Duration>)]) {
    for (flavour, path, built) in builds {
        let time = built.map_or("cached".to_owned(), |t| format!("built in {:.0} s", t.as_secs_f64()));
        println!("  {:8} {} ({time})", flavour.name(), path.display());
    }
}

/// Startup times of stock (`times[0]`) and overlay (`times[1]`) over 21 interleaved runs: the
/// median, and the fastest run, which machine load can only slow.
fn print_startup(what: &str, times: &[e2e::Timing]) {
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
fn print_difference(
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

pub fn cpython(src: Option<&Path>, full: bool) -> Result<()> {
    let runner = test_support::wasi_shim_binary();
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

    let files: Vec<String> = if full { Vec::new() } else { REGRTEST_FILES.iter().map(|f| f.to_string()).collect() };
    let stock_tests = stock.regrtest(&files)?;
    let overlay_tests = overlay.regrtest(&files)?;
    let mut listed: Vec<String> = stock_tests.files.keys().chain(overlay_tests.files.keys()).cloned().collect();
    listed.sort();
    listed.dedup();
    println!("\nregrtest ({} files)", listed.len());
    print!("{}", comparison_table(&listed, &stock_tests.files, &overlay_tests.files));
    println!("  stock:   {}", stock_tests.summary.join(" | "));
    println!("  overlay: {}", overlay_tests.summary.join(" | "));
    for (name, side) in [("stock", &stock_tests.files), ("overlay", &overlay_tests.files)] {
        let failed: BTreeMap<&String, &String> = side.values().flat_map(|r| r.failed.iter()).collect();
        println!("  failing on {name} ({}):", failed.len());
        for (test, message) in failed {
            println!("    {test}: {message}");
        }
    }
    let regressed = regressions(&stock_tests.files, &overlay_tests.files);

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
    println!("\nrun: {}", overlay.launcher.display());
    if !regressed.is_empty() {
        bail!("{} tests pass on stock but fail on overlay: {}", regressed.len(), regressed.join(", "));
    }
    Ok(())
}

/// What the issue's behaviours look like from Ruby; printed for both builds side by side.
const RUBY_PROBE: &str = r#"require "etc"
p [Process.uid, Process.euid, Process.gid]
p [Etc.getpwuid.name, Etc.getlogin, Dir.home]
hit = false; Signal.trap(:USR1) { hit = true }; Process.kill(:USR1, Process.pid); sleep 0.01; p [:trap, hit]
old = File.umask(027); p [:umask, File.umask.to_s(8)]; File.umask(old)
begin; fork; rescue NotImplementedError, SystemCallError => e; p [:fork, e.class]; end"#;

pub fn ruby(src: Option<&Path>, base: &str, full: bool) -> Result<()> {
    use e2e::ruby::{Ruby, BOOTSTRAP_FILES, RUN_ENDED, TEST_FILES};
    let base = BaseRelease::parse(base)?;
    let runner = test_support::wasi_shim_binary();
    let shims = Shims::builtin();
    let policy = Policy::load("ruby", &shims.catalog)?;
    // The trixie builds stay where tests/ruby.rs finds (and CI caches) the overlay Ruby.
    let work = match base {
        BaseRelease::Trixie => test_support::target_dir().join("e2e/ruby"),
        BaseRelease::Bookworm => test_support::target_dir().join("e2e/ruby-bookworm"),
    };
    let ruby = Ruby::prepare(src, base, &work, &runner)?;
    let stock = ruby.build(Flavour::Stock, &shims, &policy)?;
    let overlay = ruby.build(Flavour::Overlay, &shims, &policy)?;
    println!("\nRuby {} from {}", ruby.version, ruby.source.display());
    print_builds(&[
        (stock.flavour, &stock.ruby_wasm, stock.build_time),
        (overlay.flavour, &overlay.ruby_wasm, overlay.build_time),
    ]);
    print_difference(
        "configure answered no (functions)",
        &stock.configure_no()?,
        &overlay.configure_no()?,
        "no only on overlay: ",
        "yes only on overlay:",
    );
    print_difference(
        "extensions built",
        &stock.extensions()?,
        &overlay.extensions()?,
        "only in overlay:",
        "only in stock:  ",
    );
    println!("\nbehaviour probe");
    let mut starts = [false, false];
    let mut probe_passed = false;
    for (i, build) in [&stock, &overlay].into_iter().enumerate() {
        starts[i] = build.run_code("0")?.status.success();
        let output = build.run_code(RUBY_PROBE)?;
        probe_passed = output.status.success();
        println!("  {} (exit {:?}):", build.flavour.name(), output.status.code());
        for line in String::from_utf8_lossy(&output.stdout)
            .lines()
            .chain(String::from_utf8_lossy(&output.stderr).lines())
            .take(12)
        {
            println!("    {line}");
        }
    }
    // Catalog functions configure still answers no for must be ones the policy makes fail.
    let failing_by_policy: BTreeSet<String> = shims
        .catalog
        .functions
        .iter()
        .filter(|f| !policy.choice(&f.name).is_some_and(|c| c.behaviour.works()))
        .map(|f| f.name.clone())
        .collect();
    let covered_no: BTreeSet<String> =
        overlay.configure_no()?.into_iter().filter(|f| shims.catalog.function(f).is_some()).collect();
    let unexplained: Vec<&String> = covered_no.difference(&failing_by_policy).collect();
    println!(
        "  catalog functions the overlay's configure answered no: {} ({}), all failing by policy: {}",
        covered_no.len(),
        covered_no.iter().cloned().collect::<Vec<_>>().join(" "),
        if unexplained.is_empty() { "yes".to_owned() } else { format!("NO: {unexplained:?}") }
    );

    let bootstrap: Vec<String> = if full {
        all_files(&ruby.source.join("bootstraptest"), "test_")?
    } else {
        BOOTSTRAP_FILES.iter().map(|f| f.to_string()).collect()
    };
    let test_files: Vec<String> = if full {
        let mut files: Vec<String> =
            all_files(&ruby.source.join("test/ruby"), "test_")?.into_iter().map(|f| format!("ruby/{f}")).collect();
        files.extend(TEST_FILES.iter().map(|f| f.to_string()));
        files.sort();
        files.dedup();
        files
    } else {
        TEST_FILES.iter().map(|f| f.to_string()).collect()
    };
    // The two builds' runs go side by side, one core each.
    let run = |build: &e2e::ruby::Build| -> Result<_> {
        Ok((build.bootstraptest(&ruby, &bootstrap)?, build.test_files(&test_files)?))
    };
    let (stock_runs, overlay_runs) = std::thread::scope(|scope| {
        let stock_run = scope.spawn(|| run(&stock));
        let overlay_run = run(&overlay);
        (stock_run.join().expect("stock test thread panicked"), overlay_run)
    });
    let (stock_btest, stock_tests) = stock_runs?;
    let (overlay_btest, overlay_tests) = overlay_runs?;
    let mut regressed = Vec::new();
    for (title, listed, stock_side, overlay_side) in [
        ("bootstrap tests (bootstraptest/runner.rb)", &bootstrap, &stock_btest, &overlay_btest),
        ("test/ files (test/runner.rb, in-process)", &test_files, &stock_tests, &overlay_tests),
    ] {
        println!("\n{title}");
        print!("{}", comparison_table(listed, stock_side, overlay_side));
        let stock_ran: BTreeSet<&String> = stock_side.values().flat_map(|r| r.failed.keys().chain(&r.passed)).collect();
        let absent: BTreeMap<&String, &String> =
            overlay_side.values().flat_map(|r| r.failed.iter()).filter(|(t, _)| !stock_ran.contains(t)).collect();
        let passes = |side: &BTreeMap<String, e2e::TestFile>| side.values().map(|r| r.passed.len()).sum::<usize>();
        println!("  passed: stock {}, overlay {}", passes(stock_side), passes(overlay_side));
        let unreached: Vec<&String> = stock_side
            .iter()
            .flat_map(|(file, r)| {
                r.passed.iter().filter(move |t| {
                    overlay_side.get(file).is_none_or(|o| !o.passed.contains(*t) && !o.failed.contains_key(*t))
                })
            })
            .collect();
        println!("  passing on stock, not run on overlay: {}", unreached.len());
        for test in &unreached {
            println!("    {test}");
        }
        // A run that ended early (Ruby's wasm GC reporting [BUG], a trap) is listed, not counted
        // as the running test failing: it hits stock and overlay at different places.
        for (name, side) in [("stock", stock_side), ("overlay", overlay_side)] {
            let ended: Vec<(&String, &String)> =
                side.values().flat_map(|r| r.failed.iter()).filter(|(_, m)| m.starts_with(RUN_ENDED)).collect();
            println!("  runs that ended early on {name} ({}):", ended.len());
            for (test, message) in ended {
                println!("    {test}: {}", message.trim_start_matches(RUN_ENDED).trim_start_matches(": "));
            }
        }
        let regressions_here: Vec<String> = regressions(stock_side, overlay_side)
            .into_iter()
            .filter(|t| !overlay_side.values().any(|r| r.failed.get(t).is_some_and(|m| m.starts_with(RUN_ENDED))))
            .collect();
        println!("  passing on stock, failing on overlay: {}", regressions_here.len());
        println!("  failing on overlay, not run on stock ({}):", absent.len());
        for (test, message) in absent {
            println!("    {test}: {message}");
        }
        regressed.extend(regressions_here);
    }

    let stock_size = std::fs::metadata(&stock.ruby_wasm)?.len();
    let overlay_size = std::fs::metadata(&overlay.ruby_wasm)?.len();
    println!("\nbenchmark (same run)");
    println!(
        "  ruby size: stock {stock_size} bytes, overlay {overlay_size} bytes, ratio overlay/stock {:.4}",
        overlay_size as f64 / stock_size as f64
    );
    if starts[0] && starts[1] {
        let times = time_commands(
            &mut [stock.command(["--disable-gems", "-e", "0"]), overlay.command(["--disable-gems", "-e", "0"])],
            21,
        )?;
        print_startup("`-e 0`", &times);
    } else {
        println!("  startup not compared: the stock build does not start (see the probe above)");
    }
    println!("\nrun: {} --disable-gems -e 'p Process.uid'", overlay.launcher.display());
    if !starts[1] || !probe_passed {
        bail!("the overlay Ruby failed the behaviour probe");
    }
    if !unexplained.is_empty() {
        bail!("the overlay's configure answered no for catalog functions the policy makes work: {unexplained:?}");
    }
    if !regressed.is_empty() {
        bail!("{} tests pass on stock but fail on overlay: {}", regressed.len(), regressed.join(", "));
    }
    Ok(())
}

/// Names of the `.rb` files in `dir` starting with `prefix`, sorted.
fn all_files(dir: &Path, prefix: &str) -> Result<Vec<String>> {
    let mut files: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(prefix) && n.ends_with(".rb"))
        .collect();
    files.sort();
    Ok(files)
}

/// One guest's row: its policy, and what it did over the overlay and on the patched wasi-libc.
struct GuestRun {
    name: String,
    policy: String,
    overlay: Result<e2e::wasi_libc::Outcome, String>,
    patched: Result<e2e::wasi_libc::Outcome, String>,
    meets: (bool, bool),
}

/// Everything one guest's two builds need: the overlay of its policy, and the patched tree.
#[derive(Clone, Copy)]
struct GuestSides<'a> {
    overlay_dir: &'a Path,
    patched: &'a e2e::wasi_libc::Tree,
    series: &'a wasi_shim::patches::Series,
    toolchain: &'a wasi_shim::toolchain::Toolchain,
    runner: &'a Path,
    work: &'a Path,
    guest_dir: &'a Path,
}

impl GuestSides<'_> {
    /// Compile the guest over the overlay and against the patched wasi-libc, and run both.
    fn compare(&self, name: &str, path: &Path, config: &test_support::GuestConfig) -> GuestRun {
        use e2e::wasi_libc::{compile_against, run_guest, Outcome};
        let run = |module: &Path, compiled: Result<std::process::Output>| -> Result<Outcome, String> {
            let compiled = compiled.map_err(|e| e.to_string())?;
            if !compiled.status.success() {
                return Err(format!(
                    "compile failed: {}",
                    String::from_utf8_lossy(&compiled.stderr).lines().next().unwrap_or_default()
                ));
            }
            run_guest(self.runner, module, config, &self.work.join("run").join(name)).map_err(|e| e.to_string())
        };
        let modules = self.work.join("modules");
        let overlay_module = modules.join("overlay").join(format!("{name}.wasm"));
        let _ = std::fs::create_dir_all(modules.join("overlay"));
        let overlay = run(
            &overlay_module,
            std::process::Command::new(self.overlay_dir.join("bin/wasm32-wasi-clang"))
                .arg(path)
                .arg("-I")
                .arg(self.guest_dir)
                .args(["-Wall", "-Werror", "-o"])
                .arg(&overlay_module)
                .output()
                .map_err(anyhow::Error::from),
        );
        let patched_module = modules.join("patched").join(format!("{name}.wasm"));
        let patched = run(
            &patched_module,
            compile_against(self.patched, self.toolchain, self.series, path, self.guest_dir, &patched_module),
        );
        let meets = (overlay.as_ref().is_ok_and(|o| o.meets(config)), patched.as_ref().is_ok_and(|o| o.meets(config)));
        GuestRun { name: name.to_owned(), policy: config.policy.clone(), overlay, patched, meets }
    }
}

pub fn wasi_libc(root: &Path) -> Result<()> {
    use e2e::wasi_libc::{build_tree, prepare, rebuild_with_policy};
    use test_support::guests::{self, GuestConfig};
    use wasi_shim::base::{plan_links, BaseSymbols};
    use wasi_shim::patches::Series;

    let runner = test_support::wasi_shim_binary();
    let shims = Shims::builtin();
    let patches_dir = root.join("wasi-libc-patches");
    let series = Series::read(&patches_dir.join("series.toml"))?;
    let (source, toolchain) = prepare()?;
    let work = test_support::target_dir().join("e2e/wasi-libc");
    let pristine = build_tree(&source, &work.join("pristine"), None, &toolchain)?;
    let patched = build_tree(&source, &work.join("patched"), Some((&series, &patches_dir)), &toolchain)?;

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
        toolchain.clang.display()
    );
    let same_check = pristine.check_symbols_diff == patched.check_symbols_diff;
    println!(
        "  check-symbols: pristine differs from its expected lists in {} lines (clang {} predefines other macros), patched in {}: {}",
        pristine.check_symbols_diff.lines().filter(|l| l.starts_with(['+', '-'])).count(),
        wasi_shim::toolchain::LLVM_MAJOR,
        patched.check_symbols_diff.lines().filter(|l| l.starts_with(['+', '-'])).count(),
        if same_check { "the same difference" } else { "DIFFERENT" }
    );
    if !same_check {
        std::fs::write(work.join("check-symbols.pristine"), &pristine.check_symbols_diff)?;
        std::fs::write(work.join("check-symbols.patched"), &patched.check_symbols_diff)?;
        bail!("the patched tree's check-symbols differs from the pristine tree's: compare {}/check-symbols.{{pristine,patched}}", work.display());
    }

    // Guests that run over bookworm, grouped by policy, the series' own policy first.
    let guest_dir = root.join("tests/guests");
    let policies_dir = root.join("tests/policies");
    let mut by_policy: BTreeMap<String, Vec<(String, PathBuf, GuestConfig)>> = BTreeMap::new();
    for (name, path) in guests::list(&guest_dir)? {
        let config = GuestConfig::read(&path)?;
        if config.bases.contains(&BaseRelease::Bookworm) {
            by_policy.entry(config.policy.clone()).or_default().push((name, path, config));
        }
    }
    let mut order: Vec<String> = by_policy.keys().cloned().collect();
    order.sort_by_key(|p| (p != &series.policy, p.clone()));
    let series_policy = Policy::load(&series.policy, &shims.catalog)?;
    let base = BaseSymbols::scan(&toolchain)?;
    let series_links: BTreeMap<String, wasi_shim::base::Link> =
        plan_links(&shims.catalog, &series_policy, &base).into_iter().map(|p| (p.function, p.link)).collect();
    let links = |name: &str| series_links.get(name).copied().unwrap_or(wasi_shim::base::Link::Direct);
    let mut runs: Vec<GuestRun> = Vec::new();
    for policy_name in &order {
        let guests = &by_policy[policy_name];
        let spec = guests[0].2.policy_spec(&policies_dir);
        let policy = Policy::load(&spec, &shims.catalog)?;
        if policy_name != &series.policy {
            rebuild_with_policy(&patched, &series, &links, &policy, &toolchain)?;
        }
        let overlay_dir = work.join("overlays").join(policy_name.trim_end_matches(".toml"));
        wasi_shim::overlay::build(&shims, &policy, &toolchain, &overlay_dir)?;
        eprintln!("e2e: {} guests under policy {policy_name}", guests.len());
        let chunks: Vec<&[(String, PathBuf, GuestConfig)]> = guests.chunks(guests.len().div_ceil(2)).collect();
        let one = GuestSides {
            overlay_dir: &overlay_dir,
            patched: &patched,
            series: &series,
            toolchain: &toolchain,
            runner: &runner,
            work: &work,
            guest_dir: &guest_dir,
        };
        let results: Vec<Vec<GuestRun>> = std::thread::scope(|scope| {
            let handles: Vec<_> = chunks
                .iter()
                .map(|chunk| {
                    scope.spawn(move || {
                        chunk.iter().map(|(name, path, config)| one.compare(name, path, config)).collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("guest thread panicked")).collect()
        });
        runs.extend(results.into_iter().flatten());
    }
    // Leave the patched sysroot with the series' own defaults.
    if order.iter().any(|p| p != &series.policy) {
        rebuild_with_policy(&patched, &series, &links, &series_policy, &toolchain)?;
    }

    println!(
        "\nconformance guests over bookworm: the overlay vs the patched wasi-libc (no overlay, series.toml flags)"
    );
    println!(
        "  {:28} {:>6} {:>10} {:>22} {:>22}",
        "policy", "guests", "identical", "overlay meets spec", "patched meets spec"
    );
    for policy_name in &order {
        let rows: Vec<&GuestRun> = runs.iter().filter(|r| &r.policy == policy_name).collect();
        let identical = rows.iter().filter(|r| r.overlay.is_ok() && r.overlay == r.patched).count();
        println!(
            "  {:28} {:>6} {:>10} {:>22} {:>22}",
            policy_name,
            rows.len(),
            identical,
            rows.iter().filter(|r| r.meets.0).count(),
            rows.iter().filter(|r| r.meets.1).count()
        );
    }
    let differing: Vec<&GuestRun> = runs.iter().filter(|r| r.overlay.is_err() || r.overlay != r.patched).collect();
    let identical = runs.len() - differing.len();
    println!(
        "  {:28} {:>6} {:>10} {:>22} {:>22}",
        "total",
        runs.len(),
        identical,
        runs.iter().filter(|r| r.meets.0).count(),
        runs.iter().filter(|r| r.meets.1).count()
    );
    for run in &differing {
        println!(
            "  differs: {} ({})\n    overlay: {:?}\n    patched: {:?}",
            run.name, run.policy, run.overlay, run.patched
        );
    }
    println!("\npatched sysroot: {}", patched.sysroot().display());
    if !differing.is_empty() {
        bail!("{} of {} guests give different results on the patched wasi-libc", differing.len(), runs.len());
    }
    Ok(())
}
