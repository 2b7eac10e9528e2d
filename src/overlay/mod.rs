//! Building a sysroot overlay: headers, `libwasi-shim.a`, compiler wrappers, config.site and a manifest, atomically.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::base::{plan_links, superseded_libraries, symbol_name, BaseSymbols, Link, LinkPlan};
use crate::catalog::Catalog;
use crate::codegen::{self, GENERATED_MARKER};
use crate::policy::Policy;
use crate::progress;
use crate::shims::Shims;
use crate::toolchain::Toolchain;

mod fresh;
mod install;
mod scripts;
mod sdk;

/// The manifest's file name, at the overlay's root.
pub const MANIFEST: &str = "manifest.toml";

/// Where `wasi-shim build` writes when `--out` is not given (relative to the current directory).
pub const DEFAULT_OUT: &str = "target/wasi-shim/overlay";

/// The archive every wrapped link adds.
pub const LIBRARY: &str = "libwasi-shim.a";

#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub generated: String,
    pub wasi_shim_version: String,
    pub policy: ManifestPolicy,
    pub base: ManifestBase,
    #[serde(rename = "symbol")]
    pub symbols: Vec<ManifestSymbol>,
    /// Every file the build wrote besides the manifest, relative to the overlay: a rebuild replaces the
    /// overlay only when it holds nothing else. Absent in overlays from before the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<String>>,
    /// SHA-256 of everything the build was made from (`fresh::inputs_key`): a build with the same inputs
    /// over an intact overlay does nothing. Absent in overlays from before the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inputs: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ManifestPolicy {
    pub name: String,
    pub sha256: String,
    pub chain: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ManifestBase {
    pub sysroot: String,
    pub triple: String,
    /// The target programs are built for; absent in overlays from before there was a choice (preview 1).
    #[serde(default = "preview_1")]
    pub target: String,
    pub clang: String,
    /// Opt-in base libraries the wrappers link after ours.
    pub superseded_libraries: Vec<String>,
}

fn preview_1() -> String {
    crate::target::Target::Wasip1.name().to_owned()
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ManifestSymbol {
    pub name: String,
    pub area: String,
    pub behaviour: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errno: Option<String>,
    /// `absent`, or `archive:member` where the base defines it.
    pub base: String,
    /// What the base's definition is: `absent`, `real` (in libc.a), `emulation` (an opt-in
    /// libwasi-emulated-*.a) or `stub` (one the catalog knows always fails).
    pub base_kind: String,
    /// `direct`, `wrap` or `unlinked`.
    pub link: String,
    pub why: String,
}

/// What a build did, for the command's report.
#[derive(Debug)]
pub struct BuildReport {
    pub out: PathBuf,
    /// False when `out` already held an intact overlay built from the same inputs (then `plans` is empty).
    pub rebuilt: bool,
    pub plans: Vec<LinkPlan>,
    pub superseded_libraries: Vec<String>,
}

impl BuildReport {
    /// Functions whose base definition ours replaces or wraps.
    pub fn replaced(&self) -> impl Iterator<Item = &LinkPlan> {
        self.plans.iter().filter(|p| p.base.is_some() && p.link != Link::Unlinked)
    }
}

/// Build an overlay for `policy` at `out`. A failure leaves whatever was at `out` untouched.
pub fn build(shims: &Shims, policy: &Policy, toolchain: &Toolchain, out: &Path) -> Result<BuildReport> {
    let inputs = fresh::inputs_key(shims, policy, toolchain, out);
    if fresh::is_current(out, &inputs) {
        return Ok(BuildReport {
            out: out.to_path_buf(),
            rebuilt: false,
            plans: Vec::new(),
            superseded_libraries: Vec::new(),
        });
    }
    let catalog = &shims.catalog;
    let scanning = progress::step("Scanned", format!("the base's archives in {}", toolchain.sysroot_lib().display()));
    let base = BaseSymbols::scan(toolchain)?;
    let plans = plan_links(catalog, policy, &base, toolchain.target);
    let superseded = superseded_libraries(&plans, &base);
    scanning.finish();

    // Before any work: a path the generated scripts cannot name, or contents a build would destroy.
    crate::valid::utf8(out)?;
    install::check_replaceable(out)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let name = out.file_name().context("--out needs a final path component")?.to_string_lossy().into_owned();
    install::remove_stale(&parent, &name);
    let staging = tempfile::Builder::new()
        .prefix(&install::staging_prefix(&name))
        .tempdir_in(&parent)
        .with_context(|| format!("cannot create a staging directory in {}", parent.display()))?;
    let work = tempfile::Builder::new()
        .prefix(&install::work_prefix())
        .tempdir()
        .context("cannot create a build directory")?;

    write_headers(shims, staging.path())?;
    let compiling = progress::step("Compiled", format!("the shims for policy {} ({})", policy.name, toolchain.target));
    let archive = compile_library(shims, policy, toolchain, &plans, staging.path(), work.path())?;
    verify_archive(catalog, toolchain, &plans, &archive)?;
    compiling.finish();
    let writing = progress::step("Wrote", "the wrappers, config.site, the CMake, meson and pkg-config files, sdk/");
    scripts::write_wrappers(toolchain, &plans, &superseded, staging.path())?;
    scripts::write_share(shims, policy, toolchain, &plans, &superseded, staging.path(), out)?;
    sdk::write_view(toolchain, staging.path())?;
    write_manifest(policy, toolchain, &plans, &superseded, staging.path(), &inputs)?;
    writing.finish();

    let installing = progress::step("Installed", format!("the overlay at {}", out.display()));
    install::install(staging, out)?;
    installing.finish();
    Ok(BuildReport { out: out.to_path_buf(), rebuilt: true, plans, superseded_libraries: superseded })
}

pub(crate) fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

fn write_headers(shims: &Shims, root: &Path) -> Result<()> {
    for (header, template) in shims.header_templates() {
        write(
            &root.join("include").join(header),
            &crate::shims::fill_header_template(&shims.catalog, header, template)?,
        )?;
    }
    for (header, text) in shims.static_headers() {
        write(&root.join("include").join(header), text)?;
    }
    Ok(())
}

fn compile_library(
    shims: &Shims,
    policy: &Policy,
    toolchain: &Toolchain,
    plans: &[LinkPlan],
    root: &Path,
    work: &Path,
) -> Result<PathBuf> {
    let src = work.join("src");
    let link_of = |name: &str| plans.iter().find(|p| p.function == name).map_or(Link::Direct, |p| p.link);
    let header = codegen::policy_header(policy, link_of);
    write(&src.join("wasi_shim_policy.h"), &header)?;
    // Kept for inspection: exactly what the archive was compiled against.
    write(&root.join("share/wasi_shim_policy.h"), &header)?;
    for (file, text) in shims.c_headers.iter().chain(&shims.c_sources) {
        write(&src.join(file), text)?;
    }
    let objects_dir = work.join("obj");
    std::fs::create_dir_all(&objects_dir)?;
    let mut build = cc::Build::new();
    // The shims are compiled with the overlay's flags alone: `wasi-shim env`'s CFLAGS_wasm32_wasip1 (another
    // overlay's headers first on the path) is meant for a program's C, and would break them.
    build.set_envs_snapshot(std::env::vars_os().filter(|(name, _)| !name.to_string_lossy().contains("CFLAGS")));
    build
        .compiler(&toolchain.clang)
        .archiver(&toolchain.ar)
        .target(toolchain.target.name())
        .host(env!("WASI_SHIM_HOST"))
        .opt_level(2)
        .debug(false)
        .cargo_metadata(false)
        .cargo_warnings(false)
        .no_default_flags(true)
        .out_dir(&objects_dir)
        .include(&src);
    for flag in toolchain.target_flags() {
        build.flag(flag);
    }
    build.flag("-isystem").flag(root.join("include").to_string_lossy().as_ref());
    build.flag("-O2").flag("-Wall").flag("-Wextra").flag("-Wno-unused-parameter");
    for (file, _) in &shims.c_sources {
        build.file(src.join(file));
    }
    let diagnostics = std::sync::Arc::new(CompilerStderr::default());
    build.message_logger(Some(diagnostics.clone()));
    let objects = build.try_compile_intermediates().map_err(|e| {
        let stderr = diagnostics.0.lock().map(|lines| lines.join("\n")).unwrap_or_default();
        anyhow::anyhow!("compiling the shims failed: {e}\n{stderr}")
    })?;
    // cc names objects `<hash of the temporary path>-<area>.o`; members named `<area>.o` make the
    // archive the same bytes for the same policy, which is what keys cached interpreter builds.
    let members_dir = work.join("members");
    std::fs::create_dir_all(&members_dir)?;
    let mut members = Vec::new();
    for object in &objects {
        let name = object.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let member = members_dir.join(name.split_once('-').map_or(name.as_str(), |(_, area)| area));
        std::fs::copy(object, &member).with_context(|| format!("cannot copy {}", object.display()))?;
        members.push(member);
    }
    members.sort();
    let archive = root.join("lib").join(&toolchain.triple).join(LIBRARY);
    std::fs::create_dir_all(archive.parent().expect("archive has a directory"))?;
    let status = Command::new(&toolchain.ar)
        .arg("rcsD")
        .arg(&archive)
        .args(&members)
        .status()
        .with_context(|| format!("cannot run {}", toolchain.ar.display()))?;
    if !status.success() {
        bail!("{} rcs {} failed with {status}", toolchain.ar.display(), archive.display());
    }
    Ok(archive)
}

/// The external symbols a built archive defines, sorted.
pub fn archive_symbols(toolchain: &Toolchain, archive: &Path) -> Result<BTreeSet<String>> {
    let output = Command::new(&toolchain.nm)
        .args(["--defined-only", "--extern-only", "--format=just-symbols"])
        .arg(archive)
        .output()
        .with_context(|| format!("cannot run {}", toolchain.nm.display()))?;
    if !output.status.success() {
        bail!("{} {} failed: {}", toolchain.nm.display(), archive.display(), String::from_utf8_lossy(&output.stderr));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| !l.is_empty() && !l.ends_with(':'))
        .map(str::to_owned)
        .collect())
}

/// Every catalog function must be defined under the symbol its link plan expects.
fn verify_archive(catalog: &Catalog, toolchain: &Toolchain, plans: &[LinkPlan], archive: &Path) -> Result<()> {
    let defined = archive_symbols(toolchain, archive)?;
    let missing: Vec<String> = plans
        .iter()
        .zip(&catalog.functions)
        .map(|(p, f)| symbol_name(f, p.link))
        .chain(crate::catalog::EXTRA_SYMBOLS.iter().map(|(s, _)| (*s).to_owned()))
        .filter(|s| !defined.contains(s))
        .collect();
    if !missing.is_empty() {
        bail!(
            "{} lacks {} although the catalog lists them ({} functions in all)",
            archive.display(),
            missing.join(", "),
            catalog.functions.len()
        );
    }
    Ok(())
}

/// wasi-libc's functions that first read the runtime's environment, which `shims/src/login_environment.c` wraps.
pub const LOGIN_ENVIRONMENT_WRAPS: [&str; 2] = ["__wasilibc_ensure_environ", "__wasilibc_initialize_environ"];

/// The flags a link through the wrappers appends after the user's arguments.
pub fn link_flags(plans: &[LinkPlan], superseded: &[String]) -> Vec<String> {
    // The shadow stack below the data: an overflow (deep recursion, nested signal handlers) then traps at
    // address 0 instead of silently overwriting .data and .bss.
    let mut flags = vec!["-Wl,--stack-first".to_owned()];
    // The login environment (shims/src/login_environment.c) is filled in where wasi-libc first reads the runtime's.
    flags.push(format!("-Wl,{}", LOGIN_ENVIRONMENT_WRAPS.map(|s| format!("--wrap={s}")).join(",")));
    let wraps: Vec<&str> = plans.iter().filter(|p| p.link == Link::Wrap).map(|p| p.function.as_str()).collect();
    if !wraps.is_empty() {
        flags.push(format!("-Wl,{}", wraps.iter().map(|w| format!("--wrap={w}")).collect::<Vec<_>>().join(",")));
    }
    flags.push("-lwasi-shim".into());
    flags.extend(superseded.iter().map(|l| format!("-l{l}")));
    flags
}

fn write_manifest(
    policy: &Policy,
    toolchain: &Toolchain,
    plans: &[LinkPlan],
    superseded: &[String],
    root: &Path,
    inputs: &str,
) -> Result<()> {
    let symbols = policy
        .choices
        .iter()
        .zip(plans)
        .map(|(choice, plan)| ManifestSymbol {
            name: choice.function.name.clone(),
            area: choice.function.area.clone(),
            behaviour: choice.behaviour.to_string(),
            errno: (choice.behaviour == crate::catalog::Behaviour::Error).then(|| choice.errno.clone()),
            base: plan.base.as_ref().map_or_else(|| "absent".to_owned(), |d| format!("{}:{}", d.archive, d.member)),
            base_kind: match &plan.base {
                None => "absent",
                Some(_) if choice.function.base_stub.is_some() => "stub",
                Some(d) if d.archive == "libc.a" => "real",
                Some(_) => "emulation",
            }
            .to_owned(),
            link: match plan.link {
                Link::Direct => "direct",
                Link::Wrap => "wrap",
                Link::Unlinked => "unlinked",
            }
            .to_owned(),
            why: plan.why.clone(),
        })
        .collect();
    let manifest = Manifest {
        generated: GENERATED_MARKER.to_owned(),
        wasi_shim_version: env!("CARGO_PKG_VERSION").to_owned(),
        policy: ManifestPolicy { name: policy.name.clone(), sha256: policy.hash.clone(), chain: policy.chain.clone() },
        base: ManifestBase {
            sysroot: toolchain.sysroot.display().to_string(),
            triple: toolchain.triple.clone(),
            target: toolchain.target.name().to_owned(),
            clang: toolchain.clang.display().to_string(),
            superseded_libraries: superseded.to_vec(),
        },
        symbols,
        files: Some(written_files(root)?),
        inputs: Some(inputs.to_owned()),
    };
    let text = toml::to_string_pretty(&manifest).context("cannot serialise the manifest")?;
    write(&root.join(MANIFEST), &format!("# {GENERATED_MARKER}\n{text}"))
}

/// The files under the staging directory, relative to it.
fn written_files(root: &Path) -> Result<Vec<String>> {
    let files = crate::files::under(root).with_context(|| format!("cannot list {}", root.display()))?;
    Ok(files.iter().filter_map(|f| f.strip_prefix(root).ok()).map(|f| f.to_string_lossy().into_owned()).collect())
}

/// Read an overlay's manifest.
pub fn read_manifest(overlay: &Path) -> Result<Manifest> {
    let path = overlay.join(MANIFEST);
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("{} does not parse", path.display()))
}

/// The compiler's stderr lines, collected so a failed shim build shows the compiler's own errors.
#[derive(Default)]
struct CompilerStderr(std::sync::Mutex<Vec<String>>);

impl cc::BuildMessageLogger for CompilerStderr {
    fn log(&self, kind: cc::BuildMessageKind, message: cc::BuildMessage<'_>, _extra: &dyn std::any::Any) {
        if matches!(kind, cc::BuildMessageKind::StderrForwarding) {
            if let Ok(mut lines) = self.0.lock() {
                lines.push(message.to_string());
            }
        }
    }
}
