// Before the end-to-end tests: make sure there is a Chromium to drive. Where none is found
// (no env override, no Playwright browser, no system Chromium) it installs Playwright's own,
// so `npm test` is the only command a new user with internet access needs.
import { execSync } from 'node:child_process';
import { findChromium } from '../e2e/find-chromium.mjs';

const found = findChromium();
if (found === undefined) {
  console.log('No Chromium found: installing Playwright’s (npx playwright install chromium)…');
  execSync('npx playwright install chromium', { stdio: 'inherit' });
} else {
  console.log(`Chromium for e2e: ${found.executablePath ?? 'Playwright’s own'} (${found.source})`);
}
