//! Finding (or provisioning) a clang that targets wasm32-wasi and a wasi-libc sysroot to layer over.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::builtins;

pub mod component_ld;
pub use crate::provision::cache_dir;
use crate::provision::{self, run, unpack_beside, which, PrivateApt};
use crate::target::Target;

/// The Debian wasi-libc releases we know how to provision, and the version each ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseRelease {
    /// Debian 13: wasi-libc 0.0~git20241209.574b88d (chmod stubs, wasip1/wasip2 trees).
    Trixie,
    /// Debian 12: wasi-libc 0.0~git20220510.9886d3d.
    Bookworm,
}

impl BaseRelease {
    pub fn parse(name: &str) -> Result<BaseRelease> {
        match name {
            "trixie" => Ok(BaseRelease::Trixie),
            "bookworm" => Ok(BaseRelease::Bookworm),
            other => bail!("unknown base `{other}`: expected `trixie` or `bookworm`"),
        }
    }
    pub fn suite(self) -> &'static str {
        match self {
            BaseRelease::Trixie => "trixie",
            BaseRelease::Bookworm => "bookworm",
        }
    }
    pub fn version(self) -> &'static str {
        match self {
            BaseRelease::Trixie => "0.0~git20241209.574b88d-2",
            BaseRelease::Bookworm => "0.0~git20220510.9886d3d-2",
        }
    }
}

/// The LLVM major version we provision and look for first.
pub const LLVM_MAJOR: u32 = 19;
/// Debian packages that give a wasm32 C compiler.
pub const CLANG_PACKAGES: &[&str] = &["clang-19", "lld-19", "llvm-19", "libclang-rt-19-dev-wasm32"];

#[derive(Debug, Clone)]
pub struct Toolchain {
    pub clang: PathBuf,
    pub clangxx: PathBuf,
    pub ar: PathBuf,
    pub ranlib: PathBuf,
    pub nm: PathBuf,
    /// Directory holding `include/<triple>` and `lib/<triple>`.
    pub sysroot: PathBuf,
    /// The triple directory name under the sysroot (`wasm32-wasi`, `wasm32-wasip1` or `wasm32-wasip2`).
    pub triple: String,
    /// The target programs are built for.
    pub target: Target,
    /// For a component target, `wasm-component-ld` (new enough) and the `wasm-ld` it drives.
    pub component_linker: Option<ComponentLinker>,
    /// How this toolchain was found, for `wasi-shim toolchain`.
    pub found_by: String,
    /// A resource directory holding clang's builtins where a link for `triple` looks (see `builtins`), when
    /// clang's own lacks them there.
    pub resource_dir: Option<PathBuf>,
}

impl Toolchain {
    pub fn sysroot_lib(&self) -> PathBuf {
        self.sysroot.join("lib").join(&self.triple)
    }
    pub fn sysroot_include(&self) -> PathBuf {
        self.sysroot.join("include").join(&self.triple)
    }
    /// wasi-libc's setjmp/longjmp when the sysroot has it (libsetjmp, built on exception handling): the flags
    /// each compile needs, and the library each link needs.
    pub fn setjmp_flags(&self) -> Option<([&'static str; 2], &'static str)> {
        self.sysroot_lib().join("libsetjmp.a").is_file().then_some((["-mllvm", "-wasm-enable-sjlj"], "-lsetjmp"))
    }
    /// Flags every compile and link needs to target this sysroot.
    pub fn target_flags(&self) -> Vec<String> {
        let mut flags = vec![format!("--target={}", self.triple), format!("--sysroot={}", self.sysroot.display())];
        flags.extend(self.resource_dir.iter().map(|d| format!("-resource-dir={}", d.display())));
        flags
    }
    /// Flags a link needs besides [`Toolchain::target_flags`]: for a component, the component linker and its
    /// `wasm-ld` (clang would look for `wasm-component-ld` on PATH, and it for an unversioned `wasm-ld`).
    pub fn link_flags(&self) -> Vec<String> {
        self.component_linker.iter().flat_map(ComponentLinker::clang_flags).collect()
    }
}

/// The linker of a component target: clang runs `wasm-component-ld`, which runs `wasm-ld` and then turns the core
/// module into a component (with the preview 1 adapter where the module still imports preview 1).
#[derive(Debug, Clone)]
pub struct ComponentLinker {
    pub wasm_component_ld: PathBuf,
    pub wasm_ld: PathBuf,
}

impl ComponentLinker {
    /// clang runs the `wasm-component-ld` its program path holds (it ignores `--ld-path` for a component target),
    /// so `-B` puts the chosen one's directory first.
    fn clang_flags(&self) -> Vec<String> {
        let dir = self.wasm_component_ld.parent().unwrap_or(Path::new("."));
        vec![format!("-B{}", dir.display()), format!("-Wl,--wasm-ld-path={}", self.wasm_ld.display())]
    }
}

/// The sysroot a provisioned release unpacks to.
pub fn provisioned_sysroot(release: BaseRelease) -> PathBuf {
    cache_dir().join(format!("wasi-libc-{}", release.version())).join("usr")
}

fn sysroot_triple(sysroot: &Path, target: Target) -> Option<String> {
    target
        .sysroot_triples()
        .iter()
        .find(|t| {
            sysroot.join("lib").join(t).join("libc.a").is_file()
                && sysroot.join("include").join(t).join("stdio.h").is_file()
        })
        .map(|t| (*t).to_owned())
}

/// The error for a sysroot that lacks `target`'s tree.
fn lacks_target(what: &str, sysroot: &Path, target: Target) -> anyhow::Error {
    anyhow::anyhow!(
        "{what}={} has no {target} tree: no libc.a under lib/<triple> with stdio.h under include/<triple> for {}",
        sysroot.display(),
        target.sysroot_triples().join(" or ")
    )
}

/// clang, clang++, llvm-ar, llvm-ranlib and llvm-nm.
pub type LlvmTools = (PathBuf, PathBuf, PathBuf, PathBuf, PathBuf);

/// A clang plus its LLVM tools from PATH, preferring the versioned names Debian installs.
fn system_llvm() -> Option<LlvmTools> {
    [format!("-{LLVM_MAJOR}"), String::new()].iter().find_map(|suffix| llvm_named(suffix))
}

/// Debian's LLVM `major` from PATH (`clang-22` …), when its wasm32 builtins are installed.
pub fn llvm_version(major: u32) -> Option<LlvmTools> {
    llvm_named(&format!("-{major}"))
}

fn llvm_named(suffix: &str) -> Option<LlvmTools> {
    let tools: Vec<Option<PathBuf>> = ["clang", "clang++", "llvm-ar", "llvm-ranlib", "llvm-nm"]
        .iter()
        .map(|t| which(&format!("{t}{suffix}")))
        .collect();
    match tools.as_slice() {
        [Some(clang), Some(clangxx), Some(ar), Some(ranlib), Some(nm)] if clang_has_wasm32_builtins(clang) => {
            Some((clang.clone(), clangxx.clone(), ar.clone(), ranlib.clone(), nm.clone()))
        }
        _ => None,
    }
}

/// Debian's clang links wasm only with `libclang-rt-*-dev-wasm32`, which puts the builtins here.
fn clang_has_wasm32_builtins(clang: &Path) -> bool {
    Command::new(clang)
        .args(["--target=wasm32-wasi", "-print-libgcc-file-name"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()).is_file())
        .unwrap_or(false)
}

/// Find a toolchain for `target` without installing anything; `None` when provisioning is needed.
pub fn discover(release: BaseRelease, target: Target) -> Result<Option<Toolchain>> {
    if let Some(sdk) = std::env::var_os("WASI_SDK_PATH").filter(|s| !s.is_empty()) {
        let sdk = PathBuf::from(sdk);
        let sysroot = sdk.join("share/wasi-sysroot");
        let triple = sysroot_triple(&sysroot, target)
            .ok_or_else(|| lacks_target("WASI_SDK_PATH's share/wasi-sysroot", &sdk, target))
            .context("unset WASI_SDK_PATH or point it at a wasi-sdk")?;
        let bin = sdk.join("bin");
        let clang = bin.join("clang");
        return Ok(Some(Toolchain {
            component_linker: component_linker(&clang, target, false)?,
            clang,
            clangxx: bin.join("clang++"),
            ar: bin.join("llvm-ar"),
            ranlib: bin.join("llvm-ranlib"),
            nm: bin.join("llvm-nm"),
            sysroot,
            triple,
            target,
            found_by: format!("WASI_SDK_PATH={}", sdk.display()),
            resource_dir: None,
        }));
    }
    let llvm = system_llvm();
    if let Some(sysroot) = std::env::var_os("WASI_SYSROOT").filter(|s| !s.is_empty()) {
        let sysroot = PathBuf::from(sysroot);
        let triple = sysroot_triple(&sysroot, target).ok_or_else(|| lacks_target("WASI_SYSROOT", &sysroot, target))?;
        let Some(tools) = llvm else {
            bail!("WASI_SYSROOT is set but no clang with wasm32 builtins is on PATH; install one with:\n  apt-get install -y {}", CLANG_PACKAGES.join(" "));
        };
        let found_by = format!("WASI_SYSROOT={} and clang from PATH", sysroot.display());
        return assemble(tools, sysroot, triple, target, found_by, false).map(Some);
    }
    let sysroot = provisioned_sysroot(release);
    match (sysroot_triple(&sysroot, target), llvm) {
        (Some(triple), Some(tools)) => {
            let found_by = format!(
                "wasi-libc {} ({}) provisioned in {} and {} from PATH",
                release.version(),
                release.suite(),
                sysroot.display(),
                tools.0.display()
            );
            assemble(tools, sysroot, triple, target, found_by, false).map(Some)
        }
        _ => Ok(None),
    }
}

/// A toolchain of `tools` over `sysroot`; a component linker is provisioned only when `provision` says so
/// (discovery alone installs nothing).
fn assemble(
    (clang, clangxx, ar, ranlib, nm): LlvmTools,
    sysroot: PathBuf,
    triple: String,
    target: Target,
    found_by: String,
    provision: bool,
) -> Result<Toolchain> {
    Ok(Toolchain {
        resource_dir: builtins::resource_dir(&clang, &triple)?,
        component_linker: component_linker(&clang, target, provision)?,
        clang,
        clangxx,
        ar,
        ranlib,
        nm,
        sysroot,
        triple,
        target,
        found_by,
    })
}

/// The component linker `clang` uses for `target`, when `target` makes components: `None` for a core-module
/// target, and an error when a component target finds none and may not provision one.
fn component_linker(clang: &Path, target: Target, provision: bool) -> Result<Option<ComponentLinker>> {
    if !target.is_component() {
        return Ok(None);
    }
    let wasm_ld = builtins::clang_prints(clang, &["-print-prog-name=wasm-ld"])
        .filter(|p| p.is_file())
        .with_context(|| format!("{} has no wasm-ld (install lld for it)", clang.display()))?;
    let wasm_component_ld = match (component_ld::find(clang)?, provision) {
        (Some(found), _) => found,
        (None, true) => component_ld::provision(clang)?,
        (None, false) => return Ok(None),
    };
    Ok(Some(ComponentLinker { wasm_component_ld, wasm_ld }))
}

/// clang, clang++, llvm-ar, llvm-ranlib and llvm-nm from PATH, installed with apt (as root) when missing.
pub fn provisioned_llvm() -> Result<LlvmTools> {
    if system_llvm().is_none() {
        provision::ensure_packages("no clang with wasm32 support found", CLANG_PACKAGES)?;
    }
    system_llvm().context("clang was installed but is still not found")
}

/// The system clang (installed with apt as root when missing) over an existing `sysroot`, such as one
/// built from an upstream wasi-libc tree.
pub fn over_sysroot(sysroot: PathBuf, target: Target, found_by: String) -> Result<Toolchain> {
    over_sysroot_with(provisioned_llvm()?, sysroot, target, found_by)
}

/// `tools` over an existing `sysroot`: a tree that needs a newer clang than the system's (upstream main's
/// wasm32-wasip2, clang 22).
pub fn over_sysroot_with(tools: LlvmTools, sysroot: PathBuf, target: Target, found_by: String) -> Result<Toolchain> {
    let triple = sysroot_triple(&sysroot, target).ok_or_else(|| lacks_target("the sysroot", &sysroot, target))?;
    assemble(tools, sysroot, triple, target, found_by, true)
}

/// Find a toolchain for `target`, installing clang with apt (as root), fetching Debian's wasi-libc into the cache
/// and, for a component target, `wasm-component-ld`, if needed.
pub fn discover_or_provision(release: BaseRelease, target: Target) -> Result<Toolchain> {
    let mut toolchain = match discover(release, target)? {
        Some(found) => found,
        None => {
            let provisioning =
                crate::progress::step("Provisioned", format!("Debian {}'s wasi-libc for {target}", release.suite()));
            let found = provision_base(release, target)?;
            provisioning.finish();
            found
        }
    };
    if target.is_component() && toolchain.component_linker.is_none() {
        toolchain.component_linker = component_linker(&toolchain.clang, target, true)?;
    }
    Ok(toolchain)
}

/// clang and Debian's wasi-libc for `release`, installed or fetched into the cache.
fn provision_base(release: BaseRelease, target: Target) -> Result<Toolchain> {
    if system_llvm().is_none() {
        let what = "no clang with wasm32 support found (or set WASI_SDK_PATH to a wasi-sdk)";
        provision::ensure_packages(what, CLANG_PACKAGES)?;
    }
    provision::locked(&format!("wasi-libc-{}", release.suite()), || {
        if sysroot_triple(&provisioned_sysroot(release), Target::Wasip1).is_none() {
            fetch_wasi_libc(release)?;
        }
        Ok(())
    })?;
    if sysroot_triple(&provisioned_sysroot(release), target).is_none() {
        bail!("Debian {}'s wasi-libc {} has no {target} tree: use --base trixie", release.suite(), release.version());
    }
    discover(release, target)?.context("provisioning finished but the toolchain is still incomplete")
}

/// Download Debian's wasi-libc .deb with a private apt configuration and unpack it into the cache.
///
/// Nothing is installed system-wide and apt's own configuration and state are not touched.
pub fn fetch_wasi_libc(release: BaseRelease) -> Result<PathBuf> {
    let apt = PrivateApt::new(
        &format!("apt-{}", release.suite()),
        &format!(
            "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian {} main",
            release.suite()
        ),
    )?;
    let debs = apt.dir.join("debs");
    std::fs::create_dir_all(&debs).with_context(|| format!("cannot create {}", debs.display()))?;
    run(&mut apt.apt_get(&["update"]))?;
    run(apt.apt_get(&["download", &format!("wasi-libc={}", release.version())]).current_dir(&debs))?;
    let deb = std::fs::read_dir(&debs)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "deb") && p.to_string_lossy().contains("wasi-libc"))
        .context("apt-get download produced no wasi-libc .deb")?;
    let target = provisioned_sysroot(release);
    let root = target.parent().expect("provisioned sysroot has a parent");
    unpack_beside(root, |staging| run(Command::new("dpkg").arg("-x").arg(&deb).arg(staging)))?;
    Ok(target)
}

/// A human-readable account of the toolchain, for `wasi-shim toolchain`.
pub fn describe(t: &Toolchain) -> String {
    format!(
        "found by:  {}\nclang:     {}\nclang++:   {}\nar:        {}\nranlib:    {}\nnm:        {}\nsysroot:   {}\ntriple:    {}\n{}",
        t.found_by,
        t.clang.display(),
        t.clangxx.display(),
        t.ar.display(),
        t.ranlib.display(),
        t.nm.display(),
        t.sysroot.display(),
        t.triple,
        t.component_linker.as_ref().map_or(String::new(), |l| format!(
            "linker:    {} (over {})\n",
            l.wasm_component_ld.display(),
            l.wasm_ld.display()
        )) + &t.resource_dir.as_ref().map_or(String::new(), |d| format!("builtins:  {} (-resource-dir)\n", d.display()))
    )
}

/// binaryen release fetched from the npm registry when no wasm-opt new enough is on PATH.
pub const BINARYEN_NPM_VERSION: &str = "132.0.0";
/// The first binaryen whose wasm-opt has `--translate-to-exnref`.
pub const BINARYEN_MIN_VERSION: u32 = 119;

fn wasm_opt_version(wasm_opt: &Path) -> Option<u32> {
    let output = Command::new(wasm_opt).arg("--version").output().ok()?;
    // "wasm-opt version 132 (version_132)"
    String::from_utf8_lossy(&output.stdout).split_whitespace().nth(2)?.parse().ok()
}

/// A wasm-opt that can translate legacy exception handling (what clang 19 emits for setjmp/longjmp)
/// to the standard exnref form wasmtime runs: `WASM_OPT`, then PATH, then the cache, then npm.
pub fn wasm_opt() -> Result<PathBuf> {
    let candidates = std::env::var_os("WASM_OPT")
        .map(PathBuf::from)
        .into_iter()
        .chain(which("wasm-opt"))
        .chain(std::iter::once(npm_wasm_opt()));
    for candidate in candidates {
        if candidate.is_file() && wasm_opt_version(&candidate).is_some_and(|v| v >= BINARYEN_MIN_VERSION) {
            return Ok(candidate);
        }
    }
    if which("npm").is_none() {
        let what = format!("running a program that uses setjmp/longjmp (binaryen's wasm-opt {BINARYEN_MIN_VERSION} or newer, from npm; or set WASM_OPT)");
        provision::ensure_packages(&what, &["nodejs", "npm"])?;
    }
    let installed = npm_wasm_opt();
    provision::locked(&format!("binaryen-{BINARYEN_NPM_VERSION}"), || {
        if installed.is_file() {
            return Ok(());
        }
        let prefix = cache_dir().join(format!("binaryen-{BINARYEN_NPM_VERSION}"));
        std::fs::create_dir_all(&prefix).with_context(|| format!("cannot create {}", prefix.display()))?;
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--silent", "--prefix"])
            .arg(&prefix)
            .arg(format!("binaryen@{BINARYEN_NPM_VERSION}")))
    })?;
    if !installed.is_file() {
        bail!("npm installed binaryen but {} is missing", installed.display());
    }
    Ok(installed)
}

fn npm_wasm_opt() -> PathBuf {
    cache_dir().join(format!("binaryen-{BINARYEN_NPM_VERSION}")).join("node_modules/.bin/wasm-opt")
}
