// Time to first useful render under a slow-4G profile (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s
// up), cold (empty cache, no service worker) and warm (the service worker and HTTP cache from the
// cold visit), with the bytes each page load transferred. A benchmark, not a test:
//   node e2e/browser/measure.mjs        (after scripts/build-web.sh and a cargo build)
// Pages: the login form, the home with data, the member list with data, and the first page of
// every other feature area entered from home (its extra time and bytes over the home).
import { startServer, openBrowser, login, PHONE } from './harness.mjs';

const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

async function transferred(page) {
  return page.evaluate(() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
    .reduce((sum, e) => sum + (e.transferSize || 0), 0));
}

/** Waits until `selector` matches, checking every animation frame: Playwright's own waits back
 * off to 500 ms between checks, which made a page that showed at 0.4 s measure as 0.9 s. */
async function shown(page, selector) {
  await page.waitForFunction((s) => document.querySelector(s) !== null, selector, { polling: 'raf', timeout: 60_000 });
}

async function load(page, url, selector) {
  const start = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await shown(page, selector);
  return { ms: Date.now() - start, kb: Math.round((await transferred(page)) / 1024) };
}

/** Clicks a link into an area (a menu entry, a list's first row): time until its page shows, bytes it added. */
async function follow(page, link, selector) {
  const before = await transferred(page);
  const start = Date.now();
  await page.click(link);
  await shown(page, selector);
  return { ms: Date.now() - start, kb: Math.round(((await transferred(page)) - before) / 1024) };
}

async function session(server, warmUp) {
  // Cold: no service worker (it would precache everything) and an empty HTTP cache.
  const b = await openBrowser(PHONE, warmUp ? {} : { serviceWorkers: 'block' });
  const cdp = await b.context.newCDPSession(b.page);
  await cdp.send('Network.enable');
  await login(b.page, server.base, 'admin');
  if (warmUp) {
    await b.page.evaluate(async () => { await navigator.serviceWorker.ready; });
  } else {
    await cdp.send('Network.clearBrowserCache');
  }
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  return { b, cdp };
}

const server = await startServer();
const rows = [];
try {
  for (const kind of ['cold', 'warm']) {
    const warm = kind === 'warm';
    let { b, cdp } = await session(server, warm);
    if (!warm) await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    // The login form (a new context without a session, so the page stays on the form).
    const anonymous = await openBrowser(PHONE, warm ? {} : { serviceWorkers: 'block' });
    const acdp = await anonymous.context.newCDPSession(anonymous.page);
    await acdp.send('Network.emulateNetworkConditions', SLOW_4G);
    if (warm) await anonymous.page.goto(`${server.base}/login`);
    const loginPage = await load(anonymous.page, `${server.base}/login`, '.login-card input[name=login]');
    rows.push([kind, 'login form usable', loginPage]);
    await anonymous.close();
    rows.push([kind, 'home with data', await load(b.page, `${server.base}/`, '.page.home .stats')]);
    rows.push([kind, 'member list with data', await load(b.page, `${server.base}/members`, '#member-total')]);
    // Areas are entered with the cache on (the entry is cached by then, as in real use).
    if (!warm) {
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
      await cdp.send('Network.clearBrowserCache');
    }
    for (const [label, selector] of [['组织生活', '.page.meetings'], ['发展党员', '.page.development'], ['人事同步', '.page.hr'], ['组织', '.page.orgs .list-link'], ['党费', '.page.dues-collection .stats'], ['关系转接', '.page.transfers.desk #transfer-tabs'], ['请示批复', '.page.requests.desk #request-tabs']]) {
      await load(b.page, `${server.base}/`, '.page.home .stats');
      rows.push([kind, `enter ${label} from home`, await follow(b.page, `.tabbar .nav-item:has(.nav-label:text-is("${label}"))`, selector)]);
    }
    // The areas of one meeting and one development case, entered from their lists.
    for (const [list, listSelector, page] of [['/meetings', '.page.meetings .list-link', '.page.meeting #meeting-topic'], ['/development', '.page.development .list-link', '.page.dev-instance #dev-person']]) {
      await load(b.page, `${server.base}${list}`, listSelector);
      rows.push([kind, `open one from ${list}`, await follow(b.page, listSelector, page)]);
    }
    await b.close();
  }
} finally {
  await server.stop();
}
console.log('slow 4G, phone 390x844, admin');
console.log(`${'load'.padEnd(6)}${'page'.padEnd(28)}${'ms'.padStart(7)}${'KB'.padStart(7)}`);
for (const [kind, name, r] of rows) console.log(`${kind.padEnd(6)}${name.padEnd(28)}${String(r.ms).padStart(7)}${String(r.kb).padStart(7)}`);
