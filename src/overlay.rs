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
use crate::shims::Shims;
use crate::toolchain::Toolchain;

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
    pub clang: String,
    /// Opt-in base libraries the wrappers link after ours.
    pub superseded_libraries: Vec<String>,
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
    let catalog = &shims.catalog;
    let base = BaseSymbols::scan(toolchain)?;
    let plans = plan_links(catalog, policy, &base);
    let superseded = superseded_libraries(&plans, &base);

    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let name = out.file_name().context("--out needs a final path component")?.to_string_lossy().into_owned();
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.staging-"))
        .tempdir_in(&parent)
        .with_context(|| format!("cannot create a staging directory in {}", parent.display()))?;
    let work =
        tempfile::Builder::new().prefix("wasi-shim-build-").tempdir().context("cannot create a build directory")?;

    write_headers(shims, staging.path())?;
    let archive = compile_library(shims, policy, toolchain, &plans, staging.path(), work.path())?;
    verify_archive(catalog, toolchain, &plans, &archive)?;
    write_wrappers(toolchain, &plans, &superseded, staging.path())?;
    write_share(shims, policy, toolchain, &plans, &superseded, staging.path(), out)?;
    write_manifest(policy, toolchain, &plans, &superseded, staging.path())?;

    install(staging, out)?;
    Ok(BuildReport { out: out.to_path_buf(), plans, superseded_libraries: superseded })
}

fn write(path: &Path, text: &str) -> Result<()> {
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
    build
        .compiler(&toolchain.clang)
        .archiver(&toolchain.ar)
        .target("wasm32-wasip1")
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

/// The flags a link through the wrappers appends after the user's arguments.
pub fn link_flags(plans: &[LinkPlan], superseded: &[String]) -> Vec<String> {
    let mut flags = Vec::new();
    let wraps: Vec<&str> = plans.iter().filter(|p| p.link == Link::Wrap).map(|p| p.function.as_str()).collect();
    if !wraps.is_empty() {
        flags.push(format!("-Wl,{}", wraps.iter().map(|w| format!("--wrap={w}")).collect::<Vec<_>>().join(",")));
    }
    flags.push("-lwasi-shim".into());
    flags.extend(superseded.iter().map(|l| format!("-l{l}")));
    flags
}

fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

fn write_wrappers(toolchain: &Toolchain, plans: &[LinkPlan], superseded: &[String], root: &Path) -> Result<()> {
    let bin = root.join("bin");
    let target: Vec<String> = toolchain.target_flags().iter().map(|f| sh_quote(f)).collect();
    // setjmp/longjmp: wasi-libc's libsetjmp works on exception handling, which clang enables per compile.
    let sjlj = toolchain.sysroot_lib().join("libsetjmp.a").is_file();
    // Only where something is compiled: on a link of objects alone clang warns that it went unused.
    let sjlj_flags = if sjlj { "-mllvm -wasm-enable-sjlj" } else { "" };
    let link = link_flags(plans, superseded).iter().map(|f| sh_quote(f)).collect::<Vec<_>>().join(" ");
    let sjlj_link = if sjlj { "-lsetjmp" } else { "" };
    let drop_cases = if superseded.is_empty() {
        String::from("__wasi_shim_none__")
    } else {
        superseded.iter().map(|l| format!("-l{l}")).collect::<Vec<_>>().join("|")
    };
    for (name, compiler) in [("wasm32-wasi-clang", &toolchain.clang), ("wasm32-wasi-clang++", &toolchain.clangxx)] {
        let script = format!(
            r#"#!/bin/sh
# {GENERATED_MARKER}
# {name}: {compiler} for wasm32-wasi over the base sysroot plus this overlay; takes clang's arguments.
overlay=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
link=1
compiles=
for arg in "$@"; do
  case "$arg" in
    -c|-S|-E|-M|-MM|-fsyntax-only|--version|-dumpversion|-dumpmachine|-print-*|--print-*) link=0 ;;
  esac
  case "$arg" in
    *.c|*.cc|*.cpp|*.cxx|*.c++|*.C|*.i|*.ii|-x|-) compiles="{sjlj_flags}" ;;
  esac
done
# A program with its own setjmp (Ruby's asyncify-based wasm/setjmp.c) must not get wasi-libc's.
if [ "${{WASI_SHIM_SJLJ:-1}}" = 0 ]; then compiles=; sjlj_link=; else sjlj_link="{sjlj_link}"; fi
[ $# -eq 0 ] && link=0
# Opt-in base libraries whose members ours replace must come after our archive: drop the user's copy.
count=$#
while [ "$count" -gt 0 ]; do
  arg=$1; shift; count=$((count - 1))
  case "$arg" in
    {drop_cases}) ;;
    *) set -- "$@" "$arg" ;;
  esac
done
if [ $link -eq 1 ]; then
  # Our archive first as well: wasm-ld takes the first archive that offers a symbol, so a program's
  # own weak fallbacks in an archive of its own (Ruby's wasm/missing.c) do not shadow the policy's.
  exec {compiler} {target} $compiles -isystem "$overlay/include" -L"$overlay/lib/{triple}" -lwasi-shim "$@" {link} $sjlj_link
else
  exec {compiler} {target} $compiles -isystem "$overlay/include" "$@"
fi
"#,
            compiler = sh_quote(&compiler.to_string_lossy()),
            target = target.join(" "),
            triple = toolchain.triple,
        );
        write_executable(&bin.join(name), &script)?;
    }
    for (name, tool) in [
        ("wasm32-wasi-ar", &toolchain.ar),
        ("wasm32-wasi-ranlib", &toolchain.ranlib),
        ("wasm32-wasi-nm", &toolchain.nm),
    ] {
        let script = format!("#!/bin/sh\n# {GENERATED_MARKER}\nexec {} \"$@\"\n", sh_quote(&tool.to_string_lossy()));
        write_executable(&bin.join(name), &script)?;
    }
    Ok(())
}

fn write_executable(path: &Path, text: &str) -> Result<()> {
    write(path, text)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
            .with_context(|| format!("cannot chmod {}", path.display()))?;
    }
    Ok(())
}

/// `root` is the staging directory; `out` is where it will be renamed to, which config.site names.
fn write_share(
    shims: &Shims,
    policy: &Policy,
    toolchain: &Toolchain,
    plans: &[LinkPlan],
    superseded: &[String],
    root: &Path,
    out: &Path,
) -> Result<()> {
    let out = std::path::absolute(out).with_context(|| format!("cannot resolve {}", out.display()))?;
    let generic = codegen::config_site(policy, &out);
    write(&root.join("share/config.site"), &generic)?;
    for recipe in &shims.recipes {
        write(&root.join("share").join(&recipe.name).join("config.site"), &recipe.config_site(policy, &generic))?;
        if !recipe.modules.is_empty() {
            write(&root.join("share").join(&recipe.name).join("Setup.local"), &recipe.setup_local(policy))?;
        }
    }
    let link = link_flags(plans, superseded).join(" ");
    let cmake = format!(
        r#"# {GENERATED_MARKER}
# CMake toolchain file: cmake -DCMAKE_TOOLCHAIN_FILE=<overlay>/share/wasi-shim.cmake
get_filename_component(WASI_SHIM_OVERLAY "${{CMAKE_CURRENT_LIST_DIR}}/.." ABSOLUTE)
set(CMAKE_SYSTEM_NAME WASI)
set(CMAKE_SYSTEM_VERSION 1)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
set(CMAKE_C_COMPILER "${{WASI_SHIM_OVERLAY}}/bin/wasm32-wasi-clang")
set(CMAKE_CXX_COMPILER "${{WASI_SHIM_OVERLAY}}/bin/wasm32-wasi-clang++")
set(CMAKE_AR "${{WASI_SHIM_OVERLAY}}/bin/wasm32-wasi-ar" CACHE FILEPATH "archiver")
set(CMAKE_RANLIB "${{WASI_SHIM_OVERLAY}}/bin/wasm32-wasi-ranlib" CACHE FILEPATH "ranlib")
set(CMAKE_C_COMPILER_TARGET {triple})
set(CMAKE_CXX_COMPILER_TARGET {triple})
set(CMAKE_SYSROOT "{sysroot}")
set(CMAKE_EXECUTABLE_SUFFIX ".wasm")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
# the wrappers add these; listed for projects that bypass them: {link}
"#,
        triple = toolchain.triple,
        sysroot = toolchain.sysroot.display(),
    );
    write(&root.join("share/wasi-shim.cmake"), &cmake)
}

fn write_manifest(
    policy: &Policy,
    toolchain: &Toolchain,
    plans: &[LinkPlan],
    superseded: &[String],
    root: &Path,
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
            clang: toolchain.clang.display().to_string(),
            superseded_libraries: superseded.to_vec(),
        },
        symbols,
    };
    let text = toml::to_string_pretty(&manifest).context("cannot serialise the manifest")?;
    write(&root.join("manifest.toml"), &format!("# {GENERATED_MARKER}\n{text}"))
}

/// Move the finished staging directory to `out`, replacing what was there only once everything is written.
fn install(staging: tempfile::TempDir, out: &Path) -> Result<()> {
    let staged = staging.keep();
    if out.exists() {
        let old = out.with_file_name(format!(
            ".{}.old-{}",
            out.file_name().unwrap_or_default().to_string_lossy(),
            std::process::id()
        ));
        std::fs::rename(out, &old)
            .with_context(|| format!("cannot move the previous overlay {} aside", out.display()))?;
        if let Err(e) = std::fs::rename(&staged, out) {
            let _ = std::fs::rename(&old, out);
            let _ = std::fs::remove_dir_all(&staged);
            return Err(e).with_context(|| format!("cannot move the new overlay into {}", out.display()));
        }
        std::fs::remove_dir_all(&old)
            .with_context(|| format!("cannot remove the previous overlay at {}", old.display()))?;
    } else {
        std::fs::rename(&staged, out).with_context(|| format!("cannot move the new overlay into {}", out.display()))?;
    }
    Ok(())
}

/// Read an overlay's manifest.
pub fn read_manifest(overlay: &Path) -> Result<Manifest> {
    let path = overlay.join("manifest.toml");
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
