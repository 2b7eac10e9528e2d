//! Ruby 3.3: Debian's ruby3.3 source (or a given tree), a cached native baseruby, and the stock and
//! overlay wasm builds (out of tree, under `target/e2e/ruby/{stock,overlay}`), run from their build
//! trees with the source and build directories preopened, since `make install` would fetch gems.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use anyhow::{bail, Context, Result};

mod output;

pub use output::{parse_bootstraptest, parse_test_unit, RUN_ENDED};

use super::flavoured::{Compiler, Recipe};
use super::{make_executable, run_logged, Flavour, Invocation, TestFile};
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
        let toolchain = toolchain::discover_or_provision(base, wasi_shim::target::Target::Wasip1)?;
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

    /// How the Ruby built in `dir` runs: the source tree as `/src` and the build tree as `/build`, with the
    /// library path over both (no `make install`, which would download gems).
    pub fn invocation(&self, dir: &Path) -> Invocation {
        let dirs = vec![
            (self.source.display().to_string(), "/src".to_owned()),
            (dir.display().to_string(), "/build".to_owned()),
        ];
        let rubylib = "/src/lib:/build/.ext/common:/build/.ext/wasm32-wasi:/build".to_owned();
        Invocation { dirs, env: vec![("RUBYLIB".to_owned(), rubylib)], ..Invocation::default() }
    }
}

impl Recipe for Ruby {
    type Build = Build;
    const ARTIFACT: &'static str = "ruby";

    fn tree(&self) -> &Path {
        &self.work
    }

    fn version(&self) -> &str {
        &self.version
    }

    fn toolchain(&self) -> &Toolchain {
        &self.toolchain
    }

    /// Ruby's WASI recipe in an empty `dir`: configure (the overlay with its config.site), then make, which ends
    /// with wasm-opt's asyncify pass.
    fn configure_and_make(&self, flavour: Flavour, compiler: &Compiler, dir: &Path) -> Result<Duration> {
        let ruby_wasm = dir.join("ruby");
        let wasm_opt = toolchain::wasm_opt()?;
        let mut configure = Command::new(self.source.join("configure"));
        configure
            .args(CONFIGURE_ARGS)
            .arg(format!("--with-baseruby={}", self.baseruby.display()))
            .arg(format!("CC={}", compiler.cc.display()))
            .arg(format!("AR={}", self.toolchain.ar.display()))
            .arg(format!("RANLIB={}", self.toolchain.ranlib.display()))
            .arg(format!("WASMOPT={}", wasm_opt.display()))
            // Ruby's configure insists on the variable; CC above names the compiler.
            .env("WASI_SDK_PATH", "/nonexistent")
            // Ruby brings its own asyncify setjmp: the overlay must not add wasi-libc's.
            .env("WASI_SHIM_SJLJ", "0")
            .env("PKG_CONFIG_LIBDIR", self.work.join("no-pkgconfig"))
            .current_dir(dir);
        if let Some(overlay) = &compiler.overlay {
            configure.env("CONFIG_SITE", overlay.join("share/config.site"));
        }
        let configure_time =
            run_logged(&mut configure, &dir.join("e2e-configure.log"), &format!("{} Ruby configure", flavour.name()))?;
        let make_time = run_logged(
            Command::new("make").arg("-j2").env("WASI_SHIM_SJLJ", "0").current_dir(dir),
            &dir.join("e2e-make.log"),
            &format!("{} Ruby make (about 8 minutes, most of it wasm-opt --asyncify)", flavour.name()),
        )?;
        if !ruby_wasm.is_file() {
            bail!("{} Ruby make produced no {}", flavour.name(), ruby_wasm.display());
        }
        Ok(configure_time + make_time)
    }

    fn finish(&self, flavour: Flavour, dir: PathBuf, build_time: Option<Duration>) -> Result<Build> {
        let ruby_wasm = dir.join(Self::ARTIFACT);
        let launcher = dir.join("ruby.sh");
        // The caller's directory is `/` too, so scripts and test files given by relative path are found.
        std::fs::write(
            &launcher,
            format!(
                "#!/bin/sh\nexec {} run --dir \"$PWD::/\" {} {} \"$@\"\n",
                self.runner.display(),
                self.invocation(&dir).wasmtime_flags().join(" "),
                ruby_wasm.display(),
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
