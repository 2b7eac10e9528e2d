//! Running a WASI preview 1 command module in embedded wasmtime, the way `wasmtime run` does.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use wasmtime::{Config, Engine, Linker, Module, Store};
use wasmtime_wasi::p1::{self, WasiP1Ctx};
use wasmtime_wasi::{FsPerms, WasiCtxBuilder};

/// Exit status reported for a trap (an abort, `unreachable`, out-of-bounds access), as wasmtime's CLI does on Unix: 128+SIGABRT.
pub const TRAP_STATUS: i32 = 134;

/// A host directory made visible to the guest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preopen {
    pub host: PathBuf,
    pub guest: String,
}

impl Preopen {
    /// `HOST` or `HOST::GUEST` (wasmtime's `--dir` spelling).
    pub fn parse_dir(spec: &str) -> Preopen {
        match spec.split_once("::") {
            Some((host, guest)) => Preopen { host: host.into(), guest: guest.into() },
            None => Preopen { host: spec.into(), guest: spec.into() },
        }
    }
    /// `GUEST::HOST` (older wasmtime's `--mapdir` spelling).
    pub fn parse_mapdir(spec: &str) -> Result<Preopen> {
        let (guest, host) = spec.split_once("::").ok_or_else(|| anyhow!("--mapdir takes GUEST::HOST, not `{spec}`"))?;
        Ok(Preopen { host: host.into(), guest: guest.into() })
    }
}

#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub preopens: Vec<Preopen>,
    pub env: Vec<(String, String)>,
    pub inherit_env: bool,
    /// argv[1..]; argv[0] is the module path as given.
    pub args: Vec<String>,
}

/// Parse `K=V`, or `K` alone meaning "K's value in the host environment".
pub fn parse_env(spec: &str) -> Result<(String, String)> {
    match spec.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_owned(), v.to_owned())),
        None if !spec.is_empty() => Ok((spec.to_owned(), std::env::var(spec).unwrap_or_default())),
        _ => bail!("--env takes NAME=VALUE, not `{spec}`"),
    }
}

fn engine() -> Result<Engine> {
    let mut config = Config::new();
    // setjmp/longjmp in wasi-libc's libsetjmp lowers to wasm exception handling.
    config.wasm_exceptions(true);
    Engine::new(&config).map_err(|e| anyhow!("cannot create the wasmtime engine: {e}"))
}

/// Whether a module uses exception handling at all (setjmp/longjmp through wasi-libc's libsetjmp does).
fn uses_exceptions(bytes: &[u8]) -> bool {
    wasmparser::Parser::new(0).parse_all(bytes).any(|p| matches!(p, Ok(wasmparser::Payload::TagSection(_))))
}

/// clang 19 lowers setjmp/longjmp to the legacy exception-handling instructions, which wasmtime does
/// not run; binaryen translates them to the standard (exnref) form. Translations are cached by hash.
fn translate_legacy_exceptions(module: &Path, bytes: &[u8]) -> Result<Vec<u8>> {
    use sha2::{Digest, Sha256};
    let hash = format!("{:x}", Sha256::digest(bytes));
    let cached = crate::toolchain::cache_dir().join("exnref").join(format!("{hash}.wasm"));
    if let Ok(translated) = std::fs::read(&cached) {
        return Ok(translated);
    }
    let wasm_opt = crate::toolchain::wasm_opt()?;
    std::fs::create_dir_all(cached.parent().expect("cache file has a directory"))?;
    let partial = cached.with_extension(format!("partial-{}", std::process::id()));
    let output = std::process::Command::new(&wasm_opt)
        .args(["--enable-exception-handling", "--translate-to-exnref"])
        .arg(module)
        .arg("-o")
        .arg(&partial)
        .output()
        .with_context(|| format!("cannot run {}", wasm_opt.display()))?;
    if !output.status.success() {
        let _ = std::fs::remove_file(&partial);
        bail!("{} --translate-to-exnref {} failed: {}", wasm_opt.display(), module.display(), String::from_utf8_lossy(&output.stderr).trim());
    }
    std::fs::rename(&partial, &cached)?;
    Ok(std::fs::read(&cached)?)
}

/// Run `module` to completion and return its exit status.
pub fn run(module: &Path, options: &RunOptions) -> Result<i32> {
    let engine = engine()?;
    let mut bytes = std::fs::read(module).with_context(|| format!("cannot read {}", module.display()))?;
    if bytes.starts_with(b"\0asm") && uses_exceptions(&bytes) {
        bytes = translate_legacy_exceptions(module, &bytes)?;
    }
    let compiled = Module::new(&engine, &bytes).map_err(|e| anyhow!("cannot load {}: {e:#}", module.display()))?;
    let mut linker: Linker<WasiP1Ctx> = Linker::new(&engine);
    p1::add_to_linker_sync(&mut linker, |cx| cx).map_err(|e| anyhow!("{e}"))?;
    // wasmtime-wasi refuses exit statuses of 126 and above, but a program ended by a signal's default
    // action reports 128+signo, as a shell would: pass every status through, as Node's WASI does.
    linker.allow_shadowing(true);
    linker
        .func_wrap("wasi_snapshot_preview1", "proc_exit", |status: i32| -> wasmtime::Result<()> {
            Err(wasmtime_wasi::I32Exit(status).into())
        })
        .map_err(|e| anyhow!("{e}"))?;

    let mut builder = WasiCtxBuilder::new();
    builder.inherit_stdio();
    let argv0 = module.to_string_lossy().into_owned();
    builder.args(&std::iter::once(argv0).chain(options.args.iter().cloned()).collect::<Vec<_>>());
    if options.inherit_env {
        builder.inherit_env();
    }
    for (k, v) in &options.env {
        builder.env(k, v);
    }
    for dir in &options.preopens {
        builder
            .preopened_dir(&dir.host, &dir.guest, FsPerms::ReadWrite)
            .map_err(|e| anyhow!("cannot open directory {} for the guest: {e}", dir.host.display()))?;
    }
    let mut store = Store::new(&engine, builder.build_p1());
    let instance = linker.instantiate(&mut store, &compiled).map_err(|e| anyhow!("cannot instantiate {}: {e}", module.display()))?;
    let start = instance
        .get_typed_func::<(), ()>(&mut store, "_start")
        .map_err(|e| anyhow!("{} is not a WASI command (no _start): {e}", module.display()))?;
    match start.call(&mut store, ()) {
        Ok(()) => Ok(0),
        Err(error) => {
            if let Some(exit) = error.downcast_ref::<wasmtime_wasi::I32Exit>() {
                return Ok(exit.0);
            }
            eprintln!("wasi-shim run: {} trapped: {error:?}", module.display());
            Ok(TRAP_STATUS)
        }
    }
}

/// `Path` of a module argument, checked to exist so the error names it.
pub fn module_path(spec: &str) -> Result<PathBuf> {
    let path = PathBuf::from(spec);
    if !path.is_file() {
        return Err(anyhow!("no module at {}", path.display())).context("wasi-shim run needs a .wasm file");
    }
    Ok(path)
}
