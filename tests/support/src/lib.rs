//! What wasi-shim's tests and the end-to-end harness share: the tools they need, provisioned; one toolchain per
//! base release; overlays built once per policy; the conformance guests, their configuration and their tests.

pub mod guests;
mod provision;
pub mod reuse;
pub mod starter;

pub use guests::GuestConfig;
pub use provision::{
    cargo, fetch_upstream_source, meson, provision_rust_target, provision_test_tools, target_dir, upstream_snapshot,
    wasi_shim_binary, wasip2_compiler, TEST_TOOLS,
};

include!(concat!(env!("OUT_DIR"), "/guest_tests.rs"));

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex, OnceLock};

use wasi_shim::catalog::Catalog;
use wasi_shim::overlay;
use wasi_shim::policy::Policy;
use wasi_shim::target::Target;
use wasi_shim::toolchain::{self, BaseRelease, Toolchain};

pub const RELEASES: [BaseRelease; 2] = [BaseRelease::Trixie, BaseRelease::Bookworm];

/// The workspace root (the wasi-shim checkout).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().nth(2).expect("tests/support is two levels down").to_path_buf()
}

/// Scratch space under target/, kept between runs so failures can be inspected.
pub fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target").join("test-scratch").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The README's text between the lines `open` and `close` (the markers excluded); panics naming them when absent.
pub fn readme_between(open: &str, close: &str) -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md is readable");
    readme
        .split_once(open)
        .and_then(|(_, rest)| rest.split_once(close))
        .map(|(between, _)| between.to_owned())
        .unwrap_or_else(|| panic!("README.md has no text between {open:?} and {close:?}"))
}

/// The preview 1 toolchain for a base release, provisioned on first use (the same path `wasi-shim build` takes).
pub fn toolchain(release: BaseRelease) -> Toolchain {
    toolchain_for(release, Target::Wasip1)
}

/// Where a base release's builds for `target` are kept: `trixie` (preview 1, as before there was a choice) or
/// `trixie-wasm32-wasip2`.
pub fn platform_dir(release: BaseRelease, target: Target) -> String {
    match target {
        Target::Wasip1 => release.suite().to_owned(),
        other => format!("{}-{other}", release.suite()),
    }
}

/// The toolchain for a base release and target, provisioned on first use.
pub fn toolchain_for(release: BaseRelease, target: Target) -> Toolchain {
    static TOOLCHAINS: OnceLock<Mutex<HashMap<String, Toolchain>>> = OnceLock::new();
    let mut map = TOOLCHAINS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    map.entry(platform_dir(release, target))
        .or_insert_with(|| {
            provision_test_tools();
            // Tests always layer over the provisioned Debian trees, whatever the developer's environment says.
            assert!(
                std::env::var_os("WASI_SDK_PATH").is_none() && std::env::var_os("WASI_SYSROOT").is_none(),
                "unset WASI_SDK_PATH and WASI_SYSROOT to run the tests"
            );
            toolchain::discover_or_provision(release, target).expect("toolchain")
        })
        .clone()
}

/// A policy spec as guests name it: a preset, or a file under tests/policies.
pub fn policy_spec(name: &str) -> String {
    GuestConfig { policy: name.to_owned(), ..Default::default() }.policy_spec(&root().join("tests/policies"))
}

/// One overlay's directory and the key of its inputs, filled by the first test that asks for it.
type OverlayCell = Arc<OnceLock<(PathBuf, String)>>;

/// An overlay for `policy` over `release`: built once per test process, and reused from an earlier run when
/// the product code, the policy's texts and the toolchain are unchanged.
pub fn overlay(policy: &str, release: BaseRelease) -> PathBuf {
    overlay_for(policy, release, Target::Wasip1)
}

/// An overlay for `policy` over `release` for `target`, built or reused as [`overlay`] is.
pub fn overlay_for(policy: &str, release: BaseRelease, target: Target) -> PathBuf {
    overlay_keyed(policy, release, target).0
}

/// [`overlay_for`] with its inputs' key, for builds made with it that are reused in turn.
pub fn overlay_keyed(policy: &str, release: BaseRelease, target: Target) -> (PathBuf, String) {
    static OVERLAYS: OnceLock<Mutex<HashMap<(String, String), OverlayCell>>> = OnceLock::new();
    let platform = platform_dir(release, target);
    let cell = OVERLAYS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry((policy.to_owned(), platform.clone()))
        .or_default()
        .clone();
    cell.get_or_init(|| {
        let catalog = Catalog::builtin();
        let loaded = Policy::load(&policy_spec(policy), catalog).unwrap_or_else(|e| panic!("policy {policy}: {e}"));
        let out = scratch(&format!("overlays/{platform}")).join(policy.trim_end_matches(".toml"));
        build_reused_for(&loaded, &out, release, target)
            .unwrap_or_else(|e| panic!("building the {policy} overlay for {target}: {e:#}"))
    })
    .clone()
}

/// A preview 1 overlay for a resolved policy at `out`, built unless `out` holds one built from the same inputs;
/// returns it and its inputs' key.
pub fn build_reused(loaded: &Policy, out: &Path, release: BaseRelease) -> anyhow::Result<(PathBuf, String)> {
    build_reused_for(loaded, out, release, Target::Wasip1)
}

/// [`build_reused`] for `target`.
pub fn build_reused_for(
    loaded: &Policy,
    out: &Path,
    release: BaseRelease,
    target: Target,
) -> anyhow::Result<(PathBuf, String)> {
    build_reused_with(loaded, out, &toolchain_for(release, target))
}

/// An overlay for a resolved policy over any toolchain (upstream main's pristine builds among them) at `out`,
/// built unless `out` holds one built from the same inputs; returns it and its inputs' key.
pub fn build_reused_with(loaded: &Policy, out: &Path, toolchain: &Toolchain) -> anyhow::Result<(PathBuf, String)> {
    let key = reuse::Inputs::default()
        .text("product", reuse::product_fingerprint())
        .text("policy", &loaded.hash)
        .text("toolchain", &format!("{toolchain:?}"))
        .file(&toolchain.sysroot_lib().join("libc.a"))
        .key();
    if !reuse::is_fresh(out, &key) {
        reuse::forget(out);
        overlay::build(&wasi_shim::shims::Shims::builtin(), loaded, toolchain, out)?;
        reuse::mark_built(out, &key);
    }
    Ok((out.to_path_buf(), key))
}

pub fn guest_config(name: &str) -> GuestConfig {
    GuestConfig::read(&root().join("tests/guests").join(format!("{name}.c"))).unwrap_or_else(|e| panic!("{e:#}"))
}

/// Run `cmd`, failing the test with its output when it does not succeed.
pub fn sh(cmd: &mut Command, what: &str) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Compile a C file with the preview 1 overlay's wrapper compiler and no other flags but `extra`.
pub fn compile(overlay: &Path, source: &Path, output: &Path, extra: &[&str]) -> Output {
    compile_for(overlay, Target::Wasip1, source, output, extra)
}

/// Compile a C file with the wrapper compiler of an overlay for `target`.
pub fn compile_for(overlay: &Path, target: Target, source: &Path, output: &Path, extra: &[&str]) -> Output {
    try_compile_for(overlay, target, source, output, extra).unwrap_or_else(|e| panic!("{e:#}"))
}

/// [`compile_for`], with a wrapper that cannot be started as the error (the end-to-end tables record it).
pub fn try_compile_for(
    overlay: &Path,
    target: Target,
    source: &Path,
    output: &Path,
    extra: &[&str],
) -> anyhow::Result<Output> {
    use anyhow::Context as _;
    let dir = output.parent().expect("an output file has a directory");
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let wrapper = target.tool("clang");
    Command::new(overlay.join("bin").join(&wrapper))
        .arg(source)
        .arg("-o")
        .arg(output)
        .args(extra)
        .output()
        .with_context(|| format!("cannot run {wrapper}"))
}

/// Run a module through the `wasi-shim run` command line, with a fresh directory preopened as `.`.
pub fn run_module(module: &Path, env: &[String], args: &[String], workdir: &Path) -> Output {
    let _ = std::fs::remove_dir_all(workdir);
    std::fs::create_dir_all(workdir).unwrap();
    run_module_in(module, env, args, workdir, &[])
}

/// Run a module through `wasi-shim run` with `workdir` (as prepared by the caller) preopened as `.`
/// and each `(host, guest)` of `extra_dirs` preopened too.
pub fn run_module_in(
    module: &Path,
    env: &[String],
    args: &[String],
    workdir: &Path,
    extra_dirs: &[(&Path, &str)],
) -> Output {
    guests::run_command(&wasi_shim_binary(), module, workdir, extra_dirs, env, &[], args)
        .output()
        .expect("cannot run wasi-shim run")
}

/// Compile and run a guest on every base and target it names, asserting its configured exit status and output.
pub fn run_guest(name: &str) {
    let config = guest_config(name);
    for (release, target) in config.platforms() {
        let module = build_guest_for(name, release, target, &config.policy);
        let workdir = scratch(&format!("work/{}/{name}", platform_dir(release, target)));
        let ran =
            guests::run_configured(&wasi_shim_binary(), &module, &config, &workdir).unwrap_or_else(|e| panic!("{e:#}"));
        let stdout = String::from_utf8_lossy(&ran.stdout);
        let stderr = String::from_utf8_lossy(&ran.stderr);
        let context = format!(
            "{name} under policy {} over {} for {target}\n--- stdout\n{stdout}--- stderr\n{stderr}",
            config.policy,
            release.suite()
        );
        if let Some(unmet) = config.unmet(ran.status.code(), &stdout, &stderr) {
            panic!("{unmet}: {context}");
        }
    }
}

/// A guest compiled with its policy's overlay, reused from an earlier run when the overlay, the guest and the
/// headers guests share are unchanged.
pub fn build_guest(name: &str, release: BaseRelease, policy: &str) -> PathBuf {
    build_guest_for(name, release, Target::Wasip1, policy)
}

/// [`build_guest`] for `target`.
pub fn build_guest_for(name: &str, release: BaseRelease, target: Target, policy: &str) -> PathBuf {
    let overlay = overlay_keyed(policy, release, target);
    let modules = scratch(&format!("guests/{}", platform_dir(release, target)));
    build_guest_with(name, &overlay, target, &modules).unwrap_or_else(|e| panic!("{name} ({}): {e:#}", release.suite()))
}

/// A guest compiled into `modules` with an overlay (its directory and inputs' key) for `target`, reused from an
/// earlier run when the overlay, the guest and the headers guests share are unchanged.
pub fn build_guest_with(
    name: &str,
    (overlay, overlay_key): &(PathBuf, String),
    target: Target,
    modules: &Path,
) -> anyhow::Result<PathBuf> {
    let guests = root().join("tests/guests");
    let source = guests.join(format!("{name}.c"));
    let module = modules.join(format!("{name}.wasm"));
    let include = format!("-I{}", guests.display());
    let flags = [include.as_str(), "-Wall", "-Werror"];
    let mut inputs = reuse::Inputs::default().text("overlay", overlay_key).text("flags", &flags.join(" "));
    for file in std::iter::once(source.clone()).chain(shared_guest_headers()) {
        inputs = inputs.file(&file);
    }
    let key = inputs.key();
    if !reuse::is_fresh(&module, &key) {
        reuse::forget(&module);
        let built = try_compile_for(overlay, target, &source, &module, &flags)?;
        if !built.status.success() {
            anyhow::bail!("compiling for {target} failed:\n{}", String::from_utf8_lossy(&built.stderr));
        }
        reuse::mark_built(&module, &key);
    }
    Ok(module)
}

/// The headers under tests/guests that any guest may include.
fn shared_guest_headers() -> Vec<PathBuf> {
    wasi_shim::files::with_extension(&root().join("tests/guests"), "h").expect("tests/guests is readable")
}
