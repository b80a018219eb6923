// Which Chromium the end-to-end tests drive. Shared by playwright.config.ts and
// scripts/ensure-chromium.mjs, so both make the same choice:
//   1. PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH or CHROME_PATH, when set;
//   2. Playwright's own Chromium, when `npx playwright install chromium` has run;
//   3. the system's /usr/bin/chromium (Debian's package), when present.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** @returns {{ source: 'env' | 'playwright' | 'system', executablePath: string | undefined } | undefined} */
export function findChromium() {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH || process.env.CHROME_PATH;
  if (fromEnv) return { source: 'env', executablePath: fromEnv };
  if (existsSync(chromium.executablePath())) return { source: 'playwright', executablePath: undefined };
  if (existsSync(SYSTEM_CHROMIUM)) return { source: 'system', executablePath: SYSTEM_CHROMIUM };
  return undefined;
}
