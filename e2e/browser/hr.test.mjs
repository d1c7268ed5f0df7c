// HR sync in the browser: upload a roster, watch the preview, apply, see the result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, openBrowser, login, horizontalOverflow, shot, PHONE, DESKTOP } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  test(`${label}: upload a roster, preview, apply, see the result`, async () => {
    const b = await openBrowser(viewport);
    try {
      await login(b.page, server.base, 'admin');
      // A roster of three existing members, one with a new phone number, plus one broken row.
      const people = await b.page.evaluate(async () => {
        const page = await (await fetch('/api/v1/members?limit=3&status=formal')).json();
        return Promise.all(page.items.map(async (m) => (await fetch(`/api/v1/members/${m.id}`)).json()));
      });
      const phone = label === 'phone' ? '19900001111' : '19900002222';
      const lines = ['工号,姓名,身份证号码,手机号,所在党组织'];
      people.forEach((p, i) => lines.push([p.employee_number, p.name, p.id_card_number, i === 0 ? phone : p.phone, p.org_name].join(',')));
      lines.push('X1,坏行,110105198506123410,,不存在的支部');
      const file = join(mkdtempSync(join(tmpdir(), 'roster-')), '人员名单.csv');
      writeFileSync(file, lines.join('\r\n'));

      await b.page.click(`${label === 'phone' ? '.tabbar' : '.sidenav'} >> text=人事同步`);
      await b.page.waitForSelector('#hr-upload');
      await b.page.setInputFiles('#hr-file', file);
      await b.page.click('#hr-start');
      await b.page.waitForFunction(() => document.querySelector('#hr-status')?.textContent === '待确认');
      const counts = await b.page.textContent('#hr-counts');
      assert.match(counts, /1\s*信息变更/);
      assert.match(counts, /1\s*无效行/);
      await b.page.waitForSelector('#hr-rows');
      assert.match(await b.page.textContent('#hr-rows'), new RegExp(phone));
      await b.page.click('#tab-invalid');
      await b.page.waitForFunction(() => document.querySelector('#hr-rows')?.textContent.includes('校验位'));
      if (label === 'phone') assert.ok(await horizontalOverflow(b.page) <= 0, 'preview scrolls sideways');
      await shot(b.page, `${label}-hr-preview`);

      // The job page survives a reload.
      await b.page.reload();
      await b.page.waitForFunction(() => document.querySelector('#hr-status')?.textContent === '待确认');

      b.page.once('dialog', (d) => d.accept());
      await b.page.click('#hr-apply');
      await b.page.waitForFunction(() => document.querySelector('#hr-status')?.textContent === '已应用');
      await shot(b.page, `${label}-hr-applied`);
      const after = await b.page.evaluate(async (id) => (await (await fetch(`/api/v1/members/${id}`)).json()).phone, people[0].id);
      assert.equal(after, phone);

      await b.page.click(`${label === 'phone' ? '.tabbar' : '.sidenav'} >> text=人事同步`);
      await b.page.waitForSelector('#hr-history');
      assert.match(await b.page.textContent('#hr-history'), /已应用/);
    } finally { await b.close(); }
  });
}
