// Run a WASI preview 1 command in the page with @bjorn3/browser_wasi_shim, as a porter embedding a module in a
// web page would: stdin empty, stdout and stderr collected, an empty in-memory directory preopened as ".".
import { ConsoleStdout, File, OpenFile, PreopenDirectory, WASI } from "./shim/index.js";

function collector(chunks) {
  return new ConsoleStdout((bytes) => chunks.push(bytes.slice()));
}

function text(chunks) {
  const decoder = new TextDecoder();
  return chunks.map((c) => decoder.decode(c, { stream: true })).join("") + decoder.decode();
}

/**
 * Fetch and run the module at `url` with `args` (after argv[0]) and `env` ("K=V" strings). The result's `exit`
 * is the status `proc_exit` gave (0 when `_start` returned), or null when the run ended another way: then `trap`
 * says how (a WebAssembly trap, or what the shim threw for a call it does not implement).
 */
export async function runGuest({ url, argv0 = "guest.wasm", args = [], env = [] }) {
  const stdout = [];
  const stderr = [];
  const fds = [new OpenFile(new File([])), collector(stdout), collector(stderr), new PreopenDirectory(".", new Map())];
  const wasi = new WASI([argv0, ...args], env, fds);
  const module = await WebAssembly.compileStreaming(fetch(url));
  const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
  let exit = null;
  let trap = null;
  try {
    exit = wasi.start(instance);
  } catch (error) {
    trap = error instanceof Error ? `${error.name}: ${error.message}` : `thrown: ${String(error)}`;
  }
  return { exit, trap, stdout: text(stdout), stderr: text(stderr) };
}
