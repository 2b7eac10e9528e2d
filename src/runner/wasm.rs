//! Running a WASI preview 1 command module in embedded wasmtime, the way `wasmtime run` does.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use wasmtime::{Config, Engine, Linker, Module, Store};
use wasmtime_wasi::p1::{self, WasiP1Ctx};
use wasmtime_wasi::{FsPerms, WasiCtxBuilder};

use super::RunOptions;

/// Exit status reported for a trap (an abort, `unreachable`, out-of-bounds access), as wasmtime's CLI does on Unix: 128+SIGABRT.
pub const TRAP_STATUS: i32 = 134;

fn engine(options: &RunOptions) -> Result<Engine> {
    let mut config = Config::new();
    if let Some(size) = options.max_wasm_stack {
        // wasmtime checks the wasm stack against the async stack even for synchronous calls.
        config.async_stack_size(size + (1 << 20));
        config.max_wasm_stack(size);
    }
    // setjmp/longjmp in wasi-libc's libsetjmp lowers to wasm exception handling.
    config.wasm_exceptions(true);
    Engine::new(&config).map_err(|e| anyhow!("cannot create the wasmtime engine: {e}"))
}

/// Whether a module uses exception handling at all (setjmp/longjmp through wasi-libc's libsetjmp does).
fn uses_exceptions(bytes: &[u8]) -> bool {
    wasmparser::Parser::new(0).parse_all(bytes).any(|p| matches!(p, Ok(wasmparser::Payload::TagSection(_))))
}

/// clang 19 lowers setjmp/longjmp to the legacy exception-handling instructions, which wasmtime does
/// not run; binaryen translates them to the standard (exnref) form. `load` caches the result compiled.
fn translate_legacy_exceptions(module: &Path) -> Result<Vec<u8>> {
    let wasm_opt = crate::toolchain::wasm_opt()?;
    let translated = tempfile::Builder::new().suffix(".wasm").tempfile().context("cannot create a temporary file")?;
    let output = std::process::Command::new(&wasm_opt)
        .args(["--enable-exception-handling", "--translate-to-exnref"])
        .arg(module)
        .arg("-o")
        .arg(translated.path())
        .output()
        .with_context(|| format!("cannot run {}", wasm_opt.display()))?;
    if !output.status.success() {
        bail!(
            "{} --translate-to-exnref {} failed: {}",
            wasm_opt.display(),
            module.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(std::fs::read(translated.path())?)
}

/// Compile `module`, or load the machine code compiled for it by an earlier run: an interpreter's
/// test suite starts a 30 MB python.wasm hundreds of times, and cranelift takes seconds each time.
fn load(engine: &Engine, module: &Path) -> Result<Module> {
    use sha2::{Digest, Sha256};
    use std::hash::{Hash, Hasher};
    let mut bytes = std::fs::read(module).with_context(|| format!("cannot read {}", module.display()))?;
    let mut engine_hasher = std::collections::hash_map::DefaultHasher::new();
    engine.precompile_compatibility_hash().hash(&mut engine_hasher);
    let key = format!("{:x}-{:016x}", Sha256::digest(&bytes), engine_hasher.finish());
    let cached = crate::toolchain::cache_dir().join("compiled").join(format!("{key}.cwasm"));
    if cached.is_file() {
        // SAFETY: the file was written by `Module::serialize` below, for an engine with this
        // compatibility hash, and only this program writes the cache directory.
        if let Ok(compiled) = unsafe { Module::deserialize_file(engine, &cached) } {
            return Ok(compiled);
        }
    }
    if bytes.starts_with(b"\0asm") && uses_exceptions(&bytes) {
        bytes = translate_legacy_exceptions(module)?;
    }
    let compiled = Module::new(engine, &bytes).map_err(|e| anyhow!("cannot load {}: {e:#}", module.display()))?;
    // A cache that cannot be written only costs the next run its compile time.
    if let (Ok(serialized), Some(dir)) = (compiled.serialize(), cached.parent()) {
        let partial = cached.with_extension(format!("partial-{}", std::process::id()));
        if std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&partial, serialized))
            .and_then(|()| std::fs::rename(&partial, &cached))
            .is_err()
        {
            let _ = std::fs::remove_file(&partial);
        }
    }
    Ok(compiled)
}

/// Run `module` to completion and return its exit status.
pub fn run(module: &Path, options: &RunOptions) -> Result<i32> {
    let engine = engine(options)?;
    let compiled = load(&engine, module)?;
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
    let argv0 = options.argv0.clone().unwrap_or_else(|| module.to_string_lossy().into_owned());
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
    let instance = linker
        .instantiate(&mut store, &compiled)
        .map_err(|e| anyhow!("cannot instantiate {}: {e}", module.display()))?;
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
