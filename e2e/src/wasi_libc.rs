//! The upstream path proved: a wasi-libc source tree (upstream main's CMake layout, or Debian bookworm's
//! Makefile one) built pristine and with a generated series applied, wasi-libc's own `check-symbols` run on
//! both, and the conformance guests compiled against the patched sysroot (no overlay) with the flags of
//! `series.toml`, for comparison with the same guests over an overlay.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, Context, Result};

use super::run_logged;
use wasi_shim::base::Link;
use wasi_shim::codegen;
use wasi_shim::patches::{Layout, Series};
use wasi_shim::policy::Policy;
use wasi_shim::toolchain::{self, Toolchain};
use wasi_shim::upstream;

/// One build of a wasi-libc tree.
pub struct Tree {
    /// Where the tree was copied, patched and built.
    pub dir: PathBuf,
    pub layout: Layout,
    pub sysroot: PathBuf,
    pub build_time: Duration,
    /// `check-symbols`'s difference from the tree's expected lists, with the tree's path, file
    /// times and hunk positions taken out so two trees compare: empty for a CMake tree, whose build
    /// fails unless check-symbols passes.
    pub check_symbols_diff: String,
}

/// The compiler a tree is built with: the toolchain's for the overlay's target, or another clang for another
/// target (upstream builds wasm32-wasip2 only with clang 22); `cmake_settings` are further `-D` settings.
pub struct TreeCompiler {
    pub clang: PathBuf,
    pub triple: String,
    pub cmake_settings: Vec<String>,
}

impl TreeCompiler {
    pub fn of(toolchain: &Toolchain) -> TreeCompiler {
        TreeCompiler { clang: toolchain.clang.clone(), triple: toolchain.triple.clone(), cmake_settings: Vec::new() }
    }
}

fn make(toolchain: &Toolchain) -> Command {
    let mut c = Command::new("make");
    c.arg(format!("CC={}", toolchain.clang.display()))
        .arg(format!("AR={}", toolchain.ar.display()))
        .arg(format!("NM={}", toolchain.nm.display()));
    c
}

/// Copy `source` into `dir`, apply `series` (from `patches_dir`) with `patch -p1`, build it for the toolchain's
/// target with wasi-libc's own checks, in the tree's own layout.
pub fn build_tree(source: &Path, dir: &Path, series: Option<(&Series, &Path)>, toolchain: &Toolchain) -> Result<Tree> {
    match wasi_shim::patches::detect_layout(source)? {
        Layout::Makefile => build_makefile_tree(source, dir, series, toolchain),
        Layout::CMake => build_cmake_tree(source, dir, series, &TreeCompiler::of(toolchain)),
    }
}

/// `source` copied to `tree` with the series applied.
fn patched_copy(source: &Path, tree: &Path, series: Option<(&Series, &Path)>) -> Result<()> {
    let _ = std::fs::remove_dir_all(tree);
    if let Some(parent) = tree.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let status = Command::new("cp").arg("-a").arg(source).arg(tree).status().context("cannot run cp")?;
    if !status.success() {
        bail!("cp -a {} {} failed", source.display(), tree.display());
    }
    let Some((series, patches)) = series else { return Ok(()) };
    for patch in series.patch_files() {
        run_logged(
            Command::new("patch")
                .args(["-p1", "--forward", "--batch", "-i"])
                .arg(patches.join(patch))
                .current_dir(tree),
            &tree.join(format!("e2e-patch-{}.log", &patch[..4])),
            &format!("patch -p1 < {patch}"),
        )?;
    }
    Ok(())
}

/// An upstream (CMake) tree: copied to `dir/src`, built in `dir/build` with `-DCHECK_SYMBOLS=ON
/// -DENABLE_WERROR=ON`, so the build fails unless check-symbols passes.
pub fn build_cmake_tree(
    source: &Path,
    dir: &Path,
    series: Option<(&Series, &Path)>,
    compiler: &TreeCompiler,
) -> Result<Tree> {
    let (src, build) = (dir.join("src"), dir.join("build"));
    std::fs::create_dir_all(dir)?;
    patched_copy(source, &src, series)?;
    let name = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let [mut configure, mut compile] =
        upstream::build_commands(&src, &build, &compiler.clang, &compiler.triple, &compiler.cmake_settings)?;
    let configure_time = run_logged(&mut configure, &dir.join("e2e-cmake.log"), &format!("{name} wasi-libc cmake"))?;
    let build_time = run_logged(
        &mut compile,
        &dir.join("e2e-build.log"),
        &format!("{name} wasi-libc build for {} with check-symbols", compiler.triple),
    )?;
    Ok(Tree {
        dir: dir.to_path_buf(),
        layout: Layout::CMake,
        sysroot: build.join("sysroot"),
        build_time: configure_time + build_time,
        check_symbols_diff: String::new(),
    })
}

/// A Debian (Makefile) tree built in place with `make libc`, then its `check-symbols` step, whose difference
/// from the expected lists is kept for comparison.
fn build_makefile_tree(
    source: &Path,
    dir: &Path,
    series: Option<(&Series, &Path)>,
    toolchain: &Toolchain,
) -> Result<Tree> {
    patched_copy(source, dir, series)?;
    let name = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
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
    Ok(Tree {
        dir: dir.to_path_buf(),
        layout: Layout::Makefile,
        sysroot: dir.join("sysroot"),
        build_time,
        check_symbols_diff: normalise_diff(&text, dir),
    })
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

/// Rebuild the series' libraries with `cflags` added to wasi-libc's own, as the series' README tells a builder to
/// override a default (`make EXTRA_CFLAGS=...`, or `cmake -DCMAKE_C_FLAGS=...`): `label` says why in errors,
/// `log_name` names the log. wasi-libc's own libraries stay as built.
pub fn rebuild_with_cflags(
    tree: &Tree,
    series: &Series,
    toolchain: &Toolchain,
    cflags: &str,
    label: &str,
    log_name: &str,
) -> Result<()> {
    let what = format!("rebuilding the emulation libraries for {label}");
    let log = tree.dir.join(format!("e2e-rebuild-{log_name}.log"));
    let libraries = series.library_names();
    match tree.layout {
        Layout::Makefile => rebuild_makefile_libraries(tree, &libraries, toolchain, cflags, &log, &what),
        Layout::CMake => {
            let cmake = upstream::cmake()?;
            let build = tree.dir.join("build");
            run_logged(
                Command::new(&cmake).arg(format!("-DCMAKE_C_FLAGS={cflags}")).arg(&build),
                &log.with_extension("configure.log"),
                &what,
            )?;
            // `sysroot_lib` names the target that copies each library into the sysroot `sysroot-<target>`.
            let targets = libraries.iter().map(|name| format!("sysroot-{name}-static"));
            run_logged(
                Command::new(&cmake).arg("--build").arg(&build).arg("-j2").arg("--target").args(targets),
                &log,
                &what,
            )?;
            Ok(())
        }
    }
}

/// `make EXTRA_CFLAGS=...` of the series' archives, their objects and archives removed first.
fn rebuild_makefile_libraries(
    tree: &Tree,
    libraries: &[String],
    toolchain: &Toolchain,
    cflags: &str,
    log: &Path,
    what: &str,
) -> Result<()> {
    for dir in std::fs::read_dir(tree.dir.join("build/libc-bottom-half"))? {
        let dir = dir?.path();
        if dir.file_name().is_some_and(|n| n.to_string_lossy().starts_with("wasi-emulated")) {
            std::fs::remove_dir_all(&dir)?;
        }
    }
    let lib_dir = tree.sysroot.join("lib").join(&toolchain.triple);
    let libs: Vec<String> =
        libraries.iter().map(|name| lib_dir.join(format!("lib{name}.a")).display().to_string()).collect();
    for lib in &libs {
        std::fs::remove_file(lib)?;
    }
    run_logged(
        make(toolchain)
            .arg("-j2")
            .arg(format!("EXTRA_CFLAGS=-O2 -DNDEBUG {cflags}"))
            .args(&libs)
            .current_dir(&tree.dir),
        log,
        what,
    )?;
    Ok(())
}

fn sanitize(name: &str) -> String {
    Path::new(name).file_stem().unwrap_or_default().to_string_lossy().into_owned()
}

/// Compile a C file against the patched sysroot with the series' flags (and wasi-libc's setjmp flags where it
/// has libsetjmp): no overlay involved.
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
    let sysroot_toolchain = Toolchain { sysroot: tree.sysroot.clone(), ..toolchain.clone() };
    // setjmp/longjmp are wasi-libc's own opt-in, not the series': the flags its libsetjmp documents, as a
    // program using them passes them (the overlay's wrapper passes the same).
    let (setjmp_compile, setjmp_link) =
        sysroot_toolchain.setjmp_flags().map_or((vec![], None), |(c, l)| (c.to_vec(), Some(l)));
    Command::new(&toolchain.clang)
        .args(sysroot_toolchain.target_flags())
        .args(setjmp_compile)
        .args(series.all_cflags())
        .arg("-I")
        .arg(include)
        .args(["-Wall", "-Werror"])
        .arg(source)
        .arg("-o")
        .arg(output)
        .args(series.all_ldflags())
        .args(setjmp_link)
        .output()
        .with_context(|| format!("cannot run {}", toolchain.clang.display()))
}

/// The wasi-libc tree a series is proven on.
pub enum Source {
    /// Upstream main (CMake): a directory or a `git archive` tarball, by default the snapshot beside the project.
    Upstream(PathBuf),
    /// Debian bookworm's 2022 tree (Makefile), fetched as a Debian source package.
    Bookworm,
}

impl Source {
    /// The Debian base whose guests run on this tree: upstream main's newest Debian release is trixie.
    pub fn guest_base(&self) -> toolchain::BaseRelease {
        match self {
            Source::Upstream(_) => toolchain::BaseRelease::Trixie,
            Source::Bookworm => toolchain::BaseRelease::Bookworm,
        }
    }

    /// The tree, and the toolchain the series is planned over and the overlay built over: upstream's own pristine
    /// wasm32-wasip1 build, or Debian's bookworm wasi-libc package.
    pub fn prepare(&self) -> Result<(PathBuf, Toolchain)> {
        test_support::provision_test_tools();
        match self {
            Source::Upstream(src) => {
                let tree = upstream::source_tree(src)?;
                let toolchain = upstream::pristine_toolchain(&tree, &wasi_shim::patches::base_commit(&tree)?)?;
                Ok((tree, toolchain))
            }
            Source::Bookworm => {
                let source = test_support::fetch_upstream_source("wasi-libc", "bookworm")?;
                Ok((
                    source,
                    toolchain::discover_or_provision(
                        toolchain::BaseRelease::Bookworm,
                        wasi_shim::target::Target::Wasip1,
                    )?,
                ))
            }
        }
    }
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
    let output = test_support::guests::run_configured(runner, module, config, workdir)?;
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
