//! The runtimes of the matrix and how a guest looks from outside each: `wasi-shim run` (the embedded wasmtime),
//! the wasmtime PyPI wheel (another wasmtime release), Node's `node:wasi` and headless Chromium under
//! `@bjorn3/browser_wasi_shim`. The first three run a process per guest, as a porter would; the browser runs every
//! guest of a platform in one page.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use test_support::GuestConfig;

use crate::browser::Browser;
use crate::runtimes::{provision_all, Runtime};
use crate::Invocation;

/// A runtime of the matrix, as the JSON names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuntimeId {
    WasiShimRun,
    WasmtimeWheel,
    NodeWasi,
    Chromium,
}

impl RuntimeId {
    pub const ALL: [RuntimeId; 4] =
        [RuntimeId::WasiShimRun, RuntimeId::WasmtimeWheel, RuntimeId::NodeWasi, RuntimeId::Chromium];

    /// Whether it runs components (wasm32-wasip2); the others run preview 1 modules only.
    pub fn runs_components(self) -> bool {
        self == RuntimeId::WasiShimRun
    }
}

/// A runtime's name and version as the matrix records them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuntimeInfo {
    pub id: RuntimeId,
    pub name: String,
    pub version: String,
}

/// What a run looked like from outside: the exit status the runtime reported (None where there is no process,
/// as in the browser, and the run did not exit), the trap it reported, and the output.
#[derive(Debug, Clone, Default)]
pub struct Observed {
    pub exit: Option<i32>,
    pub trap: Option<String>,
    pub stdout: String,
    pub stderr: String,
}

/// One guest to run: its module, configuration and a scratch directory preopened as `.`; an interpreter's
/// further preopens, environment, argv[0] and stack in `extra`.
pub struct Job {
    pub area: &'static str,
    pub name: String,
    pub module: PathBuf,
    pub config: GuestConfig,
    pub workdir: PathBuf,
    pub extra: Invocation,
}

/// The four runtimes, provisioned.
pub struct Runtimes {
    processes: [Runtime; 3],
    browser: Browser,
}

impl Runtimes {
    pub fn provision(root: &Path) -> Result<Runtimes> {
        let processes = provision_all(root, &test_support::wasi_shim_binary())?;
        Ok(Runtimes { processes, browser: Browser::provision(root)? })
    }

    pub fn infos(&self, root: &Path) -> Vec<RuntimeInfo> {
        let node = Command::new("node").arg("--version").output().map(|o| o.stdout).unwrap_or_default();
        let info = |id, name: &str, version: String| RuntimeInfo { id, name: name.to_owned(), version };
        vec![
            info(RuntimeId::WasiShimRun, "wasi-shim run", format!("wasmtime {} (embedded)", locked_wasmtime(root))),
            info(RuntimeId::WasmtimeWheel, "wasmtime wheel", crate::runtimes::WHEEL_REQUIREMENT.to_owned()),
            info(RuntimeId::NodeWasi, "node:wasi", format!("Node.js {}", String::from_utf8_lossy(&node).trim())),
            info(
                RuntimeId::Chromium,
                "Chromium",
                format!(
                    "{} with @bjorn3/browser_wasi_shim {}",
                    Browser::chromium_version(),
                    self.browser.shim_version()
                ),
            ),
        ]
    }

    /// Every job in `runtime`, in order.
    pub fn run(&self, runtime: RuntimeId, jobs: &[Job]) -> Result<Vec<Observed>> {
        let process = match runtime {
            RuntimeId::Chromium => return self.run_browser(jobs),
            RuntimeId::WasiShimRun => &self.processes[0],
            RuntimeId::WasmtimeWheel => &self.processes[1],
            RuntimeId::NodeWasi => &self.processes[2],
        };
        jobs.iter().map(|job| run_process(process, runtime, job)).collect()
    }

    fn run_browser(&self, jobs: &[Job]) -> Result<Vec<Observed>> {
        let dir = test_support::scratch("matrix/browser");
        let specs: Vec<serde_json::Value> = jobs
            .iter()
            .map(|job| {
                serde_json::json!({
                    "id": job.name,
                    "module": job.module,
                    "argv0": job.module.file_name().map(|n| n.to_string_lossy().into_owned()),
                    "args": job.config.args,
                    "env": job.config.env,
                })
            })
            .collect();
        let (input, output) = (dir.join("jobs.json"), dir.join("results.json"));
        std::fs::write(&input, serde_json::to_string_pretty(&specs)?)?;
        let _ = std::fs::remove_file(&output);
        crate::run_logged(
            self.browser.script("matrix_run.mjs").arg(&self.browser.shim).arg(&input).arg(&output),
            &dir.join("matrix_run.log"),
            &format!("{} guests in headless Chromium", jobs.len()),
        )?;
        let results: Vec<BrowserResult> = serde_json::from_str(&std::fs::read_to_string(&output)?)?;
        if results.len() != jobs.len() {
            bail!("the browser ran {} of {} guests", results.len(), jobs.len());
        }
        Ok(results.into_iter().map(BrowserResult::observed).collect())
    }
}

/// One result of matrix_run.mjs.
#[derive(Deserialize)]
struct BrowserResult {
    exit: Option<i32>,
    trap: Option<String>,
    #[serde(default)]
    stdout: String,
    #[serde(default)]
    stderr: String,
    /// Set when the page could not even start the module.
    error: Option<String>,
}

impl BrowserResult {
    fn observed(self) -> Observed {
        Observed { exit: self.exit, trap: self.trap.or(self.error), stdout: self.stdout, stderr: self.stderr }
    }
}

fn run_process(runtime: &Runtime, id: RuntimeId, job: &Job) -> Result<Observed> {
    let _ = std::fs::remove_dir_all(&job.workdir);
    std::fs::create_dir_all(&job.workdir)?;
    let env = job.config.env.iter().filter_map(|e| e.split_once('=')).map(|(k, v)| (k.to_owned(), v.to_owned()));
    let workdir = (job.workdir.display().to_string(), ".".to_owned());
    let invocation = Invocation {
        dirs: std::iter::once(workdir).chain(job.extra.dirs.iter().cloned()).collect(),
        env: env.chain(job.extra.env.iter().cloned()).collect(),
        argv0: job.extra.argv0.clone(),
        max_wasm_stack: job.extra.max_wasm_stack,
    };
    let output = runtime
        .command(&job.module, &invocation, &job.config.args)
        .output()
        .with_context(|| format!("cannot start {}", runtime.name()))?;
    // The module's path is the scratch directory's: the file name alone keeps the record the same everywhere.
    let file_name = job.module.file_name().unwrap_or_default().to_string_lossy();
    let stderr = String::from_utf8_lossy(&output.stderr).replace(&job.module.display().to_string(), &file_name);
    Ok(Observed {
        exit: output.status.code(),
        trap: trap_line(id, &stderr),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
    })
}

/// What a process runtime says ended the module, if it did not exit: the cause wasmtime gives (`wasi-shim run`
/// and the wheel, after "Caused by:"), Node's uncaught error.
fn trap_line(id: RuntimeId, stderr: &str) -> Option<String> {
    let mut lines = stderr.lines().map(str::trim).filter(|l| !l.is_empty());
    let found = match id {
        RuntimeId::WasiShimRun | RuntimeId::WasmtimeWheel => lines.skip_while(|l| *l != "Caused by:").nth(1),
        RuntimeId::NodeWasi => lines.find(|l| l.starts_with("RuntimeError") || l.starts_with("Error")),
        RuntimeId::Chromium => None,
    }?;
    Some(found.chars().take(160).collect())
}

/// The wasmtime version Cargo.lock pins for the runner.
fn locked_wasmtime(root: &Path) -> String {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap_or_default();
    lock.split_once("name = \"wasmtime\"\nversion = \"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map_or("?".to_owned(), |(version, _)| version.to_owned())
}
