//! Ruby 3.3: Debian's ruby3.3 source (or a given tree), a cached native baseruby, and the stock and
//! overlay wasm builds (out of tree, under `target/e2e/ruby/{stock,overlay}`), run from their build
//! trees with the source and build directories preopened, since `make install` would fetch gems.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use anyhow::{bail, Context, Result};

use super::{content_hash, make_executable, run_logged, write_stock_cc, Flavour, TestFile};
use wasi_shim::policy::Policy;
use wasi_shim::shims::Shims;
use wasi_shim::toolchain::{self, cache_dir, BaseRelease, Toolchain};

/// Configure arguments both flavours share: Ruby's wasm/README.md recipe, plus the extensions
/// that cannot build for WASI (pty forks; debug, racc and rbs are bundled gems that link as shared
/// objects; socket needs sendto/recvfrom, which preview 1 lacks).
pub const CONFIGURE_ARGS: &[&str] = &[
    "--host=wasm32-unknown-wasi",
    "--with-static-linked-ext",
    "--disable-install-doc",
    "--with-out-ext=+,pty,debug*,racc*,rbs*,socket",
    "LDFLAGS=-Xlinker -zstack-size=16777216",
];

pub struct Ruby {
    pub source: PathBuf,
    /// `3.3.8`.
    pub version: String,
    pub work: PathBuf,
    pub baseruby: PathBuf,
    pub toolchain: Toolchain,
    pub runner: PathBuf,
}

pub struct Build {
    pub flavour: Flavour,
    pub dir: PathBuf,
    pub ruby_wasm: PathBuf,
    /// `ruby.sh`: `wasi-shim run` with the current directory as `/` (as `wasmtime --dir .` would
    /// give it: Ruby's bootstrap tests pass scripts by relative path), the trees preopened and
    /// RUBYLIB set, then ruby.
    pub launcher: PathBuf,
    pub build_time: Option<Duration>,
}

fn ruby_version(source: &Path) -> Result<String> {
    let header = source.join("include/ruby/version.h");
    let text = std::fs::read_to_string(&header)
        .with_context(|| format!("{} is not a Ruby tree: no {}", source.display(), header.display()))?;
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("#define {name} ")).map(|v| v.trim().to_owned()))
            .with_context(|| format!("no {name} in {}", header.display()))
    };
    let teeny = std::fs::read_to_string(source.join("version.h"))
        .ok()
        .and_then(|t| {
            t.lines().find_map(|l| l.strip_prefix("#define RUBY_VERSION_TEENY ").map(|v| v.trim().to_owned()))
        })
        .unwrap_or_else(|| "0".into());
    Ok(format!("{}.{}.{teeny}", field("RUBY_API_VERSION_MAJOR")?, field("RUBY_API_VERSION_MINOR")?))
}

/// A native Ruby of the source's version (Ruby's cross build insists on one as baseruby), built
/// once and installed under the wasi-shim cache directory, keyed by version.
pub fn native_ruby(source: &Path, version: &str) -> Result<PathBuf> {
    let prefix = cache_dir().join(format!("ruby-native-{version}"));
    let ruby = prefix.join("bin/ruby");
    let done = prefix.join(".wasi-shim-complete");
    if done.is_file() && ruby.is_file() {
        return Ok(ruby);
    }
    let build = cache_dir().join(format!("ruby-native-{version}.build"));
    let _ = std::fs::remove_dir_all(&build);
    let _ = std::fs::remove_dir_all(&prefix);
    std::fs::create_dir_all(&build)?;
    run_logged(
        Command::new(source.join("configure"))
            .arg(format!("--prefix={}", prefix.display()))
            .arg("--disable-install-doc")
            .current_dir(&build),
        &build.join("configure.log"),
        "native Ruby configure",
    )?;
    run_logged(
        Command::new("make").arg("-j2").current_dir(&build),
        &build.join("make.log"),
        "native Ruby make (about 3 minutes)",
    )?;
    run_logged(
        Command::new("make").arg("install-nodoc").current_dir(&build),
        &build.join("install.log"),
        "native Ruby install",
    )?;
    std::fs::write(&done, "")?;
    let _ = std::fs::remove_dir_all(&build);
    Ok(ruby)
}

impl Ruby {
    /// Obtain the source (Debian's ruby3.3 unless `src` is given), the baseruby and the toolchain
    /// over `base`'s wasi-libc.
    pub fn prepare(src: Option<&Path>, base: BaseRelease, work: &Path, runner: &Path) -> Result<Ruby> {
        let source = match src {
            Some(dir) => std::path::absolute(dir)?,
            None => test_support::fetch_upstream_source("ruby3.3", "trixie")?,
        };
        let version = ruby_version(&source)?;
        let toolchain = toolchain::discover_or_provision(base)?;
        let baseruby = native_ruby(&source, &version)?;
        std::fs::create_dir_all(work)?;
        Ok(Ruby {
            source,
            version,
            work: std::path::absolute(work)?,
            baseruby,
            toolchain,
            runner: runner.to_path_buf(),
        })
    }

    pub fn overlay_dir(&self) -> PathBuf {
        self.work.join("wasi-shim-overlay")
    }

    /// Configure and make one flavour, unless the build there was made from the same inputs.
    pub fn build(&self, flavour: Flavour, shims: &Shims, policy: &Policy) -> Result<Build> {
        let dir = self.work.join(flavour.name());
        let (cc, config_site, key_inputs) = match flavour {
            Flavour::Stock => {
                let cc = self.work.join("stock-cc");
                write_stock_cc(&self.toolchain, &cc)?;
                (cc.clone(), None, content_hash(&[&cc])?)
            }
            Flavour::Overlay => {
                let overlay = self.overlay_dir();
                wasi_shim::overlay::build(shims, policy, &self.toolchain, &overlay)?;
                let key = content_hash(&[&overlay.join("include"), &overlay.join("lib"), &overlay.join("share")])?;
                (overlay.join("bin/wasm32-wasi-clang"), Some(overlay.join("share/config.site")), key)
            }
        };
        let key = format!("{} {} {} {key_inputs}\n", self.version, flavour.name(), self.toolchain.sysroot.display());
        let stamp = dir.join(".wasi-shim-build");
        let ruby_wasm = dir.join("ruby");
        let mut build_time = None;
        if !super::build_is_current(&ruby_wasm, &stamp, &key) {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir)?;
            let wasm_opt = toolchain::wasm_opt()?;
            let mut configure = Command::new(self.source.join("configure"));
            configure
                .args(CONFIGURE_ARGS)
                .arg(format!("--with-baseruby={}", self.baseruby.display()))
                .arg(format!("CC={}", cc.display()))
                .arg(format!("AR={}", self.toolchain.ar.display()))
                .arg(format!("RANLIB={}", self.toolchain.ranlib.display()))
                .arg(format!("WASMOPT={}", wasm_opt.display()))
                // Ruby's configure insists on the variable; CC above names the compiler.
                .env("WASI_SDK_PATH", "/nonexistent")
                // Ruby brings its own asyncify setjmp: the overlay must not add wasi-libc's.
                .env("WASI_SHIM_SJLJ", "0")
                .env("PKG_CONFIG_LIBDIR", self.work.join("no-pkgconfig"))
                .current_dir(&dir);
            if let Some(site) = &config_site {
                configure.env("CONFIG_SITE", site);
            }
            let configure_time = run_logged(
                &mut configure,
                &dir.join("e2e-configure.log"),
                &format!("{} Ruby configure", flavour.name()),
            )?;
            let make_time = run_logged(
                Command::new("make").arg("-j2").env("WASI_SHIM_SJLJ", "0").current_dir(&dir),
                &dir.join("e2e-make.log"),
                &format!("{} Ruby make (about 8 minutes, most of it wasm-opt --asyncify)", flavour.name()),
            )?;
            if !ruby_wasm.is_file() {
                bail!("{} Ruby make produced no {}", flavour.name(), ruby_wasm.display());
            }
            std::fs::write(&stamp, &key)?;
            build_time = Some(configure_time + make_time);
        }
        let launcher = dir.join("ruby.sh");
        std::fs::write(
            &launcher,
            format!(
                "#!/bin/sh\nexec {} run --dir \"$PWD::/\" --dir {src}::/src --dir {build}::/build --env RUBYLIB=/src/lib:/build/.ext/common:/build/.ext/wasm32-wasi:/build {build}/ruby \"$@\"\n",
                self.runner.display(),
                src = self.source.display(),
                build = dir.display(),
            ),
        )?;
        make_executable(&launcher)?;
        Ok(Build { flavour, dir, ruby_wasm, launcher, build_time })
    }
}

impl Build {
    /// The launcher with `args`, as a command.
    pub fn command<I: IntoIterator<Item = S>, S: AsRef<std::ffi::OsStr>>(&self, args: I) -> Command {
        super::launcher_command(&self.launcher, args)
    }

    /// `ruby.sh --disable-gems -e CODE` (RubyGems would look for installed gem specifications).
    pub fn run_code(&self, code: &str) -> Result<Output> {
        self.command(["--disable-gems", "-e", code])
            .output()
            .with_context(|| format!("cannot run {}", self.launcher.display()))
    }

    /// Functions this build's configure answered "no" for.
    pub fn configure_no(&self) -> Result<BTreeSet<String>> {
        super::configure_no(&self.dir)
    }

    /// Extensions linked into ruby: every `ext/**/<name>.a` the build made.
    pub fn extensions(&self) -> Result<BTreeSet<String>> {
        fn walk(dir: &Path, root: &Path, out: &mut BTreeSet<String>) -> std::io::Result<()> {
            for entry in std::fs::read_dir(dir)? {
                let path = entry?.path();
                if path.is_dir() {
                    walk(&path, root, out)?;
                } else if path.extension().is_some_and(|x| x == "a") {
                    if let Ok(rel) = path.parent().unwrap_or(root).strip_prefix(root) {
                        out.insert(rel.to_string_lossy().into_owned());
                    }
                }
            }
            Ok(())
        }
        let mut out = BTreeSet::new();
        let ext = self.dir.join("ext");
        if ext.is_dir() {
            walk(&ext, &ext, &mut out)?;
        }
        Ok(out)
    }
}

/// Bootstrap test files (`bootstraptest/`) run by default: those that touch the process, I/O,
/// environment, fibers and finalizers, plus a few plain language ones. `--full` runs all of them.
pub const BOOTSTRAP_FILES: &[&str] = &[
    "test_attr.rb",
    "test_autoload.rb",
    "test_env.rb",
    "test_exception.rb",
    "test_fiber.rb",
    "test_finalizer.rb",
    "test_flip.rb",
    "test_fork.rb",
    "test_gc.rb",
    "test_io.rb",
    "test_load.rb",
    "test_marshal.rb",
    "test_objectspace.rb",
    "test_string.rb",
    "test_struct.rb",
];

/// `test/` files run in-process by default: the ones about what the policy answers (ids, users,
/// signals, umask and modes, processes, directories, time). `--full` runs every `test/ruby` file too.
pub const TEST_FILES: &[&str] = &[
    "etc/test_etc.rb",
    "fileutils/test_fileutils.rb",
    "ruby/test_dir.rb",
    "ruby/test_env.rb",
    "ruby/test_fiber.rb",
    "ruby/test_process.rb",
    "ruby/test_signal.rb",
    "ruby/test_time.rb",
    "test_tmpdir.rb",
];

/// How a test that was running when its file's run ended (a trap) is reported.
pub const RUN_ENDED: &str = "the run ended here, later tests never ran";

/// Longest one wasm Ruby may run a `test/` file before `timeout` stops it.
const TEST_FILE_TIMEOUT_SECONDS: u32 = 600;
/// Longest one wasm Ruby may run a single bootstrap assertion (a hung one would otherwise hold
/// up the whole run; the runner reports it as a failure).
const BOOTSTRAP_TIMEOUT_SECONDS: u32 = 120;

impl Build {
    /// A directory for this build's test runs, with a `tmp/` that the launcher shows as `/tmp`.
    fn test_dir(&self, name: &str) -> Result<PathBuf> {
        let dir = self.dir.join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("tmp"))?;
        Ok(dir)
    }

    /// A launcher for test runs: `ruby.sh` under `timeout`, after making sure the current
    /// directory (which `ruby.sh` shows as `/`) has the `tmp/` that Dir.tmpdir looks for.
    fn test_launcher(&self, dir: &Path, timeout_seconds: u32) -> Result<PathBuf> {
        let path = dir.join("ruby-test.sh");
        std::fs::write(
            &path,
            format!(
                "#!/bin/sh\nmkdir -p tmp\nexec timeout -k 5 {timeout_seconds} {} \"$@\"\n",
                self.launcher.display()
            ),
        )?;
        make_executable(&path)?;
        Ok(path)
    }

    /// Ruby's bootstrap tests (`make btest`): the native baseruby drives `bootstraptest/runner.rb`,
    /// which runs each assertion in a fresh wasm Ruby. Results per file, tests named `file:line`.
    pub fn bootstraptest(&self, ruby: &Ruby, files: &[String]) -> Result<BTreeMap<String, TestFile>> {
        let dir = self.test_dir("e2e-btest")?;
        let launcher = self.test_launcher(&dir, BOOTSTRAP_TIMEOUT_SECONDS)?;
        let runner = ruby.source.join("bootstraptest/runner.rb");
        let paths: Vec<PathBuf> = files.iter().map(|f| ruby.source.join("bootstraptest").join(f)).collect();
        let log = dir.join("btest.log");
        let output = Command::new(&ruby.baseruby)
            .arg(&runner)
            .arg(format!("--ruby={} -I/src/lib --disable-gems", launcher.display()))
            .arg(format!("--dir={}", dir.join("work").display()))
            .args(["-v", "--tty=no", "--color=never"])
            .args(&paths)
            .current_dir(&dir)
            .output()
            .with_context(|| format!("cannot run {}", runner.display()))?;
        let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        std::fs::write(&log, &text)?;
        let mut results = parse_bootstraptest(&text);
        for file in files {
            results.entry(file.clone()).or_insert_with(|| TestFile {
                not_run: Some(format!("no result in {}", log.display())),
                ..TestFile::default()
            });
        }
        Ok(results)
    }

    /// `test/` files, each run in-process by Ruby's own test runner (`test/runner.rb`) in one wasm
    /// Ruby. Tests that spawn a second Ruby (assert_separately) fail on any WASI build alike.
    pub fn test_files(&self, files: &[String]) -> Result<BTreeMap<String, TestFile>> {
        let dir = self.test_dir("e2e-test")?;
        let launcher = self.test_launcher(&dir, TEST_FILE_TIMEOUT_SECONDS)?;
        let mut results = BTreeMap::new();
        for file in files {
            let output = Command::new(&launcher)
                // One fixed order for both builds: the runner shuffles tests by seed otherwise.
                .args([
                    "--disable-gems",
                    "/src/test/runner.rb",
                    "-v",
                    "--show-skip",
                    "--tty=no",
                    "--color=never",
                    "--seed=1",
                ])
                .arg(format!("/src/test/{file}"))
                .current_dir(&dir)
                .output()
                .with_context(|| format!("cannot run {}", launcher.display()))?;
            let text =
                format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
            std::fs::write(dir.join(format!("{}.log", file.replace('/', "_"))), &text)?;
            results.insert(file.clone(), parse_test_unit(&text, output.status.code()));
        }
        Ok(results)
    }
}

/// Results of `bootstraptest/runner.rb -v`: a `#ID file:LINE ` line per assertion ending in `.`
/// (passed) or `F`/`E`, and for failures a `stderr output is not empty` block or a `#=>` line.
pub fn parse_bootstraptest(text: &str) -> BTreeMap<String, TestFile> {
    let mut results: BTreeMap<String, TestFile> = BTreeMap::new();
    let mut ids: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut current: Option<(String, String)> = None;
    let mut want_stderr_line = false;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix('#') {
            let mut words = rest.splitn(3, ' ');
            if let (Some(id), Some(place), Some(outcome)) = (words.next(), words.next(), words.next()) {
                if id.chars().all(|c| c.is_ascii_digit()) {
                    if let Some((file, _)) =
                        place.rsplit_once(':').filter(|(_, l)| l.chars().all(|c| c.is_ascii_digit()))
                    {
                        let name = format!("{place} #{id}");
                        let result = results.entry(file.to_owned()).or_default();
                        match outcome.trim_start().chars().next() {
                            Some('.') => {
                                result.passed.insert(name);
                                current = None;
                            }
                            Some('F' | 'E') => {
                                result.failed.insert(name.clone(), String::new());
                                ids.insert(id.to_owned(), (file.to_owned(), name.clone()));
                                current = Some((file.to_owned(), name));
                            }
                            _ => {}
                        }
                        continue;
                    }
                }
            }
        }
        if line.contains("stderr output is not empty") {
            want_stderr_line = true;
            continue;
        }
        if let Some((file, name)) = &current {
            let message = results.get_mut(file).and_then(|r| r.failed.get_mut(name));
            if let Some(message) = message.filter(|m| m.is_empty()) {
                if want_stderr_line && !line.trim().is_empty() {
                    *message = line.trim().to_owned();
                    want_stderr_line = false;
                }
            }
        }
    }
    // The error buffer printed at the end: `#ID file:LINE: …` then the source, then `#=> got (expected …)`.
    let mut pending: Option<&(String, String)> = None;
    for line in text.lines() {
        if let Some(id) = line.strip_prefix('#').and_then(|r| r.split(' ').next()).filter(|id| ids.contains_key(*id)) {
            pending = ids.get(id);
        } else if let (Some((file, name)), Some(got)) = (pending, line.trim_start().strip_prefix("#=> ")) {
            if let Some(message) = results.get_mut(file).and_then(|r| r.failed.get_mut(name)).filter(|m| m.is_empty()) {
                *message = format!("got {}", got.trim_end());
            }
            pending = None;
        }
    }
    results
}

/// Results of `test/runner.rb -v --show-skip`: `[ n/N] Class#test = 0.00 s` per test started, then
/// numbered `Failure:`/`Error:`/`Skipped:` blocks naming `Class#test` and what it reported.
pub fn parse_test_unit(text: &str, exit: Option<i32>) -> TestFile {
    let mut started = BTreeSet::new();
    let mut result = TestFile::default();
    let mut lines = text.lines().peekable();
    let mut skipped = BTreeSet::new();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix('[').and_then(|r| r.split_once("] ")).map(|(_, r)| r) {
            if let Some((name, _)) = rest.split_once(" = ") {
                started.insert(name.to_owned());
                continue;
            }
        }
        let kind = trimmed
            .split_once(") ")
            .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty())
            .map(|(_, k)| k);
        if let Some(kind @ ("Failure:" | "Error:" | "Skipped:")) = kind {
            let Some(header) = lines.next() else { break };
            let name = header.split([' ', ':']).next().unwrap_or(header).to_owned();
            let message = lines.peek().map(|l| l.trim().to_owned()).unwrap_or_default();
            if kind == "Skipped:" {
                skipped.insert(name);
            } else {
                result.failed.insert(name, message);
            }
        }
    }
    // No summary line (`N tests, N assertions, …`): the run ended early (a trap), and the test
    // that was running is a failure; the tests after it never ran.
    let finished = text.lines().any(|l| l.contains(" tests, ") && l.contains(" assertions, "));
    let last_started = text
        .lines()
        .rev()
        .find_map(|l| l.trim_start().strip_prefix('[').and_then(|r| r.split_once("] ")).map(|(_, r)| r.to_owned()));
    if !finished {
        if let Some(running) = last_started {
            // The runner's trap message is printed straight after the unfinished test's name.
            let name = running.split("wasi-shim run").next().unwrap_or(&running);
            let name = name.split([' ', '=']).next().unwrap_or(name).to_owned();
            // Ruby's own crash report ("[BUG] try to mark T_NONE object") says more than the trap.
            let why = text
                .lines()
                .find(|l| l.contains("[BUG]"))
                .or_else(|| text.lines().rev().find(|l| l.contains("trapped") || l.contains("wasm trap")))
                .unwrap_or("no summary line")
                .trim()
                .to_owned();
            started.insert(name.clone());
            result.failed.insert(name, format!("{RUN_ENDED}: {why}"));
        }
    }
    result.skipped = skipped.len();
    result.passed = started.into_iter().filter(|t| !result.failed.contains_key(t) && !skipped.contains(t)).collect();
    if result.run() == 0 {
        let why = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("no output").trim().to_owned();
        result.not_run = Some(format!("exit {exit:?}: {why}"));
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bootstraptest_output_gives_passes_and_failures_with_their_cause() {
        let text = "test_io.rb     \n#1 test_io.rb:2 . 1.008\n#4 test_io.rb:45 F 1.010\nstderr output is not empty\n   /src/lib/tmpdir.rb:43:in `tmpdir': could not find a temporary directory (ArgumentError)\n           from x.rb:6:in `<main>'\n#5 test_io.rb:61 F 0.9\ntest_flip.rb   \n#6 test_flip.rb:1 . 1.016\n\nFinished in 2 sec\n\n#5 test_io.rb:61: \n     :ok\n  #=> \"\" (expected \"ok\")  \n";
        let results = parse_bootstraptest(text);
        let io = &results["test_io.rb"];
        assert_eq!(io.passed, BTreeSet::from(["test_io.rb:2 #1".to_owned()]));
        assert_eq!(
            io.failed["test_io.rb:45 #4"],
            "/src/lib/tmpdir.rb:43:in `tmpdir': could not find a temporary directory (ArgumentError)"
        );
        assert_eq!(io.failed["test_io.rb:61 #5"], "got \"\" (expected \"ok\")");
        assert_eq!(results["test_flip.rb"].run(), 1);
    }

    #[test]
    fn test_unit_output_gives_passes_failures_and_skips() {
        let text = "# Running tests:\n\n[1/3] TestEnv#test_a = 0.00 s\n[2/3] TestEnv#test_b = 0.00 s\n[3/3] TestEnv#test_c = 0.01 s\n\n  1) Error:\nTestEnv#test_b:\nErrno::ENOSYS: Function not implemented\n    /src/test/ruby/test_env.rb:1151:in `test_b'\n\n  2) Skipped:\nTestEnv#test_c [/src/test/ruby/test_env.rb:9]:\nno fork\n\n3 tests, 3 assertions, 0 failures, 1 errors, 1 skips\n";
        let result = parse_test_unit(text, Some(1));
        assert_eq!(result.passed, BTreeSet::from(["TestEnv#test_a".to_owned()]));
        assert_eq!(result.failed["TestEnv#test_b"], "Errno::ENOSYS: Function not implemented");
        assert_eq!((result.skipped, result.run()), (1, 3));
        assert!(result.not_run.is_none());
    }

    #[test]
    fn a_run_that_traps_fails_the_running_test() {
        let text = "[1/3] TestA#test_a = 0.00 s\n[2/3] TestA#test_b = 0.01 s\n[3/3] TestA#test_mkdir_pwasi-shim run: /x/ruby trapped: error while executing\n    wasm trap: wasm `unreachable` instruction executed\n";
        let result = parse_test_unit(text, Some(134));
        assert_eq!(result.passed.len(), 2);
        assert!(result.failed["TestA#test_mkdir_p"].starts_with("the run ended here"), "{:?}", result.failed);
    }

    #[test]
    fn a_test_file_that_cannot_load_is_not_run() {
        let result = parse_test_unit(
            "/src/test/ruby/test_file.rb: cannot load such file -- -test-/file\n0 tests, 0 assertions\n",
            Some(1),
        );
        assert_eq!(
            result.not_run.as_deref(),
            Some("exit Some(1): /src/test/ruby/test_file.rb: cannot load such file -- -test-/file")
        );
    }
}
