// End-to-end tests run against the production build, served by the production server (src/host,
// what `npm start` runs) on a port nothing else holds, fully parallel: each test works in its own
// sandbox on the server (e2e/sandbox-fixture.ts), so tests cannot see each other's sessions,
// throttles or clocks.
import { createServer } from 'node:net';
import os from 'node:os';
import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './e2e/find-chromium.mjs';

/** A port the system has free right now (it hands one out for port 0). */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(address)));
    });
  });
}

// This file is evaluated in the runner and again in every worker. The runner picks the port once
// and puts it in the environment, which the workers inherit, so they all talk to the same server.
const reuse = process.env.LEDE_E2E_REUSE === '1';
if (reuse && process.env.LEDE_E2E_PORT === undefined) {
  throw new Error('LEDE_E2E_REUSE=1 needs LEDE_E2E_PORT: the port your own server listens on.');
}
if (process.env.LEDE_E2E_PORT === undefined) {
  process.env.LEDE_E2E_PORT = String(await findFreePort());
  console.log(`serving the build on http://localhost:${process.env.LEDE_E2E_PORT} (a free port)`);
} else if (process.env.TEST_WORKER_INDEX === undefined) {
  console.log(`serving the build on http://localhost:${process.env.LEDE_E2E_PORT} (LEDE_E2E_PORT)`);
}
// The placeholder site (scripts/placeholder-site.mjs) always runs on a free port of its own.
process.env.LEDE_E2E_PLACEHOLDER_PORT ??= String(await findFreePort());
const PORT = Number(process.env.LEDE_E2E_PORT);
const baseURL = `http://localhost:${PORT}`;
const placeholderURL = `http://localhost:${process.env.LEDE_E2E_PLACEHOLDER_PORT}`;
const executablePath = findChromium()?.executablePath;
// LEDE_E2E_WORKERS: a number or a share of the cores ("50%"). Otherwise half the cores, as
// Playwright's default, but at least two: the tests wait on the network and on timers more than
// they compute, so on 2 cores two workers run the suite in about 7 minutes where one takes 9–10.
const workers = process.env.LEDE_E2E_WORKERS ?? String(Math.max(2, Math.floor(os.availableParallelism() / 2)));

const chromium = {
  ...devices['Desktop Chrome'],
  ...(executablePath === undefined ? {} : { launchOptions: { executablePath } }),
};
const DEFAULT_WORLD = /default-world\.spec\.ts/;
/** Tests of per-article access levels, on the site built from e2e/placeholder-articles/. */
const PLACEHOLDER_SITE = /access-levels\.spec\.ts/;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  workers: /^\d+$/.test(workers) ? Number(workers) : workers,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL,
    trace: 'retain-on-failure',
  },
  projects: [
    // Every test in its own sandbox.
    { name: 'chromium', testIgnore: [DEFAULT_WORLD, PLACEHOLDER_SITE], use: chromium },
    // Each test in its own sandbox too, on the placeholder site (plainly not news).
    { name: 'placeholder articles', testMatch: PLACEHOLDER_SITE, use: { ...chromium, baseURL: placeholderURL } },
    // The few tests about the world outside any sandbox (what a newcomer sees), one at a time.
    { name: 'default world', testMatch: DEFAULT_WORLD, use: chromium },
  ],
  webServer: [
    {
      // The built server itself, not `npm start`, so the suite always tests a build it just made.
      // It fails to start, rather than move elsewhere, when the port is taken.
      command: `npm run build && node dist-host/main.js --port ${PORT}`,
      // The default world's test hooks (reset, clock) are off in a plain production server; its
      // one log line per request would only bury the report.
      env: { LEDE_TEST_HOOKS: '1', LEDE_LOG: 'silent' },
      url: baseURL,
      // Never attach to whatever happens to answer on the port (on a shared machine it may be
      // another project's server); opt in with LEDE_E2E_REUSE=1 and LEDE_E2E_PORT to reuse your own
      // running server (started with LEDE_TEST_HOOKS=1).
      reuseExistingServer: reuse,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // A second build whose seeds are e2e/placeholder-articles/ (its own copy of the sources, in the
      // system's temp folder), for the access-level tests: never reused, always built afresh.
      command: `node scripts/placeholder-site.mjs --port ${process.env.LEDE_E2E_PLACEHOLDER_PORT}`,
      env: { LEDE_TEST_HOOKS: '1', LEDE_LOG: 'silent', LEDE_SITE_URL: placeholderURL },
      url: placeholderURL,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
