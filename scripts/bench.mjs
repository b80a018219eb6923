// `npm run bench`: builds, serves the production build and prints, in one run:
//   1. headline and lead paint of the article page vs a plain static page of the same seed,
//      interleaved over ROUNDS rounds, 4× CPU throttling and slow 4G through the DevTools protocol;
//   2. bytes and requests of the first anonymous view;
//   3. CLS in each state, and the time from clicking "Log in" to the unlocked text painted;
//   4. a generated corpus of 1,000 synthetic articles (temp folder): build time and entry JS size.
// A benchmark, not a test: it prints figures and fails only if it cannot measure.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { findChromium } from '../e2e/find-chromium.mjs';
import { PRECOMPRESSED_DIR } from './build-freshness.mjs';
import { importTypeScript } from './import-typescript.mjs';
import { startServer } from './start-server.mjs';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const PORT = Number(process.env.LEDE_BENCH_PORT ?? 4392);
const origin = `http://localhost:${PORT}`;
const ROUNDS = Number(process.env.LEDE_BENCH_ROUNDS ?? 9);
const CPU_SLOWDOWN = 4;
// Lighthouse's "slow 4G" as DevTools applies it: 562.5 ms RTT, 1.47 Mbps down, 675 kbps up.
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: 184_320, uploadThroughput: 84_375 };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const [{ API_PATHS, articlePath }, { DEMO_PASSWORD }] = await importTypeScript(
  '/src/config/paths.ts',
  '/src/paywall/personas.ts',
);

function build(env = {}) {
  const started = performance.now();
  execFileSync(npm, ['run', 'build'], { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' });
  return performance.now() - started;
}

const gz = (file) => gzipSync(readFileSync(file)).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (value) => `${Math.round(value)} ms`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function entryScript() {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  return path.join(dist, /<script type="module"[^>]*src="\/([^"]+)"/.exec(html)[1]);
}

function serve() {
  // The production server, as `npm start` runs it once built (the build has just run).
  return startServer({ args: ['dist-host/main.js', '--port', String(PORT)], name: 'the production server' });
}

/** One cold load under throttling: when the headline and the lead painted (Element Timing). */
async function paintTimes(browser, url) {
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.goto(url, { waitUntil: 'load' });
  const times = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const seen = {};
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) seen[entry.identifier] = entry.renderTime || entry.loadTime;
          if (seen.headline !== undefined && seen.lead !== undefined) resolve(seen);
        }).observe({ type: 'element', buffered: true });
      }),
  );
  await context.close();
  return times;
}

/** The physical limit: the same public text as plain HTML with the same inline CSS, no script. */
function writeStaticPage(article, css) {
  const escape = (text) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="en"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(article.headline)}</title><style>${css}</style></head><body><main id="main"><article class="article"><h1 elementtiming="headline">${escape(article.headline)}</h1><p class="dateline">${escape(article.dateline)}</p><div class="article__body"><p class="lead" elementtiming="lead">${escape(article.lead)}</p>${article.freeBody.map((p) => `<p>${escape(p)}</p>`).join('')}</div></article></main></body></html>`;
  mkdirSync(path.join(dist, '__bench'), { recursive: true });
  const file = path.join(dist, '__bench', 'static.html');
  writeFileSync(file, html);
  // Compressed as the build compresses the article's page (scripts/precompress.mjs), so both travel the same way.
  const copy = path.join(root, PRECOMPRESSED_DIR, '__bench', 'static.html');
  mkdirSync(path.dirname(copy), { recursive: true });
  writeFileSync(`${copy}.br`, brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${copy}.gz`, gzipSync(html, { level: 9 }));
  return '/__bench/static';
}

async function layoutShift(page) {
  await page.waitForTimeout(500);
  return page.evaluate(() => window.__cls);
}

async function newWatchedPage(browser) {
  const context = await browser.newContext({ baseURL: origin });
  await context.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  return context.newPage();
}

async function logIn(page) {
  await page.request.post(API_PATHS.session, { data: { email: 'subscriber@example.com', password: DEMO_PASSWORD } });
}

/** Click "Log in" → the first gated paragraph painted (Element Timing), over ROUNDS fresh contexts. */
async function unlockTimes(browser, article, fromArticle) {
  const articleUrl = articlePath(article.slug);
  const unlocks = [];
  const totals = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const reader = await newWatchedPage(browser);
    const cdp = await reader.context().newCDPSession(reader);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    if (fromArticle) {
      await reader.goto(origin + articleUrl);
      await reader.getByRole('link', { name: article.gate.linkText }).click();
    } else {
      await reader.goto(`${origin}/login?next=${encodeURIComponent(articleUrl)}`);
    }
    await reader.getByLabel('Email').fill('subscriber@example.com');
    await reader.getByLabel('Password').fill('read-all-about-it');
    await reader.evaluate(() => {
      // When the first gated paragraph paints, by the Element Timing API (as for the headline).
      window.__unlockedPainted = new Promise((resolve) =>
        new PerformanceObserver((list) => {
          const entry = list.getEntries().find((candidate) => candidate.identifier === 'unlocked');
          if (entry !== undefined) resolve(entry.renderTime);
        }).observe({ type: 'element' }),
      );
      document
        .querySelector('button[type="submit"]')
        .addEventListener('click', () => (window.__clickedAt = performance.now()), { capture: true });
    });
    await reader.getByRole('button', { name: 'Log in' }).click();
    const { total, api } = await reader.evaluate(async () => {
      const painted = await window.__unlockedPainted;
      // The API calls on the way (log in, then the gated text) run one after the other.
      const calls = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.includes('/api/'))
        .filter((entry) => entry.startTime >= window.__clickedAt && entry.responseEnd <= painted);
      return {
        total: painted - window.__clickedAt,
        api: calls.reduce((sum, entry) => sum + (entry.responseEnd - entry.startTime), 0),
      };
    });
    totals.push(total);
    unlocks.push(total - api);
    await reader.context().close();
  }
  return { unlocks, totals };
}

async function main() {
  console.log('Building the one-article site…');
  const oneBuildMs = build();
  const oneEntry = gz(entryScript());
  const article = JSON.parse(
    readFileSync(path.join(dist, 'data', 'articles', readdirSync(path.join(dist, 'data', 'articles'))[0]), 'utf8'),
  );
  const articleUrl = articlePath(article.slug);
  const articleHtml = path.join(dist, 'articles', `${article.slug}.html`);
  const css = /<style>([\s\S]*?)<\/style>/.exec(readFileSync(articleHtml, 'utf8'))[1];
  const staticUrl = writeStaticPage(article, css);

  const server = await serve();
  const executablePath = findChromium()?.executablePath;
  const browser = await chromium.launch(executablePath === undefined ? {} : { executablePath });
  const rows = [];
  try {
    // 1. Paint, interleaved (order alternates each round) so drift hits both pages alike.
    const ratios = { headline: [], lead: [] };
    const app = { headline: [], lead: [] };
    const plain = { headline: [], lead: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = round % 2 === 0 ? ['app', 'static'] : ['static', 'app'];
      const result = {};
      for (const which of order)
        result[which] = await paintTimes(browser, origin + (which === 'app' ? articleUrl : staticUrl));
      for (const key of ['headline', 'lead']) {
        app[key].push(result.app[key]);
        plain[key].push(result.static[key]);
        ratios[key].push(result.app[key] / result.static[key]);
      }
      process.stdout.write(`  round ${round + 1}/${ROUNDS}\r`);
    }
    for (const key of ['headline', 'lead']) {
      rows.push([`${key} paint, article page (median)`, ms(median(app[key]))]);
      rows.push([`${key} paint, static page (median)`, ms(median(plain[key]))]);
      rows.push([
        `${key} paint ratio: median / worst (target ≤ 1.10 / ≤ 1.5)`,
        `${median(ratios[key]).toFixed(2)}× / ${Math.max(...ratios[key]).toFixed(2)}×`,
      ]);
    }

    // 2. Bytes and requests of the first anonymous view.
    const page = await newWatchedPage(browser);
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(origin + articleUrl, { waitUntil: 'networkidle' });
    const html = readFileSync(articleHtml, 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*src="\/([^"]+)"/g)].map((match) => path.join(dist, match[1]));
    rows.push(['first view: HTML gz, CSS inlined (target ≤ 14 KB)', kb(gz(articleHtml))]);
    rows.push(['first view: JS gz (target ≤ 90 KB)', kb(scripts.reduce((total, file) => total + gz(file), 0))]);
    rows.push(['first view: separate CSS files', String((html.match(/<link rel="stylesheet"/g) ?? []).length)]);
    rows.push([
      'first view: requests',
      `${requests.length} (${requests.map((url) => new URL(url).pathname).join(', ')})`,
    ]);
    rows.push(['CLS anonymous (target ≤ 0.01)', (await layoutShift(page)).toFixed(4)]);
    await page.context().close();

    // 3. CLS for a subscriber (checking → unlocking → unlocked), after logout, and unlock time.
    const subscriber = await newWatchedPage(browser);
    await logIn(subscriber);
    await subscriber.goto(origin + articleUrl);
    await subscriber.locator('article[data-access="unlocked"]').waitFor();
    rows.push(['CLS subscriber: checking → unlocking → unlocked', (await layoutShift(subscriber)).toFixed(4)]);
    await subscriber.evaluate(() => (window.__cls = 0));
    await subscriber.getByRole('button', { name: 'Log out' }).click();
    await subscriber.getByRole('link', { name: article.gate.linkText }).waitFor();
    await subscriber.waitForTimeout(600);
    rows.push([
      'CLS after logging out (shifts after the click excluded, as CLS does)',
      (await layoutShift(subscriber)).toFixed(4),
    ]);
    await subscriber.context().close();

    // Unlock time, the reader's way (reading the article, "Click to log in!", log in) and with the
    // login page opened cold (its first render of an article happens after the click).
    for (const [label, fromArticle] of [
      ['from the article via "Click to log in!"', true],
      ['login page opened directly (cold)', false],
    ]) {
      const { unlocks, totals } = await unlockTimes(browser, article, fromArticle);
      rows.push([
        `"Log in" click → first gated paragraph painted, ${label}, 4× CPU, API time excluded (median / worst of ${ROUNDS}; target ≤ 100 ms)`,
        `${ms(median(unlocks))} / ${ms(Math.max(...unlocks))}`,
      ]);
      rows.push(['  the same, API time on localhost included', `${ms(median(totals))} / ${ms(Math.max(...totals))}`]);
    }
  } finally {
    await browser.close();
    await server.stop();
  }

  // 4. Scale: 1,000 synthetic articles in a temp folder, never committed.
  console.log('Building a generated corpus of 1,000 synthetic articles…');
  const corpus = mkdtempSync(path.join(os.tmpdir(), 'lede-corpus-'));
  try {
    const sample = readdirSync(path.join(root, 'seeds')).find((name) => name.endsWith('.json'));
    for (let n = 0; n < 1000; n += 1) {
      const paragraphs = Array.from(
        { length: 10 },
        (_, p) => `Synthetic paragraph ${p + 1} of benchmark article ${n + 1}.`,
      );
      const text = [
        `Benchmark Article Number ${n + 1}`,
        '',
        'BENCHMARK',
        `A placeholder figure for benchmark article ${n + 1}. (Generated)`,
        '',
        ...paragraphs.flatMap((p) => [p, '']),
        'To Read The Full Story',
        '',
        'Are you already a subscriber?',
        'Click to log in!',
      ].join('\n');
      writeFileSync(path.join(corpus, `${String(n).padStart(4, '0')}.txt`), text);
      if (sample !== undefined && n === 0)
        copyFileSync(path.join(root, 'seeds', sample), path.join(corpus, '0000.json'));
    }
    const corpusBuildMs = build({ LEDE_SEEDS_DIR: corpus });
    const corpusEntry = gz(entryScript());
    rows.push(['build, 1 article', ms(oneBuildMs)]);
    rows.push(['build, 1,000 articles (target ≤ 30 s)', ms(corpusBuildMs)]);
    rows.push([
      'entry JS gz, 1 → 1,000 articles (target ≤ +1 %)',
      `${kb(oneEntry)} → ${kb(corpusEntry)} (${(((corpusEntry - oneEntry) / oneEntry) * 100).toFixed(2)} %)`,
    ]);
  } finally {
    rmSync(corpus, { recursive: true, force: true });
    build(); // leave dist/ as the real one-article site
  }

  // 5. Router modes: the same minimal app with the declarative router (used) and the data router.
  const routerSizes = await measureRouterModes();
  rows.push([
    'router modes, React + router gz: declarative / data',
    `${kb(routerSizes.declarative)} / ${kb(routerSizes.data)} (data router +${kb(routerSizes.data - routerSizes.declarative)})`,
  ]);

  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(
    `\nLede benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${ROUNDS} rounds\n`,
  );
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
}

async function measureRouterModes() {
  const { build: viteBuild } = await import('vite');
  // Inside the project, so `react` and `react-router-dom` resolve from its node_modules.
  const dir = mkdtempSync(path.join(root, '.bench-router-'));
  const apps = {
    declarative: `import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, Route, Routes } from 'react-router-dom';
createRoot(document.getElementById('root')).render(
  h(BrowserRouter, null, h(Routes, null, h(Route, { path: '/', element: h(Link, { to: '/a' }, 'a') }))),
);`,
    data: `import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { Link, RouterProvider, createBrowserRouter } from 'react-router-dom';
const router = createBrowserRouter([{ path: '/', element: h(Link, { to: '/a' }, 'a') }]);
createRoot(document.getElementById('root')).render(h(RouterProvider, { router }));`,
  };
  const sizes = {};
  try {
    for (const [mode, code] of Object.entries(apps)) {
      writeFileSync(path.join(dir, `${mode}.js`), code);
      writeFileSync(
        path.join(dir, `${mode}.html`),
        `<div id="root"></div><script type="module" src="./${mode}.js"></script>`,
      );
      const outDir = path.join(dir, `dist-${mode}`);
      await viteBuild({
        root: dir,
        configFile: false,
        logLevel: 'silent',
        build: { outDir, rollupOptions: { input: path.join(dir, `${mode}.html`) } },
      });
      const assets = path.join(outDir, 'assets');
      sizes[mode] = readdirSync(assets)
        .filter((name) => name.endsWith('.js'))
        .reduce((total, name) => total + gz(path.join(assets, name)), 0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return sizes;
}

await main();
