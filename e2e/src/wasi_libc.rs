//! The upstream path proved: Debian bookworm's wasi-libc source built pristine and with the
//! `wasi-libc-patches/` series applied, wasi-libc's own `check-symbols` run on both, and the
//! conformance guests compiled against the patched sysroot (no overlay) with the flags of
//! `series.toml`, for comparison with the same guests over an overlay.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, Context, Result};

use super::run_logged;
use wasi_shim::base::Link;
use wasi_shim::codegen;
use wasi_shim::patches::Series;
use wasi_shim::policy::Policy;
use wasi_shim::toolchain::{self, Toolchain};

/// One build of the wasi-libc tree.
pub struct Tree {
    pub dir: PathBuf,
    pub build_time: Duration,
    /// `check-symbols`'s difference from the tree's expected lists, with the tree's path, file
    /// times and hunk positions taken out so two trees compare.
    pub check_symbols_diff: String,
}

impl Tree {
    pub fn sysroot(&self) -> PathBuf {
        self.dir.join("sysroot")
    }
}

fn make(toolchain: &Toolchain) -> Command {
    let mut c = Command::new("make");
    c.arg(format!("CC={}", toolchain.clang.display()))
        .arg(format!("AR={}", toolchain.ar.display()))
        .arg(format!("NM={}", toolchain.nm.display()));
    c
}

/// Copy `source` to `dir`, apply `series` (from `patches_dir`) with `patch -p1`, build it with the
/// toolchain's clang and run its `check-symbols` step.
pub fn build_tree(source: &Path, dir: &Path, series: Option<(&Series, &Path)>, toolchain: &Toolchain) -> Result<Tree> {
    let _ = std::fs::remove_dir_all(dir);
    if let Some(parent) = dir.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let status = Command::new("cp").arg("-a").arg(source).arg(dir).status().context("cannot run cp")?;
    if !status.success() {
        bail!("cp -a {} {} failed", source.display(), dir.display());
    }
    let name = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
    if let Some((series, patches)) = series {
        for patch in std::iter::once(&series.common_patch).chain(series.areas.iter().map(|a| &a.patch)) {
            run_logged(
                Command::new("patch")
                    .args(["-p1", "--forward", "--batch", "-i"])
                    .arg(patches.join(patch))
                    .current_dir(dir),
                &dir.join(format!("e2e-patch-{}.log", &patch[..4])),
                &format!("patch -p1 < {patch}"),
            )?;
        }
    }
    let build_time = run_logged(
        make(toolchain).args(["-j2", "libc"]).current_dir(dir),
        &dir.join("e2e-make.log"),
        &format!("{name} wasi-libc make"),
    )?;
    // check-symbols ends in `diff`, which fails whenever clang 19 predefines other macros than the
    // tree's expected list: keep its output either way and compare it.
    let output =
        make(toolchain).arg("check-symbols").current_dir(dir).output().context("cannot run make check-symbols")?;
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    std::fs::write(dir.join("e2e-check-symbols.log"), &text)?;
    if !text.contains("diff -wur") {
        bail!("{name}: check-symbols stopped before its diff; see {}", dir.join("e2e-check-symbols.log").display());
    }
    Ok(Tree { dir: dir.to_path_buf(), build_time, check_symbols_diff: normalise_diff(&text, dir) })
}

/// The `diff -wur` part of check-symbols' output, comparable between trees.
pub fn normalise_diff(text: &str, dir: &Path) -> String {
    let dir = dir.display().to_string();
    text.lines()
        .skip_while(|l| !l.starts_with("diff -wur"))
        .filter(|l| !l.starts_with("make") && !l.starts_with("@@") && !l.starts_with("--- ") && !l.starts_with("+++ "))
        .map(|l| l.replace(&dir, "TREE"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Rebuild the patched tree's emulation libraries with `policy`'s choices in place of the series'
/// compile-time defaults, the way a builder would: a header of `#define`s given to every compile
/// (`-include`), which the defaults' `#ifndef`s give way to.
pub fn rebuild_with_policy(
    tree: &Tree,
    series: &Series,
    series_links: &dyn Fn(&str) -> Link,
    policy: &Policy,
    toolchain: &Toolchain,
) -> Result<()> {
    let header = tree.dir.join(format!("e2e-policy-{}.h", sanitize(&policy.name)));
    std::fs::write(&header, codegen::policy_header(policy, series_links))?;
    rebuild_with_cflags(
        tree,
        series,
        toolchain,
        &format!("-include {}", header.display()),
        &format!("policy {}", policy.name),
        &sanitize(&policy.name),
    )
}

/// Rebuild the series' libraries with `cflags` added to wasi-libc's own (`make EXTRA_CFLAGS=...`), as the series'
/// README tells a builder to override a default: `label` says why in errors, `log_name` names the log.
pub fn rebuild_with_cflags(
    tree: &Tree,
    series: &Series,
    toolchain: &Toolchain,
    cflags: &str,
    label: &str,
    log_name: &str,
) -> Result<()> {
    for dir in std::fs::read_dir(tree.dir.join("build/libc-bottom-half"))? {
        let dir = dir?.path();
        if dir.file_name().is_some_and(|n| n.to_string_lossy().starts_with("wasi-emulated")) {
            std::fs::remove_dir_all(&dir)?;
        }
    }
    // The series' libraries only: wasi-libc's own emulation libraries stay as built.
    let lib_dir = tree.sysroot().join("lib").join(&toolchain.triple);
    let libs: Vec<String> =
        series.library_names().iter().map(|name| lib_dir.join(format!("lib{name}.a")).display().to_string()).collect();
    for lib in &libs {
        std::fs::remove_file(lib)?;
    }
    run_logged(
        make(toolchain)
            .arg("-j2")
            .arg(format!("EXTRA_CFLAGS=-O2 -DNDEBUG {cflags}"))
            .args(&libs)
            .current_dir(&tree.dir),
        &tree.dir.join(format!("e2e-rebuild-{log_name}.log")),
        &format!("rebuilding the emulation libraries for {label}"),
    )?;
    Ok(())
}

fn sanitize(name: &str) -> String {
    Path::new(name).file_stem().unwrap_or_default().to_string_lossy().into_owned()
}

/// Compile a C file against the patched sysroot with the series' flags: no overlay involved.
pub fn compile_against(
    tree: &Tree,
    toolchain: &Toolchain,
    series: &Series,
    source: &Path,
    include: &Path,
    output: &Path,
) -> Result<std::process::Output> {
    if let Some(dir) = output.parent() {
        std::fs::create_dir_all(dir)?;
    }
    Command::new(&toolchain.clang)
        .arg(format!("--target={}", toolchain.triple))
        .arg(format!("--sysroot={}", tree.sysroot().display()))
        .args(series.all_cflags())
        .arg("-I")
        .arg(include)
        .args(["-Wall", "-Werror"])
        .arg(source)
        .arg("-o")
        .arg(output)
        .args(series.all_ldflags())
        .output()
        .with_context(|| format!("cannot run {}", toolchain.clang.display()))
}

/// Debian bookworm's wasi-libc source (the series' base) and the toolchain over bookworm.
pub fn prepare() -> Result<(PathBuf, Toolchain)> {
    let source = test_support::fetch_upstream_source("wasi-libc", "bookworm")?;
    let toolchain = toolchain::discover_or_provision(toolchain::BaseRelease::Bookworm)?;
    Ok((source, toolchain))
}

/// What one guest did: exit status, stdout, and stderr with the module's path taken out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub exit: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    /// Whether the guest's configured expectations hold, as the integration tests check them.
    pub fn meets(&self, config: &test_support::GuestConfig) -> bool {
        config.unmet(self.exit, &self.stdout, &self.stderr).is_none()
    }
}

/// Run a guest module under `wasi-shim run` with a fresh `workdir` preopened as `.`, as the
/// integration tests do.
pub fn run_guest(runner: &Path, module: &Path, config: &test_support::GuestConfig, workdir: &Path) -> Result<Outcome> {
    let _ = std::fs::remove_dir_all(workdir);
    std::fs::create_dir_all(workdir)?;
    let output = test_support::guests::run_command(runner, module, workdir, &[], &config.env, &config.args)
        .output()
        .with_context(|| format!("cannot run {}", runner.display()))?;
    Ok(Outcome {
        exit: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: comparable_stderr(&String::from_utf8_lossy(&output.stderr), module),
    })
}

/// stderr without what differs between two links of the same program: the module's path, and a
/// trap's backtrace frames (code offsets, and internal helpers named `ws_*` or `__wasi_emulated_*`).
fn comparable_stderr(stderr: &str, module: &Path) -> String {
    let frame = |l: &str| {
        let t = l.trim_start();
        t.split_once(':').is_some_and(|(n, rest)| {
            !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && rest.trim_start().starts_with("0x")
        })
    };
    stderr
        .replace(&module.display().to_string(), "MODULE")
        .lines()
        .filter(|l| !frame(l))
        .map(|l| format!("{l}\n"))
        .collect()
}
