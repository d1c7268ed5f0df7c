// Packs each feature area's modules into one file, `area_<name>.pack`, and makes the loader
// that wasm-split-cli wrote read them from there. wasm-split-cli gives every combination of
// areas that shares code a chunk of its own: 20–36 modules per area, which over HTTP/1.1 (six
// connections) cost five or six round trips on a phone network. One request per area instead;
// a chunk shared by two areas travels in both packs (it is instantiated once).
//
// A pack is: a u32 (little endian) length n, n bytes of JSON [[file, length], …], the files.
// The loader asks for the pack only when a module of the area still has to be fetched (an area
// whose chunks all came with earlier areas downloads just its own pack then). Run on the loader
// before it is minified; rewrites the areas manifest so each area and route names its pack.
// Usage: node scripts/split-packs.mjs <dir> <areas manifest>
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [dir, manifestPath] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const contents = {};
for (const [area, files] of Object.entries(manifest.splits)) {
  const index = files.map((f) => [f, readFileSync(join(dir, f)).length]);
  const header = Buffer.from(JSON.stringify(index));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(header.length);
  writeFileSync(join(dir, `area_${area}.pack`), Buffer.concat([size, header, ...files.map((f) => readFileSync(join(dir, f)))]));
  contents[area] = index;
}

// The loader is written anew in a compact form: wasm-split-cli spells out a loader for each of
// its hundreds of chunks and each area's list of them (the biggest part of the entry's
// JavaScript); here a chunk's loader is made when first needed from its number, and an area
// names its chunks as runs of numbers (`34-41,67`). The functions the loader starts with
// (shared imports, callbacks, makeLoad) are kept as they are.
const loaderPath = join(dir, "__wasm_split.js");
const js = readFileSync(loaderPath, "utf8");
const prelude = js.slice(0, js.search(/\n(\/\*|const __chunk_|export const __wasm_split_load_)/) + 1);
const fetcherOf = (file) => `() => {
    const src = fetch(new URL("./${file}", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
`;
const shape = (what) => new Error(`the loader's shape changed (wasm-split-cli version?): ${what}`);
const chunkNumbers = new Map();
for (const m of js.matchAll(/const __chunk_(\d+) = makeLoad\(([\s\S]*?), \[\]\);/g)) {
  if (m[2] !== fetcherOf(`chunk_${m[1]}.wasm`)) throw shape(`chunk ${m[1]}`);
  chunkNumbers.set(`__chunk_${m[1]}`, Number(m[1]));
}
const runs = (numbers) => {
  const out = [];
  for (const n of numbers) {
    const last = out.at(-1);
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(",");
};
const areaLoaders = [];
for (const m of js.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?), \[([^\]]*)\]\)\);/g)) {
  const [, area, fetcher, deps] = m;
  if (fetcher !== fetcherOf(`split_${area}.wasm`)) throw shape(`area ${area}`);
  const numbers = deps.split(",").map((d) => d.trim()).filter(Boolean).map((d) => {
    if (!chunkNumbers.has(d)) throw shape(`unknown chunk ${d}`);
    return chunkNumbers.get(d);
  });
  // The pack holds the same modules the loader will ask for.
  const expected = [...numbers.map((n) => `chunk_${n}.wasm`), `split_${area}.wasm`];
  if (JSON.stringify(expected) !== JSON.stringify(contents[area]?.map(([f]) => f))) throw shape(`pack of ${area}`);
  areaLoaders.push(`export const __wasm_split_load_${area} = area(${JSON.stringify(area)}, ${JSON.stringify(runs(numbers))});`);
}
if (!prelude.includes("function makeLoad(") || areaLoaders.length !== Object.keys(manifest.splits).length
  || (js.match(/makeLoad\(/g) || []).length !== chunkNumbers.size + areaLoaders.length + 1) {
  throw shape(`${chunkNumbers.size} chunks, ${areaLoaders.length} area loaders`);
}
const runtime = `
// Written by scripts/split-packs.mjs: modules come out of their area's pack.
const PACKS = {};
let packing = null;
function withPack(area, load) {
    // makeLoad calls the fetchers of every module still to load before it first awaits.
    return () => {
        packing = { area, files: null };
        try { return load(); } finally { packing = null; }
    };
}
async function readPack(area) {
    const response = await fetch(new URL(\`./area_\${area}.pack\`, import.meta.url));
    if (!response.ok) throw new Error(\`area_\${area}.pack: HTTP \${response.status}\`);
    const buffer = await response.arrayBuffer();
    const size = new DataView(buffer).getUint32(0, true);
    const index = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, size)));
    const files = new Map();
    let at = 4 + size;
    for (const [file, length] of index) {
        files.set(file, new Uint8Array(buffer, at, length));
        at += length;
    }
    return files;
}
function fromPack(file) {
    if (!packing || !PACKS[packing.area].includes(file)) {
        return Promise.reject(new Error(\`\${file} is not in the pack being loaded\`));
    }
    packing.files ??= readPack(packing.area);
    return packing.files.then((files) => new Response(files.get(file), { headers: { "Content-Type": "application/wasm" } }));
}
const fetcher = (file) => () => {
    const src = fromPack(file);
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
};
// One loader per chunk, made when an area first needs it and shared by the areas after it.
const chunks = [];
const chunk = (n) => (chunks[n] ??= makeLoad(fetcher(\`chunk_\${n}.wasm\`), []));
// "34-36,40" → [34, 35, 36, 40]
const numbers = (runs) => runs.split(",").filter(Boolean).flatMap((run) => {
    const [from, to = from] = run.split("-").map(Number);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
});
function area(name, runs) {
    const deps = numbers(runs);
    PACKS[name] = [...deps.map((n) => \`chunk_\${n}.wasm\`), \`split_\${name}.wasm\`];
    return wrapAsyncCb(withPack(name, makeLoad(fetcher(\`split_\${name}.wasm\`), deps.map(chunk))));
}
`;
writeFileSync(loaderPath, prelude + runtime + areaLoaders.join("\n") + "\n");

for (const files of Object.values(manifest.splits)) for (const f of files) rmSync(join(dir, f), { force: true });
const packOf = (area) => [`area_${area}.pack`];
// A route's files end with its area's own module, split_<area>.wasm.
const areaOf = (files) => files.at(-1).replace(/^split_(\w+)\.wasm$/, "$1");
writeFileSync(manifestPath, JSON.stringify({
  splits: Object.fromEntries(Object.keys(manifest.splits).map((a) => [a, packOf(a)])),
  contents,
  routes: Object.fromEntries(Object.entries(manifest.routes).map(([prefix, files]) => [prefix, packOf(areaOf(files))])),
}, null, 1));
