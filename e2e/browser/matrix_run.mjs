// The browser column of `cargo xtask matrix`: every job of JOBS (a JSON list of {id, module, args, env}) run in
// one headless Chromium page under @bjorn3/browser_wasi_shim; the results, one JSON object per job, go to OUT.
//
// usage: node matrix_run.mjs SHIM_DIST JOBS OUT
import { readFile, writeFile } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { fileURLToPath } from "node:url";

import { launch } from "./chromium.mjs";
import { serve } from "./serve.mjs";

const [shim, jobsFile, out] = process.argv.slice(2);
const jobs = JSON.parse(await readFile(jobsFile, "utf8"));
const mounts = { "/": dirname(fileURLToPath(import.meta.url)), "/shim/": shim };
jobs.forEach((job, i) => (mounts[`/modules/${i}/`] = dirname(job.module)));
const { url, server } = await serve(mounts);
const browser = await launch();
const results = [];
try {
  const page = await browser.newPage();
  await page.goto(`${url}runner.html`);
  await page.waitForFunction(() => typeof window.runGuest === "function");
  for (const [i, job] of jobs.entries()) {
    const spec = { url: `/modules/${i}/${basename(job.module)}`, argv0: job.argv0, args: job.args, env: job.env };
    const result = await page.evaluate((s) => window.runGuest(s), spec).catch((e) => ({ error: String(e) }));
    results.push({ id: job.id, ...result });
  }
} finally {
  await browser.close();
  server.close();
}
await writeFile(out, JSON.stringify(results, null, 1));
