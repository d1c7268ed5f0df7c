// 整建制转接 in the browser: a party group of 办公厅党支部 (two members, made for the test through
// the API, their dues paid up) goes out of the institution as one batch — the secretary starts
// it and agrees for everyone at once on the desktop, the 党委 approves and issues the one letter
// with its list, and the letter downloads as a PDF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, openBrowser, login, horizontalOverflow, shot, PASSWORD, DESKTOP } from './harness.mjs';

const chinaToday = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

async function apiAs(base, username) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: username, password: PASSWORD }),
  });
  assert.equal(r.status, 200, `login ${username}`);
  const { token, me } = await r.json();
  const call = async (method, path, body) => {
    const answer = await fetch(`${base}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: answer.status, body: await answer.json().catch(() => null) };
  };
  const get = async (path) => {
    const { status, body } = await call('GET', path);
    assert.equal(status, 200, `GET ${path}`);
    return body;
  };
  return { me, get, post: (path, body) => call('POST', path, body) };
}

test('desktop: a party group goes out as one batch on one letter with a list', async () => {
  const server = await startServer();
  try {
    const admin = await apiAs(server.base, 'admin');
    const zhibuApi = await apiAs(server.base, 'zhibu');
    const branch = zhibuApi.me.active_role.org_id;
    // A party group of two members of the branch without a case open, dues paid to this month.
    const group = await admin.post('/api/v1/orgs', {
      parent_id: branch, name: '整建制测试党小组', kind: 'party_group', sector: 'government',
      founded_on: null, term_years: null, term_started_on: null,
    });
    assert.equal(group.status, 201, JSON.stringify(group.body));
    const groupId = group.body.id;
    const open = (await admin.get('/api/v1/transfers?limit=100')).items.map((t) => t.person_id);
    const logins = [zhibuApi.me.person_id, (await apiAs(server.base, 'dangyuan')).me.person_id];
    const members = (await admin.get(`/api/v1/members?org_id=${branch}&status=formal&limit=100`)).items;
    const month = chinaToday().slice(0, 7);
    const chosen = [];
    for (const m of members) {
      if (chosen.length === 2) break;
      if (open.includes(m.id) || logins.includes(m.id)) continue;
      const dues = await admin.get(`/api/v1/dues/members/${m.id}`);
      const owes = dues.months.some((d) => d.status === 'unpaid' && d.month <= month);
      if (owes) {
        const option = dues.pay_through_options.find((o) => o.through_month === month);
        if (!option) continue;
        const paid = await admin.post('/api/v1/dues/payments', { person_id: m.id, through_month: month, method: 'cash', paid_on: chinaToday() });
        if (paid.status !== 201) continue;
      }
      const current = await admin.get(`/api/v1/members/${m.id}`);
      const moved = await admin.post(`/api/v1/members/${m.id}/move`, {
        version: current.version, org_id: branch, party_group_id: groupId, reason: '编入整建制测试党小组',
      });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      chosen.push(current.name);
    }
    assert.equal(chosen.length, 2, 'two members of the demo branch can go');

    // The secretary starts the batch: the group, 转出本单位, the receiving unit, the reason.
    let batch;
    const desk = await openBrowser(DESKTOP);
    try {
      const page = desk.page;
      await login(page, server.base, 'zhibu');
      await page.goto(`${server.base}/transfers`);
      await page.click('text=整建制转接');
      await page.waitForURL(/\/transfers\/batch\/new$/);
      await page.waitForSelector('#batch-scope');
      await page.click(`#scope-${groupId}`);
      await page.click('#batch-kind-out');
      await page.fill('#field-to_unit', '中共上海市浦东新区委员会组织部');
      await page.fill('#field-reason', '党小组随业务整体划转上海');
      await page.click('#batch-submit');
      await page.waitForSelector('#batch-confirm');
      assert.match(await page.textContent('#batch-confirm-text'), /整建制测试党小组/);
      await shot(page, 'desktop-transfer-batch-new');
      await page.click('#batch-confirm-ok');
      await page.waitForURL(/\/transfers\/batch\/\d+$/);
      batch = Number(page.url().match(/\/transfers\/batch\/(\d+)$/)[1]);
      await page.waitForSelector('#batch-cases li');
      assert.equal((await page.$$('#batch-cases li')).length, 2);
      for (const name of chosen) assert.match(await page.textContent('#batch-cases'), new RegExp(name));
      // Everyone agreed at once.
      await page.waitForSelector('#batch-step[data-step="2"]');
      await page.click('#step-submit');
      await page.waitForSelector('#batch-cases li[data-step="3"]');
      assert.equal((await page.$$('#batch-cases li[data-step="3"]')).length, 2);
      assert.equal(await page.$('#batch-step'), null, 'the branch does not approve for the 党委');
      assert.ok(await horizontalOverflow(page) <= 0);
      await shot(page, 'desktop-transfer-batch');
    } finally { await desk.close(); }

    // The 党委 approves and issues the one letter; it downloads with its list.
    const committee = await openBrowser(DESKTOP);
    try {
      const page = committee.page;
      await login(page, server.base, 'dangwei');
      await page.goto(`${server.base}/transfers/batch/${batch}`);
      await page.waitForSelector('#batch-step[data-step="3"]');
      await page.click('#step-submit');
      await page.waitForSelector('#batch-cases li[data-awaiting="receipt"]');
      assert.equal((await page.$$('#batch-cases li[data-awaiting="receipt"]')).length, 2);
      await page.waitForSelector('#batch-letter-pdf');
      const href = await page.getAttribute('#batch-letter-pdf', 'href');
      const pdf = await page.evaluate(async (url) => {
        const r = await fetch(url);
        return { status: r.status, type: r.headers.get('content-type'), size: (await r.arrayBuffer()).byteLength };
      }, href);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.type, 'application/pdf');
      assert.ok(pdf.size > 10000, `a real PDF (${pdf.size} bytes)`);
      await shot(page, 'desktop-transfer-batch-issued');
    } finally { await committee.close(); }
  } finally { await server.stop(); }
});
