//! A WASI preview 1 command module: `_start` under wasmtime-wasi's preview 1, every exit status passed through.

use std::path::Path;

use anyhow::{anyhow, Result};
use wasmtime::{Engine, Linker, Module, Store};
use wasmtime_wasi::p1::{self, WasiP1Ctx};
use wasmtime_wasi::WasiCtxBuilder;

/// Run `compiled` to completion: `Ok(0)` when `_start` returns, the error (an exit or a trap) otherwise.
pub(super) fn run(
    engine: &Engine,
    compiled: &Module,
    mut wasi: WasiCtxBuilder,
    path: &Path,
) -> Result<wasmtime::Result<i32>> {
    let mut linker: Linker<WasiP1Ctx> = Linker::new(engine);
    p1::add_to_linker_sync(&mut linker, |cx| cx).map_err(|e| anyhow!("{e}"))?;
    // wasmtime-wasi refuses exit statuses of 126 and above, but a program ended by a signal's default
    // action reports 128+signo, as a shell would: pass every status through, as Node's WASI does.
    linker.allow_shadowing(true);
    linker
        .func_wrap("wasi_snapshot_preview1", "proc_exit", |status: i32| -> wasmtime::Result<()> {
            Err(wasmtime_wasi::I32Exit(status).into())
        })
        .map_err(|e| anyhow!("{e}"))?;
    let mut store = Store::new(engine, wasi.build_p1());
    let instance =
        linker.instantiate(&mut store, compiled).map_err(|e| anyhow!("cannot instantiate {}: {e}", path.display()))?;
    let start = instance
        .get_typed_func::<(), ()>(&mut store, "_start")
        .map_err(|e| anyhow!("{} is not a WASI command (no _start): {e}", path.display()))?;
    Ok(start.call(&mut store, ()).map(|()| 0))
}
