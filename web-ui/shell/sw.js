// The service worker: a warm start needs no network for the code, and the page never goes
// blank offline. Written by scripts/build-web.sh with this build's id and file list.
//
// - The page shell (`/` and `/login`) is answered from the cache at once and refreshed in the
//   background; offline, every app route gets the cached shell, whose notice says so.
// - Code and styles live under fingerprinted names that never change: cache first.
// - API answers are never cached (they are personal and `no-store`).
// - Updates are safe: each build has its own cache with all of its files, installed before it
//   takes over. The two previous builds' caches are kept, so a tab still running an older
//   build finds the chunks it loads later; older ones are removed.
const BUILD = "__BUILD__";
const PRECACHE = __PRECACHE__;
const CACHE = `dj-${BUILD}`;
const KEEP_BUILDS = 3;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const order = await caches.open("dj-builds");
    await order.put(`/__builds/${Date.now()}-${BUILD}`, new Response(BUILD));
    const keys = (await order.keys()).map((r) => new URL(r.url).pathname).sort();
    const builds = [...new Set(keys.map((k) => k.split("-").slice(1).join("-")))];
    const keep = new Set(builds.slice(-KEEP_BUILDS).map((b) => `dj-${b}`));
    keep.add(CACHE);
    for (const name of await caches.keys()) {
      if (name.startsWith("dj-") && name !== "dj-builds" && !keep.has(name)) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

const shellFor = (url) => (url.pathname === "/login" ? "/login" : "/");

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") {
    const shell = shellFor(url);
    event.respondWith((async () => {
      const cached = await caches.match(shell, { cacheName: CACHE });
      const fresh = fetch(request).then(async (response) => {
        if (response.ok && response.headers.get("content-type")?.startsWith("text/html")) {
          (await caches.open(CACHE)).put(shell, response.clone());
        }
        return response;
      });
      if (cached) {
        event.waitUntil(fresh.catch(() => {}));
        return cached;
      }
      return fresh.catch(async () => (await caches.match(shell)) || Response.error());
    })());
    return;
  }
  event.respondWith((async () => {
    const cached = await caches.match(request);
    if (cached) return cached;
    const response = await fetch(request);
    if (response.ok && (url.pathname.startsWith("/assets/") || url.pathname.startsWith("/icons/"))) {
      (await caches.open(CACHE)).put(request, response.clone());
    }
    return response;
  })());
});
