// End-to-end tests run against the production build, served by `vite preview` on an unusual
// port with --strictPort, so they never talk to another project's server on a shared machine.
import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './e2e/find-chromium.mjs';

const PORT = Number(process.env.LEDE_E2E_PORT ?? 4391);
const baseURL = `http://localhost:${PORT}`;
const executablePath = findChromium()?.executablePath;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        ...(executablePath === undefined ? {} : { launchOptions: { executablePath } }),
      },
    },
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
