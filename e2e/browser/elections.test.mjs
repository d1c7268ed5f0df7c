// 支部委员会与选举 in the browser. On a phone, the secretary of 办公厅党支部 opens the branch's open
// 换届 (the demo data has it at step 5, 党员大会选举, with its candidates nominated and its 请示
// approved) from 选举换届, enters the first round's count per candidate (everyone entitled is
// present; the first `seats` candidates get every vote), counts it first without saving (试算),
// submits it after the confirmation, and sees who is elected and the case at step 6, 选举书记、
// 副书记并分工. On a desktop, the same case and the branch's desk; then the 机关党委 sees the terms
// across its subtree (换届提醒) and opens one org's committee.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, openBrowser, login, horizontalOverflow, shot, PASSWORD, PHONE, DESKTOP } from './harness.mjs';

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

test('phone: the branch counts the vote of its 换届; desktop: the 党委 sees the terms across its subtree', async () => {
  const server = await startServer();
  try {
    const zhibu = await apiAs(server.base, 'zhibu');
    const open = await zhibu.get('/api/v1/elections?open=true');
    const election = open.items.find((e) => e.step === 5 && e.kind === 'reelection');
    assert.ok(election, `an open 换届 at step 5 in the demo data: ${JSON.stringify(open.items)}`);
    const id = election.id;
    const detail = await zhibu.get(`/api/v1/elections/${id}`);
    const round = detail.next_round;
    assert.ok(round && round.number === 1, 'the first round is open');
    const present = detail.roll.entitled;
    const name = (p) => detail.candidates.find((c) => c.person_id === p).name;
    const winners = round.candidates.slice(0, round.seats);
    const others = round.candidates.slice(round.seats);

    // 1. The secretary on a phone: 选举换届, the branch's committee card and its elections.
    const phone = await openBrowser(PHONE);
    try {
      const page = phone.page;
      await login(page, server.base, 'zhibu');
      await page.click('.tabbar >> text=选举换届');
      await page.waitForURL(/\/elections$/);
      await page.waitForSelector('#committee-card');
      assert.match(await page.textContent('#committee-card'), /办公厅党支部/);
      await page.waitForSelector('#open-election');
      const row = `#election-list li[data-election="${id}"]`;
      await page.waitForSelector(row);
      assert.match(await page.textContent(row), /换届选举/);
      assert.ok(await horizontalOverflow(page) <= 0, 'the desk scrolls sideways');
      await shot(page, 'phone-elections-branch');

      // 2. The case at step 5, with the form of the count.
      await page.click(`${row} a`);
      await page.waitForURL(new RegExp(`/elections/${id}$`));
      await page.waitForSelector('#election-head[data-step="5"]');
      assert.match(await page.textContent('#election-step'), /党员大会选举/);
      assert.match(await page.textContent('#election-timeline .timeline-step.current'), /党员大会选举/);
      await page.waitForSelector('#vote-form[data-round="1"]');
      assert.equal((await page.textContent('#vote-entitled')).trim(), String(present));
      for (const c of round.candidates) {
        assert.match(await page.textContent(`#vote-candidates li[data-person="${c}"]`), new RegExp(name(c)));
      }

      // Nothing typed: explained next to the fields, nothing sent.
      await page.click('#ballot-submit');
      await page.waitForSelector('#field-present-error');
      assert.equal(await page.$('#ballot-confirm'), null);

      await page.fill('#field-present', String(present));
      await page.fill('#field-issued', String(present));
      await page.fill('#field-returned', String(present));
      await page.fill('#field-invalid', '0');
      for (const c of winners) await page.fill(`#vote-${c}`, String(present));
      for (const c of others) await page.fill(`#vote-${c}`, '0');
      await page.waitForSelector('#quorum.ok');
      assert.ok(await horizontalOverflow(page) <= 0, 'the count form scrolls sideways');
      await shot(page, 'phone-election-vote');

      // 试算: the result without saving.
      await page.click('#ballot-preview');
      await page.waitForSelector('#ballot-preview-result');
      const previewed = await page.textContent('#ballot-preview-result .round-elected');
      for (const c of winners) assert.match(previewed, new RegExp(name(c)));
      assert.ok(await horizontalOverflow(page) <= 0, 'the preview scrolls sideways');
      const still = await zhibu.get(`/api/v1/elections/${id}`);
      assert.equal(still.rounds.length, 0, 'the preview saved nothing');
      assert.equal(still.election.step, 5);

      // 确认提交, asked first.
      await page.click('#ballot-submit');
      await page.waitForSelector('#ballot-confirm');
      await shot(page, 'phone-election-confirm');
      await page.click('#ballot-confirm-yes');

      // The round is recorded: who is elected, and the case at step 6.
      await page.waitForSelector('#election-head[data-step="6"]');
      assert.match(await page.textContent('#election-step'), /选举书记、副书记并分工/);
      const elected = await page.textContent('#round-1 .round-elected');
      for (const c of winners) {
        assert.match(elected, new RegExp(name(c)));
        assert.match(await page.textContent(`#round-1 li[data-person="${c}"]`), /当选/);
      }
      for (const c of others) {
        assert.match(await page.textContent(`#round-1 li[data-person="${c}"]`), /未当选/);
      }
      assert.match(await page.textContent('#election-elected'), new RegExp(name(winners[0])));
      await page.waitForSelector('#election-documents a[data-document="tally.pdf"]');
      assert.ok(await horizontalOverflow(page) <= 0, 'the result scrolls sideways');
      await shot(page, 'phone-election-result');
      // Step 6 is typed on a page of its own: one post for each elected member.
      await page.waitForSelector('#step-card[data-step="6"]');
      await page.click('#step-open');
      await page.waitForURL(new RegExp(`/elections/step/${id}$`));
      await page.waitForSelector('#posts-form');
      for (const c of winners) await page.waitForSelector(`#field-post-${c}`);
      assert.ok(await horizontalOverflow(page) <= 0, 'the posts form scrolls sideways');
      await shot(page, 'phone-election-posts');
      const saved = await zhibu.get(`/api/v1/elections/${id}`);
      assert.equal(saved.rounds.length, 1);
      assert.deepEqual([...saved.rounds[0].count.elected].sort(), [...winners].sort());
    } finally { await phone.close(); }

    // 3. The same on a desktop: the case at step 6 and the branch's desk.
    const desk = await openBrowser(DESKTOP);
    try {
      const page = desk.page;
      await login(page, server.base, 'zhibu');
      await page.goto(`${server.base}/elections/${id}`);
      await page.waitForSelector('#election-head[data-step="6"]');
      await page.waitForSelector('#round-1');
      assert.ok(await horizontalOverflow(page) <= 0, 'the case scrolls sideways on a desktop');
      await shot(page, 'desktop-election-case');
      await page.click('.sidenav >> text=选举换届');
      await page.waitForSelector('#committee-card');
      await shot(page, 'desktop-elections-branch');
    } finally { await desk.close(); }

    // 4. The 机关党委 on a desktop: 换届提醒 across its subtree, then one org's committee.
    const upper = await openBrowser(DESKTOP);
    try {
      const page = upper.page;
      await login(page, server.base, 'dangwei');
      await page.click('.sidenav >> text=选举换届');
      await page.waitForURL(/\/elections$/);
      await page.waitForSelector('#election-tabs .tab.active');
      assert.equal((await page.textContent('#election-tabs .tab.active')).trim(), '换届提醒');
      await page.waitForSelector('#term-list li');
      assert.ok((await page.$$('#term-list li')).length >= 1, 'at least one org in the terms list');
      assert.ok(await horizontalOverflow(page) <= 0, 'the terms list scrolls sideways');
      await shot(page, 'desktop-elections-terms');
      // 半年内届满 filters the list to the terms ending soon.
      await page.click('#term-filter >> text=半年内届满');
      await page.waitForURL(/state=expiring/);
      await page.waitForSelector('#term-list li, .state.empty');
      for (const li of await page.$$('#term-list li')) assert.equal(await li.getAttribute('data-term'), 'expiring');
      // The elections tab lists the branch's 换届.
      await page.click('#election-tabs >> text=选举');
      await page.waitForURL(/tab=elections/);
      await page.waitForSelector(`#election-list li[data-election="${id}"]`);
      // One org's committee from the terms list.
      await page.click('#election-tabs >> text=换届提醒');
      await page.waitForSelector('#term-list li a');
      await page.click('#term-list li a');
      await page.waitForURL(/\/orgs\/\d+\/committee$/);
      await page.waitForSelector('#committee-card');
      await page.waitForSelector('#committee-terms');
      assert.ok(await horizontalOverflow(page) <= 0, 'the committee page scrolls sideways');
      await shot(page, 'desktop-org-committee');
    } finally { await upper.close(); }
  } finally { await server.stop(); }
});
