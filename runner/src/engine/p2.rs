//! A WASI preview 2 command component: `wasi:cli/run` under wasmtime-wasi's preview 2. The status of
//! `wasi:cli/exit`'s `exit-with-code` (0..=255, 128+signo for a signal's default action) is passed through;
//! `exit`'s result is 0 or 1.

use std::path::Path;

use anyhow::{anyhow, Result};
use wasmtime::component::{Component, Linker, ResourceTable};
use wasmtime::{Engine, Store};
use wasmtime_wasi::p2::bindings::sync::Command;
use wasmtime_wasi::{WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

struct State {
    wasi: WasiCtx,
    table: ResourceTable,
}

impl WasiView for State {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView { ctx: &mut self.wasi, table: &mut self.table }
    }
}

/// Run `compiled` to completion: its `run` result as 0 or 1, or the error (an exit or a trap).
pub(super) fn run(
    engine: &Engine,
    compiled: &Component,
    mut wasi: WasiCtxBuilder,
    path: &Path,
) -> Result<wasmtime::Result<i32>> {
    let mut linker: Linker<State> = Linker::new(engine);
    wasmtime_wasi::p2::add_to_linker_sync(&mut linker).map_err(|e| anyhow!("{e}"))?;
    let mut store = Store::new(engine, State { wasi: wasi.build(), table: ResourceTable::new() });
    let command = Command::instantiate(&mut store, compiled, &linker)
        .map_err(|e| anyhow!("cannot instantiate {} as a WASI command: {e}", path.display()))?;
    Ok(command.wasi_cli_run().call_run(&mut store).map(|run| if run.is_ok() { 0 } else { 1 }))
}
