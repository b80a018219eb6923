// Every screen, in every access state, at 320 and 1280 px, in both themes, passes axe's WCAG 2.2
// A/AA rules and its best practices (landmarks, one h1, heading order); the whole reading path
// works with the keyboard alone.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../src/paywall/personas.ts';
import { expect, SUBSCRIBER, test, type Persona, returningTo, logInThroughForm } from './fixtures.ts';
import { article, articleUrl, firstGated } from './seed.ts';
import { ACCOUNT_PAGES } from '../src/config/account-paths.ts';
import { ACCOUNT_PATH, HOME_PATH, JOIN_PATH, LAB_PATH, LOGIN_PATH, SUBSCRIBE_PATH } from '../src/config/paths.ts';

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(results.violations.map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target).join(', ')}`)).toEqual(
    [],
  );
}

type Screen = { name: string; visit: (page: Page) => Promise<void> };

/** The link of the newest message to `to` in the page's sandbox. */
async function latestLink(page: Page, to: string): Promise<string> {
  const response = await page.request.get(`/api/test/inbox?to=${encodeURIComponent(to)}`);
  const { messages } = (await response.json()) as { messages: { links: string[] }[] };
  return messages[0]?.links[0] ?? '';
}

async function visitArticle(page: Page, access: string): Promise<void> {
  await page.goto(articleUrl);
  await expect(page.getByRole('article')).toHaveAttribute('data-access', access);
  if (access === 'unlocked') await expect(page.getByText(firstGated)).toBeVisible();
}

const ANONYMOUS_SCREENS: Screen[] = [
  {
    name: 'front page',
    visit: async (page) => {
      await page.goto(HOME_PATH);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest stories');
    },
  },
  { name: 'article, anonymous', visit: (page) => visitArticle(page, 'anonymous') },
  {
    name: 'login, empty',
    visit: async (page) => {
      await page.goto(LOGIN_PATH);
      await expect(page.getByRole('button', { name: 'Log in' })).toBeEnabled();
    },
  },
  {
    name: 'login, with errors',
    visit: async (page) => {
      await page.goto(LOGIN_PATH);
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
      await logInThroughForm(page, 'nobody@example.com', 'wrong');
      await expect(page.getByRole('alert')).toBeVisible();
    },
  },
  {
    name: 'sign-in problem (Example ID)',
    visit: async (page) => {
      await page.goto('/account/sign-in-problem?reason=access-denied&next=%2F');
      await expect(page.getByRole('heading', { level: 1, name: 'You are not logged in' })).toBeVisible();
    },
  },
  {
    name: 'Example ID consent page, with an error',
    visit: async (page) => {
      await page.goto(`${LOGIN_PATH}`);
      await page.getByRole('link', { name: 'Continue with Example ID' }).click();
      await page.getByRole('button', { name: 'Allow' }).click();
      await expect(page.getByRole('alert')).toHaveText('Choose an account, or type an address.');
    },
  },
  {
    name: 'create an account, with errors',
    visit: async (page) => {
      await page.goto(JOIN_PATH);
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    },
  },
  {
    name: 'create an account, answered',
    visit: async (page) => {
      await page.goto(JOIN_PATH);
      await page.getByLabel('Email').fill('new.reader@example.org');
      await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
      await page.getByLabel('Confirm password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'has an account now' })).toBeFocused();
    },
  },
  {
    name: 'sign in with a link, with errors',
    visit: async (page) => {
      await page.goto(ACCOUNT_PAGES.signInLink);
      await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    },
  },
  {
    name: 'sign in with a link, check your inbox, a wrong code',
    visit: async (page) => {
      await page.goto(ACCOUNT_PAGES.signInLink);
      await page.getByLabel('Email').fill('reader+a11y@example.com');
      await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeFocused();
      await page.getByLabel('6-digit code').fill('12');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByLabel('6-digit code')).toHaveAttribute('aria-invalid', 'true');
    },
  },
  {
    name: 'sign in with a link, a link that is not valid',
    visit: async (page) => {
      await page.goto(`${ACCOUNT_PAGES.signInLink}?token=forged`);
      await expect(page.getByRole('heading', { name: 'This sign-in link is not valid' })).toBeFocused();
    },
  },
  {
    name: 'two-factor code, with an error',
    visit: async (page) => {
      await page.goto(LOGIN_PATH);
      await logInThroughForm(page, 'mfa@example.com');
      await expect(page.getByLabel('Code from your authenticator app')).toBeFocused();
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page.getByLabel('Code from your authenticator app')).toHaveAttribute('aria-invalid', 'true');
    },
  },
  {
    name: 'two-factor, opened without a login',
    visit: async (page) => {
      await page.goto(ACCOUNT_PAGES.twoFactor);
      await expect(page.getByRole('link', { name: 'Log in again' })).toBeVisible();
    },
  },
  {
    name: 'forgot password, answered',
    visit: async (page) => {
      await page.goto(`${LOGIN_PATH}`);
      await page.getByRole('link', { name: 'Forgot password?' }).click();
      await page.getByLabel('Email').fill('reader+a11y@example.com');
      await page.getByRole('button', { name: 'Email me a reset link' }).click();
      await expect(page.getByRole('status')).toBeFocused();
    },
  },
  {
    name: 'choose a new password, with errors',
    visit: async (page) => {
      await page.request.post('/api/password-resets', { data: { email: 'reader+a11y@example.com' } });
      await page.goto(await latestLink(page, 'reader+a11y@example.com'));
      await page.getByRole('button', { name: 'Set the password' }).click();
      await expect(page.getByLabel('New password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    },
  },
  {
    name: 'a reset link that does not work',
    visit: async (page) => {
      await page.goto('/account/reset-password?token=made-up');
      await expect(page.getByRole('alert')).toBeVisible();
    },
  },
  {
    name: 'test inbox, a message open',
    visit: async (page) => {
      await page.request.post('/api/unlock-links', { data: { email: 'locked+a11y@example.com' } });
      await page.goto('/inbox');
      await expect(page.getByRole('article').getByRole('link')).toBeVisible();
    },
  },
  {
    name: 'test lab, a fault rule and the request log',
    visit: async (page) => {
      await page.request.put('/api/test/faults', { data: [{ path: '/api/meter', status: 503, times: 2 }] });
      await page.request.get('/api/meter');
      await page.goto(LAB_PATH);
      await expect(page.getByText('Any method /api/meter: answers 503, twice. Fired once.')).toBeVisible();
      await expect(page.getByRole('region', { name: 'Requests in this world' })).toBeVisible();
    },
  },
  {
    name: 'test lab, with errors',
    visit: async (page) => {
      await page.goto(LAB_PATH);
      await page.getByRole('button', { name: 'Add the fault' }).click();
      await expect(page.getByLabel('Path')).toHaveAttribute('aria-invalid', 'true');
      await page.getByLabel('Sandbox id').fill('not-a-sandbox');
      await page.getByRole('button', { name: 'Join' }).click();
      await expect(page.getByLabel('Sandbox id')).toHaveAttribute('aria-invalid', 'true');
      await page.getByLabel('Metered: a few articles free, then the gate').check();
      await page.getByLabel('Free articles or reads').fill('0');
      await page.getByRole('button', { name: 'Set the model' }).click();
      await expect(page.getByLabel('Free articles or reads')).toHaveAttribute('aria-invalid', 'true');
    },
  },
  {
    name: 'test lab, where the test hooks are off',
    visit: async (page) => {
      await page.route('**/api/sandboxes/current', (route) =>
        route.fulfill({ status: 200, json: { sandbox: null, testHooks: false } }),
      );
      await page.goto(LAB_PATH);
      await expect(page.getByRole('button', { name: 'Create a sandbox' })).toBeVisible();
    },
  },
  {
    name: 'unlock, asked and unlocked',
    visit: async (page) => {
      await page.goto('/account/unlock?email=locked%2Ba11y@example.com');
      await page.getByRole('button', { name: 'Email me an unlock link' }).click();
      await expect(page.getByRole('status')).toBeFocused();
      await page.goto(await latestLink(page, 'locked+a11y@example.com'));
      await expect(page.getByRole('status')).toContainText('is unlocked');
    },
  },
  {
    name: 'an unverified account’s notice',
    visit: async (page) => {
      const data = { email: 'new+a11y@example.org', password: 'correct horse battery' };
      await page.request.post('/api/accounts', { data });
      await page.request.post('/api/session', { data });
      await page.goto(HOME_PATH);
      await expect(page.getByRole('complementary', { name: 'Your email address' })).toBeVisible();
    },
  },
  {
    name: '404',
    visit: async (page) => {
      await page.goto('/nowhere');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    },
  },
  {
    name: 'display settings open',
    visit: async (page) => {
      await page.goto(articleUrl);
      await page.getByRole('button', { name: 'Display' }).click();
      await expect(page.getByRole('group', { name: 'Theme' })).toBeVisible();
    },
  },
];

const SIGNED_IN_SCREENS: [Persona, Screen][] = [
  ['reader', { name: 'article, reader without a subscription', visit: (page) => visitArticle(page, 'locked') }],
  ['expired', { name: 'article, expired subscription', visit: (page) => visitArticle(page, 'locked') }],
  ['subscriber', { name: 'article, subscriber', visit: (page) => visitArticle(page, 'unlocked') }],
  [
    'subscriber',
    {
      name: 'account page',
      visit: async (page) => {
        await page.goto(ACCOUNT_PATH);
        await expect(page.getByRole('button', { name: 'Cancel subscription' })).toBeEnabled();
      },
    },
  ],
  [
    'pastdue',
    {
      name: 'article, a failed payment’s banner',
      visit: async (page) => {
        await visitArticle(page, 'unlocked');
        await expect(page.getByRole('complementary', { name: 'Your subscription' })).toBeVisible();
      },
    },
  ],
  [
    'reader',
    {
      name: 'plans page',
      visit: async (page) => {
        await page.goto(returningTo(SUBSCRIBE_PATH, articleUrl));
        await expect(page.getByRole('button', { name: 'Start subscription' })).toBeVisible();
      },
    },
  ],
];

// Every screen and state, at the narrowest and a desktop width, in both themes: WCAG 2.2 AA by axe.
for (const width of [320, 1280]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${width} px, ${colorScheme}`, () => {
      test.use({ viewport: { width, height: 800 }, colorScheme });

      for (const screen of ANONYMOUS_SCREENS) {
        test(`${screen.name} has no axe violations`, async ({ page }) => {
          await screen.visit(page);
          await expectNoViolations(page);
        });
      }

      for (const [persona, screen] of SIGNED_IN_SCREENS) {
        test.describe(`as ${persona}`, () => {
          test.use({ persona });

          test(`${screen.name} has no axe violations`, async ({ page }) => {
            await screen.visit(page);
            await expectNoViolations(page);
          });
        });
      }
    });
  }
}

/** Presses Tab until `target` has focus; fails if it never does. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 40; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('the whole path works with the keyboard alone: front page, article, log in, read, log out', async ({ page }) => {
  await page.goto(HOME_PATH);
  await tabTo(page, page.getByRole('link', { name: article.headline }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(articleUrl);

  await tabTo(page, page.getByRole('link', { name: article.gate.linkText }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/login\?next=/);
  await tabTo(page, page.getByLabel('Email'));
  await page.keyboard.type(SUBSCRIBER);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');

  // Focus on the first paragraph the reader could not read before, and the unlock announced.
  await expect(page.getByText(firstGated)).toBeFocused();
  await expect(page.getByText('The full story is unlocked.')).toBeAttached();

  await tabTo(page, page.getByRole('button', { name: 'Log out' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: article.gate.heading })).toBeFocused();
  await expect(page.getByText('You are logged out. The rest of the story is hidden again.')).toBeAttached();
  await expect(page.getByText(firstGated)).toHaveCount(0);
});
