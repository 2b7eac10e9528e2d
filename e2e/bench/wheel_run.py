"""Run a WASI preview 1 command with the wasmtime PyPI wheel, as `wasi-shim run` does: the yardstick for
`cargo xtask bench`. The module's compiled code is cached beside it (deserialized on later starts, as a
cached `wasmtime run` does), so a start measures the runtime and not cranelift.

usage: wheel_run.py [--dir HOST::GUEST]... [--env K=V]... [--argv0 NAME] MODULE [ARG]...
"""
import argparse
import os
import sys

import wasmtime


def load(engine, path):
    cached = f"{path}.wheel.cwasm"
    if os.path.exists(cached) and os.path.getmtime(cached) >= os.path.getmtime(path):
        try:
            return wasmtime.Module.deserialize_file(engine, cached)
        except wasmtime.WasmtimeError:
            pass  # written by another wasmtime: compile again
    module = wasmtime.Module.from_file(engine, path)
    partial = f"{cached}.partial-{os.getpid()}"
    with open(partial, "wb") as out:
        out.write(module.serialize())
    os.replace(partial, cached)
    return module


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", action="append", default=[])
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("--argv0")
    parser.add_argument("module")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args()

    engine = wasmtime.Engine(wasmtime.Config())
    module = load(engine, options.module)
    wasi = wasmtime.WasiConfig()
    wasi.argv = [options.argv0 or options.module] + options.args
    wasi.env = [tuple(e.split("=", 1)) for e in options.env]
    for spec in options.dir:
        host, _, guest = spec.partition("::")
        wasi.preopen_dir(host, guest or host)
    wasi.inherit_stdin()
    wasi.inherit_stdout()
    wasi.inherit_stderr()
    store = wasmtime.Store(engine)
    store.set_wasi(wasi)
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    instance = linker.instantiate(store, module)
    try:
        instance.exports(store)["_start"](store)
    except wasmtime.ExitTrap as exit_trap:
        sys.exit(exit_trap.code)


if __name__ == "__main__":
    main()
