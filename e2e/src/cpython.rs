//! CPython 3.13: Debian's python3.13 source (or a given tree), a cached native build Python, and
//! the stock and overlay wasm builds, laid out as CPython's own Tools/wasm/wasi.py lays them out
//! (build directories inside the checkout, configured through a relative path, the checkout given
//! to the guest as `/`), so python.wasm finds its standard library.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use anyhow::{bail, Context, Result};

use super::flavoured::{Compiler, Recipe};
use super::{make_executable, run_logged, Flavour, Invocation, TestFile};
use wasi_shim::toolchain::{self, cache_dir, BaseRelease, Toolchain};

/// One regrtest batch: its test files' results, and its summary lines.
type BatchResult = (BTreeMap<String, TestFile>, Vec<String>);

/// The regrtest files of the issue's baseline: the modules and calls wasi-shim changes.
pub const REGRTEST_FILES: &[&str] = &[
    "test_os",
    "test_posix",
    "test_pwd",
    "test_signal",
    "test_getpass",
    "test_shutil",
    "test_tempfile",
    "test_pathlib",
    "test_grp",
    "test_resource",
    "test_fcntl",
    "test_time",
    "test_stat",
];

/// CPython's HOSTRUNNER asks wasmtime for this much wasm stack; deep recursion tests need it.
const MAX_WASM_STACK: usize = 8 << 20;

pub struct Cpython {
    /// The pristine source tree.
    pub source: PathBuf,
    /// `3.13.5`.
    pub version: String,
    /// A copy of the source in which both wasm builds live, as `stock/` and `overlay/`.
    pub checkout: PathBuf,
    pub native_python: PathBuf,
    pub toolchain: Toolchain,
    /// The `wasi-shim` binary, used as HOSTRUNNER.
    pub runner: PathBuf,
}

/// One wasm build of the checkout.
pub struct Build {
    pub flavour: Flavour,
    pub dir: PathBuf,
    pub python_wasm: PathBuf,
    /// `python.sh`: the HOSTRUNNER line with python.wasm, as wasi.py writes it.
    pub launcher: PathBuf,
    /// Configure plus make when this run built it; None when the cached build was current.
    pub build_time: Option<Duration>,
}

fn py_version(source: &Path) -> Result<String> {
    let header = source.join("Include/patchlevel.h");
    let text = std::fs::read_to_string(&header)
        .with_context(|| format!("{} is not a CPython tree: no {}", source.display(), header.display()))?;
    text.lines()
        .find_map(|l| l.strip_prefix("#define PY_VERSION").map(|v| v.trim().trim_matches('"').to_owned()))
        .with_context(|| format!("no PY_VERSION in {}", header.display()))
}

/// A native CPython of the source's version (configure insists on one for cross builds), built
/// once and cached under the wasi-shim cache directory, keyed by version.
pub fn native_python(source: &Path, version: &str) -> Result<PathBuf> {
    let build = cache_dir().join(format!("cpython-native-{version}"));
    let python = build.join("python");
    if python.is_file() {
        return Ok(python);
    }
    let staging = build.with_extension("partial");
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging)?;
    run_logged(
        Command::new(source.join("configure")).current_dir(&staging),
        &staging.join("configure.log"),
        "native CPython configure",
    )?;
    run_logged(
        Command::new("make").args(["-j2", "python"]).current_dir(&staging),
        &staging.join("make.log"),
        "native CPython make (about 2.5 minutes)",
    )?;
    let _ = std::fs::remove_dir_all(&build);
    std::fs::rename(&staging, &build)?;
    Ok(python)
}

impl Cpython {
    /// Obtain the source (Debian's python3.13 unless `src` is given), the native build Python and
    /// the toolchain, and copy the source to `work` unless the copy there is already of it.
    pub fn prepare(src: Option<&Path>, work: &Path, runner: &Path) -> Result<Cpython> {
        let source = match src {
            Some(dir) => std::path::absolute(dir)?,
            None => test_support::fetch_upstream_source("python3.13", "trixie")?,
        };
        let version = py_version(&source)?;
        let toolchain = toolchain::discover_or_provision(BaseRelease::Trixie, wasi_shim::target::Target::Wasip1)?;
        let native_python = native_python(&source, &version)?;
        let stamp = work.join(".wasi-shim-source");
        let key = format!("{} {version}\n", source.display());
        if std::fs::read_to_string(&stamp).ok().as_deref() != Some(key.as_str()) {
            let _ = std::fs::remove_dir_all(work);
            std::fs::create_dir_all(work)?;
            crate::copy_tree(&source, work)?;
            std::fs::write(&stamp, &key)?;
        }
        Ok(Cpython {
            source,
            version,
            checkout: std::path::absolute(work)?,
            native_python,
            toolchain,
            runner: runner.to_path_buf(),
        })
    }

    fn lib_dir(&self) -> String {
        let mut parts = self.version.split('.');
        format!("lib.wasi-wasm32-{}.{}", parts.next().unwrap_or("3"), parts.next().unwrap_or("13"))
    }

    /// How a flavour's python.wasm runs: the checkout as `/`, argv[0] python.wasm's path there (CPython finds its
    /// standard library from it) and the 8 MiB wasm stack CPython's own WASI recipe asks for.
    pub fn invocation(&self, flavour: Flavour) -> Invocation {
        Invocation {
            dirs: vec![(self.checkout.display().to_string(), "/".to_owned())],
            env: vec![("PYTHONPATH".to_owned(), format!("/{}/build/{}", flavour.name(), self.lib_dir()))],
            argv0: Some(format!("/{}/python.wasm", flavour.name())),
            max_wasm_stack: Some(MAX_WASM_STACK),
        }
    }

    /// wasmtime's spelling, which CPython's configure expects of a HOSTRUNNER, with wasi-shim in its place.
    pub fn host_runner(&self, flavour: Flavour) -> String {
        format!("{} run {}", self.runner.display(), self.invocation(flavour).wasmtime_flags().join(" "))
    }
}

impl Recipe for Cpython {
    type Build = Build;
    const ARTIFACT: &'static str = "python.wasm";

    fn tree(&self) -> &Path {
        &self.checkout
    }

    fn version(&self) -> &str {
        &self.version
    }

    fn toolchain(&self) -> &Toolchain {
        &self.toolchain
    }

    /// CPython's own recipe in an empty `dir`: configure for wasm32-wasip1 (stock with CPython's config.site, the
    /// overlay with its own and its Setup.local), then make.
    fn configure_and_make(&self, flavour: Flavour, compiler: &Compiler, dir: &Path) -> Result<Duration> {
        let config_site = match &compiler.overlay {
            None => self.checkout.join("Tools/wasm/config.site-wasm32-wasi"),
            Some(overlay) => overlay.join("share/cpython/config.site"),
        };
        std::fs::create_dir_all(dir.join("Modules"))?;
        if let Some(overlay) = &compiler.overlay {
            let setup = overlay.join("share/cpython/Setup.local");
            std::fs::copy(&setup, dir.join("Modules/Setup.local"))
                .with_context(|| format!("cannot copy {}", setup.display()))?;
        }
        let guess = Command::new(self.checkout.join("config.guess")).output().context("cannot run config.guess")?;
        let build_triple = String::from_utf8_lossy(&guess.stdout).trim().to_owned();
        let configure_time = run_logged(
            Command::new("../configure")
                .arg("--host=wasm32-wasip1")
                .arg(format!("--build={build_triple}"))
                .arg(format!("--with-build-python={}", self.native_python.display()))
                .arg(format!("CC={}", compiler.cc.display()))
                .arg(format!("AR={}", self.toolchain.ar.display()))
                .arg(format!("RANLIB={}", self.toolchain.ranlib.display()))
                .env("CONFIG_SITE", &config_site)
                .env("HOSTRUNNER", self.host_runner(flavour))
                // wasi.py's setting: the build machine's .pc files must not reach a wasm32 build.
                .env("PKG_CONFIG_LIBDIR", self.checkout.join("no-pkgconfig"))
                .current_dir(dir),
            &dir.join("e2e-configure.log"),
            &format!("{} CPython configure", flavour.name()),
        )?;
        let make_time = run_logged(
            Command::new("make").args(["-j2", "all"]).current_dir(dir),
            &dir.join("e2e-make.log"),
            &format!("{} CPython make (about 2.5 minutes)", flavour.name()),
        )?;
        Ok(configure_time + make_time)
    }

    fn finish(&self, flavour: Flavour, dir: PathBuf, build_time: Option<Duration>) -> Result<Build> {
        let python_wasm = dir.join(Self::ARTIFACT);
        let launcher = dir.join("python.sh");
        std::fs::write(
            &launcher,
            format!("#!/bin/sh\nexec {} {} \"$@\"\n", self.host_runner(flavour), python_wasm.display()),
        )?;
        make_executable(&launcher)?;
        Ok(Build { flavour, dir, python_wasm, launcher, build_time })
    }
}

impl Build {
    /// The launcher with `args`, as a command.
    pub fn command<I: IntoIterator<Item = S>, S: AsRef<std::ffi::OsStr>>(&self, args: I) -> Command {
        super::launcher_command(&self.launcher, args)
    }

    /// Run `python.sh -c CODE`.
    pub fn run_code(&self, code: &str) -> Result<Output> {
        self.command(["-c", code]).output().with_context(|| format!("cannot run {}", self.launcher.display()))
    }

    /// The modules compiled into python.wasm (every WASI build is static).
    pub fn builtin_modules(&self) -> Result<BTreeSet<String>> {
        let output = self.run_code("import sys; print(*sorted(sys.builtin_module_names))")?;
        if !output.status.success() {
            bail!("{} cannot list its modules: {}", self.launcher.display(), String::from_utf8_lossy(&output.stderr));
        }
        Ok(String::from_utf8_lossy(&output.stdout).split_whitespace().map(str::to_owned).collect())
    }

    /// Functions this build's configure answered "no" for.
    pub fn configure_no(&self) -> Result<BTreeSet<String>> {
        super::configure_no(&self.dir)
    }

    /// Every regrtest file name, as `--list-tests` prints them.
    pub fn list_tests(&self) -> Result<Vec<String>> {
        let output = self.command(["-m", "test", "--list-tests"]).output()?;
        if !output.status.success() {
            bail!(
                "{} -m test --list-tests failed: {}",
                self.launcher.display(),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        Ok(String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter(|l| l.starts_with("test_"))
            .map(str::to_owned)
            .collect())
    }

    /// Run regrtest on `files` (every test file when empty) and read per-file results from its
    /// JUnit XML. A WASI build has no subprocess workers, so files run in-process, in batches: a
    /// batch whose XML never appears (regrtest's JUnit writer fails after test_xml_etree re-imports
    /// ElementTree) is run again one file at a time.
    pub fn regrtest(&self, files: &[String]) -> Result<Regrtest> {
        let files = if files.is_empty() { self.list_tests()? } else { files.to_vec() };
        let log = self.dir.join("regrtest.log");
        std::fs::write(&log, "")?;
        eprintln!("e2e: {} regrtest on {} files (log: {})", self.flavour.name(), files.len(), log.display());
        let mut results = BTreeMap::new();
        let mut summary = Vec::new();
        for batch in files.chunks(REGRTEST_BATCH) {
            match self.regrtest_batch(batch, &log)? {
                Some((batch_results, batch_summary)) => {
                    results.extend(batch_results);
                    summary = batch_summary;
                }
                None => {
                    for file in batch {
                        if let Some((file_results, _)) = self.regrtest_batch(std::slice::from_ref(file), &log)? {
                            results.extend(file_results);
                        }
                    }
                    summary.clear();
                }
            }
        }
        for file in &files {
            results.entry(file.clone()).or_insert_with(|| TestFile {
                not_run: Some("no result: see the regrtest log".into()),
                ..TestFile::default()
            });
        }
        // regrtest's own totals describe the whole run only when it ran as one batch.
        if files.len() > REGRTEST_BATCH {
            summary.clear();
        }
        Ok(Regrtest { files: results, summary, log })
    }

    /// One regrtest process over `files`, its output appended to `log`; None when it wrote no XML.
    fn regrtest_batch(&self, files: &[String], log: &Path) -> Result<Option<BatchResult>> {
        use std::io::Write as _;
        let xml = self.dir.join("regrtest.xml");
        let _ = std::fs::remove_file(&xml);
        let guest_xml = format!("/{}/regrtest.xml", self.flavour.name());
        let output = self.command(["-m", "test", "--junit-xml", &guest_xml]).args(files).output()?;
        let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        std::fs::OpenOptions::new().append(true).open(log)?.write_all(text.as_bytes())?;
        let Ok(xml_text) = std::fs::read_to_string(&xml) else {
            return Ok(None);
        };
        let mut results = parse_junit(&xml_text)?;
        for line in text.lines() {
            if let Some((before, reason)) = line.split_once(" skipped -- ") {
                if let Some(file) = before.split_whitespace().last() {
                    results.entry(file.to_owned()).or_default().not_run = Some(format!("skipped: {reason}"));
                }
            }
        }
        let summary = text
            .lines()
            .filter(|l| l.starts_with("Total tests:") || l.starts_with("Total test files:") || l.starts_with("Result:"))
            .map(str::to_owned)
            .collect();
        Ok(Some((results, summary)))
    }
}

/// Test files per regrtest process in a full run: few enough that one lost JUnit file costs little.
const REGRTEST_BATCH: usize = 40;

pub struct Regrtest {
    pub files: BTreeMap<String, TestFile>,
    /// regrtest's own closing lines ("Total tests: run=… skipped=…").
    pub summary: Vec<String>,
    pub log: PathBuf,
}

/// Per-file results from regrtest's JUnit XML: test ids are `test.<file>.<class>.<method>`.
pub fn parse_junit(text: &str) -> Result<BTreeMap<String, TestFile>> {
    let doc = roxmltree::Document::parse(text).context("regrtest's JUnit XML does not parse")?;
    let mut files: BTreeMap<String, TestFile> = BTreeMap::new();
    for case in doc.descendants().filter(|n| n.has_tag_name("testcase")) {
        let name = case.attribute("name").unwrap_or_default().to_owned();
        // Doctests are named after the object they document, not `test.<file>.…`: one row for them all.
        let file = match name.strip_prefix("test.") {
            Some(rest) => rest.split('.').next().unwrap_or("unknown").to_owned(),
            None => "(doctests)".to_owned(),
        };
        let entry = files.entry(file).or_default();
        if case.children().any(|c| c.has_tag_name("skipped")) {
            entry.skipped += 1;
        } else if let Some(problem) = case.children().find(|c| c.has_tag_name("failure") || c.has_tag_name("error")) {
            let message = problem.attribute("message").or(problem.text()).unwrap_or_default();
            let first = message.lines().find(|l| !l.trim().is_empty()).unwrap_or_default().trim().to_owned();
            entry.failed.insert(name, first);
        } else {
            entry.passed.insert(name);
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junit_results_group_by_file() {
        let xml = r#"<testsuites><testsuite>
            <testcase name="test.test_os.FileTests.test_access" status="run"/>
            <testcase name="test.test_os.FileTests.test_chown" status="run"><skipped message="no chown"/></testcase>
            <testcase name="test.test_pathlib.test_pathlib.PathTest.test_home" status="run"><failure message="AssertionError: 1 != 2">trace</failure></testcase>
            <testcase name="Counter" status="run"/>
        </testsuite></testsuites>"#;
        let files = parse_junit(xml).unwrap();
        assert_eq!(files["test_os"].run(), 2);
        assert_eq!(files["test_os"].skipped, 1);
        assert_eq!(
            files["test_pathlib"].failed["test.test_pathlib.test_pathlib.PathTest.test_home"],
            "AssertionError: 1 != 2"
        );
        assert_eq!(files["(doctests)"].run(), 1);
    }
}
