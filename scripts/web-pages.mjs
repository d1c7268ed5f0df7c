// Writes the pages of a build into dist: `index.html` (the app shell: header, skeleton, tab
// bar in plain HTML/CSS) and `login.html` (a login form that works before the app has loaded),
// the start-up script `assets/<build>/boot.js`, and the service worker `sw.js` with this build's
// files to precache.
// Usage: node scripts/web-pages.mjs <dist> <build id> <areas manifest from split-manifest.mjs>
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [dist, build, manifestPath] = process.argv.slice(2);
const assets = `/assets/${build}`;
const { routes } = JSON.parse(readFileSync(manifestPath, "utf8"));
const files = readdirSync(join(dist, "assets", build));
const split = files.includes("__wasm_split.js");

// Data the first screen of a route asks for, started by boot.js while the code downloads. The
// URL must be exactly the one the page requests first (checked by the browser tests).
const prefetch = { "/members": ["/api/v1/members?limit=30"] };
const preloads = Object.fromEntries(Object.entries(routes).map(([prefix, list]) => [prefix, list.map((f) => `${assets}/${f}`)]));

const boot = readFileSync("web-ui/shell/boot.js", "utf8")
  .replace("__PREFETCH__", JSON.stringify(prefetch))
  .replace("__PRELOAD__", JSON.stringify(preloads))
  .replace("__APP_JS__", `${assets}/app.js`)
  .replace("__APP_WASM__", `${assets}/app_bg.wasm`);
writeFileSync(join(dist, "assets", build, "boot.js"), boot);

const head = [
  `<link rel="modulepreload" href="${assets}/app.js">`,
  split ? `<link rel="modulepreload" href="${assets}/__wasm_split.js">` : "",
  `<link rel="preload" href="${assets}/app_bg.wasm" as="fetch" type="application/wasm" crossorigin>`,
].filter(Boolean).join("\n");
const template = readFileSync("web-ui/index.html", "utf8")
  .replaceAll("{{CSS}}", `${assets}/style.css`)
  .replaceAll("{{BOOT}}", `${assets}/boot.js`)
  .replace("{{PRELOAD}}", head);
writeFileSync(join(dist, "index.html"), template.replace("{{SHELL}}", readFileSync("web-ui/shell/app.html", "utf8")));
writeFileSync(join(dist, "login.html"), template.replace("{{SHELL}}", readFileSync("web-ui/shell/login.html", "utf8")));

const precache = ["/", "/login", "/manifest.webmanifest", "/icons/icon-192.png", "/icons/icon-512.png",
  ...files.concat("boot.js").filter((f, i, all) => all.indexOf(f) === i).map((f) => `${assets}/${f}`)];
const sw = readFileSync("web-ui/shell/sw.js", "utf8")
  .replace("__BUILD__", build)
  .replace("__PRECACHE__", JSON.stringify(precache));
writeFileSync(join(dist, "sw.js"), sw);
