// A new version deployed while the app is open on a phone: the open tab keeps loading its own
// build's code (an area entered after the deploy still comes from the old build, which stays on
// the server), every start runs exactly one build (never old and new chunks mixed), and the
// service worker moves the next starts to the new build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, openBrowser, login, repo, PHONE } from './harness.mjs';

/** Deploys a "new build" into `dist`: the current one copied under another id, and the page
 * shells and the service worker switched to it (as scripts/build-web.sh leaves a new build). */
function deployNewBuild(dist) {
  const current = readFileSync(join(dist, 'sw.js'), 'utf8').match(/const BUILD = "(\w+)"/)[1];
  const next = current === 'f'.repeat(12) ? 'e'.repeat(12) : 'f'.repeat(12);
  cpSync(join(dist, 'assets', current), join(dist, 'assets', next), { recursive: true });
  for (const file of ['index.html', 'login.html', 'sw.js', join('assets', next, 'boot.js')]) {
    const path = join(dist, file);
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll(current, next));
    // The precompressed copies would still name the old build; the server falls back to the file.
    rmSync(`${path}.br`, { force: true });
    rmSync(`${path}.gz`, { force: true });
  }
  return { current, next };
}

test('a new version deployed while the app is open: the tab keeps its build, later starts run the new one', async () => {
  const dist = mkdtempSync(join(tmpdir(), 'dangjian-dist-'));
  cpSync(join(repo, 'web-ui', 'dist'), dist, { recursive: true });
  const server = await startServer({ DANGJIAN_STATIC_DIR: dist });
  const b = await openBrowser(PHONE);
  try {
    let builds = [];
    b.page.on('request', (r) => {
      const m = new URL(r.url()).pathname.match(/^\/assets\/(\w{12})\//);
      if (m) builds.push(m[1]);
    });
    await login(b.page, server.base, 'admin');
    await b.page.evaluate(async () => { await navigator.serviceWorker.ready; });
    const { current, next } = deployNewBuild(dist);

    builds = [];
    await b.page.click('.tabbar .nav-item:has(.nav-label:text-is("组织生活"))');
    await b.page.waitForSelector('.page.meetings .list-link');
    assert.deepEqual([...new Set(builds)], [current], 'the open tab loads the area of its own build');

    const starts = [];
    for (let attempt = 0; attempt < 6 && starts.at(-1) !== next; attempt++) {
      builds = [];
      await b.page.reload();
      await b.page.waitForSelector('.page.meetings .list-link');
      const used = [...new Set(builds)];
      assert.equal(used.length, 1, `one build per start, not a mix: ${used}`);
      starts.push(used[0]);
      // The start-up script registers the service worker 1.5 s after the app runs; the browser
      // then finds the new one, which installs and takes over.
      await b.page.waitForTimeout(2500);
    }
    assert.equal(starts.at(-1), next, `later starts run the new build: ${starts}`);
    // The new build's areas load too.
    await b.page.click('.tabbar .nav-item:has(.nav-label:text-is("党员"))');
    await b.page.waitForSelector('.page.members .list-link', { state: 'attached' });
  } finally {
    await b.close();
    await server.stop();
    rmSync(dist, { recursive: true, force: true });
  }
});
