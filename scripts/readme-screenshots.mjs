// `npm run screenshots`: the two screenshots in the README (the article as a subscriber reads it,
// and the gate an anonymous reader meets), taken from the production build. Run after `npm run build`.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from '../e2e/find-chromium.mjs';

const root = path.resolve(import.meta.dirname, '..');
const PORT = Number(process.env.LEDE_SCREENSHOTS_PORT ?? 4393);
const origin = `http://localhost:${PORT}`;
const out = path.join(root, 'docs', 'screenshots');
const articles = path.join(root, 'dist', 'data', 'articles');
const { slug } = JSON.parse(readFileSync(path.join(articles, readdirSync(articles)[0]), 'utf8'));

const server = spawn(process.execPath, [path.join(root, 'dist-host', 'main.js'), '--port', String(PORT)], {
  cwd: root,
  env: { ...process.env, LEDE_LOG: 'silent' },
  stdio: 'ignore',
  detached: true,
});
try {
  for (let attempt = 0; ; attempt += 1) {
    try {
      if ((await fetch(origin)).ok) break;
    } catch {
      if (attempt > 100) throw new Error(`no production server on ${origin}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const executablePath = findChromium()?.executablePath;
  const browser = await chromium.launch(executablePath === undefined ? {} : { executablePath });
  mkdirSync(out, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1000, height: 1100 } });

  await page.goto(`${origin}/articles/${slug}`);
  await page.getByRole('link', { name: 'Click to log in!' }).waitFor();
  await page.locator('.gated-content').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(out, 'gate.png') });

  await page.request.post(`${origin}/api/session`, {
    data: { email: 'subscriber@example.com', password: 'read-all-about-it' },
  });
  await page.goto(`${origin}/articles/${slug}`);
  await page.locator('article[data-access="unlocked"]').waitFor();
  await page.screenshot({ path: path.join(out, 'article.png') });
  await browser.close();
  console.log(`wrote ${path.relative(root, out)}/article.png and gate.png`);
} finally {
  process.kill(-server.pid);
}
