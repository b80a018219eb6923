// What a reader sees first, measured in the layout (not by comparing pixels): controls beside their
// labels, a figure placeholder that follows the theme and stays quiet, addresses that break only
// where they must, an account that stays identifiable in a narrow masthead, and unlocked text that
// reads as one.
import type { Locator, Page } from '@playwright/test';
import { expect, logInThroughForm, test } from './fixtures.ts';
import { articleUrl, firstGated } from './seed.ts';

/** The relative luminance of a computed CSS colour (`rgb(…)`), 0 (black) to 1 (white). */
async function luminance(locator: Locator, property: 'background-color' | 'color'): Promise<number> {
  const css = await locator.evaluate((element, name) => getComputedStyle(element).getPropertyValue(name), property);
  const [r = 0, g = 0, b = 0] = (css.match(/[\d.]+/g) ?? []).map(Number);
  const linear = (channel: number): number => {
    const value = channel / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (found === null) throw new Error('not rendered');
  return found;
}

/** The box of an element's text alone (a label's words, not the row it stretches across). */
async function textBox(page: Page, locator: Locator): Promise<{ left: number; right: number }> {
  const handle = await locator.elementHandle();
  return page.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element as Node);
    const rect = range.getBoundingClientRect();
    return { left: rect.left, right: rect.right };
  }, handle);
}

test('"Keep me logged in": the box sits just before its label', async ({ page }) => {
  await page.goto('/login');
  const checkbox = await box(page.getByRole('checkbox', { name: 'Keep me logged in' }));
  const label = await textBox(page, page.getByText('Keep me logged in', { exact: true }));
  expect(label.left - (checkbox.x + checkbox.width)).toBeGreaterThanOrEqual(0);
  expect(label.left - (checkbox.x + checkbox.width)).toBeLessThan(16);
});

test.describe('as a reader without a subscription', () => {
  test.use({ persona: 'reader' });

  test('the plans: every radio button at the same x, each just before its label', async ({ page }) => {
    await page.goto('/subscribe');
    const radios = page.getByRole('radio');
    await expect(radios.first()).toBeVisible();
    const xs = await Promise.all((await radios.all()).map(async (radio) => (await box(radio)).x));
    expect(xs.length).toBeGreaterThan(1);
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(1);
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('the figure placeholder follows the theme, and its label is legible', async ({ page }) => {
      for (const path of [articleUrl, '/']) {
        await page.goto(path);
        const placeholder = page.getByRole('img', { name: /^Placeholder/ }).first();
        const paper = await luminance(page.locator('html'), 'background-color');
        const wash = await luminance(placeholder, 'background-color');
        // Close to the page's own paper, in either theme: no bright slab on a dark page.
        expect(Math.abs(wash - paper)).toBeLessThan(0.15);
        const label = placeholder.getByText('Photo not available');
        const fontSize = await label.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
        expect(fontSize).toBeGreaterThanOrEqual(12);
        // The label stands out from its ground (WCAG's large-text contrast at least).
        const ink = await luminance(label, 'color');
        expect((Math.max(ink, wash) + 0.05) / (Math.min(ink, wash) + 0.05)).toBeGreaterThanOrEqual(3);
      }
    });
  });
}

test('at 1280 px the placeholder takes a quiet part of the first screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(articleUrl);
  const placeholder = await box(page.getByRole('img', { name: /^Placeholder/ }));
  expect(placeholder.height).toBeLessThanOrEqual(800 * 0.3);
  // The story starts on the first screen.
  await expect(page.locator('.lead')).toBeInViewport();
});

test('demo accounts: at 1280 px no address breaks; at 320 px they break only at @ or a dot', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/login');
  const addresses = page.locator('.demo-accounts code');
  await expect(addresses.first()).toBeVisible();
  const linesOf = (locator: Locator): Promise<string[]> =>
    locator.evaluate((element) => {
      // Each line's text: walk the characters and start a new line where their top changes.
      const lines: string[] = [];
      let line = '';
      let top = Number.NaN;
      const range = document.createRange();
      // The text as shown (a copy for assistive technology is clipped to one pixel: left out).
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, (node) =>
        node.parentElement?.closest('.visually-hidden') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
      );
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const value = node.textContent ?? '';
        for (let index = 0; index < value.length; index += 1) {
          range.setStart(node, index);
          range.setEnd(node, index + 1);
          const y = Math.round(range.getBoundingClientRect().top);
          if (y !== top && line !== '') {
            lines.push(line);
            line = '';
          }
          top = y;
          line += value.charAt(index);
        }
      }
      if (line !== '') lines.push(line);
      return lines;
    });
  for (const address of await addresses.all()) expect(await linesOf(address)).toHaveLength(1);

  await page.setViewportSize({ width: 320, height: 800 });
  for (const address of await addresses.all()) {
    const lines = await linesOf(address);
    // Every line but the last ends just before an @ or after a dot: never mid-word.
    for (const [index, line] of lines.slice(0, -1).entries()) {
      const next = lines[index + 1] ?? '';
      expect(line.endsWith('.') || next.startsWith('@') || line.endsWith('@'), `${line} | ${next}`).toBe(true);
    }
  }
});

test.describe('logged in, in a narrow masthead', () => {
  test.use({ persona: 'subscriber' });

  for (const width of [320, 390]) {
    test(`at ${width} px the account is still named`, async ({ page }) => {
      await page.setViewportSize({ width, height: 700 });
      await page.goto('/');
      // The address alone, from its start: at least its first eight characters in view.
      const address = page.locator('.account__who strong');
      await expect(address).toHaveText('subscriber@example.com');
      await expect(page.getByText('Logged in as', { exact: false }).first()).toBeAttached();
      const shown = await address.evaluate((element) => {
        const range = document.createRange();
        range.setStart(element.firstChild as Node, 0);
        range.setEnd(element.firstChild as Node, 8);
        const eight = range.getBoundingClientRect();
        // What shows is the part inside the clipping box around it.
        const visible = (element.parentElement ?? element).getBoundingClientRect();
        return { left: eight.left - visible.left, fits: eight.right <= visible.right, width: visible.width };
      });
      expect(shown).toEqual({ left: 0, fits: true, width: expect.any(Number) });
      await expect(page.locator('.account__who')).toBeInViewport({ ratio: 1 });
      await expect(page.getByRole('button', { name: 'Log out' })).toBeInViewport({ ratio: 1 });
      await expect(page.getByRole('button', { name: 'Display' })).toBeInViewport({ ratio: 1 });
      // Whose account it is stays in the accessible text.
      await expect(page.getByText('Logged in as subscriber@example.com')).toBeAttached();
    });
  }
});

test.describe('unlocked', () => {
  test.use({ persona: 'subscriber' });

  test('the gated text goes on from the free text at the usual paragraph gap', async ({ page }) => {
    await page.goto(articleUrl);
    const first = page.getByText(firstGated, { exact: true });
    await expect(first).toBeVisible();
    const free = page.locator('.article__body > p');
    const count = await free.count();
    const [secondLast, last] = [await box(free.nth(count - 2)), await box(free.nth(count - 1))];
    const usualGap = last.y - (secondLast.y + secondLast.height);
    const junction = (await box(first)).y - (last.y + last.height);
    expect(Math.abs(junction - usualGap)).toBeLessThan(2);
  });
});

test.describe('nothing left behind', () => {
  test.use({ persona: 'subscriber' });

  test('after logging out the page reaches network idle: no answer is left unread', async ({ page }) => {
    await page.goto(articleUrl);
    await expect(page.getByText(firstGated, { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
    await page.waitForLoadState('networkidle', { timeout: 10_000 });
  });
});

test("a server's own error text never reaches the reader: Lede says what went wrong", async ({ page }) => {
  const RAW = 'SQLSTATE[42000]: syntax error near "users" (internal detail)';
  await page.route('**/api/session', (route) =>
    route.request().method() === 'POST' ? route.fulfill({ status: 400, json: { error: RAW } }) : route.fallback(),
  );
  await page.goto('/login');
  await logInThroughForm(page, 'reader@example.com');
  await expect(page.getByRole('alert')).toHaveText(
    'Logging in did not work. Check the email and password, and try again.',
  );
  await expect(page.getByText(RAW)).toHaveCount(0);
  // What the reader typed survives the error.
  await expect(page.getByLabel('Email')).toHaveValue('reader@example.com');
});

test('the anonymous gate offers a way to subscribe beside the way to log in, and the plans page asks to log in first', async ({
  page,
}) => {
  await page.goto(articleUrl);
  const gate = page.getByRole('region', { name: 'To Read The Full Story' });
  await expect(gate.getByRole('link', { name: 'Click to log in!' })).toBeVisible();
  await gate.getByRole('link', { name: 'Subscribe' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a plan' })).toBeVisible();
  await page.getByRole('link', { name: 'Log in to subscribe' }).click();
  await logInThroughForm(page, 'reader@example.com');
  // Back on the plans, as that reader; subscribing returns to the article, unlocked.
  await page.getByRole('button', { name: 'Start subscription' }).click();
  await expect(page).toHaveURL(articleUrl);
  await expect(page.getByText(firstGated, { exact: true })).toBeVisible();
});
