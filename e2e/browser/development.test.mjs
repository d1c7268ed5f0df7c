// Member development in the browser: the applicant's timeline on a phone, the secretary doing a
// step on a desktop, the 党委 approving on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, openBrowser, login, horizontalOverflow, shot, PHONE, DESKTOP } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const menu = (viewport) => (viewport === PHONE ? '.tabbar' : '.sidenav');

function idCard(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

test('phone: the applicant follows their own timeline', async () => {
  const b = await openBrowser(PHONE);
  try {
    await login(b.page, server.base, 'qunzhong');
    await b.page.click(`${menu(PHONE)} >> text=发展党员`);
    await b.page.waitForSelector('.page.development .list-link');
    await b.page.click('text=发展进程');
    await b.page.waitForSelector('#dev-timeline');
    const current = await b.page.textContent('.timeline-step.current');
    assert.match(current, /谈话|积极分子/);
    assert.match(await b.page.textContent('#dev-timeline'), /1\. 递交入党申请书/);
    assert.ok(await horizontalOverflow(b.page) <= 0, 'timeline scrolls sideways');
    assert.equal(await b.page.$('#dev-step-form'), null, 'the branch acts on this step, not the applicant');
    await shot(b.page, 'phone-development-timeline');
  } finally { await b.close(); }
});

test('desktop: the secretary records the talk with an applicant', async () => {
  const b = await openBrowser(DESKTOP);
  try {
    await login(b.page, server.base, 'zhibu');
    // A paper application recorded for a new 群众 of the branch.
    const instance = await b.page.evaluate(async (card) => {
      const me = await (await fetch('/api/v1/me')).json();
      const post = (url, body) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
      const person = await post('/api/v1/members', { org_id: me.active_role.org_id, name: '申请人甲', id_card_number: card, membership_status: 'masses' });
      const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
      return post('/api/v1/development/applications', { applied_on: today, person_id: person.id });
    }, idCard('11010519950505123'));
    assert.equal(instance.summary.step, 2, JSON.stringify(instance));

    await b.page.click(`${menu(DESKTOP)} >> text=发展党员`);
    await b.page.waitForSelector('#dev-summary');
    await b.page.waitForSelector('#dev-list');
    await shot(b.page, 'desktop-development-pipeline');
    await b.page.click('#dev-list >> text=申请人甲');
    await b.page.waitForSelector('#dev-step-form');
    // Missing fields are explained on the field.
    await b.page.click('#dev-submit');
    await b.page.waitForSelector('#field-talked_on-error');
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    await b.page.fill('#field-talked_on', today);
    await b.page.fill('#field-talker', '王帅锋');
    await b.page.click('#dev-submit');
    await b.page.waitForFunction(() => document.querySelector('#dev-next')?.textContent.includes('第3步'));
    assert.match(await b.page.textContent('#dev-history'), /党组织派人谈话/);
    await shot(b.page, 'desktop-development-step-done');
  } finally { await b.close(); }
});

test('phone: the 党委 approves a pending step', async () => {
  const b = await openBrowser(PHONE);
  try {
    await login(b.page, server.base, 'dangwei');
    const pending = await b.page.evaluate(async () => {
      const page = await (await fetch('/api/v1/development/instances?limit=200')).json();
      return page.items.find((i) => [4, 8, 18].includes(i.step));
    });
    assert.ok(pending, 'the demo data has a filing waiting for the 党委');
    await b.page.goto(`${server.base}/development/cases/${pending.id}`);
    await b.page.waitForSelector('#dev-step-form');
    assert.ok(await b.page.$('#dev-return'), 'a filing can be returned');
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    await b.page.fill('#field-filed_on', today);
    assert.ok(await horizontalOverflow(b.page) <= 0, 'approval form scrolls sideways');
    await shot(b.page, 'phone-development-approval');
    await b.page.click('#dev-submit');
    await b.page.waitForFunction((n) => document.querySelector('#dev-next')?.textContent.includes(`第${n}步`), pending.step + 1);
  } finally { await b.close(); }
});

test('desktop: the 政工部门 edits the working-day calendar', async () => {
  const b = await openBrowser(DESKTOP);
  try {
    await login(b.page, server.base, 'admin');
    await b.page.click(`${menu(DESKTOP)} >> text=发展党员`);
    await b.page.waitForSelector('#calendar-card .list');
    assert.match(await b.page.textContent('#calendar-card'), /2027 年\s*暂定/);
    const before = await b.page.textContent('#calendar-card');
    await b.page.fill('#field-calendar_day', '2026-12-31');
    await b.page.selectOption('#field-calendar_kind', 'holiday');
    await b.page.fill('#field-calendar_note', '单位安排');
    await b.page.click('#calendar-card button[type=submit]');
    await b.page.waitForFunction(() => document.querySelector('#calendar-card .notice')?.textContent.includes('已保存'));
    // 2026 ships with 33 days off; the edit adds one.
    assert.match(before, /2026 年放假 33 天/);
    await b.page.waitForFunction(() => document.querySelector('#calendar-card .list')?.textContent.includes('2026 年放假 34 天'));
    await shot(b.page, 'desktop-development-calendar');
  } finally { await b.close(); }
});
