// 电子印章 in the browser: the 政工部门 opens a branch's seal from the request templates page,
// sees the generated round seal, changes the 机关代字 (a bracket is refused beside the field),
// and changes the key after confirming; a branch secretary sees the seal but cannot change it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, openBrowser, login, horizontalOverflow, shot, PASSWORD, PHONE, DESKTOP } from './harness.mjs';

async function me(base, username) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: username, password: PASSWORD }),
  });
  assert.equal(r.status, 200);
  return (await r.json()).me;
}

test('desktop: the 政工部门 manages a branch seal; phone: the branch secretary only looks', async () => {
  const server = await startServer();
  try {
    // The demo secretary's branch, as the secretary's session knows it.
    const secretary = await me(server.base, 'zhibu');
    const org = secretary.roles.find((r) => r.kind === 'branch')?.org_id;
    assert.ok(org, JSON.stringify(secretary));

    const desk = await openBrowser(DESKTOP);
    try {
      const page = desk.page;
      await login(page, server.base, 'admin');
      await page.goto(`${server.base}/requests/templates`);
      await page.click('#seal-link a, #seal-link >> text=电子印章');
      await page.waitForURL(/\/seals/);
      await page.fill('#seal-org-number', String(org));
      await page.click('#seal-org-go');
      await page.waitForSelector(`#seal-view[data-org="${org}"]`);
      assert.equal(await page.getAttribute('#seal-view', 'data-image'), 'generated');
      await page.waitForFunction(() => document.querySelector('#seal-image')?.naturalWidth > 0);
      const key = await page.getAttribute('#seal-public-key', 'data-key');
      await page.fill('#field-doc_prefix', '办〔党〕');
      await page.click('#seal-prefix-save');
      await page.waitForSelector('#seal-prefix-form .field-error');
      await page.fill('#field-doc_prefix', '办公厅支');
      await page.click('#seal-prefix-save');
      await page.waitForSelector('#seal-saved >> text=机关代字已保存');
      await page.click('#seal-new-key');
      await page.waitForSelector('#seal-dialog[data-ask="new_key"]');
      await page.click('#seal-confirm');
      await page.waitForSelector('#seal-saved >> text=密钥已更换');
      assert.notEqual(await page.getAttribute('#seal-public-key', 'data-key'), key, 'a new key pair');
      await shot(page, 'desktop-seal');
    } finally { await desk.close(); }

    const phone = await openBrowser(PHONE);
    try {
      const page = phone.page;
      await login(page, server.base, 'zhibu');
      await page.goto(`${server.base}/seals`);
      await page.waitForSelector(`#seal-view[data-org="${org}"]`);
      assert.match(await page.textContent('#seal-prefix'), /办公厅支/);
      assert.equal(await page.$('#seal-prefix-form'), null, 'no form for a branch');
      await page.waitForSelector('#seal-use-list li.seal-use');
      assert.ok(await horizontalOverflow(page) <= 0);
      await shot(page, 'phone-seal');
    } finally { await phone.close(); }
  } finally { await server.stop(); }
});
