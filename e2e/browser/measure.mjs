// Time to first render under a slow-4G profile (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up),
// cold (cache disabled) and warm, plus the bytes actually transferred. A benchmark, not a test:
//   node e2e/browser/measure.mjs        (after scripts/build-web.sh and a cargo build)
import { startServer, openBrowser, login, DESKTOP, PHONE } from './harness.mjs';

const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

async function timed(page, cdp, url, selector, cold) {
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: cold });
  const start = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector(selector, { timeout: 60_000 });
  const ms = Date.now() - start;
  const bytes = await page.evaluate(() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
    .reduce((sum, e) => sum + (e.transferSize || 0), 0));
  return { ms, kb: Math.round(bytes / 1024) };
}

const server = await startServer();
try {
  for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    const b = await openBrowser(viewport);
    const cdp = await b.context.newCDPSession(b.page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    const rows = [];
    for (const cold of [true, false]) {
      const loginPage = await timed(b.page, cdp, `${server.base}/login`, '.login-card', cold);
      rows.push(`login page ${cold ? 'cold' : 'warm'} ${loginPage.ms} ms (${loginPage.kb} KB)`);
    }
    await login(b.page, server.base, 'admin');
    for (const cold of [true, false]) {
      const list = await timed(b.page, cdp, `${server.base}/members`, '#member-total', cold);
      rows.push(`member list ${cold ? 'cold' : 'warm'} ${list.ms} ms (${list.kb} KB)`);
    }
    console.log(`${label} ${viewport.width}x${viewport.height}, slow 4G — ${rows.join('; ')}`);
    await b.close();
  }
} finally {
  await server.stop();
}
