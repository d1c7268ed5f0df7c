// Party dues (党费) in the browser: a member's own dues on the phone; the branch secretary's
// ledger (filtered to 未交), one member's page with the live standard preview and a cash payment
// that appears in the payments list; the collection report with its drill-down for 党委 and
// 政工部门.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, openBrowser, login, horizontalOverflow, shot, PHONE, DESKTOP } from './harness.mjs';

const nav = (label) => (label === 'phone' ? '.tabbar' : '.sidenav');
// Every row shown is unpaid (an older, unfiltered list still on screen has paid rows).
const onlyUnpaid = (sel) => {
  const shown = [...document.querySelectorAll(sel)];
  return shown.length > 0 && shown.every((r) => r.querySelector('.status-pill.unpaid, .status-pill.excused'));
};
const monthLabel = (month) => { const [y, m] = month.split('-'); return `${y}年${Number(m)}月`; };

test('phone: a member sees 我的党费 with 党费交至, the months and the payments', async () => {
  const server = await startServer();
  const b = await openBrowser(PHONE);
  try {
    await login(b.page, server.base, 'dangyuan');
    await b.page.click(`${nav('phone')} >> text=党费`);
    await b.page.waitForURL(/\/dues$/);
    await b.page.waitForSelector('#paid-through');
    assert.match(await b.page.textContent('#paid-through'), /^党费交至 \d{4}年\d{1,2}月$/);
    assert.match(await b.page.textContent('#dues-owed'), /^\d+\.\d\d 元$/);
    // The standard (or the note that there is none) and how to pay.
    await b.page.waitForSelector('#dues-standard, #no-base');
    await b.page.waitForSelector('#pay-card');
    // The months, newest first: this month on top, each with its status.
    const me = await b.page.evaluate(async () => (await fetch('/api/v1/dues/me')).json());
    const rows = await b.page.$$eval('#dues-months li', (lis) => lis.map((li) => ({ month: li.dataset.month, status: li.dataset.status, text: li.textContent })));
    assert.ok(rows.length > 0, 'the months are listed');
    assert.equal(rows[0].month, me.months[0].month);
    assert.match(rows[0].text, new RegExp(monthLabel(me.months[0].month)));
    for (const row of rows) {
      const label = { paid: '已交', unpaid: '未交', excused: '已说明' }[row.status];
      assert.ok(label && row.text.includes(label), `month ${row.month} shows its status`);
    }
    if (me.arrears_months >= 3) await b.page.waitForSelector('#arrears-warning');
    if (me.payments.length > 0) {
      const receipt = await b.page.getAttribute('#dues-payments li:first-child a.receipt', 'href');
      assert.equal(receipt, `/api/v1/dues/payments/${me.payments[0].id}/receipt`);
      const pdf = await b.page.evaluate(async (href) => (await fetch(href)).headers.get('content-type'), receipt);
      assert.match(pdf, /pdf/);
    }
    if (!me.online_payment && me.pay_through_options.length > 0) {
      assert.match(await b.page.textContent('#online-unavailable'), /在线支付尚未开通，请向党支部交纳/);
    }
    assert.ok(await horizontalOverflow(b.page) <= 0, 'my dues scroll sideways');
    await shot(b.page, 'phone-my-dues');
    // A deep link (the area's code preloaded by the shell) shows the same page after a reload.
    await b.page.reload();
    await b.page.waitForSelector('#paid-through');
  } finally { await b.close(); await server.stop(); }
});

for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  test(`${label}: the secretary filters the ledger to 未交, opens a member and records a cash payment`, async () => {
    const server = await startServer();
    const b = await openBrowser(viewport);
    try {
      await login(b.page, server.base, 'zhibu');
      await b.page.click(`${nav(label)} >> text=党费`);
      await b.page.waitForURL(/\/dues\/ledger/);
      await b.page.waitForSelector('#dues-totals');
      assert.match(await b.page.textContent('#total-rate'), /%/);
      const rows = label === 'phone' ? '#ledger-cards li' : '#ledger-table tbody tr';
      await b.page.waitForSelector(rows);

      await b.page.click('.chip[data-status="unpaid"]');
      await b.page.waitForURL(/status=unpaid/);
      await b.page.waitForFunction(onlyUnpaid, rows);
      if (label === 'phone') assert.ok(await horizontalOverflow(b.page) <= 0, 'the ledger scrolls sideways');
      await shot(b.page, `${label}-dues-ledger`);

      // An unpaid member of the first page who may pay through this month.
      const target = await b.page.evaluate(async () => {
        const ledger = await (await fetch('/api/v1/dues/ledger?status=unpaid&limit=50')).json();
        for (const row of ledger.items) {
          const d = await (await fetch(`/api/v1/dues/members/${row.person_id}`)).json();
          if (d.pay_through_options.some((o) => o.through_month === ledger.month)) {
            return { id: row.person_id, name: row.name, month: ledger.month, payments: d.payments.length };
          }
        }
        return null;
      });
      assert.ok(target, 'an unpaid member who may pay through this month');
      await b.page.click(`${rows}[data-person="${target.id}"] a`);
      await b.page.waitForURL(new RegExp(`/dues/members/${target.id}$`));
      await b.page.waitForSelector('#payment-form');
      assert.equal((await b.page.textContent('#dues-member-name')).startsWith(target.name), true);
      const before = await b.page.$$eval('#dues-payments li', (lis) => lis.length);
      assert.equal(before, target.payments);
      assert.equal(await b.page.getAttribute(`#dues-months li[data-month="${target.month}"]`, 'data-status'), 'unpaid');

      if (label === 'desktop') {
        // The monthly amount is shown while the base is typed (1.5% for 5000–10000 元 employed,
        // 1% for a retiree above 5000 元).
        await b.page.selectOption('#field-category', 'employed');
        await b.page.fill('#field-base', '6500');
        await b.page.waitForFunction(() => /97\.50 元（1\.5%）/.test(document.querySelector('#base-preview')?.textContent ?? ''));
        await b.page.selectOption('#field-category', 'retired');
        await b.page.waitForFunction(() => /65\.00 元（1%）/.test(document.querySelector('#base-preview')?.textContent ?? ''));
      }

      // Cash, through this month, paid today; confirmed in a dialog.
      await b.page.selectOption('#field-through_month', target.month);
      await b.page.selectOption('#field-method', 'cash');
      assert.match(await b.page.textContent('#payment-total'), /合计：\d+\.\d\d 元/);
      let question = '';
      b.page.once('dialog', (d) => { question = d.message(); d.accept(); });
      await b.page.click('#record-payment');
      await b.page.waitForSelector('#payment-saved');
      assert.match(question, new RegExp(`确认登记 ${target.name} 交纳党费至 ${monthLabel(target.month)}`));
      const receipt = (await b.page.textContent('#payment-saved')).match(/收据号 (\S+)/)[1];
      // The page now shows the payment and the month as paid, without a reload.
      await b.page.waitForFunction((n) => document.querySelectorAll('#dues-payments li').length === n, before + 1);
      const first = await b.page.textContent('#dues-payments li:first-child');
      assert.ok(first.includes(receipt), 'the new payment heads the list');
      assert.match(first, /现金/);
      assert.match(first, new RegExp(monthLabel(target.month)));
      assert.equal(await b.page.getAttribute(`#dues-months li[data-month="${target.month}"]`, 'data-status'), 'paid');
      if (label === 'phone') assert.ok(await horizontalOverflow(b.page) <= 0, 'the member page scrolls sideways');
      await shot(b.page, `${label}-dues-member`);

      // Back in the ledger the member is no longer among the unpaid.
      await b.page.click('text=返回台账');
      await b.page.waitForSelector('#dues-totals');
      await b.page.click('.chip[data-status="unpaid"]');
      await b.page.waitForURL(/status=unpaid/);
      await b.page.waitForFunction(onlyUnpaid, rows);
      assert.equal(await b.page.$(`${rows}[data-person="${target.id}"]`), null);
    } finally { await b.close(); await server.stop(); }
  });
}

test('desktop: the 政工部门 sees the collection by org and drills down one level and back', async () => {
  const server = await startServer();
  const b = await openBrowser(DESKTOP);
  try {
    await login(b.page, server.base, 'admin');
    await b.page.click('.sidenav >> text=党费');
    await b.page.waitForURL(/\/dues\/collection/);
    await b.page.waitForSelector('#collection-table tbody tr');
    const top = await b.page.textContent('#collection-org');
    assert.match(await b.page.textContent('#total-rate'), /%/);
    assert.equal(await b.page.$('text=返回上级'), null);
    await shot(b.page, 'desktop-dues-collection');

    const child = b.page.locator('#collection-table a[href*="/dues/collection"]').first();
    const childName = (await child.textContent()).trim();
    await child.click();
    await b.page.waitForURL(/org_id=\d+/);
    await b.page.waitForFunction((name) => document.querySelector('#collection-org')?.textContent.startsWith(name), childName);
    await b.page.waitForSelector('#collection-table tbody tr');
    assert.notEqual(await b.page.textContent('#collection-org'), top);

    // The whole year, then back up.
    await b.page.click('#collection-periods >> text=本年');
    await b.page.waitForURL(/period=\d{4}(&|$)/);
    await b.page.waitForFunction(() => /\d{4}年$/.test(document.querySelector('#collection-org')?.textContent ?? ''));
    await b.page.click('text=返回上级');
    await b.page.waitForFunction((t) => document.querySelector('#collection-org')?.textContent.startsWith(t.split(' · ')[0]), top);
  } finally { await b.close(); await server.stop(); }
});

test('phone: a 党委 sees the collection of its branches and opens one', async () => {
  const server = await startServer();
  const b = await openBrowser(PHONE);
  try {
    await login(b.page, server.base, 'dangwei');
    await b.page.click('.tabbar >> text=党费');
    await b.page.waitForURL(/\/dues\/collection/);
    await b.page.waitForSelector('#collection-cards li');
    assert.ok(await horizontalOverflow(b.page) <= 0, 'the collection scrolls sideways');
    await shot(b.page, 'phone-dues-collection');
    // A branch with 党小组 opens its own report, one without opens its ledger.
    const name = await b.page.$eval('#collection-cards li:first-child .list-title', (el) => el.firstChild.textContent);
    await b.page.click('#collection-cards li:first-child a');
    await b.page.waitForURL(/org_id=\d+/);
    await b.page.waitForFunction((n) => document.querySelector('#collection-org')?.textContent.startsWith(n) ||
      document.querySelector('#ledger-head')?.textContent.includes(n), name);
    assert.ok(await horizontalOverflow(b.page) <= 0, 'the drilled-down page scrolls sideways');
  } finally { await b.close(); await server.stop(); }
});
