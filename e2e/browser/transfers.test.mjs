// 组织关系转接 in the browser, one case from start to finish: a member (phone) applies to move to
// another branch under the same 党委 (机关党委, so no 党委 step), sees it at 待转出党支部审核; the
// secretary of the member's branch (desktop) approves it from 待我审批 — paying the member's dues
// first when they are not paid up to this month, which the approval refuses with the rule; the
// 党委 (desktop, it reaches the receiving branch) accepts it from 待接收; the case is 已完成, the
// member belongs to the receiving branch, and the member's own list says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, openBrowser, login, horizontalOverflow, shot, PASSWORD, PHONE, DESKTOP } from './harness.mjs';

const RECEIVING = '人事局党支部';
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

/// A client of the API with a bearer token (what the demo data holds, looked up outside the UI).
async function apiAs(base, username) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: username, password: PASSWORD }),
  });
  assert.equal(r.status, 200, `login ${username}`);
  const { token, me } = await r.json();
  const get = async (path) => {
    const answer = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(answer.status, 200, `GET ${path}`);
    return answer.json();
  };
  return { me, get };
}

test('phone, then desktop: a 系统内转接 applied for by the member, approved by the branch and accepted by the 党委', async () => {
  const server = await startServer();
  try {
    // The receiving branch: 人事局党支部 under 机关党委, like the member's 办公厅党支部.
    const admin = await apiAs(server.base, 'admin');
    const hits = await admin.get(`/api/v1/orgs/search?q=${encodeURIComponent(RECEIVING)}&limit=10`);
    const target = hits.find((h) => h.name === RECEIVING && h.kind === 'branch' && h.parent_names.includes('机关党委'));
    assert.ok(target, `${RECEIVING} under 机关党委 in the demo data: ${JSON.stringify(hits)}`);
    const member = (await apiAs(server.base, 'dangyuan')).me;
    const person = member.person_id;
    const before = await admin.get(`/api/v1/members/${person}`);
    assert.equal(before.org_name, '办公厅党支部', 'the demo member belongs to 办公厅党支部');

    // 1. The member on the phone: 组织关系转接 from home, 申请转接, the form.
    let id;
    const phone = await openBrowser(PHONE);
    try {
      const page = phone.page;
      await login(page, server.base, 'dangyuan');
      await page.click('.shortcuts >> text=组织关系转接');
      await page.waitForURL(/\/transfers$/);
      await page.waitForSelector('#transfer-start a');
      assert.equal(await page.$('#transfer-list'), null, 'no cases yet');
      await page.click('#transfer-start a');
      await page.waitForURL(/\/transfers\/new$/);
      await page.waitForSelector('#transfer-form');
      assert.ok(await page.isChecked('#kind-within'), '系统内转接 is the default');
      // Nothing chosen or written: explained under the fields, nothing sent.
      await page.click('#transfer-submit');
      assert.match(await page.textContent('#to_org_id-picker .field-error'), /请选择接收党支部/);
      assert.match(await page.textContent('#field-reason-error'), /请填写转接原因/);
      assert.equal(page.url().endsWith('/transfers/new'), true);

      // The branch picker: found by name where the role may search, else by its 组织编号.
      await page.fill('#field-to_org_id_search', '人事局');
      await page.waitForSelector(`.picker-hit[data-org="${target.id}"], #to_org_id-none`);
      if (await page.$(`.picker-hit[data-org="${target.id}"]`)) {
        await page.click(`.picker-hit[data-org="${target.id}"]`);
      } else {
        await page.fill('#field-to_org_id_number', String(target.id));
        await page.click('#to_org_id-use-number');
      }
      await page.waitForSelector(`#to_org_id-picked[data-org="${target.id}"]`);
      await page.fill('#field-reason', '工作调动至人事局');
      assert.ok(await horizontalOverflow(page) <= 0, 'the form scrolls sideways');
      await shot(page, 'phone-transfer-new');
      await page.click('#transfer-submit');
      await page.waitForURL(/\/transfers\/\d+$/);
      id = Number(page.url().match(/\/transfers\/(\d+)$/)[1]);

      // The case: waiting for the sending branch, named both sides; nothing for the member to do.
      await page.waitForSelector('#transfer-head');
      assert.equal(await page.getAttribute('#transfer-head .transfer-state', 'data-state'), 'sending_branch');
      assert.equal((await page.textContent('#transfer-head .transfer-state')).trim(), '待转出党支部审核');
      assert.match(await page.textContent('#transfer-head'), new RegExp(`办公厅党支部 → ${RECEIVING}`));
      assert.match(await page.textContent('#transfer-timeline .timeline-step.current'), /转出党支部审核/);
      assert.equal(await page.$('#step-form'), null, 'the member does not act on the branch step');
      assert.ok(await horizontalOverflow(page) <= 0, 'the case scrolls sideways');
      await shot(page, 'phone-transfer-case');

      // Back in the list: the case with its state, and no second application offered.
      await page.click('.tabbar >> text=关系转接');
      await page.waitForURL(/\/transfers$/);
      const row = `#transfer-list li[data-case="${id}"]`;
      await page.waitForSelector(row);
      assert.equal((await page.textContent(`${row} .transfer-state`)).trim(), '待转出党支部审核');
      assert.match(await page.textContent(`${row} .transfer-route`), new RegExp(RECEIVING));
      await page.waitForSelector('#transfer-open');
      assert.equal(await page.$('#transfer-start a'), null);
      assert.ok(await horizontalOverflow(page) <= 0, 'the list scrolls sideways');
      await shot(page, 'phone-transfers-mine');
    } finally { await phone.close(); }

    // 2. The secretary of 办公厅党支部 on the desktop: 待我审批, the case, 同意.
    const desk = await openBrowser(DESKTOP);
    try {
      const page = desk.page;
      await login(page, server.base, 'zhibu');
      await page.click('.sidenav >> text=关系转接');
      await page.waitForURL(/\/transfers$/);
      await page.waitForSelector('#transfer-tabs .tab.active');
      assert.equal((await page.textContent('#transfer-tabs .tab.active')).trim(), '待我审批');
      const row = `#transfer-list li[data-case="${id}"]`;
      await page.waitForSelector(row);
      const text = await page.textContent(row);
      assert.ok(text.includes(before.name) && text.includes('系统内转接') && text.includes(RECEIVING), text);
      await shot(page, 'desktop-transfers-desk');
      await page.click(`${row} a`);
      await page.waitForURL(new RegExp(`/transfers/${id}$`));
      await page.waitForSelector('#step-form[data-step="2"]');

      // 不予通过 asks for the reason first (nothing is sent without it); cancelled.
      await page.click('#step-reject');
      await page.waitForSelector('#reject-dialog');
      await page.click('#reject-confirm');
      assert.match(await page.textContent('#reject-dialog .field-error'), /请填写不予通过的理由/);
      await page.click('#reject-dialog >> text=取消');
      await page.waitForSelector('#reject-dialog', { state: 'detached' });

      // Dues must be paid up to this month before the member goes: refused with the rule, then
      // paid in cash at the branch, then agreed.
      const month = today().slice(0, 7);
      const dues = await page.evaluate(async (p) => (await fetch(`/api/v1/dues/members/${p}`)).json(), person);
      if (dues.months.some((m) => m.status === 'unpaid' && m.month <= month)) {
        await page.click('#step-submit');
        await page.waitForSelector('#step-error[data-rule="transfer.dues_unpaid"]');
        const rule = await page.textContent('#step-error');
        assert.match(rule, /党费未交纳/);
        assert.match(rule, /中组发〔2008〕3号/);
        await shot(page, 'desktop-transfer-dues-rule');
        const option = dues.pay_through_options.find((o) => o.through_month === month) ?? dues.pay_through_options[0];
        assert.ok(option, 'the member may pay what is open');
        const paid = await page.evaluate(async (body) => {
          const r = await fetch('/api/v1/dues/payments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
          return r.status;
        }, { person_id: person, through_month: option.through_month, method: 'cash', paid_on: today() });
        assert.equal(paid, 201, 'the payment is recorded');
      }
      await page.fill('#field-step_comment', '经支部研究，同意转出，党费已交至本月');
      await page.click('#step-submit');
      // Both branches sit under 机关党委: straight on to the receiving branch (step 4).
      await page.waitForSelector('#transfer-head[data-step="4"]');
      assert.equal((await page.textContent('#transfer-head .transfer-state')).trim(), '待接收方接收');
      assert.equal(await page.$('#step-form'), null, 'the sending branch cannot accept for the receiving one');
      assert.match(await page.textContent('#transfer-history'), /经支部研究，同意转出/);
      await shot(page, 'desktop-transfer-approved');
    } finally { await desk.close(); }

    // 3. The 党委 (机关党委 reaches 人事局党支部) on the desktop: 待接收, the case, 确认接收.
    const committee = await openBrowser(DESKTOP);
    try {
      const page = committee.page;
      await login(page, server.base, 'dangwei');
      await page.click('.sidenav >> text=关系转接');
      await page.waitForURL(/\/transfers$/);
      await page.click('#transfer-tabs >> text=待接收');
      await page.waitForURL(/tab=to_receive/);
      const row = `#transfer-list li[data-case="${id}"]`;
      await page.waitForSelector(row);
      assert.equal(await page.getAttribute(row, 'data-awaiting'), 'receiving');
      await page.click(`${row} a`);
      await page.waitForURL(new RegExp(`/transfers/${id}$`));
      await page.waitForSelector('#step-form[data-step="4"]');
      assert.equal((await page.textContent('#step-submit')).trim(), '确认接收');
      await shot(page, 'desktop-transfer-receive');
      await page.click('#step-submit');
      await page.waitForSelector('#transfer-head[data-status="completed"]');
      assert.equal((await page.textContent('#transfer-head .transfer-state')).trim(), '已完成');
      assert.match(await page.textContent('#transfer-status'), /已完成/);
      assert.equal(await page.$('#step-form'), null);
      assert.match(await page.textContent('#transfer-timeline'), /接收党支部接收/);
      await shot(page, 'desktop-transfer-done');
      // The member now belongs to the receiving branch.
      const moved = await page.evaluate(async (p) => (await fetch(`/api/v1/members/${p}`)).json(), person);
      assert.equal(moved.org_id, target.id);
      assert.equal(moved.org_name, RECEIVING);
      // Finished cases are under 全部.
      await page.click('.sidenav >> text=关系转接');
      await page.click('#transfer-tabs >> text=全部');
      await page.waitForURL(/tab=all/);
      await page.waitForSelector(`${row} .transfer-state[data-state="completed"]`);
    } finally { await committee.close(); }

    // 4. The member's own list shows it 已完成, and a new application may be made.
    const again = await openBrowser(PHONE);
    try {
      const page = again.page;
      await login(page, server.base, 'dangyuan');
      await page.goto(`${server.base}/transfers`);
      const row = `#transfer-list li[data-case="${id}"]`;
      await page.waitForSelector(`${row} .transfer-state[data-state="completed"]`);
      assert.equal((await page.textContent(`${row} .transfer-state`)).trim(), '已完成');
      await page.waitForSelector('#transfer-start a');
    } finally { await again.close(); }
  } finally { await server.stop(); }
});
