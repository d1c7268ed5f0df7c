// Which files each feature area needs, from the loader wasm-split-cli writes (run before the
// loader is minified). Writes {splits: {area: [files]}, routes: {"/members": [files]}}.
// Fails when a split or chunk module imports anything but the loader's namespace, or when
// web-ui/areas.json names an area the build did not produce. In a single-bundle build every
// route needs nothing beyond the entry.
// Usage: node scripts/split-manifest.mjs <dir> <areas.json> <out.json> <split|single>
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [dir, areasPath, outPath, mode] = process.argv.slice(2);
const areas = JSON.parse(readFileSync(areasPath, "utf8"));
if (mode !== "split") {
  const routes = Object.fromEntries(Object.keys(areas).map((prefix) => [prefix, []]));
  writeFileSync(outPath, JSON.stringify({ splits: {}, routes }, null, 1));
  process.exit(0);
}

const js = readFileSync(join(dir, "__wasm_split.js"), "utf8");
const fileOf = (fetcher) => (fetcher.match(/"\.\/([\w.-]+\.wasm)"/) || [])[1];
const chunks = new Map();
for (const m of js.matchAll(/const (__chunk_\d+) = makeLoad\(([\s\S]*?), \[\]\);/g)) {
  chunks.set(m[1], fileOf(m[2])); // undefined for an empty chunk: nothing to fetch
}
const splits = {};
for (const m of js.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?), \[([^\]]*)\]\)\);/g)) {
  const deps = m[3].split(",").map((s) => s.trim()).filter(Boolean);
  const files = deps.map((d) => {
    if (!chunks.has(d)) throw new Error(`unknown chunk ${d} for area ${m[1]}`);
    return chunks.get(d);
  }).filter(Boolean);
  const own = fileOf(m[2]);
  if (own) files.push(own);
  splits[m[1]] = files;
}
if (Object.keys(splits).length === 0) throw new Error("no split loaders found in __wasm_split.js");

for (const f of readdirSync(dir).filter((f) => /^(split|chunk)_.*\.wasm$/.test(f))) {
  const module = new WebAssembly.Module(readFileSync(join(dir, f)));
  const foreign = WebAssembly.Module.imports(module).filter((i) => i.module !== "__wasm_split");
  if (foreign.length) throw new Error(`${f} imports ${foreign.map((i) => `${i.module}.${i.name}`).join(", ")}`);
}
const routes = {};
for (const [prefix, area] of Object.entries(areas)) {
  if (!splits[area]) throw new Error(`web-ui/areas.json names area "${area}", which the build did not produce`);
  routes[prefix] = splits[area];
}
for (const area of Object.keys(splits)) {
  if (!Object.values(areas).includes(area)) throw new Error(`area "${area}" has no route prefix in web-ui/areas.json`);
}
writeFileSync(outPath, JSON.stringify({ splits, routes }, null, 1));
