//! Ruby 3.3: Debian's ruby3.3 source (or a given tree), a cached native baseruby, and the stock and
//! overlay wasm builds (out of tree, under `target/e2e/ruby/{stock,overlay}`), run from their build
//! trees with the source and build directories preopened, since `make install` would fetch gems.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use anyhow::{bail, Context, Result};

use super::{content_hash, make_executable, run_logged, write_stock_cc, Flavour};
use crate::policy::Policy;
use crate::shims::Shims;
use crate::toolchain::{self, cache_dir, BaseRelease, Toolchain};

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
    /// `ruby.sh`: `wasi-shim run` with the trees preopened and RUBYLIB set, then ruby.
    pub launcher: PathBuf,
    pub build_time: Option<Duration>,
}

fn ruby_version(source: &Path) -> Result<String> {
    let header = source.join("include/ruby/version.h");
    let text = std::fs::read_to_string(&header).with_context(|| format!("{} is not a Ruby tree: no {}", source.display(), header.display()))?;
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("#define {name} ")).map(|v| v.trim().to_owned()))
            .with_context(|| format!("no {name} in {}", header.display()))
    };
    let teeny = std::fs::read_to_string(source.join("version.h"))
        .ok()
        .and_then(|t| t.lines().find_map(|l| l.strip_prefix("#define RUBY_VERSION_TEENY ").map(|v| v.trim().to_owned())))
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
        Command::new(source.join("configure")).arg(format!("--prefix={}", prefix.display())).arg("--disable-install-doc").current_dir(&build),
        &build.join("configure.log"),
        "native Ruby configure",
    )?;
    run_logged(Command::new("make").arg("-j2").current_dir(&build), &build.join("make.log"), "native Ruby make (about 3 minutes)")?;
    run_logged(Command::new("make").arg("install-nodoc").current_dir(&build), &build.join("install.log"), "native Ruby install")?;
    std::fs::write(&done, "")?;
    let _ = std::fs::remove_dir_all(&build);
    Ok(ruby)
}

impl Ruby {
    /// Obtain the source (Debian's ruby3.3 unless `src` is given), the baseruby and the toolchain.
    pub fn prepare(src: Option<&Path>, work: &Path, runner: &Path) -> Result<Ruby> {
        let source = match src {
            Some(dir) => std::path::absolute(dir)?,
            None => toolchain::fetch_upstream_source("ruby3.3", "trixie")?,
        };
        let version = ruby_version(&source)?;
        let toolchain = toolchain::discover_or_provision(BaseRelease::Trixie)?;
        let baseruby = native_ruby(&source, &version)?;
        std::fs::create_dir_all(work)?;
        Ok(Ruby { source, version, work: std::path::absolute(work)?, baseruby, toolchain, runner: runner.to_path_buf() })
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
                crate::overlay::build(shims, policy, &self.toolchain, &overlay)?;
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
            let configure_time = run_logged(&mut configure, &dir.join("e2e-configure.log"), &format!("{} Ruby configure", flavour.name()))?;
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
                "#!/bin/sh\nexec {} run --dir {src}::/src --dir {build}::/build --env RUBYLIB=/src/lib:/build/.ext/common:/build/.ext/wasm32-wasi:/build {build}/ruby \"$@\"\n",
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
        self.command(["--disable-gems", "-e", code]).output().with_context(|| format!("cannot run {}", self.launcher.display()))
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
