// The demo page's browser test: serve SITE, load it in headless Chromium, run the program under every preset
// (reading both outputs from the DOM), and save a screenshot of the page after the `default` run.
//
// usage: node demo_check.mjs SITE SCREENSHOT   (prints {"presets": {NAME: {"overlay", "stock"}}, "matrixRows"})
import { launch } from "./chromium.mjs";
import { serve } from "./serve.mjs";

const [site, screenshot] = process.argv.slice(2);
const { url, server } = await serve({ "/": site });
const browser = await launch();
const report = { presets: {}, matrixRows: 0 };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.waitForSelector("body[data-ready=yes]", { state: "attached" });
  report.matrixRows = await page.locator("#matrix tr").count();
  const names = await page.locator("#preset option").evaluateAll((options) => options.map((o) => o.value));
  for (const name of [...names.filter((n) => n !== "default"), "default"]) {
    await page.selectOption("#preset", name);
    await page.click("#run");
    for (const id of ["#overlay-output", "#stock-output"]) {
      await page.waitForSelector(`${id}[data-state=done]`, { state: "attached" });
    }
    report.presets[name] = {
      overlay: await page.locator("#overlay-output").textContent(),
      stock: await page.locator("#stock-output").textContent(),
    };
  }
  await page.screenshot({ path: screenshot, fullPage: true });
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(report));
