// Starts the real `dangjian` binary with a fresh SQLite database and the demo data, and opens
// Debian's Chromium through playwright-core at a given viewport.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, '..', '..');
export const artifacts = join(repo, 'e2e', 'artifacts');
mkdirSync(artifacts, { recursive: true });

export const PASSWORD = 'dangjian-demo';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 768 };

export async function startServer(extraEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'dangjian-ui-'));
  const bin = process.env.DANGJIAN_BIN ?? join(process.env.CARGO_TARGET_DIR ?? join(repo, 'target'), 'debug', 'dangjian');
  const child = spawn(bin, ['serve', '--demo'], {
    cwd: dir,
    env: { ...process.env, DANGJIAN_BIND: '127.0.0.1:0', DANGJIAN_STATIC_DIR: join(repo, 'web-ui', 'dist'), DANGJIAN_LOG: 'warn', ...extraEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/已启动: (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return {
    base,
    async stop() { child.kill('SIGTERM'); rmSync(dir, { recursive: true, force: true }); },
  };
}

export async function openBrowser(viewport, options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'dangjian-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport,
    locale: 'zh-CN',
    ...options,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page, async close() { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

export async function login(page, base, username) {
  await page.goto(`${base}/login`);
  await page.fill('#field-login', username);
  await page.fill('#field-password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('.page.home');
}

/// The page must not scroll sideways (phone layouts).
export async function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

export async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}
