// Return addresses in the real browser: a hostile `?next=` sends the reader home after logging in
// through the form, on our own origin, with nothing run; a valid one keeps its query and hash.
import type { Page } from '@playwright/test';
import { HOSTILE_RETURN_ADDRESSES } from '../src/client-state/hostile-return-addresses.ts';
import { expect, SUBSCRIBER, test, returningTo, logInThroughForm, requireBaseURL } from './fixtures.ts';
import { articleUrl, firstGated } from './seed.ts';
import { HOME_PATH, LOGIN_PATH } from '../src/config/paths.ts';

/** Every request the page makes to another origin, and every dialog a script opens. */
function watchForEscapes(page: Page, origin: string): { offOrigin: string[]; dialogs: string[] } {
  const escapes = { offOrigin: [] as string[], dialogs: [] as string[] };
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) escapes.offOrigin.push(request.url());
  });
  page.on('dialog', (dialog) => {
    escapes.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return escapes;
}

test.describe('a hostile next lands on the front page after logging in', () => {
  for (const next of [
    '//evil.example/',
    '/\t/evil.example',
    'https://lede@evil.example',
    '/x/..//evil.example',
    // `?next=%252F%252Fevil.example` in the address bar: decoded once, it is still no path.
    '%2F%2Fevil.example',
    '/%2F%2Fevil.example',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
  ]) {
    test(JSON.stringify(next), async ({ page, baseURL }) => {
      const escapes = watchForEscapes(page, new URL(requireBaseURL(baseURL)).origin);
      await page.goto(returningTo(LOGIN_PATH, next));
      await logInThroughForm(page, SUBSCRIBER);

      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest stories');
      await expect(page.getByText(`Logged in as ${SUBSCRIBER}`)).toBeVisible();
      // Resolved against baseURL: the same origin as well as the path `/`.
      await expect(page).toHaveURL(HOME_PATH);
      expect(escapes).toEqual({ offOrigin: [], dialogs: [] });
    });
  }
});

test('a valid next keeps its query and hash', async ({ page }) => {
  const next = `${articleUrl}?ref=newsletter&b=2#gate-heading`;
  await page.goto(returningTo(LOGIN_PATH, next));
  await logInThroughForm(page, SUBSCRIBER);

  await expect(page).toHaveURL(next);
  await expect(page.getByText(firstGated)).toBeFocused();
});

test('a next that points back at the login page lands on the front page, not on the form again', async ({ page }) => {
  await page.goto(returningTo(LOGIN_PATH, returningTo(LOGIN_PATH, articleUrl)));
  await logInThroughForm(page, SUBSCRIBER);
  await expect(page).toHaveURL(HOME_PATH);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest stories');
});

test.describe('in Chromium, as in Node, every hostile value in the unit table gives a "Continue reading" link home', () => {
  test.use({ persona: 'subscriber' });

  const tricks = new Map<string, string[]>();
  for (const { trick, value } of HOSTILE_RETURN_ADDRESSES) tricks.set(trick, [...(tricks.get(trick) ?? []), value]);

  for (const [trick, values] of tricks) {
    test(trick, async ({ page }) => {
      for (const value of values) {
        await page.goto(returningTo(LOGIN_PATH, value));
        const link = page.getByRole('link', { name: 'Continue reading' });
        await expect(link, JSON.stringify(value)).toHaveAttribute('href', HOME_PATH);
      }
    });
  }
});

test("the header's Log in link never carries a hostile address, even from a hostile page address", async ({
  page,
  baseURL,
}) => {
  // The path `//evil.example`, on our origin: what a reader lands on from a crafted link.
  await page.goto(`${requireBaseURL(baseURL)}//evil.example`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toHaveAttribute(
    'href',
    '/login?next=%2F',
  );
});
