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

const loaderPath = join(dir, "__wasm_split.js");
let js = readFileSync(loaderPath, "utf8");
let fetches = 0;
js = js.replace(/fetch\(new URL\("\.\/([\w.-]+\.wasm)", import\.meta\.url\)\)/g, (_, file) => {
  fetches += 1;
  return `fromPack(${JSON.stringify(file)})`;
});
let loaders = 0;
js = js.replace(/export const (__wasm_split_load_(\w+)) = wrapAsyncCb\(makeLoad\(([\s\S]*?), \[([^\]]*)\]\)\);/g,
  (_, name, area, fetcher, deps) => {
    loaders += 1;
    return `export const ${name} = wrapAsyncCb(withPack(${JSON.stringify(area)}, makeLoad(${fetcher}, [${deps}])));`;
  });
if (fetches === 0 || loaders !== Object.keys(manifest.splits).length) {
  throw new Error(`the loader's shape changed (wasm-split-cli version?): ${fetches} fetches, ${loaders} area loaders`);
}
const packs = Object.fromEntries(Object.entries(contents).map(([area, index]) => [area, index.map(([f]) => f)]));
const runtime = `
// Added by scripts/split-packs.mjs: modules come out of their area's pack.
const PACKS = ${JSON.stringify(packs)};
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
`;
const afterImports = js.indexOf("\n", js.indexOf("import "));
js = js.slice(0, afterImports + 1) + runtime + js.slice(afterImports + 1);
writeFileSync(loaderPath, js);

for (const files of Object.values(manifest.splits)) for (const f of files) rmSync(join(dir, f), { force: true });
const packOf = (area) => [`area_${area}.pack`];
// A route's files end with its area's own module, split_<area>.wasm.
const areaOf = (files) => files.at(-1).replace(/^split_(\w+)\.wasm$/, "$1");
writeFileSync(manifestPath, JSON.stringify({
  splits: Object.fromEntries(Object.keys(manifest.splits).map((a) => [a, packOf(a)])),
  contents,
  routes: Object.fromEntries(Object.entries(manifest.routes).map(([prefix, files]) => [prefix, packOf(areaOf(files))])),
}, null, 1));
