// 数据看板 and 党内统计报表 in the browser. The 机关党委 (`dangwei`) opens 数据看板 from the menu on a
// desktop: the member count, every panel of the server with its SVG chart and its table; a number
// of a table opens the member list, which says which filters are on and counts as many members as
// the number said; the dashboard prints without the menus. On a phone the dashboard does not
// scroll sideways. Then 统计报表: the date is checked first, 预览 shows the tables with their
// multi-level headers (cells spanning columns and rows, the first row 合计), 数据检查 lists the
// problems or says there are none, 生成报表 makes the set in the background and its XLSX and PDF
// download from the list of sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, openBrowser, login, horizontalOverflow, shot, PASSWORD, PHONE, DESKTOP } from './harness.mjs';

/// A client of the API with a bearer token (to know what the pages should show).
async function apiAs(base, username) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: username, password: PASSWORD }),
  });
  assert.equal(r.status, 200, `login ${username}`);
  const { token } = await r.json();
  const call = (method, path, body) => fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const get = async (path) => {
    const answer = await call('GET', path);
    assert.equal(answer.status, 200, `GET ${path}`);
    return answer.json();
  };
  return { get, call };
}

/// The first figure of a chart panel (of the given kinds) whose number opens the member list,
/// with members in it.
function memberFigure(dashboard, kinds = ['bars', 'donut', 'funnel', 'rates']) {
  for (const panel of dashboard.panels) {
    if (!kinds.includes(panel.chart)) continue;
    const figure = panel.figures.find((f) => f.value > 0 && f.drill?.startsWith('/members?'));
    if (figure) return { panel, figure };
  }
  return null;
}

const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

test('desktop: the 党委 reads the dashboard and drills into the member list; phone: it fits', async () => {
  const server = await startServer();
  try {
    const dangwei = await apiAs(server.base, 'dangwei');
    const dashboard = await dangwei.get('/api/v1/dashboard');
    assert.ok(dashboard.panels.length > 0, 'the dashboard has panels');
    const found = memberFigure(dashboard);
    assert.ok(found, `a panel with a member number: ${JSON.stringify(dashboard.panels.map((p) => p.key))}`);
    const charts = dashboard.panels.filter((p) => !['figures', 'heat_map'].includes(p.chart) && p.figures.length > 0);

    const desk = await openBrowser(DESKTOP);
    try {
      const page = desk.page;
      await login(page, server.base, 'dangwei');
      await page.click('.shortcuts >> text=数据看板');
      await page.waitForURL(/\/dashboard$/);
      await page.waitForSelector('#panels .panel');
      assert.equal((await page.textContent('#dash-members')).trim(), String(dashboard.members));
      assert.match(await page.textContent('#org-pick-name'), new RegExp(dashboard.org_name));
      assert.equal((await page.$$('#panels .panel')).length, dashboard.panels.length, 'every panel is shown');
      for (const p of charts) {
        await page.waitForSelector(`#panel-${p.key} svg.chart`);
        const rows = await page.$$(`#panel-${p.key} .panel-table tbody tr`);
        assert.equal(rows.length, p.figures.length, `the table of ${p.key} has a row per figure`);
      }
      const heat = dashboard.panels.find((p) => p.heat && p.heat.rows.length > 0);
      if (heat) await page.waitForSelector(`#panel-${heat.key} table.heat td.met, #panel-${heat.key} table.heat td.unmet, #panel-${heat.key} table.heat td.partly`);
      assert.ok(await horizontalOverflow(page) <= 0, 'the dashboard scrolls sideways on a desktop');
      await shot(page, 'desktop-dashboard');

      // Printing keeps the charts and drops the menus.
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.isVisible('.sidenav'), false, 'no menu when printed');
      assert.ok(await page.isVisible(`#panel-${charts[0].key} svg.chart`), 'charts printed');
      await page.emulateMedia({ media: 'screen' });

      // A number of a table opens the member list with that number of members.
      const { panel, figure } = found;
      await page.click(`#panel-${panel.key} .panel-table tr[data-key="${figure.key}"] a.num-link`);
      await page.waitForURL((url) => url.pathname === '/members' && url.search.length > 1);
      const drilled = new URL(page.url());
      assert.equal(`${drilled.pathname}${decodeURIComponent(drilled.search)}`, decodeURIComponent(figure.drill));
      await page.waitForSelector('#member-total');
      assert.match(await page.textContent('#member-total'), new RegExp(`共 ${figure.value} 人`));
      await page.waitForSelector('#active-filters .chip');
      await shot(page, 'desktop-dashboard-drill');
      // The chart's bar leads to the same list.
      await page.goBack();
      await page.waitForSelector(`#panel-${panel.key} svg.chart`);
    } finally { await desk.close(); }

    const phone = await openBrowser(PHONE);
    try {
      const page = phone.page;
      await login(page, server.base, 'dangwei');
      await page.goto(`${server.base}/dashboard`);
      await page.waitForSelector('#panels .panel');
      for (const p of charts) await page.waitForSelector(`#panel-${p.key} svg.chart`);
      assert.ok(await horizontalOverflow(page) <= 0, 'the dashboard scrolls sideways on a phone');
      await shot(page, 'phone-dashboard');
      // A bar opens its list on a phone.
      const { panel, figure } = memberFigure(dashboard, ['bars']);
      await page.click(`#panel-${panel.key} svg.chart a[href="${figure.drill}"]`);
      await page.waitForURL((url) => url.pathname === '/members' && url.search.length > 1);
      await page.waitForSelector('#member-total');
      assert.match(await page.textContent('#member-total'), new RegExp(`共 ${figure.value} 人`));
      assert.ok(await horizontalOverflow(page) <= 0, 'the drilled list scrolls sideways on a phone');
      await shot(page, 'phone-dashboard-drill');
    } finally { await phone.close(); }
  } finally { await server.stop(); }
});

test('统计报表: date checked, preview with spanning headers, data check, a set made in the background', async () => {
  const server = await startServer();
  try {
    const dangwei = await apiAs(server.base, 'dangwei');
    // The API refuses a future date with its own Chinese message.
    const me = await dangwei.get('/api/v1/me');
    const future = await dangwei.call('POST', '/api/v1/reports/statistics/exports', { org_id: me.active_role.org_id, as_of: '2999-01-01' });
    assert.equal(future.status, 422);

    const desk = await openBrowser(DESKTOP);
    try {
      const page = desk.page;
      await login(page, server.base, 'dangwei');
      await page.click('.sidenav >> text=统计报表');
      await page.waitForURL(/\/statistics$/);
      await page.waitForSelector('#statistics-form');
      assert.equal(await page.inputValue('#as-of'), today());

      // No date, then a date after today: said next to the field, nothing asked.
      await page.fill('#as-of', '');
      await page.click('#preview');
      await page.waitForSelector('#as-of-error');
      assert.match(await page.textContent('#as-of-error'), /请选择截止日期/);
      await page.fill('#as-of', '2999-01-01');
      await page.click('#generate');
      assert.match(await page.textContent('#as-of-error'), /不能晚于今天/);

      // 预览: each table with its header cells spanning, the first row the total.
      await page.fill('#as-of', today());
      await page.click('#preview');
      await page.waitForSelector('#report .report-table');
      await page.waitForURL(/as_of=/);
      const tables = await page.$$('#report .report-table');
      assert.ok(tables.length >= 1, 'the set has tables');
      const spanning = await page.$$('#report thead th[colspan], #report thead th[rowspan]');
      assert.ok(spanning.length >= 1, 'header cells span columns or rows');
      assert.match(await page.textContent('#report .report-table tbody tr.total th'), /合计/);
      assert.ok(await horizontalOverflow(page) <= 0, 'the preview scrolls sideways on a desktop (wide tables scroll inside)');
      await shot(page, 'desktop-statistics-preview');

      // 数据检查.
      await page.click('#check-data');
      await page.waitForSelector('#check');
      const problems = Number(await page.getAttribute('#check', 'data-problems'));
      if (problems === 0) assert.match(await page.textContent('#check'), /未发现问题/);
      else assert.equal((await page.$$('#check .problems li a')).length, problems);

      // 生成报表: the set is made in the background, then downloads.
      await page.click('#generate');
      await page.waitForSelector('#generate-started');
      await page.waitForSelector('#export-list li[data-status="succeeded"] .export-xlsx', { timeout: 120_000 });
      const first = '#export-list li:first-child';
      assert.equal(await page.getAttribute(first, 'data-status'), 'succeeded');
      for (const [link, type] of [['.export-xlsx', /spreadsheetml/], ['.export-pdf', /pdf/]]) {
        const href = await page.getAttribute(`${first} ${link}`, 'href');
        const file = await page.evaluate(async (url) => {
          const r = await fetch(url);
          return { status: r.status, type: r.headers.get('content-type'), size: (await r.arrayBuffer()).byteLength };
        }, href);
        assert.equal(file.status, 200, href);
        assert.match(file.type, type);
        assert.ok(file.size > 1000, `${href}: ${file.size} bytes`);
      }
      assert.ok(await horizontalOverflow(page) <= 0, 'the statistics page scrolls sideways on a desktop');
      await shot(page, 'desktop-statistics-exports');
    } finally { await desk.close(); }

    const phone = await openBrowser(PHONE);
    try {
      const page = phone.page;
      await login(page, server.base, 'dangwei');
      await page.goto(`${server.base}/statistics`);
      await page.waitForSelector('#statistics-form');
      await page.click('#preview');
      await page.waitForSelector('#report .report-table');
      await page.waitForSelector('#export-list li');
      assert.ok(await horizontalOverflow(page) <= 0, 'the statistics page scrolls sideways on a phone');
      await shot(page, 'phone-statistics');
    } finally { await phone.close(); }
  } finally { await server.stop(); }
});
