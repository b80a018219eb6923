// `npm run screenshots`: the two screenshots in the README (the article as a subscriber reads it,
// and the gate an anonymous reader meets), taken from the production build. Run after `npm run build`.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from '../e2e/find-chromium.mjs';
import { importTypeScript } from './import-typescript.mjs';
import { startServer } from './start-server.mjs';

const root = path.resolve(import.meta.dirname, '..');
const PORT = Number(process.env.LEDE_SCREENSHOTS_PORT ?? 4393);
const out = path.join(root, 'docs', 'screenshots');
const articles = path.join(root, 'dist', 'data', 'articles');
const { slug } = JSON.parse(readFileSync(path.join(articles, readdirSync(articles)[0]), 'utf8'));

const [{ API_PATHS, articlePath }, { DEMO_PASSWORD }] = await importTypeScript(
  '/src/config/paths.ts',
  '/src/paywall/personas.ts',
);

const server = await startServer({
  args: ['dist-host/main.js', '--port', String(PORT)],
  name: 'the production server',
});
const { origin } = server;
try {
  const executablePath = findChromium()?.executablePath;
  const browser = await chromium.launch(executablePath === undefined ? {} : { executablePath });
  mkdirSync(out, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1000, height: 1100 } });

  await page.goto(`${origin}${articlePath(slug)}`);
  await page.getByRole('link', { name: 'Click to log in!' }).waitFor();
  await page.locator('.gated-content').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(out, 'gate.png') });

  await page.request.post(`${origin}${API_PATHS.session}`, {
    data: { email: 'subscriber@example.com', password: DEMO_PASSWORD },
  });
  await page.goto(`${origin}${articlePath(slug)}`);
  await page.locator('article[data-access="unlocked"]').waitFor();
  await page.screenshot({ path: path.join(out, 'article.png') });
  await browser.close();
  console.log(`wrote ${path.relative(root, out)}/article.png and gate.png`);
} finally {
  await server.stop();
}
