// Notifications in the browser: the bell and the centre, a member's settings, the analysis
// alerts, a custom notice with its preview, the delivery log and the service settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, openBrowser, login, horizontalOverflow, shot, PHONE, DESKTOP } from './harness.mjs';

// Each test has its own server: marking everything read on the phone must not empty the
// desktop's centre.

const nav = (label) => (label === 'phone' ? '.tabbar' : '.sidenav');

for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  test(`${label}: the bell, the centre, alerts, a notice with its preview, the delivery log`, async () => {
    const server = await startServer();
    const b = await openBrowser(viewport);
    try {
      await login(b.page, server.base, 'admin');
      // This morning's term reminders reached the 政工部门 in the app: the bell shows them.
      await b.page.waitForSelector('#unread-badge', { timeout: 20_000 });
      // Wait until every in-app reminder of the morning is delivered, so none arrives later.
      await b.page.waitForFunction(async () => {
        const page = await (await fetch('/api/v1/outbox?channel=in_app&status=pending&limit=1')).json();
        return page.items.length === 0;
      }, null, { timeout: 30_000, polling: 250 });
      await b.page.click('a.bell');
      await b.page.waitForSelector('.notification-list li');
      assert.match(await b.page.textContent('.notification-list'), /换届提醒/);
      if (label === 'phone') assert.ok(await horizontalOverflow(b.page) <= 0, 'the centre scrolls sideways');
      await shot(b.page, `${label}-notifications`);
      // Opening one marks it read and goes to the org it is about.
      const unread = () => b.page.evaluate(async () => (await (await fetch('/api/v1/notifications?limit=1')).json()).unread_count);
      const unreadBefore = await unread();
      await b.page.click('.notification.unread .list-button');
      await b.page.waitForURL(/\/orgs\/\d+/);
      assert.equal(await unread(), unreadBefore - 1);
      await b.page.goBack();
      await b.page.waitForSelector('#mark-all-read');
      await b.page.click('#mark-all-read');
      await b.page.click('.chip >> text=未读');
      await b.page.waitForSelector('text=没有未读消息');
      await b.page.waitForSelector('#unread-badge', { state: 'detached' });

      // Alerts: counts per rule; tapping a rule filters the list.
      await b.page.click(`${nav(label)} >> text=分析提醒`);
      await b.page.waitForSelector('#alert-rules .rule-card');
      await b.page.click('#alert-rules .rule-card:has-text("支部书记空缺")');
      await b.page.waitForFunction(() => document.querySelectorAll('#alert-list li').length > 0 &&
        [...document.querySelectorAll('#alert-list li')].every((li) => li.textContent.includes('支部书记空缺')));
      if (label === 'phone') assert.ok(await horizontalOverflow(b.page) <= 0, 'alerts scroll sideways');
      await shot(b.page, `${label}-alerts`);

      // A notice to every member of the institution by SMS: preview first, then send.
      await b.page.click(`${nav(label)} >> text=发通知`);
      await b.page.waitForSelector('#notice-form');
      await b.page.fill('#field-title', '党费缴纳提醒');
      await b.page.fill('#field-body', '提醒各位党员同志，请尽快缴纳党费。');
      await b.page.check('input[name="Sms"]');
      await b.page.click('#notice-preview');
      await b.page.waitForSelector('#notice-preview-box');
      const preview = await b.page.textContent('#notice-preview-box');
      assert.match(preview, /共 1\d{4} 人/);
      assert.match(preview, /预计费用 \d+\.\d\d 元/);
      assert.match(preview, /【.*党委】提醒各位党员同志/);
      await shot(b.page, `${label}-notice-preview`);
      if (label === 'desktop') {
        b.page.once('dialog', (d) => d.accept());
        await b.page.click('#notice-send');
        await b.page.waitForSelector('text=通知已发送');
      }
      // Chosen people: found by name, added, previewed as one recipient.
      const someone = await b.page.evaluate(async () => (await (await fetch('/api/v1/members?limit=1&status=formal')).json()).items[0].name);
      await b.page.selectOption('#field-audience', 'people');
      await b.page.fill('#people-search', someone);
      await b.page.click('#people-search-button');
      await b.page.click(`#people-found .list-button:has-text("${someone}")`);
      await b.page.waitForSelector(`#people-chosen >> text=${someone}`);
      await b.page.click('#notice-preview');
      await b.page.waitForFunction(() => /共 1 人/.test(document.querySelector('#notice-preview-box')?.textContent ?? ''));
      // Refused input shows its field's message and sends nothing.
      await b.page.fill('#field-body', '张建国身份证110101198001010011');
      await b.page.click('#notice-preview');
      await b.page.waitForSelector('.field.invalid >> text=不得通过短信发送');

      // The delivery log: pending SMS wait for a provider.
      await b.page.click(`${nav(label)} >> text=投递记录`);
      await b.page.waitForSelector('#outbox-list li');
      await b.page.selectOption('#field-channel', 'sms');
      await b.page.selectOption('#field-status', 'pending');
      await b.page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('#outbox-list li')];
        return rows.length > 0 && rows.every((li) => li.textContent.includes('待发送') && li.textContent.includes('短信'));
      });
      await shot(b.page, `${label}-outbox`);

      // Service settings: a gateway without its secret is refused with the field's message.
      await b.page.click('text=通知服务设置');
      await b.page.waitForSelector('#sms-provider-form');
      await b.page.selectOption('#field-provider', 'http_gateway');
      await b.page.fill('#field-sign_name', '智慧党建');
      await b.page.fill('#field-endpoint', 'https://sms.tencentcloudapi.com/send');
      await b.page.click('#sms-provider-form button[type="submit"]');
      await b.page.waitForSelector('#sms-provider-form >> text=请填写密钥');
      await shot(b.page, `${label}-notify-settings`);
    } finally { await b.close(); await server.stop(); }
  });
}

test('phone: a member turns an optional text off and gives an e-mail address', async () => {
  const server = await startServer();
  const b = await openBrowser(PHONE);
  try {
    await login(b.page, server.base, 'dangyuan');
    await b.page.goto(`${server.base}/notifications/settings`);
    await b.page.waitForSelector('#my-notification-settings');
    assert.ok(await b.page.isDisabled('input[name="meeting_notice"]'), 'mandatory notices cannot be turned off');
    await b.page.uncheck('input[name="leave_decision"]');
    await b.page.fill('#field-email', 'bad address');
    await b.page.click('#my-notification-settings button[type="submit"]');
    await b.page.waitForSelector('text=邮箱格式不正确');
    await b.page.fill('#field-email', 'dangyuan@example.cn');
    await b.page.click('#my-notification-settings button[type="submit"]');
    await b.page.waitForSelector('text=已保存');
    await b.page.reload();
    await b.page.waitForSelector('#my-notification-settings');
    assert.equal(await b.page.inputValue('#field-email'), 'dangyuan@example.cn');
    assert.equal(await b.page.isChecked('input[name="leave_decision"]'), false);
    await shot(b.page, 'phone-my-notification-settings');
  } finally { await b.close(); await server.stop(); }
});
