//! `cargo xtask matrix`: the guests whose behaviour depends on the runtime (guests.rs), built over every base
//! and target (platforms.rs) and run in every runtime (runtimes.rs); the record and COMPATIBILITY.md
//! (report.rs), checked against the committed record so a runtime that changes what it does is noticed.

pub mod guests;
pub mod interpreters;
pub mod platforms;
pub mod report;
pub mod runtimes;

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use test_support::GuestConfig;
use wasi_shim::target::Target;

use platforms::{serde_plain, Platform, PLATFORMS};
use report::{Cell, CellResult, Differences, Results};
use runtimes::{Job, Observed, RuntimeId, Runtimes};

/// Where the record and the explained differences are committed.
pub fn record_path(root: &Path) -> PathBuf {
    root.join("e2e/matrix/results.json")
}

pub fn differences_path(root: &Path) -> PathBuf {
    root.join("e2e/matrix/differences.toml")
}

/// Run every cell.
pub fn run(root: &Path) -> Result<Results> {
    let runtimes = Runtimes::provision(root)?;
    let mut cells = Vec::new();
    for (base, target) in PLATFORMS {
        let mut platform = Platform::new(base, target)?;
        let (jobs, skipped) = jobs_for(&mut platform)?;
        cells.extend(skipped);
        eprintln!("matrix: {} guests over {} for {target}", jobs.len(), base.title());
        for runtime in RuntimeId::ALL {
            if target == Target::Wasip2 && !runtime.runs_components() {
                continue;
            }
            let observed = runtimes.run(runtime, &jobs)?;
            for (job, seen) in jobs.iter().zip(observed) {
                cells.push(Cell::new(job.area, &job.name, (base, target), runtime, verdict(&job.config, seen)));
            }
        }
    }
    cells.extend(interpreter_cells(&runtimes)?);
    Ok(Results { runtimes: runtimes.infos(root), cells })
}

/// The interpreter smoke over Debian trixie for wasm32-wasip1, in the process runtimes, where its build is cached.
fn interpreter_cells(runtimes: &Runtimes) -> Result<Vec<Cell>> {
    let mut cells = Vec::new();
    for (name, job) in interpreters::jobs(&test_support::wasi_shim_binary())? {
        for runtime in RuntimeId::ALL {
            let result = match &job {
                None => CellResult::NotRun { why: interpreters::NOT_CACHED.into() },
                Some(_) if runtime == RuntimeId::Chromium => CellResult::NotRun {
                    why: "the interpreter reads its library from host directories; the page's files are in memory"
                        .into(),
                },
                Some(job) => {
                    let seen = runtimes.run(runtime, std::slice::from_ref(job))?.remove(0);
                    verdict(&job.config, seen)
                }
            };
            cells.push(Cell::new(interpreters::AREA, name, (platforms::Base::Trixie, Target::Wasip1), runtime, result));
        }
    }
    Ok(cells)
}

/// The platform's guests compiled; a not-run cell for each guest that is not for it.
fn jobs_for(platform: &mut Platform) -> Result<(Vec<Job>, Vec<Cell>)> {
    let (mut jobs, mut skipped) = (Vec::new(), Vec::new());
    let dir = format!("matrix/work/{}-{}", serde_plain(platform.base), platform.target);
    for (area, name) in guests::all() {
        let config: GuestConfig = test_support::guest_config(name);
        if !platform.runs(&config) {
            for runtime in
                RuntimeId::ALL.into_iter().filter(|r| platform.target == Target::Wasip1 || r.runs_components())
            {
                let why = "not a guest for this target (its `// target:` line)".into();
                let on = (platform.base, platform.target);
                skipped.push(Cell::new(area, name, on, runtime, CellResult::NotRun { why }));
            }
            continue;
        }
        let module = platform.module(name, &config)?;
        let workdir = test_support::scratch(&dir).join(name);
        jobs.push(Job { area, name: name.to_owned(), module, config, workdir, extra: Default::default() });
    }
    Ok((jobs, skipped))
}

fn verdict(config: &GuestConfig, seen: Observed) -> CellResult {
    match config.unmet(seen.exit, &seen.stdout, &seen.stderr) {
        None => CellResult::Passed,
        Some(unmet) => CellResult::Differs { exit: seen.exit, trap: seen.trap, unmet },
    }
}

/// The cells whose result differs between two records (a runtime's trap text aside), said one per line; a cell
/// not run because its build is not cached on one side is not compared.
pub fn changed_cells(recorded: &Results, now: &Results) -> Vec<String> {
    let uncached = |c: &Cell| matches!(&c.result, CellResult::NotRun { why } if why == interpreters::NOT_CACHED);
    let outcome = |r: &CellResult| match r {
        CellResult::Differs { exit, unmet, .. } => format!("differs: exit {exit:?}, {unmet}"),
        other => format!("{other:?}"),
    };
    let find = |results: &Results, cell: &Cell| results.cells.iter().find(|c| c.key() == cell.key()).cloned();
    let mut changed = Vec::new();
    for cell in now.cells.iter().filter(|c| !uncached(c)) {
        if find(recorded, cell).is_some_and(|c| uncached(&c)) {
            continue;
        }
        let before = find(recorded, cell).map(|c| outcome(&c.result));
        if before.as_deref() != Some(outcome(&cell.result).as_str()) {
            let name = format!("{} over {} {} in {:?}", cell.guest, serde_plain(cell.base), cell.target, cell.runtime);
            changed.push(format!("{name}: recorded {before:?}, now {}", outcome(&cell.result)));
        }
    }
    for cell in recorded.cells.iter().filter(|c| find(now, c).is_none()) {
        changed.push(format!("{} over {:?} {}: recorded, not run now", cell.guest, cell.base, cell.target));
    }
    changed
}

/// The committed record.
pub fn read_record(root: &Path) -> Result<Results> {
    let path = record_path(root);
    let text = std::fs::read_to_string(&path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// COMPATIBILITY.md as the committed record and differences render it.
pub fn render_committed(root: &Path) -> Result<String> {
    report::render(&read_record(root)?, &Differences::read(&differences_path(root))?)
}

/// `cargo xtask matrix [--write]`: run, keep the run under target/, and either record it (the JSON and
/// COMPATIBILITY.md) or fail when it differs from the committed record.
pub fn matrix(root: &Path, write: bool) -> Result<()> {
    let now = run(root)?;
    let kept = test_support::target_dir().join("matrix-results.json");
    std::fs::write(&kept, serde_json::to_string_pretty(&now)? + "\n")?;
    let differences = Differences::read(&differences_path(root))?;
    let page = report::render(&now, &differences)?;
    let passed = now.cells.iter().filter(|c| c.result == CellResult::Passed).count();
    let differ = now.cells.iter().filter(|c| matches!(c.result, CellResult::Differs { .. })).count();
    println!(
        "matrix: {} cells: {passed} as configured, {differ} differ (each explained), the rest not run",
        now.cells.len()
    );
    if write {
        std::fs::write(record_path(root), serde_json::to_string_pretty(&now)? + "\n")?;
        std::fs::write(root.join("COMPATIBILITY.md"), page)?;
        println!("matrix: wrote e2e/matrix/results.json and COMPATIBILITY.md");
        return Ok(());
    }
    let changed = changed_cells(&read_record(root)?, &now);
    if !changed.is_empty() {
        bail!(
            "{} cells differ from the committed record (this run: {}); if the change is expected, run \
             `cargo xtask matrix --write`:\n  {}",
            changed.len(),
            kept.display(),
            changed.join("\n  ")
        );
    }
    println!("matrix: the run matches the committed record");
    Ok(())
}
