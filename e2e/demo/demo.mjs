// The demo page's behaviour: the presets in the selector, the matrix's summary table, and a run of the chosen
// preset's build beside the stock build, each output marked data-state="done" when it is complete.
import { runGuest } from "./guest.mjs";

const $ = (id) => document.getElementById(id);

function describe(result) {
  const ending = result.trap === null ? `exit status ${result.exit}` : `trapped: ${result.trap}`;
  return `${result.stdout}${result.stderr}\n[${ending}]`;
}

async function show(output, url) {
  output.dataset.state = "running";
  output.textContent = "running…";
  try {
    output.textContent = describe(await runGuest({ url, argv0: "demo.wasm" }));
  } catch (error) {
    output.textContent = `could not run ${url}: ${error}`;
  }
  output.dataset.state = "done";
}

async function run() {
  const preset = $("preset").value;
  $("preset-name").textContent = preset;
  $("description").textContent = presets.find((p) => p.name === preset)?.description ?? "";
  await Promise.all([show($("overlay-output"), `modules/${preset}.wasm`), show($("stock-output"), "modules/stock.wasm")]);
}

function matrixTable(record) {
  const runtimes = record.runtimes;
  const rows = new Map();
  for (const cell of record.cells) {
    if (cell.result === "not-run") continue;
    const key = `${cell.base} ${cell.target}`;
    const row = rows.get(key) ?? new Map();
    const [passed, ran] = row.get(cell.runtime) ?? [0, 0];
    row.set(cell.runtime, [passed + (cell.result === "passed" ? 1 : 0), ran + 1]);
    rows.set(key, row);
  }
  const table = $("matrix");
  const head = table.insertRow();
  for (const title of ["base and target", ...runtimes.map((r) => `${r.name} (${r.version})`)]) {
    head.appendChild(Object.assign(document.createElement("th"), { textContent: title }));
  }
  for (const [key, row] of rows) {
    const tr = table.insertRow();
    tr.insertCell().textContent = key;
    for (const runtime of runtimes) {
      const cell = tr.insertCell();
      const counts = row.get(runtime.id);
      cell.textContent = counts ? `${counts[0]}/${counts[1]}` : "—";
      if (counts) cell.className = counts[0] === counts[1] ? "all" : "some";
    }
  }
}

const presets = await (await fetch("presets.json")).json();
for (const preset of presets) {
  $("preset").appendChild(Object.assign(document.createElement("option"), { value: preset.name, textContent: preset.name }));
}
$("run").addEventListener("click", run);
matrixTable(await (await fetch("matrix.json")).json());
document.body.dataset.ready = "yes";
