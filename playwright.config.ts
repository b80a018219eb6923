// End-to-end tests run against the production build, served by `vite preview` on an unusual
// port with --strictPort, so they never talk to another project's server on a shared machine.
import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './e2e/find-chromium.mjs';

const PORT = Number(process.env.LEDE_E2E_PORT ?? 4391);
const baseURL = `http://localhost:${PORT}`;
const executablePath = findChromium()?.executablePath;

const chromium = {
  ...devices['Desktop Chrome'],
  ...(executablePath === undefined ? {} : { launchOptions: { executablePath } }),
};

export default defineConfig({
  testDir: './e2e',
  // One server holds the state (sessions, throttles, subscriptions) and each test resets it
  // first, so tests run one at a time.
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL,
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/, use: chromium },
    { name: 'chromium', dependencies: ['setup'], use: chromium },
  ],
  webServer: {
    command: `npm run build && npm run preview -- --port ${PORT} --strictPort`,
    url: baseURL,
    // Never attach to whatever happens to answer on the port (on a shared machine it may be
    // another project's server); opt in with LEDE_E2E_REUSE=1 to reuse your own running preview.
    reuseExistingServer: process.env.LEDE_E2E_REUSE === '1',
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
