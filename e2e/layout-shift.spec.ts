// Cumulative layout shift stays ≤ 0.01 in every state of an article: anonymous, unlocking and
// unlocked for a subscriber, and after a session ends by itself. Measured in the page with the
// Layout Instability API; shifts right after a click or key press do not count (as in CLS).
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { article, articleUrl, firstGated } from './seed.ts';

const CLS_BUDGET = 0.01;

async function watchLayoutShift(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const record = { cls: 0 };
    Object.assign(window, { ledeLayoutShift: record });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const shift = entry as PerformanceEntry & { value: number; hadRecentInput: boolean };
        if (!shift.hadRecentInput) record.cls += shift.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

async function layoutShift(page: Page): Promise<number> {
  await page.waitForTimeout(500);
  return page.evaluate(() => (window as unknown as { ledeLayoutShift: { cls: number } }).ledeLayoutShift.cls);
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
]) {
  test.describe(`${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('anonymous: the prerendered page does not shift as it hydrates', async ({ page }) => {
      await watchLayoutShift(page);
      await page.goto(articleUrl);
      await expect(page.getByRole('article')).toHaveAttribute('data-access', 'anonymous');
      expect(await layoutShift(page)).toBeLessThanOrEqual(CLS_BUDGET);
    });

    test.describe('logged in', () => {
      test.use({ persona: 'subscriber' });

      test('a subscriber: checking, unlocking and unlocked do not shift', async ({ page }) => {
        await watchLayoutShift(page);
        await page.goto(articleUrl);
        await expect(page.getByText(firstGated)).toBeVisible();
        expect(await layoutShift(page)).toBeLessThanOrEqual(CLS_BUDGET);
      });

      test('a session that ends while reading does not shift the page', async ({ page }) => {
        await page.clock.install();
        await watchLayoutShift(page);
        await page.goto(articleUrl);
        await expect(page.getByText(firstGated)).toBeVisible();
        await page.clock.fastForward('31:00');
        await expect(page.getByRole('link', { name: article.gate.linkText })).toBeVisible();
        expect(await layoutShift(page)).toBeLessThanOrEqual(CLS_BUDGET);
      });
    });
  });
}
