// Run a WASI preview 1 command with Node's node:wasi, as `wasi-shim run` does: the yardstick for
// `cargo xtask bench`.
//
// usage: node node_run.mjs [--dir HOST::GUEST]... [--env K=V]... [--argv0 NAME] MODULE [ARG]...
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { WASI } from "node:wasi";

const { values, positionals } = parseArgs({
  options: {
    dir: { type: "string", multiple: true, default: [] },
    env: { type: "string", multiple: true, default: [] },
    argv0: { type: "string" },
  },
  allowPositionals: true,
});
const [module, ...args] = positionals;
const preopens = {};
for (const spec of values.dir) {
  const [host, guest] = spec.split("::");
  preopens[guest ?? host] = host;
}
const env = Object.fromEntries(values.env.map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
const wasi = new WASI({ version: "preview1", args: [values.argv0 ?? module, ...args], env, preopens, returnOnExit: true });
const compiled = await WebAssembly.compile(await readFile(module));
const instance = await WebAssembly.instantiate(compiled, wasi.getImportObject());
process.exitCode = wasi.start(instance);
