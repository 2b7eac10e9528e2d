//! The Rust guests of `tests/rust/`, built with `cargo build --target wasm32-wasip1` for a policy, through
//! wasi-shim-sys (`WASI_SHIM_POLICY`) and, where a guest compiles C of its own, the environment `wasi-shim env`
//! prints.
//!
//! All builds share one cargo target directory in the cache (the wasi-shim build dependency is compiled once),
//! so they take turns; each module is copied out under its policy's name before the next build can replace it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

use anyhow::{bail, Context, Result};
use test_support::{cargo, root, wasi_shim_binary};
use wasi_shim::rust_target::TARGET;
use wasi_shim::toolchain::cache_dir;

/// How a guest's C reaches the shims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CBuild {
    /// No C of its own, or C compiled with cargo's defaults.
    Plain,
    /// The variables `wasi-shim env` prints for the policy (compiler, flags, link settings).
    ShimEnv,
    /// Only its compiler variables (`CC_`, `AR_`, `CFLAGS_`, bindgen's): the link's shims come from
    /// wasi-shim-sys, or from nowhere.
    ShimCompiler,
    /// A plain wasi-libc toolchain: clang with Debian's wasi-libc as sysroot, no overlay (the "before").
    NoShims,
}

/// What a guest build gave: cargo's output, and the module copied out when it succeeded.
pub struct Built {
    pub output: Output,
    pub module: Option<PathBuf>,
}

/// The directory a policy's builds and modules are named by: a preset's name, or a file's stem.
pub fn policy_key(policy: &str) -> String {
    Path::new(policy).file_stem().map_or_else(|| policy.to_owned(), |s| s.to_string_lossy().into_owned())
}

/// The cargo target directory the guest builds share (one per way of compiling C, so none rebuilds another's).
pub fn target_dir(c: CBuild) -> PathBuf {
    cache_dir().join("rust-guests").join(format!("{c:?}").to_lowercase())
}

/// Build `package` of `tests/rust/` for `policy` and copy its module out (to `<cache>/rust-guests/modules`).
pub fn build(package: &str, policy: &str, c: CBuild) -> Result<Built> {
    let _turn = take_turn();
    let output = cargo_build(package, policy, c, &[])?;
    if !output.status.success() {
        return Ok(Built { output, module: None });
    }
    let built = target_dir(c).join(TARGET).join("debug").join(format!("{package}.wasm"));
    let module = cache_dir().join("rust-guests/modules").join(policy_key(policy)).join(format!("{package}.wasm"));
    std::fs::create_dir_all(module.parent().expect("module has a directory"))?;
    std::fs::copy(&built, &module).with_context(|| format!("cannot copy {}", built.display()))?;
    Ok(Built { output, module: Some(module) })
}

/// The guest builds' turn: one at a time in this process (cargo would also make them wait for its lock, but
/// a build for another policy must not replace a module between its build and its copy).
fn take_turn() -> std::sync::MutexGuard<'static, ()> {
    static TURNS: Mutex<()> = Mutex::new(());
    TURNS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A build, then the same build again with `-v` (which names each package cargo found fresh), and how long
/// the second took.
pub fn build_twice(package: &str, policy: &str, c: CBuild) -> Result<(Output, Output, std::time::Duration)> {
    let _turn = take_turn();
    let first = cargo_build(package, policy, c, &[])?;
    let started = std::time::Instant::now();
    let again = cargo_build(package, policy, c, &["-v"])?;
    Ok((first, again, started.elapsed()))
}

/// The bindings wasi-shim-sys generated for `policy` (built with the whoami guest).
pub fn bindings(policy: &str) -> Result<String> {
    let _turn = take_turn();
    let built = cargo_build("whoami", policy, CBuild::Plain, &["--message-format=json"])?;
    if !built.status.success() {
        bail!("cargo build -p whoami failed:\n{}", String::from_utf8_lossy(&built.stderr));
    }
    // cargo's build-script-executed message names the OUT_DIR of the run this build used.
    let messages = String::from_utf8_lossy(&built.stdout);
    let out_dir = messages
        .lines()
        .filter(|l| l.contains("\"reason\":\"build-script-executed\"") && l.contains("wasi-shim-sys"))
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find_map(|m| m["out_dir"].as_str().map(PathBuf::from))
        .context("cargo reported no build script run of wasi-shim-sys")?;
    let path = out_dir.join("bindings.rs");
    std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))
}

/// `cargo test --doc` of wasi-shim-sys for wasm32-wasip1, each example run by `wasi-shim run`.
pub fn doc_tests() -> Result<Output> {
    ensure_rust_target();
    let _turn = take_turn();
    let runner = format!("{} run", wasi_shim_binary().display());
    cargo()
        .args(["test", "--doc", "--package", "wasi-shim-sys", "--target", TARGET, "--manifest-path"])
        .arg(root().join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target_dir(CBuild::Plain))
        .env(format!("CARGO_TARGET_{}_RUNNER", TARGET.replace('-', "_").to_uppercase()), runner)
        .env("WASI_SHIM_POLICY", "default")
        .output()
        .context("cannot run cargo test --doc")
}

/// `cargo build` of one guest, with `extra` arguments (`-v`, say); the caller takes turns.
pub fn cargo_build(package: &str, policy: &str, c: CBuild, extra: &[&str]) -> Result<Output> {
    ensure_rust_target();
    let manifest = root().join("tests/rust/Cargo.toml");
    let mut command = cargo();
    command
        .args(["build", "--target", TARGET, "--package", package, "--manifest-path"])
        .arg(&manifest)
        .arg("--target-dir")
        .arg(target_dir(c))
        .args(extra)
        .env("WASI_SHIM_POLICY", policy)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    for (name, value) in c_environment(policy, c)? {
        command.env(name, value);
    }
    command.output().context("cannot run cargo")
}

/// The variables that make a guest's C compile (and its link take the shims) for `c`.
pub fn c_environment(policy: &str, c: CBuild) -> Result<Vec<(String, String)>> {
    match c {
        CBuild::Plain => Ok(Vec::new()),
        CBuild::ShimEnv => shim_env(policy),
        CBuild::ShimCompiler => Ok(shim_env(policy)?
            .into_iter()
            .filter(|(name, _)| ["CC_", "CXX_", "AR_", "CFLAGS_", "BINDGEN_"].iter().any(|p| name.starts_with(p)))
            .collect()),
        CBuild::NoShims => {
            let toolchain = test_support::toolchain(wasi_shim::toolchain::BaseRelease::Trixie);
            let flags = format!("--sysroot={}", toolchain.sysroot.display());
            let suffix = TARGET.replace('-', "_");
            Ok(vec![
                (format!("CC_{suffix}"), toolchain.clang.display().to_string()),
                (format!("AR_{suffix}"), toolchain.ar.display().to_string()),
                (format!("CFLAGS_{suffix}"), flags.clone()),
                (format!("BINDGEN_EXTRA_CLANG_ARGS_{suffix}"), format!("{flags} -fvisibility=default")),
                ("BINDGEN_EXTRA_CLANG_ARGS".to_owned(), format!("{flags} -fvisibility=default")),
            ])
        }
    }
}

/// `wasi-shim env --policy <policy>`'s `export NAME='value'` lines as pairs, plus bindgen's untargeted variable
/// (bindgen before 0.59, which UnQLite's build uses, reads no other; no host crate here runs bindgen).
pub fn shim_env(policy: &str) -> Result<Vec<(String, String)>> {
    let out = cache_dir().join("rust-guests/overlays").join(policy_key(policy));
    let output = Command::new(wasi_shim_binary())
        .args(["env", "--policy", policy, "--out"])
        .arg(&out)
        .output()
        .context("cannot run wasi-shim env")?;
    if !output.status.success() {
        bail!("wasi-shim env --policy {policy} failed:\n{}", String::from_utf8_lossy(&output.stderr));
    }
    let mut pairs = parse_exports(&String::from_utf8_lossy(&output.stdout))?;
    let bindgen = pairs.iter().find(|(n, _)| n.starts_with("BINDGEN_EXTRA_CLANG_ARGS_")).map(|(_, v)| v.clone());
    pairs.extend(bindgen.map(|v| ("BINDGEN_EXTRA_CLANG_ARGS".to_owned(), v)));
    Ok(pairs)
}

/// `export NAME='value'` lines (comments skipped) as pairs; values are single-quoted as `sh::quote` writes them.
pub fn parse_exports(text: &str) -> Result<Vec<(String, String)>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let (name, value) = line
                .strip_prefix("export ")
                .and_then(|l| l.split_once('='))
                .with_context(|| format!("not an export line: {line}"))?;
            let value = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')).unwrap_or(value);
            Ok((name.to_owned(), value.replace("'\\''", "'")))
        })
        .collect()
}

/// The imports of `module` from anywhere but WASI preview 1: rustc links wasm with undefined symbols turned into
/// `env` imports, so a function nothing defined shows up here instead of failing the link.
pub fn foreign_imports(module: &Path) -> Result<Vec<String>> {
    let bytes = std::fs::read(module).with_context(|| format!("cannot read {}", module.display()))?;
    let mut foreign = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(&bytes) {
        if let wasmparser::Payload::ImportSection(reader) = payload? {
            for import in reader.into_imports() {
                let import = import?;
                if import.module != "wasi_snapshot_preview1" {
                    foreign.push(format!("{}::{}", import.module, import.name));
                }
            }
        }
    }
    Ok(foreign)
}

/// Make sure rustup's wasm32-wasip1 standard library is installed (`rustup target add`), once per process.
pub fn ensure_rust_target() {
    static DONE: std::sync::OnceLock<()> = std::sync::OnceLock::new();
    DONE.get_or_init(|| test_support::provision_rust_target().unwrap_or_else(|e| panic!("{e:#}")));
}
