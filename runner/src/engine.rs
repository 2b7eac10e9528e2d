//! Running a WASI command in embedded wasmtime, the way `wasmtime run` does: the engine, compiled code cached
//! by content, and the choice between a preview 1 module (`p1.rs`) and a preview 2 component (`p2.rs`) by what
//! the file is.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use wasmtime::component::Component;
use wasmtime::{Config, Engine, Module, Precompiled};
use wasmtime_wasi::{FsPerms, WasiCtxBuilder};

use super::RunOptions;

mod p1;
mod p2;

/// A compiled program: a preview 1 core module or a preview 2 component.
enum Program {
    Module(Module),
    Component(Component),
}

impl Program {
    fn compile(engine: &Engine, bytes: &[u8], path: &Path) -> Result<Program> {
        let program = if wasmparser::Parser::is_component(bytes) {
            Component::new(engine, bytes).map(Program::Component)
        } else {
            Module::new(engine, bytes).map(Program::Module)
        };
        program.map_err(|e| anyhow!("cannot load {}: {e:#}", path.display()))
    }
    fn serialize(&self) -> Option<Vec<u8>> {
        match self {
            Program::Module(m) => m.serialize().ok(),
            Program::Component(c) => c.serialize().ok(),
        }
    }
}

/// What the runner needs from the program embedding it: where compiled code is cached, and binaryen's wasm-opt
/// (provisioned on first use) for modules built with legacy exception handling.
pub struct Host {
    pub cache_dir: PathBuf,
    pub wasm_opt: fn() -> Result<PathBuf>,
}

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
fn translate_legacy_exceptions(module: &Path, host: &Host) -> Result<Vec<u8>> {
    let wasm_opt = (host.wasm_opt)()?;
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
/// The compiled code is keyed by the module's SHA-256; a start finds that key through the file's identity
/// (see [`identity_key`]) without reading or hashing the module, as `wasmtime run` with a `.cwasm` does.
fn load(engine: &Engine, module: &Path, host: &Host) -> Result<Program> {
    let compiled_dir = host.cache_dir.join("compiled");
    let engine_key = engine_key(engine);
    let by_identity = identity_key(module).map(|key| compiled_dir.join("by-file").join(key));
    if let Some(content_key) = by_identity.as_ref().and_then(|index| std::fs::read_to_string(index).ok()) {
        if let Some(compiled) = deserialize(engine, &compiled_dir.join(format!("{content_key}-{engine_key}.cwasm"))) {
            return Ok(compiled);
        }
    }
    let mut bytes = std::fs::read(module).with_context(|| format!("cannot read {}", module.display()))?;
    let content_key = format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(&bytes));
    let cached = compiled_dir.join(format!("{content_key}-{engine_key}.cwasm"));
    let compiled = match deserialize(engine, &cached) {
        Some(compiled) => compiled,
        None => {
            // binaryen translates a core module; a component's modules keep what clang emitted.
            if wasmparser::Parser::is_core_wasm(&bytes) && uses_exceptions(&bytes) {
                bytes = translate_legacy_exceptions(module, host)?;
            }
            let compiled = Program::compile(engine, &bytes, module)?;
            if let Some(serialized) = compiled.serialize() {
                write_atomically(&cached, &serialized);
            }
            compiled
        }
    };
    if let Some(index) = by_identity {
        write_atomically(&index, content_key.as_bytes());
    }
    Ok(compiled)
}

/// The compiled code cached at `path`, if any loads.
fn deserialize(engine: &Engine, path: &Path) -> Option<Program> {
    // SAFETY: the file was written by `Program::serialize` in `load`, for an engine with the compatibility
    // hash its name carries, and only this program writes the cache directory.
    match Engine::detect_precompiled_file(path).ok()?? {
        Precompiled::Module => unsafe { Module::deserialize_file(engine, path) }.ok().map(Program::Module),
        Precompiled::Component => unsafe { Component::deserialize_file(engine, path) }.ok().map(Program::Component),
    }
}

/// What the engine's compiled code is compatible with, as part of a cache file's name.
fn engine_key(engine: &Engine) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    engine.precompile_compatibility_hash().hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// The file's identity: device, inode, size, and modification and change times to the nanosecond. Writing,
/// replacing or touching the file changes one of them (the change time cannot be set back), so a key that
/// matches names the same content as when it was recorded.
fn identity_key(module: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(module).ok()?;
    Some(format!(
        "{}-{}-{}-{}_{}-{}_{}",
        m.dev(),
        m.ino(),
        m.size(),
        m.mtime(),
        m.mtime_nsec(),
        m.ctime(),
        m.ctime_nsec()
    ))
}

/// Write `contents` to `path` through a temporary name and a rename, so a concurrent start never reads
/// half a file. A cache that cannot be written only costs the next run its lookup or compile time.
fn write_atomically(path: &Path, contents: &[u8]) {
    let partial = path.with_extension(format!("partial-{}", std::process::id()));
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&partial, contents))
        .and_then(|()| std::fs::rename(&partial, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
}

/// Run `module` to completion and return its exit status.
pub fn run(module: &Path, options: &RunOptions, host: &Host) -> Result<i32> {
    // wasmtime-wasi's synchronous calls block on a tokio runtime. Without a current one, each call enters its
    // fallback runtime and yields once before its work; with this one entered for the whole run, a call only
    // blocks on its future, as in wasmtime's own embeddings.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_time()
        .enable_io()
        .build()
        .context("cannot start the tokio runtime WASI calls run on")?;
    let status = {
        let _entered = runtime.enter();
        run_entered(module, options, host)
    };
    // A guest's background work (a read the runtime still waits on) must not delay its exit status.
    runtime.shutdown_background();
    status
}

fn run_entered(module: &Path, options: &RunOptions, host: &Host) -> Result<i32> {
    let engine = engine(options)?;
    let outcome = match load(&engine, module, host)? {
        Program::Module(compiled) => p1::run(&engine, &compiled, wasi_context(module, options)?, module)?,
        Program::Component(compiled) => p2::run(&engine, &compiled, wasi_context(module, options)?, module)?,
    };
    Ok(exit_status(outcome, module))
}

/// The exit status of a run that returned `status`, or ended with an exit or a trap.
fn exit_status(outcome: wasmtime::Result<i32>, module: &Path) -> i32 {
    match outcome {
        Ok(status) => status,
        Err(error) => {
            if let Some(exit) = error.downcast_ref::<wasmtime_wasi::I32Exit>() {
                return exit.0;
            }
            eprintln!("wasi-shim run: {} trapped: {error:?}", module.display());
            TRAP_STATUS
        }
    }
}

/// The guest's WASI context as the options describe it, for either kind of program.
fn wasi_context(module: &Path, options: &RunOptions) -> Result<WasiCtxBuilder> {
    let mut builder = WasiCtxBuilder::new();
    // The guest runs synchronously: file system calls block this thread instead of a hop through tokio's
    // blocking pool and back, which made each fstat or stat cost tens of microseconds (issue 14).
    builder.allow_blocking_current_thread(true);
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
    if options.inherit_network {
        builder.inherit_network();
    }
    builder.allow_ip_name_lookup(options.allow_ip_name_lookup);
    builder.allow_tcp(!options.deny_tcp);
    builder.allow_udp(!options.deny_udp);
    Ok(builder)
}

/// `Path` of a module argument, checked to exist so the error names it.
pub fn module_path(spec: &str) -> Result<PathBuf> {
    let path = PathBuf::from(spec);
    if !path.is_file() {
        return Err(anyhow!("no module at {}", path.display())).context("wasi-shim run needs a .wasm file");
    }
    Ok(path)
}
