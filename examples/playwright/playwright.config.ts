// A tester's own Playwright project against a running Lede. Each test takes a sandbox of its own
// (the @lede/playwright fixtures), so the tests run fully parallel against one server.
// LEDE_URL: where Lede is served (`npm start` serves http://localhost:4173); its test hooks must
// be on, which in a sandbox they always are.
import { existsSync } from 'node:fs';
import { chromium, defineConfig, devices } from '@playwright/test';

/**
 * Which Chromium to drive: PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH or CHROME_PATH when set; Playwright's
 * own when `npx playwright install chromium` has run; else the system's /usr/bin/chromium (Debian's
 * package), where Playwright cannot download its own.
 */
function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH || process.env.CHROME_PATH;
  if (fromEnv) return fromEnv;
  if (existsSync(chromium.executablePath())) return undefined;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined;
}

const executablePath = chromiumExecutable();

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: process.env.LEDE_URL ?? 'http://localhost:4173',
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
});
