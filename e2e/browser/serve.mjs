// A static file server on 127.0.0.1 for the browser runtime's pages: each URL prefix maps to a directory (the
// page and its module, the WASI shim's dist/, the modules under test). Used by `cargo xtask demo` and by the
// Playwright drivers, so the page a test loads is the page a user is served.
//
// usage: node serve.mjs [--port N] PREFIX=DIR...   (prints "serving http://127.0.0.1:PORT/" once listening)
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".png": "image/png",
  ".md": "text/plain; charset=utf-8",
};

/** The file under `mounts` ({prefix: dir}, longest prefix first) that `url` names, or null. */
function resolve(mounts, url) {
  const path = decodeURIComponent(new URL(url, "http://localhost").pathname);
  for (const [prefix, dir] of Object.entries(mounts).sort((a, b) => b[0].length - a[0].length)) {
    if (!path.startsWith(prefix)) continue;
    const rest = normalize(path.slice(prefix.length) || "index.html");
    if (rest.startsWith("..")) return null;
    const file = join(dir, rest.endsWith("/") ? `${rest}index.html` : rest);
    try {
      if (statSync(file).isFile()) return file;
    } catch {
      // not here: try a shorter prefix
    }
  }
  return null;
}

/** Serve `mounts` on 127.0.0.1:`port` (0: any free port); resolves to the server's base URL. */
export function serve(mounts, port = 0) {
  const server = createServer((request, response) => {
    const file = resolve(mounts, request.url);
    if (!file) {
      response.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${request.url}\n`);
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => done({ url: `http://127.0.0.1:${server.address().port}/`, server }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ options: { port: { type: "string", default: "0" } }, allowPositionals: true });
  const mounts = Object.fromEntries(positionals.map((m) => [m.slice(0, m.indexOf("=")), m.slice(m.indexOf("=") + 1)]));
  const { url } = await serve(mounts, Number(values.port));
  console.log(`serving ${url}`);
}
