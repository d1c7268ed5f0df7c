// 请示/批复 in the browser. The branch secretary (desktop) drafts a 增补委员 request from its
// template with the live preview, submits, approves it in review and signs it; the 党委's
// secretary opens it on the phone from 待我办理, reads it and approves with a sealed 批复; the
// branch archives it in one click and finds it in 档案. Then the SMS: a local fake 短信平台
// (the in-house gateway shape) receives the approval text, and its one-time link opens the
// public phone page, where the approver returns the demo's waiting request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, openBrowser, login, horizontalOverflow, shot, PASSWORD, PHONE, DESKTOP } from './harness.mjs';

/// A local SMS gateway: records every text, answers like an in-house 短信平台.
function fakeSmsGateway() {
  const texts = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      try { texts.push(JSON.parse(body)); } catch { texts.push({ raw: body }); }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ code: 0, msgid: `m${texts.length}` }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: server.address().port, texts, close: () => server.close() })));
}

async function apiAs(base, username) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: username, password: PASSWORD }),
  });
  assert.equal(r.status, 200, `login ${username}`);
  const { token } = await r.json();
  const call = async (method, path, body) => {
    const answer = await fetch(`${base}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body),
    });
    assert.ok(answer.status < 300, `${method} ${path}: ${answer.status} ${await answer.clone().text()}`);
    return answer.json();
  };
  return { get: (p) => call('GET', p), put: (p, b) => call('PUT', p, b), post: (p, b) => call('POST', p, b) };
}

test('desktop and phone: a 请示 drafted from a template, signed, approved on the phone with a sealed 批复, archived', async () => {
  const server = await startServer();
  let id;
  try {
    const desk = await openBrowser(DESKTOP);
    try {
      const page = desk.page;
      await login(page, server.base, 'zhibu');
      await page.goto(`${server.base}/requests`);
      await page.waitForSelector('#request-tabs');
      await page.click('text=起草请示');
      await page.waitForURL(/\/requests\/new$/);
      await page.waitForSelector('#request-templates');
      await page.click('#request-templates >> text=增补委员');
      await page.waitForSelector('#tf-vacancy');
      // Saving with nothing filled: the fields say what is missing, nothing is sent.
      await page.fill('#field-contact_phone', '1380013');
      await page.click('#request-save');
      await page.waitForSelector('#tf-candidate-error');
      assert.ok(page.url().endsWith('/requests/new'));
      await page.fill('#tf-vacancy', '原组织委员因工作调动转出本支部。');
      await page.fill('#tf-post', '组织委员');
      await page.fill('#tf-candidate', '李明华');
      await page.fill('#tf-profile', '李明华，男，1988年出生，2013年入党，群众基础好。');
      await page.fill('#field-contact_phone', '13800138000');
      // The live preview reads like the document.
      await page.waitForFunction(() => document.querySelector('#request-preview')?.textContent.includes('增补组织委员1名'));
      assert.match(await page.textContent('#request-preview'), /中共办公厅党支部关于增补支部委员会委员的请示/);
      await shot(page, 'desktop-request-compose');
      await page.click('#request-save');
      await page.waitForURL(/\/requests\/\d+$/);
      id = Number(page.url().match(/\/requests\/(\d+)$/)[1]);

      // 提交审核 → 审核通过 → 签发 (confirmed): sealed and sent to 机关党委.
      await page.waitForSelector('#step-form');
      await page.click('#step-submit');
      await page.waitForSelector('#step-form[data-step="2"]');
      await page.click('#step-submit');
      await page.waitForSelector('#step-form[data-step="3"]');
      await page.click('#step-submit');
      await page.click('#decision-confirm');
      await page.waitForSelector('#request-documents >> text=查看请示PDF');
      assert.match(await page.textContent('#request-head'), /待上级批复/);
      await shot(page, 'desktop-request-submitted');
    } finally { await desk.close(); }

    // The 党委 on the phone: 待我办理, read, approve with the prefilled 批复.
    const phone = await openBrowser(PHONE);
    try {
      const page = phone.page;
      await login(page, server.base, 'dangwei');
      await page.goto(`${server.base}/requests`);
      await page.waitForSelector('#request-list');
      await page.click(`#request-list a[href="/requests/${id}"]`);
      await page.waitForSelector('#step-form[data-step="4"]');
      assert.match(await page.textContent('#request-content'), /李明华/);
      assert.ok(await horizontalOverflow(page) <= 0, 'the request scrolls sideways on the phone');
      await shot(page, 'phone-request-approve');
      await page.click('#step-submit');
      await page.waitForFunction(() => document.querySelector('#reply-body')?.value.includes('同意'));
      await page.click('#decision-confirm');
      await page.waitForSelector('#request-documents >> text=查看批复PDF');
      assert.match(await page.textContent('#request-head'), /已批复同意/);
      await shot(page, 'phone-request-approved');
    } finally { await phone.close(); }

    // The branch archives it in one click; 档案 lists it.
    const again = await openBrowser(DESKTOP);
    try {
      const page = again.page;
      await login(page, server.base, 'zhibu');
      await page.goto(`${server.base}/requests/${id}`);
      await page.click('#archive-start');
      await page.click('#archive-confirm');
      await page.waitForSelector('#archive-done');
      await page.goto(`${server.base}/archive`);
      await page.waitForSelector('#archive-list');
      assert.match(await page.textContent('#archive-list'), /增补支部委员会委员/);
      await shot(page, 'desktop-archive');
    } finally { await again.close(); }

    // The documents verify publicly.
    const zhibu = await apiAs(server.base, 'zhibu');
    const detail = await zhibu.get(`/api/v1/requests/${id}`);
    for (const doc of detail.documents) {
      const check = await (await fetch(`${server.base}/api/v1/verify/${doc.code}`)).json();
      assert.equal(check.status, 'valid', JSON.stringify(check));
    }
  } finally { await server.stop(); }
});

test('phone: the SMS approval link opens a public page where the approver returns the request', async () => {
  const sms = await fakeSmsGateway();
  const server = await startServer({ DANGJIAN_SMS_ALLOWED_HOSTS: `127.0.0.1:${sms.port}` });
  try {
    const admin = await apiAs(server.base, 'admin');
    await admin.put('/api/v1/notify/policy', { quiet_from_hour: 0, quiet_until_hour: 0, daily_sms_cap: 50, sms_price_li: 45 });
    await admin.put('/api/v1/notify/sms-provider', {
      provider: 'http_gateway', sign_name: '智慧党建', endpoint: `http://127.0.0.1:${sms.port}/send`,
      gateway_format: 'json', gateway_body: '{"mobile":"{phone}","content":"【{sign}】{text}"}',
      gateway_result_pointer: '/code', gateway_success_value: '0', gateway_message_id_pointer: '/msgid', secret: 'token',
    });
    // The branch signs a request; its approval text goes out through the gateway.
    const zhibu = await apiAs(server.base, 'zhibu');
    const info = await zhibu.get('/api/v1/requests/compose');
    const template = info.templates.find((t) => t.code === 'free');
    let detail = await zhibu.post('/api/v1/requests', {
      template_id: template.id, org_id: info.org.id, signer_user_id: info.signers[0].user_id, contact: '王帅锋', contact_phone: '13800138000',
      fields: { subject: '购置党建活动室设备', content: '为改善支部活动条件，拟购置投影设备一套。' },
    });
    for (let i = 0; i < 3; i += 1) {
      detail = await zhibu.post(`/api/v1/requests/${detail.id}/steps/${detail.step}`, { version: detail.instance_version ?? detail.version });
    }
    assert.equal(detail.stage, 'submitted');
    const deadline = Date.now() + 30_000;
    let text;
    while (!text && Date.now() < deadline) {
      text = sms.texts.map((t) => t.content).find((c) => c && c.includes(`R${detail.id}`));
      if (!text) await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(text, `an approval SMS: ${JSON.stringify(sms.texts)}`);
    assert.ok(!text.includes('购置'), 'no title in the SMS');
    const link = text.match(/(http:\/\/\S+\/a\/[a-z]+)/)[1];

    const phone = await openBrowser(PHONE);
    try {
      const page = phone.page;
      await page.goto(link);
      await page.waitForSelector('#sms-request');
      assert.match(await page.textContent('#sms-title'), /购置党建活动室设备/);
      assert.match(await page.textContent('#sms-body'), /投影设备/);
      assert.ok(await horizontalOverflow(page) <= 0);
      await shot(page, 'phone-sms-approval');
      await page.click('#sms-return');
      await page.fill('#sms-comment', '请附上设备报价');
      await page.click('#sms-return-confirm');
      await page.waitForSelector('#sms-result');
      await page.reload();
      await page.waitForSelector('#sms-used');
    } finally { await phone.close(); }
    const after = await zhibu.get(`/api/v1/requests/${detail.id}`);
    assert.equal(after.stage, 'draft', 'returned to the branch');
    assert.ok(after.history.some((e) => (e.comment ?? '').includes('请附上设备报价')));
  } finally { await server.stop(); sms.close(); }
});
