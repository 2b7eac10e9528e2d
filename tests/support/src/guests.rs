//! The conformance guests under `tests/guests`: each C file's leading `// key: value` lines say
//! which policy it runs under and what it must print. Read by the integration tests and by
//! `cargo xtask e2e wasi-libc`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use anyhow::{bail, Context, Result};

use wasi_shim::target::Target;
use wasi_shim::toolchain::BaseRelease;

/// A guest's configuration, read from its leading `// key: value` comment lines.
#[derive(Debug, Default, Clone)]
pub struct GuestConfig {
    pub policy: String,
    pub exit: i32,
    pub env: Vec<String>,
    pub args: Vec<String>,
    pub stdout: Vec<String>,
    pub stderr_contains: Vec<String>,
    /// (text, n): `text` must occur exactly n times in stderr.
    pub stderr_count: Vec<(String, usize)>,
    pub bases: Vec<BaseRelease>,
    /// The targets it runs on: both, unless a `// target: NAME (why)` line names one.
    pub targets: Vec<Target>,
    /// `wasi-shim run`'s `-S` options (`// wasi: inherit-network`).
    pub wasi: Vec<String>,
}

impl GuestConfig {
    pub fn parse(name: &str, text: &str) -> Result<GuestConfig> {
        let mut config = GuestConfig {
            bases: vec![BaseRelease::Trixie, BaseRelease::Bookworm],
            targets: Target::ALL.to_vec(),
            ..Default::default()
        };
        for line in text.lines() {
            let Some(comment) = line.strip_prefix("//") else { break };
            let Some((key, value)) = comment.trim().split_once(':') else { continue };
            let value = value.trim().to_owned();
            match key.trim() {
                "policy" => config.policy = value,
                "exit" => config.exit = value.parse().with_context(|| format!("{name}: bad exit `{value}`"))?,
                "env" => config.env.push(value),
                "arg" => config.args.push(value),
                "wasi" => config.wasi.push(value),
                "stdout" => config.stdout.push(value),
                "stderr-contains" => config.stderr_contains.push(value),
                "stderr-count" => {
                    let (n, text) = value.split_once(' ').with_context(|| format!("{name}: `stderr-count: N text`"))?;
                    config
                        .stderr_count
                        .push((text.to_owned(), n.parse().with_context(|| format!("{name}: bad count `{n}`"))?));
                }
                "base" => config.bases = vec![BaseRelease::parse(&value)?],
                "target" => {
                    let (target, why) = value.split_once(' ').unwrap_or((&value, ""));
                    if !why.trim_start().starts_with('(') {
                        bail!("{name}: `// target: {target} (why the guest runs only there)`");
                    }
                    config.targets = vec![Target::parse(target)?];
                }
                other => bail!("{name}: unknown guest configuration key `{other}`"),
            }
        }
        if config.policy.is_empty() {
            bail!("{name}.c must name its policy in a `// policy: NAME` line");
        }
        Ok(config)
    }

    pub fn read(path: &Path) -> Result<GuestConfig> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        GuestConfig::parse(&path.file_stem().unwrap_or_default().to_string_lossy(), &text)
    }

    /// Where the guest runs: each base it names for each target it names, where the base has that target
    /// (Debian bookworm's 2022 wasi-libc has preview 1 only).
    pub fn platforms(&self) -> Vec<(BaseRelease, Target)> {
        let has = |release: BaseRelease, target: Target| release == BaseRelease::Trixie || target == Target::Wasip1;
        self.targets
            .iter()
            .flat_map(|t| self.bases.iter().map(move |b| (*b, *t)))
            .filter(|(b, t)| has(*b, *t))
            .collect()
    }

    /// The first of the configured expectations (exit status, stdout lines in order, stderr
    /// fragments and counts) that a run does not meet, said as a sentence; None when all hold.
    pub fn unmet(&self, exit: Option<i32>, stdout: &str, stderr: &str) -> Option<String> {
        if exit != Some(self.exit) {
            return Some(format!("exit status {exit:?}, expected {}", self.exit));
        }
        let mut lines = stdout.lines();
        if let Some(expected) = self.stdout.iter().find(|expected| !lines.any(|l| l == expected.as_str())) {
            return Some(format!("stdout line `{expected}` missing (in order)"));
        }
        if let Some(expected) = self.stderr_contains.iter().find(|e| !stderr.contains(e.as_str())) {
            return Some(format!("stderr lacks `{expected}`"));
        }
        self.stderr_count.iter().find_map(|(text, n)| {
            let found = stderr.matches(text.as_str()).count();
            (found != *n).then(|| format!("`{text}` occurs {found} times in stderr, expected {n}"))
        })
    }

    /// The policy as `Policy::load` takes it: a preset, or a file under `policies_dir`.
    pub fn policy_spec(&self, policies_dir: &Path) -> String {
        if self.policy.ends_with(".toml") {
            policies_dir.join(&self.policy).display().to_string()
        } else {
            self.policy.clone()
        }
    }
}

/// Every guest in `dir`, by name, in name order.
pub fn list(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let paths = wasi_shim::files::with_extension(dir, "c").with_context(|| format!("cannot list {}", dir.display()))?;
    Ok(paths.into_iter().map(|p| (p.file_stem().unwrap_or_default().to_string_lossy().into_owned(), p)).collect())
}

/// Run a guest module as its configuration says (environment, `-S` options, arguments) under `runner run`, with
/// `workdir` emptied and preopened as `.`: how the tests and `e2e wasi-libc` run guests.
pub fn run_configured(runner: &Path, module: &Path, config: &GuestConfig, workdir: &Path) -> Result<Output> {
    let _ = std::fs::remove_dir_all(workdir);
    std::fs::create_dir_all(workdir).with_context(|| format!("cannot create {}", workdir.display()))?;
    run_command(runner, module, workdir, &[], &config.env, &config.wasi, &config.args)
        .output()
        .with_context(|| format!("cannot run {}", runner.display()))
}

/// `runner run` for a guest module, with `workdir` preopened as `.`, each `(host, guest)` of
/// `extra_dirs` preopened too, `env` set and `wasi` given as `-S` options: how the tests and `e2e wasi-libc`
/// run guests.
pub fn run_command(
    runner: &Path,
    module: &Path,
    workdir: &Path,
    extra_dirs: &[(&Path, &str)],
    env: &[String],
    wasi: &[String],
    args: &[String],
) -> Command {
    let mut command = Command::new(runner);
    command.arg("run").arg("--dir").arg(format!("{}::.", workdir.display()));
    for (host, guest) in extra_dirs {
        command.arg("--dir").arg(format!("{}::{guest}", host.display()));
    }
    for e in env {
        command.arg("--env").arg(e);
    }
    for option in wasi {
        command.arg("-S").arg(option);
    }
    command.arg(module).args(args);
    command
}
