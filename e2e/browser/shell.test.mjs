// The page shell and the split build in a real browser: something useful is on screen before
// the app's code runs (and the login form works without it), feature areas load when entered
// (also by deep link and reload), the first data does not wait for the code, and with the
// service worker a reload without network still shows the app and a clear offline notice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, openBrowser, login, shot, PHONE, DESKTOP, PASSWORD } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

/** Holds every wasm download until `release()` is called. */
async function holdWasm(page) {
  const held = [];
  let open = false;
  await page.route('**/*.wasm', (route) => (open ? route.continue() : held.push(route)));
  return { release() { open = true; for (const r of held.splice(0)) r.continue(); } };
}

for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  test(`${label}: the shell shows before the code, and its login form works without it`, async () => {
    // No service worker here: it would answer the held downloads from its cache.
    const b = await openBrowser(viewport, { serviceWorkers: 'block' });
    try {
      const wasm = await holdWasm(b.page);
      await b.page.goto(`${server.base}/`);
      await b.page.waitForSelector('#boot .topbar .brand');
      assert.ok(await b.page.isVisible('#boot .card.skeleton'), 'a skeleton of the page');
      if (label === 'phone') assert.ok(await b.page.isVisible('#boot .tabbar'), 'the tab bar');
      await shot(b.page, `${label}-shell-before-wasm`);
      // The plain form: a real POST, a cookie, and on to `next`.
      await b.page.goto(`${server.base}/login?next=%2Fmeetings`);
      await b.page.fill('#boot-login input[name=login]', 'zhibu');
      await b.page.fill('#boot-login input[name=password]', 'wrong-password');
      await Promise.all([b.page.waitForURL(/\/login\?error=invalid_credentials/), b.page.click('#boot-login button[type=submit]')]);
      assert.match(await b.page.textContent('#boot-login-error'), /用户名或密码不正确/);
      await b.page.fill('#boot-login input[name=login]', 'zhibu');
      await b.page.fill('#boot-login input[name=password]', PASSWORD);
      await Promise.all([b.page.waitForURL(`${server.base}/meetings`), b.page.click('#boot-login button[type=submit]')]);
      const cookies = await b.context.cookies();
      assert.ok(cookies.some((c) => c.name === 'dj_session' && c.httpOnly), 'the session cookie is set');
      wasm.release();
      await b.page.waitForSelector('.page.meetings');
    } finally { await b.close(); }
  });

  test(`${label}: areas load when entered, by tab, deep link and reload`, async () => {
    const b = await openBrowser(viewport);
    try {
      // Each area's code is one file, area_<name>.pack (scripts/split-packs.mjs).
      const areas = [];
      b.page.on('request', (r) => { const m = r.url().match(/\/area_(\w+)\.pack$/); if (m) areas.push(m[1]); });
      // The 政工部门 sees every area, with data in each.
      await login(b.page, server.base, 'admin');
      assert.deepEqual(areas, [], 'the home needs no area code');
      const menu = label === 'phone' ? '.tabbar' : '.sidenav';
      await b.page.click(`${menu} .nav-item:has(.nav-label:text-is("党员"))`);
      await b.page.waitForSelector('.page.members .list-link', { state: 'attached' });
      assert.deepEqual(areas, ['members'], 'the member list needs only its own area');
      const member = await b.page.getAttribute('.page.members .list-link', 'href');
      await b.page.click(`${menu} .nav-item:has(.nav-label:text-is("组织生活"))`);
      await b.page.waitForSelector('.page.meetings');
      // From one area into another: the list of meetings, then one meeting.
      await b.page.click('.page.meetings .list-link');
      await b.page.waitForSelector('.page.meeting #meeting-topic');
      await b.page.click(`${menu} .nav-item:has(.nav-label:text-is("发展党员"))`);
      await b.page.waitForSelector('.page.development .list-link');
      const devCase = await b.page.getAttribute('.page.development .list-link', 'href');
      await b.page.click(`${menu} .nav-item:has(.nav-label:text-is("党员"))`);
      await b.page.waitForSelector('.page.members .list-link', { state: 'attached' });
      assert.deepEqual(areas, ['members', 'meetings', 'meeting', 'development'], 'an area is fetched once, when entered');
      // Deep links straight into an area, each followed by a reload there.
      for (const [path, page] of [['/meetings/compliance', '.page.compliance'], [devCase, '.page.dev-instance #dev-person'], [member, '.page.member-detail #member-name']]) {
        await b.page.goto(`${server.base}${path}`);
        await b.page.waitForSelector(page);
        await b.page.reload();
        await b.page.waitForSelector(page);
      }
      await b.page.goto(`${server.base}/meetings/compliance`);
      await b.page.waitForSelector('.page.compliance #compliance-rows');
      await shot(b.page, `${label}-deep-link-meetings`);
    } finally { await b.close(); }
  });
}

test('the member list and /me are requested once, in parallel with the code', async () => {
  const b = await openBrowser(PHONE);
  try {
    await login(b.page, server.base, 'admin');
    const api = [];
    b.page.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.startsWith('/api/v1/')) api.push(u.pathname + u.search); });
    await b.page.goto(`${server.base}/members`);
    await b.page.waitForSelector('.page.members .list-link', { state: 'attached' });
    assert.equal(api.filter((u) => u === '/api/v1/me').length, 1, api.join(' '));
    assert.equal(api.filter((u) => u.startsWith('/api/v1/members?')).length, 1, api.join(' '));
  } finally { await b.close(); }
});

test('offline: a reload shows the app from the service worker and a clear notice', async () => {
  const b = await openBrowser(PHONE);
  try {
    await login(b.page, server.base, 'dangyuan');
    await b.page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await b.page.reload();
    await b.page.waitForSelector('.page.home');
    await b.page.evaluate(() => new Promise((resolve) => (navigator.serviceWorker.controller ? resolve() : navigator.serviceWorker.addEventListener('controllerchange', resolve))));
    await b.context.setOffline(true);
    await b.page.reload();
    await b.page.waitForSelector('#offline-notice:not([hidden])');
    assert.match(await b.page.textContent('#offline-notice'), /网络已断开/);
    assert.ok(await b.page.isVisible('.topbar'), 'never a blank page');
    await shot(b.page, 'phone-offline-notice');
    await b.context.setOffline(false);
  } finally { await b.close(); }
});
