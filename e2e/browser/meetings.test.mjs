// Organisational life in the browser: the secretary plans and runs a meeting on a desktop, a
// member checks in on a phone by opening the QR link, the record is signed and corrected.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, openBrowser, login, horizontalOverflow, shot, PHONE, DESKTOP } from './harness.mjs';

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('secretary records a meeting; a member checks in on the phone', async () => {
  const desk = await openBrowser(DESKTOP);
  const phone = await openBrowser(PHONE);
  try {
    await login(desk.page, server.base, 'zhibu');
    await desk.page.click('.sidenav >> text=组织生活');
    await desk.page.waitForSelector('#meeting-list, .state.empty');
    await shot(desk.page, 'desktop-meetings');
    await desk.page.click('text=安排会议');
    await desk.page.selectOption('#field-kind', 'branch_general');
    await desk.page.fill('#field-topic', '学习贯彻全会精神专题会');
    await desk.page.fill('#field-place', '三楼会议室');
    await desk.page.waitForSelector('#field-host option:nth-child(3)', { state: 'attached' });
    await desk.page.selectOption('#field-host', { index: 1 });
    await desk.page.selectOption('#field-recorder', { index: 2 });
    await desk.page.fill('#field-agenda', '一、传达学习；二、交流发言');
    await desk.page.click('#meeting-plan');
    await desk.page.waitForSelector('#checkin-qr svg');
    assert.match(await desk.page.textContent('#meeting-quorum'), /未过半数/);
    const code = (await desk.page.textContent('#checkin-code')).trim();
    const meetingId = desk.page.url().match(/meetings\/(\d+)/)[1];
    await shot(desk.page, 'desktop-meeting-qr');

    // The member opens the link in the QR code on the phone.
    await login(phone.page, server.base, 'dangyuan');
    await phone.page.goto(`${server.base}/meetings/${meetingId}/checkin?code=${code}`);
    await phone.page.waitForSelector('#checkin-result h1');
    assert.equal(await phone.page.textContent('#checkin-result h1'), '签到成功');
    assert.ok(await horizontalOverflow(phone.page) <= 0, 'check-in page scrolls sideways');
    await shot(phone.page, 'phone-checkin');
    // The same link again, or a made-up code, does not check in.
    await phone.page.goto(`${server.base}/meetings/${meetingId}/checkin?code=AAAAAAAAAAAA`);
    await phone.page.waitForFunction(() => document.querySelector('#checkin-result h1')?.textContent === '签到未成功');
    await phone.page.click('text=查看会议');
    await phone.page.waitForSelector('#my-response');
    assert.match(await phone.page.textContent('#my-response'), /已签到/);

    // Back at the desk: attendance, record, sign, correct.
    await desk.page.reload();
    await desk.page.waitForSelector('#attendees');
    assert.match(await desk.page.textContent('#attendees'), /已到/);
    const photo = join(mkdtempSync(join(tmpdir(), 'photo-')), '会场照片.png');
    writeFileSync(photo, PNG);
    await desk.page.setInputFiles('#attachment-file', photo);
    await desk.page.click('#attachment-upload');
    await desk.page.waitForFunction(() => document.querySelector('#attachments')?.textContent.includes('会场照片.png'));
    // Formatted minutes: a heading and a bold phrase through the toolbar.
    await desk.page.fill('#field-minutes', '会议议程\n会议传达学习了全会精神，党员逐一发言。');
    await desk.page.$eval('#field-minutes', (el) => el.setSelectionRange(0, 0));
    await desk.page.click('.rt-toolbar >> text=标题');
    await desk.page.$eval('#field-minutes', (el) => { const i = el.value.indexOf('全会精神'); el.setSelectionRange(i, i + 4); });
    await desk.page.click('.rt-toolbar >> text=加粗');
    assert.equal(await desk.page.inputValue('#field-minutes'), '# 会议议程\n会议传达学习了**全会精神**，党员逐一发言。');
    await desk.page.fill('#field-decisions', '制定学习计划');
    await desk.page.click('#save-record');
    await desk.page.waitForFunction(() => !document.querySelector('#meeting-message'));
    desk.page.once('dialog', (d) => d.accept());
    await desk.page.click('#sign');
    await desk.page.waitForSelector('#minutes-text');
    assert.equal(await desk.page.textContent('#minutes-text h3'), '会议议程');
    assert.equal(await desk.page.textContent('#minutes-text strong'), '全会精神');
    await desk.page.fill('#field-amend_value', '会议传达学习了全会精神，党员逐一发言（更正）。');
    await desk.page.fill('#field-amend_reason', '补充');
    await desk.page.click('#amend');
    await desk.page.waitForFunction(() => document.querySelector('#minutes-text')?.textContent.includes('更正'));
    await shot(desk.page, 'desktop-meeting-signed');

    // The committee sees who is behind.
    await desk.page.click('.sidenav >> text=组织生活');
    await desk.page.click('text=落实情况');
    await desk.page.waitForSelector('#compliance-rows');
    await shot(desk.page, 'desktop-meeting-compliance');
  } finally {
    await desk.close();
    await phone.close();
  }
});

test('desktop: 民主评议 — the committee records 测评票 and a rating', async () => {
  const b = await openBrowser(DESKTOP);
  try {
    await login(b.page, server.base, 'zhibu');
    const meeting = await b.page.evaluate(async () => {
      const me = await (await fetch('/api/v1/me')).json();
      // Held yesterday afternoon (China time): ratings are recorded for a meeting that has taken
      // place, whatever the hour the test runs at.
      const yesterday = new Date(Date.now() + 8 * 3600e3 - 86400e3).toISOString().slice(0, 10);
      const r = await fetch('/api/v1/meetings', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ org_id: me.active_role.org_id, kind: 'democratic_review', topic: '年度民主评议党员', starts_at: `${yesterday}T14:00:00`, attendees: { scope: 'branch' } }) });
      return r.json();
    });
    await b.page.goto(`${server.base}/meetings/${meeting.summary.id}`);
    await b.page.waitForSelector('#ratings .list-row');
    const first = meeting.attendees[0].person_id;
    await b.page.fill(`#peer-${first}`, '12/5/1/0');
    await b.page.selectOption(`#ratings select >> nth=0`, 'excellent');
    await b.page.waitForFunction(() => document.querySelector('#ratings')?.textContent.includes('优秀 1 人'));
    const saved = await b.page.evaluate(async (id) => (await (await fetch(`/api/v1/meetings/${id}/ratings`)).json()).rows[0].peer, meeting.summary.id);
    assert.deepEqual(saved, [12, 5, 1, 0]);
    await shot(b.page, 'desktop-democratic-review');
  } finally { await b.close(); }
});
