// Starts the app. Runs before the wasm is loaded, so that nothing waits in line:
// - preloads the code of the feature area being opened (deep links and reloads);
// - asks the server who is logged in (`/api/v1/me`) while the code downloads; the app takes
//   the answer from `window.__djMe` instead of asking again;
// - fetches the first data of the page being opened where it is known (`window.__djPrefetch`);
// - keeps the shell's plain login form working and tells it where to go afterwards;
// - shows the offline notice when the network goes, and registers the service worker.
// The area code of the route being opened, fetched alongside the entry module.
// A key "/x" is that path exactly, "/x/*" everything below it; the exact key wins, then the
// longest prefix ("/meetings/new" is the meetings area, "/meetings/12" one meeting's).
const PRELOAD = __PRELOAD__;
const areaFiles = (path) => {
  let best = null;
  for (const route of Object.keys(PRELOAD)) {
    if (route === path) return PRELOAD[route];
    const below = route.endsWith("/*") && path.startsWith(route.slice(0, -1));
    if (below && (!best || route.length > best.length)) best = route;
  }
  return best ? PRELOAD[best] : [];
};
for (const href of areaFiles(location.pathname)) {
  const link = Object.assign(document.createElement("link"), { rel: "preload", as: "fetch", href, crossOrigin: "anonymous" });
  link.type = "application/wasm";
  document.head.append(link);
}

const json = (response) => (response.ok ? response.json() : null);
const get = (url) => fetch(url, { credentials: "same-origin" }).then(json).catch(() => null);
window.__djMe = get("/api/v1/me");
window.__djPrefetch = {};
for (const url of (location.search ? [] : __PREFETCH__[location.pathname] || [])) {
  window.__djPrefetch[url] = get(url);
}
// The home shows the active role's org. On a return visit its id is known from last time, so
// it is asked for together with /me; otherwise (or if the role changed) as soon as /me names it.
// This reaction runs before the app's, which awaits the same promise.
if (location.pathname === "/") {
  const orgUrl = (org) => `/api/v1/orgs/${org}`;
  const last = localStorage.getItem("dj-home-org");
  if (last) window.__djPrefetch[orgUrl(last)] = get(orgUrl(last));
  window.__djMe.then((me) => {
    const org = me?.active_role?.org_id;
    if (!org) return;
    localStorage.setItem("dj-home-org", String(org));
    if (String(org) !== last) window.__djPrefetch[orgUrl(org)] = get(orgUrl(org));
  });
}

const params = new URLSearchParams(location.search);
const next = document.getElementById("boot-login-next");
if (next) next.value = params.get("next") || "";
const error = document.getElementById("boot-login-error");
if (error && params.get("error")) {
  error.textContent = ({ login_rate_limited: "尝试次数过多，请稍后再试", invalid_credentials: "用户名或密码不正确", service_unavailable: "服务繁忙，请稍后再试" })[params.get("error")] || "登录失败，请重试";
  error.hidden = false;
}

const offline = document.getElementById("offline-notice");
const showNetwork = () => { offline.hidden = navigator.onLine; };
addEventListener("online", showNetwork);
addEventListener("offline", showNetwork);
showNetwork();

const { default: init } = await import("__APP_JS__");
await init({ module_or_path: "__APP_WASM__" });

// The service worker downloads the whole build for the next start and for going offline; it
// is registered once the app runs, so that on a slow network it does not compete with the
// first page for bandwidth.
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  setTimeout(() => navigator.serviceWorker.register("/sw.js").catch(() => {}), 1500);
}
