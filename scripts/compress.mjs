// Precompresses the built SPA: next to every text or wasm file, `<file>.br` (brotli quality 11,
// window 24) and `<file>.gz` (gzip level 9). The server sends these as they are and never
// compresses static files on the fly. Prints one line per file: raw, gzip and brotli bytes.
// Usage: node scripts/compress.mjs <dist dir> <build id> (older builds' directories under
// assets/ were compressed when they were built and are skipped).
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const [root, build] = process.argv.slice(2);
const compressible = /\.(wasm|pack|js|mjs|css|html|json|webmanifest|svg)$/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (dir === join(root, "assets") && name !== build) continue;
      yield* files(path);
    }
    else if (compressible.test(name)) yield path;
  }
}

const rows = [];
for (const path of files(root)) {
  const raw = readFileSync(path);
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const gz = gzipSync(raw, { level: 9 });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gz);
  rows.push({ file: relative(root, path), raw: raw.length, gz: gz.length, br: br.length });
}
writeFileSync(join(root, "sizes.json"), JSON.stringify(rows, null, 1));
for (const r of rows.sort((a, b) => b.br - a.br)) {
  console.log(`${r.file.padEnd(44)} raw ${String(r.raw).padStart(8)}  gzip-9 ${String(r.gz).padStart(7)}  br-11 ${String(r.br).padStart(7)}`);
}
