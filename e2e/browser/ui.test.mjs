// The web UI in a real browser, on a phone (390×844) and a desktop (1366×768) viewport.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, openBrowser, login, horizontalOverflow, shot, PHONE, DESKTOP, PASSWORD } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  test(`${label}: every demo role logs in and sees its own home`, async () => {
    const b = await openBrowser(viewport);
    try {
      const expected = { admin: '所辖概况', dangwei: '所辖概况', zhibu: '支部概况', dangyuan: '所在支部', qunzhong: '所在支部' };
      for (const [user, title] of Object.entries(expected)) {
        await login(b.page, server.base, user);
        assert.match(await b.page.textContent('.page.home'), new RegExp(title), user);
        if (label === 'phone') assert.ok(await horizontalOverflow(b.page) <= 0, `${user} home scrolls sideways`);
        await shot(b.page, `${label}-home-${user}`);
        b.page.once('dialog', (d) => d.accept());
        await b.page.click('#logout');
        await b.page.waitForSelector('.login-card');
      }
    } finally { await b.close(); }
  });

  test(`${label}: wrong password shows a clear error`, async () => {
    const b = await openBrowser(viewport);
    try {
      await b.page.goto(`${server.base}/login`);
      await b.page.fill('#field-login', 'zhibu');
      await b.page.fill('#field-password', 'wrong-password');
      await b.page.click('button[type=submit]');
      assert.match(await b.page.textContent('#login-error'), /用户名或密码错误/);
      await shot(b.page, `${label}-login-error`);
    } finally { await b.close(); }
  });

  test(`${label}: switching role changes the home and the menu`, async () => {
    const b = await openBrowser(viewport);
    try {
      await login(b.page, server.base, 'zhibu');
      const menu = label === 'phone' ? '.tabbar' : '.sidenav';
      const labels = () => b.page.$$eval(`${menu} .nav-label`, (els) => els.map((e) => e.textContent));
      assert.ok((await labels()).includes('组织'));
      const memberRole = await b.page.$eval('#role-switcher', (s) => [...s.options].find((o) => o.text.startsWith('党员')).value);
      await b.page.selectOption('#role-switcher', memberRole);
      await b.page.waitForFunction(() => document.querySelector('.page.home')?.textContent.includes('所在支部'));
      assert.ok(!(await labels()).includes('组织'), 'a member has no org tree tab');
      await shot(b.page, `${label}-role-member`);
      // The choice survives a reload (it is the session's active role).
      await b.page.reload();
      await b.page.waitForSelector('.page.home');
      assert.match(await b.page.textContent('.page.home'), /所在支部/);
    } finally { await b.close(); }
  });

  test(`${label}: browse the tree, search a member, open the detail`, async () => {
    const b = await openBrowser(viewport);
    try {
      await login(b.page, server.base, 'admin');
      await b.page.click(`${label === 'phone' ? '.tabbar' : '.sidenav'} >> text=组织`);
      await b.page.waitForSelector('.tree .list-link');
      await b.page.click('.tree .list-link >> nth=0'); // 院党委
      await b.page.waitForSelector('.org-head');
      await b.page.click('.tree .list-link >> nth=1'); // a second-level committee
      await b.page.waitForFunction(() => document.querySelectorAll('.breadcrumb a').length >= 3);
      if (label === 'phone') assert.ok(await horizontalOverflow(b.page) <= 0, 'tree scrolls sideways');
      await shot(b.page, `${label}-org-tree`);
      await b.page.fill('#field-org-search', '党支部');
      await b.page.click('.searchbar button');
      await b.page.waitForSelector('#org-search-results .list-link');

      // Search a member by name, as a secretary would.
      const name = await b.page.evaluate(async () => (await (await fetch('/api/v1/members?limit=1')).json()).items[0].name);
      await b.page.click(`${label === 'phone' ? '.tabbar' : '.sidenav'} >> text=党员`);
      await b.page.waitForSelector('#member-total');
      await b.page.fill('#field-q', name);
      await b.page.click('#apply-filters');
      await b.page.waitForFunction(() => !document.querySelector('#member-total')?.textContent.includes('14'));
      const visible = label === 'phone' ? '.cards .list-link' : '.table a';
      await b.page.waitForSelector(visible);
      if (label === 'phone') assert.ok(await horizontalOverflow(b.page) <= 0, 'member list scrolls sideways');
      await shot(b.page, `${label}-member-search`);
      await b.page.click(`${visible} >> text=${name}`);
      await b.page.waitForSelector('#member-name');
      assert.match(await b.page.textContent('#member-name'), new RegExp(name));
      if (label === 'phone') assert.ok(await horizontalOverflow(b.page) <= 0, 'member detail scrolls sideways');
      await shot(b.page, `${label}-member-detail`);
    } finally { await b.close(); }
  });

  test(`${label}: edit a member — inline errors, then a valid edit persists`, async () => {
    const b = await openBrowser(viewport);
    try {
      await login(b.page, server.base, 'zhibu');
      const id = await b.page.evaluate(async () => (await (await fetch('/api/v1/members?limit=3')).json()).items[2].id);
      await b.page.goto(`${server.base}/members/${id}/edit`);
      await b.page.waitForSelector('form.form');
      const card = await b.page.inputValue('#field-id_card_number');
      const last = card.at(-1) === '1' ? '2' : '1';
      await b.page.fill('#field-id_card_number', card.slice(0, 17) + last);
      await b.page.fill('#field-phone', '12345');
      await b.page.click('#save');
      assert.match(await b.page.textContent('#field-id_card_number-error'), /校验位/);
      assert.match(await b.page.textContent('.field.invalid >> nth=1'), /手机号/);
      if (label === 'phone') assert.ok(await horizontalOverflow(b.page) <= 0, 'form scrolls sideways');
      await shot(b.page, `${label}-edit-invalid`);

      const phone = label === 'phone' ? '13911112222' : '13933334444';
      await b.page.fill('#field-id_card_number', card);
      await b.page.fill('#field-phone', phone);
      await b.page.click('#save');
      await b.page.waitForSelector('#member-name');
      await b.page.reload();
      await b.page.waitForSelector('#member-name');
      assert.match(await b.page.textContent('.kv-list'), new RegExp(phone));
      await shot(b.page, `${label}-edit-saved`);
    } finally { await b.close(); }
  });

  test(`${label}: an expired session returns to login and then back`, async () => {
    const b = await openBrowser(viewport);
    try {
      await login(b.page, server.base, 'admin');
      await b.page.goto(`${server.base}/members?q=%E7%8E%8B`);
      await b.page.waitForSelector('#member-total');
      // The server forgets the session (as after expiry or revocation).
      await b.page.evaluate(() => fetch('/api/v1/auth/logout', { method: 'POST' }));
      await b.page.reload();
      await b.page.waitForSelector('.login-card');
      assert.match(b.page.url(), /next=/);
      await b.page.fill('#field-login', 'admin');
      await b.page.fill('#field-password', PASSWORD);
      await b.page.click('button[type=submit]');
      await b.page.waitForSelector('#member-total');
      assert.match(decodeURIComponent(b.page.url()), /\/members\?q=王/);
    } finally { await b.close(); }
  });
}
