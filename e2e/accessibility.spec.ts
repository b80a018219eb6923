// Every screen, in every access state, passes axe's WCAG A/AA rules; the gate works by keyboard.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, SUBSCRIBER, test } from './fixtures.ts';
import { article, articleUrl, firstGated } from './seed.ts';

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target).join(', ')}`)).toEqual(
    [],
  );
}

test('front page, article, login and 404 have no axe violations for an anonymous reader', async ({ page }) => {
  for (const [path, heading] of [
    ['/', 'Latest stories'],
    [articleUrl, article.headline],
    ['/login', 'Log in'],
    ['/nowhere', 'Page not found'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expectNoViolations(page);
  }
});

for (const [persona, access] of [
  ['reader', 'locked'],
  ['expired', 'locked'],
  ['subscriber', 'unlocked'],
] as const) {
  test.describe(`as ${persona}`, () => {
    test.use({ persona });

    test(`the ${access} article has no axe violations`, async ({ page }) => {
      await page.goto(articleUrl);
      await expect(page.getByRole('article')).toHaveAttribute('data-access', access);
      if (access === 'unlocked') await expect(page.getByText(firstGated ?? '')).toBeVisible();
      await expectNoViolations(page);
    });
  });
}

test.describe('the plans page', () => {
  test.use({ persona: 'reader' });

  test('has no axe violations', async ({ page }) => {
    await page.goto(`/subscribe?next=${encodeURIComponent(articleUrl)}`);
    await expect(page.getByRole('button', { name: 'Start subscription' })).toBeVisible();
    await expectNoViolations(page);
  });
});

test('the login form with its errors has no axe violations', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page);
  await page.getByLabel('Email').fill('nobody@example.com');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoViolations(page);
});

test('a keyboard-only reader reaches the login from the gate and logs in', async ({ page }) => {
  await page.goto(articleUrl);
  const gateLink = page.getByRole('link', { name: article.gate.linkText });
  await expect(gateLink).toBeVisible();
  for (let presses = 0; presses < 20; presses += 1) {
    if (await gateLink.evaluate((link) => link === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(gateLink).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('Email').focus();
  await page.keyboard.type(SUBSCRIBER);
  await page.keyboard.press('Tab');
  await page.keyboard.type('read-all-about-it');
  await page.keyboard.press('Enter');
  await expect(page.getByText(firstGated ?? '')).toBeFocused();
});
