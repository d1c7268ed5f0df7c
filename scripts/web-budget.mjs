// Prints the bytes of a build as sent with brotli, per chunk, against the budgets (the entry —
// shell, runtime, login, home — 150 KB, each feature area 60 KB, as one pack file) and fails the
// build above them. Single bundle: everything ≤ 400 KB.
// Usage: node scripts/web-budget.mjs <dist> <build id> <areas manifest> <split|single>
import { readFileSync } from "node:fs";
import { join } from "node:path";

const [dist, build, manifestPath, mode] = process.argv.slice(2);
const KB = 1024;
const sizes = Object.fromEntries(
  JSON.parse(readFileSync(join(dist, "sizes.json"), "utf8")).map((r) => [r.file, r]),
);
const asset = (f) => sizes[`assets/${build}/${f}`] || { raw: 0, gz: 0, br: 0 };
const sum = (rows) => rows.reduce((t, r) => ({ raw: t.raw + r.raw, gz: t.gz + r.gz, br: t.br + r.br }), { raw: 0, gz: 0, br: 0 });
const kb = (n) => `${(n / KB).toFixed(1)} KB`.padStart(9);

const entryFiles = ["app_bg.wasm", "app.js", "__wasm_split.js", "boot.js", "style.css"].filter((f) => sizes[`assets/${build}/${f}`]);
const entry = sum([...entryFiles.map(asset), sizes["index.html"]]);
const { splits, contents = {} } = JSON.parse(readFileSync(manifestPath, "utf8"));
const failures = [];
const BUDGET = { entry: 150 * KB, area: 60 * KB };
console.log(`==> SPA bytes as sent (brotli 11; gzip 9 for browsers without br), build ${build}`);
console.log(`${"chunk".padEnd(34)}${"raw".padStart(9)}${"gzip".padStart(9)}${"brotli".padStart(9)}  budget`);
const line = (name, r, budget) => {
  const over = budget && r.br > budget;
  if (over) failures.push(`${name}: ${(r.br / KB).toFixed(1)} KB > ${budget / KB} KB`);
  console.log(`${name.padEnd(34)}${kb(r.raw)}${kb(r.gz)}${kb(r.br)}  ${budget ? `${budget / KB} KB${over ? "  OVER BUDGET" : "  ok"}` : ""}`);
};
if (mode === "split") {
  line(`entry (${entryFiles.length + 1} files)`, entry, BUDGET.entry);
  for (const f of entryFiles) line(`  ${f}`, asset(f));
  line("  index.html", sizes["index.html"]);
  for (const [area, files] of Object.entries(splits)) {
    line(`area ${area} (${files.length} files)`, sum(files.map(asset)), BUDGET.area);
    for (const f of files) line(`  ${f}`, asset(f));
    // What a pack holds (raw bytes; it is compressed as a whole).
    for (const [f, raw] of contents[area] || []) console.log(`    ${f.padEnd(30)}${kb(raw)}`);
  }
} else {
  line("single bundle (everything)", entry, 400 * KB);
}
if (failures.length) {
  console.error(`SPA over budget:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
