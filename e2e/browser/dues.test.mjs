// Party dues (党费) in the browser: a member's own dues on the phone; the branch secretary's
// ledger (filtered to 未交), one member's page with the live standard preview and a cash payment
// that appears in the payments list; the collection report with its drill-down for 党委 and
// 政工部门; a 减免 application by the member (phone) approved by the secretary (desktop); the
// base declaration import from a CSV built here (preview, errors, 导入).
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

test('phone, then desktop: a member applies for 减交 and sees it at 党支部研究; the secretary approves it on to the 党委', async () => {
  const server = await startServer();
  let id;
  let me;
  const phone = await openBrowser(PHONE);
  try {
    const page = phone.page;
    await login(page, server.base, 'dangyuan');
    await page.click('.tabbar >> text=党费');
    await page.waitForURL(/\/dues$/);
    await page.waitForSelector('#reduction-start');
    me = await page.evaluate(async () => (await fetch('/api/v1/dues/me')).json());
    const standard = me.current?.monthly;
    assert.ok(standard && Number(standard) >= 0.02, `the member has a standard: ${standard}`);
    const monthly = (Math.floor(Number(standard) * 50) / 100).toFixed(2);

    // The application is a page of its own (the 减免 area), so 我的党费 stays small.
    await page.click('#reduction-start a');
    await page.waitForURL(/\/dues\/reductions\/new/);
    await page.waitForSelector('#reduction-form');
    assert.match(await page.textContent('#reduction-standard'), new RegExp(`现行标准每月 ${standard} 元`));
    // The amount asked for belongs to 减交 only.
    await page.selectOption('#field-reduction_kind', 'exempt');
    await page.waitForSelector('#field-reduction_monthly', { state: 'detached' });
    await page.selectOption('#field-reduction_kind', 'reduce');
    await page.fill('#field-reduction_monthly', monthly);
    // Without a reason the server names the field and nothing is filed.
    await page.click('#reduction-submit');
    await page.waitForSelector('#field-reduction_reason[aria-invalid="true"]');
    await page.fill('#field-reduction_reason', '配偶重病住院，家庭收入骤减');
    await page.click('#reduction-submit');
    await page.waitForURL(/\/dues\?submitted=1$/);
    await page.waitForSelector('#reduction-submitted');
    const item = page.locator('#reduction-cases > li').first();
    id = await item.getAttribute('data-case');
    assert.equal(await item.getAttribute('data-step'), '2');
    assert.equal((await item.locator('.case-state').textContent()).trim(), '党支部研究');
    assert.match(await item.textContent(), new RegExp(`减交为每月 ${monthly} 元（现行标准每月 ${standard} 元）`));
    // Its history (the application) is shown, and no second application is offered.
    await page.waitForSelector(`#reduction-cases li[data-case="${id}"] .case-events li`);
    assert.equal(await page.$('#reduction-start'), null);
    assert.ok(await horizontalOverflow(page) <= 0, 'my dues with the application scroll sideways');
    await shot(page, 'phone-dues-reduction');
  } finally { await phone.close(); }

  const desk = await openBrowser(DESKTOP);
  try {
    const page = desk.page;
    await login(page, server.base, 'zhibu');
    await page.click('.sidenav >> text=党费');
    await page.waitForURL(/\/dues\/ledger/);
    await page.click('a[href="/dues/reductions"]');
    await page.waitForURL(/\/dues\/reductions$/);
    const row = `#reduction-list li[data-case="${id}"]`;
    await page.waitForSelector(row);
    const text = await page.textContent(row);
    assert.ok(text.includes(me.name) && text.includes(me.org_name), 'the case names the member and the org');
    assert.equal((await page.textContent(`${row} .case-state`)).trim(), '党支部研究');
    // 不同意 asks for a reason first (nothing is sent, no confirmation).
    await page.click(`${row} .decide-reject`);
    assert.match(await page.textContent(`${row} .decision-form .field-error`), /请填写不同意的理由/);
    // 同意, confirmed: the row moves on to the 党委 in place, with no decision left for the branch.
    let question = '';
    page.once('dialog', (d) => { question = d.message(); d.accept(); });
    await page.fill(`${row} .decision-comment`, '经支部委员会研究，情况属实，同意报党委审批');
    await page.click(`${row} .decide-approve`);
    await page.waitForSelector(`${row}[data-step="3"]`);
    assert.equal(question, `确认同意${me.name}的减免党费申请（党支部研究）？`);
    assert.equal((await page.textContent(`${row} .case-state`)).trim(), '上级党委批准');
    assert.equal(await page.$(`${row} .decide-approve`), null);
    await shot(page, 'desktop-dues-reductions');
  } finally { await desk.close(); await server.stop(); }
});

test('desktop: the secretary uploads a base declaration, sees one valid and one wrong line, imports it and sees 已导入', async () => {
  const server = await startServer();
  const b = await openBrowser(DESKTOP);
  try {
    const page = b.page;
    await login(page, server.base, 'zhibu');
    await page.click('.sidenav >> text=党费');
    await page.waitForURL(/\/dues\/ledger/);
    await page.click('a[href^="/dues/imports"]');
    await page.waitForURL(/\/dues\/imports/);
    await page.waitForSelector('#import-form');
    assert.equal(await page.getAttribute('#import-template', 'href'), '/api/v1/dues/base-imports/template.xlsx');

    // Over 10 MB is refused before anything is sent.
    await page.setInputFiles('#dues-import-file', { name: '太大.csv', mimeType: 'text/csv', buffer: Buffer.alloc(11 * 1024 * 1024, 'a') });
    await page.click('#import-upload');
    assert.match(await page.textContent('#import-error'), /文件超过 10 MB/);
    // A file without the required columns is refused by the server, under the file field.
    await page.setInputFiles('#dues-import-file', { name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from('姓名,备注\n张三,无\n', 'utf8') });
    await page.click('#import-upload');
    assert.match(await page.textContent('#import-file-error'), /缺少必需的列/);

    // Two members of the branch, by 身份证号码: one right, one with a category that does not exist.
    const people = await page.evaluate(async () => {
      const list = await (await fetch('/api/v1/members?status=formal&limit=2')).json();
      return Promise.all(list.items.map(async (m) => {
        const d = await (await fetch(`/api/v1/members/${m.id}`)).json();
        return { id: m.id, name: d.name, card: d.id_card_number };
      }));
    });
    assert.equal(people.length, 2);
    const now = new Date();
    const next = new Date(now.getFullYear(), now.getMonth() + 1, 1);
    const month = `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}`;
    const csv = '身份证号码,姓名,党费类别,计算基数（元）,起始月份\n' +
      `${people[0].card},${people[0].name},在职,6500,${month}\n` +
      `${people[1].card},${people[1].name},老板,3000,${month}\n`;
    await page.setInputFiles('#dues-import-file', { name: '党费基数申报.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.click('#import-upload');
    await page.waitForURL(/\/dues\/imports\?id=\d+/);
    await page.waitForSelector('#import-table tbody tr');
    assert.equal(await page.textContent('#import-valid'), '可导入 1 行');
    assert.equal(await page.textContent('#import-errors'), '有错误 1 行');
    const lines = await page.$$eval('#import-table tbody tr', (trs) => trs.map((tr) => ({ line: tr.dataset.line, ok: tr.dataset.ok, text: tr.textContent })));
    assert.deepEqual(lines.map((l) => [l.line, l.ok]), [['3', 'false'], ['2', 'true']], 'errors first');
    assert.match(lines[0].text, /党费类别无效/);
    const red = await page.$eval('#import-table tr[data-line="3"] .field-error', (el) => getComputedStyle(el).color);
    assert.equal(red, 'rgb(198, 40, 40)');
    assert.ok(lines[1].text.includes(people[0].name) && lines[1].text.includes('在职') && lines[1].text.includes('97.50'));
    await shot(page, 'desktop-dues-import-preview');

    let question = '';
    page.once('dialog', (d) => { question = d.message(); d.accept(); });
    await page.click('#import-apply');
    await page.waitForSelector('#import-applied');
    assert.match(question, /将为 1 名党员更新党费基数，有错误的行不会导入/);
    assert.match(await page.textContent('#import-applied'), /^已导入/);
    assert.equal(await page.$('#import-apply'), null);
    const dues = await page.evaluate(async (id) => (await fetch(`/api/v1/dues/members/${id}`)).json(), people[0].id);
    assert.ok(dues.bases.some((x) => x.base === '6500.00' && x.source === 'import' && x.effective_month === month), 'the base is recorded');
    // The address keeps the declaration: a reload shows it applied.
    await page.reload();
    await page.waitForSelector('#import-applied');
  } finally { await b.close(); await server.stop(); }
});
