// The subscriber login, driven through the real form: the one spec where the form is the subject.
import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, PERSONAS } from '../src/paywall/personas.ts';
import {
  expect,
  logInThroughApi,
  READER,
  SUBSCRIBER,
  test,
  returningTo,
  logInThroughForm,
  isLoginRequest,
} from './fixtures.ts';
import { article, articleUrl, firstGated, gatedParagraphs, lastGated } from './seed.ts';
import { API_PATHS, HOME_PATH, JOIN_PATH, LOGIN_PATH } from '../src/config/paths.ts';
import { EXAMPLE_ID_START, SIGN_IN_LINK_PAGE } from '../src/config/login-links.ts';

test('a subscriber logs in from the gate, returns to the article, reads it all, focus on the new text', async ({
  page,
}) => {
  await page.goto(articleUrl);
  await page.getByRole('link', { name: article.gate.linkText }).click();
  await logInThroughForm(page, SUBSCRIBER);

  await expect(page).toHaveURL(articleUrl);
  await expect(page.getByRole('heading', { name: article.gate.heading })).toHaveCount(0);
  await expect(page.locator('.article__body > p, .gated-content > p')).toHaveText([article.lead, ...article.body]);
  await expect(page.getByText(firstGated)).toBeFocused();
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocked');
  await expect(page.getByText(`Logged in as ${SUBSCRIBER}`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
});

test('logging in goes straight to the unlocked article: no "logged in" page, gate or loading state on the way', async ({
  page,
}) => {
  // Record, from the first instant, every article state and whether the login page's
  // "You are logged in" view was ever on screen.
  await page.addInitScript(() => {
    const seen = new Set<string>();
    Object.assign(window, { __seen: seen });
    new MutationObserver(() => {
      const access = document.querySelector('article')?.getAttribute('data-access');
      if (access !== null && access !== undefined) seen.add(access);
      if (document.querySelector('.login__already') !== null) seen.add('login page: already logged in');
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await page.goto(returningTo(LOGIN_PATH, articleUrl));
  await logInThroughForm(page, SUBSCRIBER);
  await expect(page.getByText(firstGated)).toBeFocused();
  const seen = await page.evaluate(() => [...(window as unknown as { __seen: Set<string> }).__seen]);
  expect(seen).toEqual(['unlocked']);
});

test.describe('as a subscriber', () => {
  test.use({ persona: 'subscriber' });

  test('the full text is every paragraph of the seed, once, in order, with its exact characters', async ({ page }) => {
    await page.goto(articleUrl);
    await expect(page.getByText(lastGated)).toBeVisible();
    const text = await page.getByRole('article').innerText();
    let from = 0;
    for (const piece of [
      article.headline,
      article.figure.caption,
      article.figure.credit,
      article.dateline,
      article.lead,
      ...article.body,
    ]) {
      const at = text.indexOf(piece, from);
      expect(at, `"${piece.slice(0, 40)}…" in order`).toBeGreaterThanOrEqual(from);
      expect(text.indexOf(piece, at + piece.length), `"${piece.slice(0, 40)}…" only once`).toBe(-1);
      from = at + piece.length;
    }
    for (const trailerLine of [article.gate.heading, article.gate.question, article.gate.linkText]) {
      expect(text).not.toContain(trailerLine);
    }
  });

  test('logging out gates the article again without a reload', async ({ page }) => {
    await page.goto(articleUrl);
    await expect(page.getByText(firstGated)).toBeVisible();
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('heading', { name: article.gate.heading })).toBeFocused();
    for (const paragraph of gatedParagraphs) await expect(page.getByText(paragraph)).toHaveCount(0);
    await expect(page.getByRole('link', { name: article.gate.linkText })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible();
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);

    await page.reload();
    await expect(page.getByRole('link', { name: article.gate.linkText })).toBeVisible();
  });
});

test('a reload keeps the reader logged in', async ({ page }) => {
  await page.goto(returningTo(LOGIN_PATH, articleUrl));
  await logInThroughForm(page, SUBSCRIBER);
  await expect(page.getByText(firstGated)).toBeVisible();
  await page.reload();
  await expect(page.getByText(firstGated)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
});

test('the login page lists every demo account and the shared password', async ({ page }) => {
  await page.goto(LOGIN_PATH);
  const accounts = page.getByRole('region', { name: 'Demo accounts' });
  await expect(accounts).toContainText(DEMO_PASSWORD);
  for (const { reader, behaviour } of PERSONAS) {
    await expect(accounts.getByRole('row', { name: `${reader.email} ${behaviour}` })).toBeVisible();
  }
});

test('a slow "who am I" answer cannot undo a login that finished first', async ({ page }) => {
  // The server answers "nobody" at once; the answer reaches the page only after the login.
  await page.route(`**${API_PATHS.session}`, async (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return route.fulfill({ response });
  });
  await page.goto(returningTo(LOGIN_PATH, articleUrl));
  await logInThroughForm(page, SUBSCRIBER);
  await expect(page.getByText(firstGated)).toBeVisible();
  await page.waitForResponse(
    (response) => response.url().endsWith(API_PATHS.session) && response.request().method() === 'GET',
  );
  await expect(page.getByText(`Logged in as ${SUBSCRIBER}`)).toBeVisible();
  await expect(page.getByText(firstGated)).toBeVisible();
});

test('logging out away from an article leaves keyboard focus on the "Log in" link', async ({ page }) => {
  await page.goto(HOME_PATH);
  await logInThroughApi(page.request, SUBSCRIBER);
  await page.reload();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeFocused();
});

test('a wrong password gets a generic alert, keeps the email and sends focus to the password', async ({ page }) => {
  await page.goto(LOGIN_PATH);
  await logInThroughForm(page, SUBSCRIBER, 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
  await expect(page.getByLabel('Email')).toHaveValue(SUBSCRIBER);
  await expect(page.getByLabel('Password')).toHaveValue('');
  await expect(page.getByLabel('Password')).toBeFocused();
  await expect(page).toHaveURL(LOGIN_PATH);
});

test('an unknown email gets exactly the same message as a wrong password', async ({ page }) => {
  await page.goto(LOGIN_PATH);
  await logInThroughForm(page, 'nobody@example.com');
  await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
  await expect(page.getByLabel('Email')).toHaveValue('nobody@example.com');
});

test('empty fields get messages tied to the inputs, and nothing is sent', async ({ page }) => {
  let requests = 0;
  page.on('request', (request) => {
    if (isLoginRequest(request)) requests += 1;
  });
  await page.goto(LOGIN_PATH);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription('Enter your email.');
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription('Enter your password.');
  await expect(page.getByLabel('Email')).toBeFocused();
  expect(requests).toBe(0);
});

test('when the service cannot be reached, the form says so and keeps what was typed', async ({ page }) => {
  await page.route(`**${API_PATHS.session}`, (route) =>
    route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue(),
  );
  await page.goto(returningTo(LOGIN_PATH, articleUrl));
  await logInThroughForm(page, SUBSCRIBER);
  await expect(page.getByRole('alert')).toHaveText('Could not reach the service. Check your connection and try again.');
  await expect(page.getByLabel('Email')).toHaveValue(SUBSCRIBER);
  await expect(page.getByLabel('Password')).toHaveValue(DEMO_PASSWORD);

  await page.unroute(`**${API_PATHS.session}`);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(articleUrl);
  await expect(page.getByText(firstGated)).toBeVisible();
});

test('the reader persona logs in but the gate stays, saying the account has no subscription', async ({ page }) => {
  await page.goto(articleUrl);
  await page.getByRole('link', { name: article.gate.linkText }).click();
  await logInThroughForm(page, READER);

  await expect(page).toHaveURL(articleUrl);
  await expect(page.getByText(`Logged in as ${READER}`)).toBeVisible();
  const gate = page.getByRole('region', { name: article.gate.heading });
  await expect(gate).toContainText('has no subscription');
  await expect(page.getByRole('article')).toHaveAttribute('data-access', 'locked');
  await expect(page.getByText(firstGated)).toHaveCount(0);
});

test('a deep link to /login?next= returns there after logging in', async ({ page }) => {
  await page.goto(returningTo(LOGIN_PATH, articleUrl));
  await logInThroughForm(page, SUBSCRIBER);
  await expect(page).toHaveURL(articleUrl);
  await expect(page.getByText(firstGated)).toBeFocused();
});

test.describe('only same-origin paths are honoured from next', () => {
  for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
    test(next, async ({ page }) => {
      await page.goto(returningTo(LOGIN_PATH, next));
      await logInThroughForm(page, SUBSCRIBER);
      await expect(page).toHaveURL(HOME_PATH);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest stories');
    });
  }
});

test('a double click on "Log in" sends one request', async ({ page }) => {
  let logins = 0;
  await page.route(`**${API_PATHS.session}`, async (route) => {
    if (route.request().method() === 'POST') {
      logins += 1;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await route.continue();
  });
  await page.goto(returningTo(LOGIN_PATH, articleUrl));
  await logInThroughForm(page, SUBSCRIBER, DEMO_PASSWORD, { dblclick: true });
  await expect(page).toHaveURL(articleUrl);
  expect(logins).toBe(1);
});

test.describe('deliberate faults', () => {
  test('locked: the right password is refused with "This account is locked"', async ({ page }) => {
    await page.goto(LOGIN_PATH);
    await logInThroughForm(page, 'locked@example.com');
    await expect(page.getByRole('alert')).toHaveText('This account is locked. Email me an unlock link');
    await expect(page.getByRole('alert').getByRole('link', { name: 'Email me an unlock link' })).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveValue('locked@example.com');
  });

  test('locked: a wrong password gets the generic error, nothing more', async ({ page }) => {
    await page.goto(LOGIN_PATH);
    await logInThroughForm(page, 'locked@example.com', 'not-the-password');
    await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
  });

  test('flaky: the first attempt says the service is unavailable and keeps the form; the retry succeeds', async ({
    page,
  }) => {
    await page.goto(returningTo(LOGIN_PATH, articleUrl));
    await logInThroughForm(page, 'flaky@example.com');
    await expect(page.getByRole('alert')).toHaveText('The service is unavailable. Try again.');
    await expect(page.getByLabel('Email')).toHaveValue('flaky@example.com');
    await expect(page.getByLabel('Password')).toHaveValue(DEMO_PASSWORD);

    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(articleUrl);
    await expect(page.getByText(firstGated)).toBeFocused();
  });

  test('slow: the form is busy for 3 s and a double click sends one request', async ({ page }) => {
    // The login and the text take 3 s each.
    test.slow();
    let logins = 0;
    page.on('request', (request) => {
      if (isLoginRequest(request)) logins += 1;
    });
    await page.goto(returningTo(LOGIN_PATH, articleUrl));
    await logInThroughForm(page, 'slow@example.com', DEMO_PASSWORD, { dblclick: true });
    const busy = page.getByRole('button', { name: 'Logging in…' });
    await expect(busy).toHaveAttribute('aria-disabled', 'true');
    // An impatient reader clicks again; the busy button is aria-disabled, so force the click.
    await busy.click({ force: true });
    await expect(page).toHaveURL(articleUrl, { timeout: 10_000 });
    expect(logins).toBe(1);
    // The login does not wait 3 s more for the text: the article says it is on its way.
    await expect(page.getByRole('article')).toHaveAttribute('data-access', 'unlocking');
    await expect(page.getByText(firstGated)).toBeFocused({ timeout: 10_000 });
  });
});

test.describe('brute-force throttling', () => {
  async function failLogins(page: Page, email: string, times: number): Promise<void> {
    // Each failure clears the password: wait for that, so the attempts do not overlap.
    for (let attempt = 1; attempt <= times; attempt += 1) {
      await logInThroughForm(page, email, `wrong-${attempt}`);
      await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
      await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
    }
  }

  for (const email of [SUBSCRIBER, 'nobody@example.com']) {
    test(`after 5 failures for ${email}, even the right password is refused with a time to retry`, async ({ page }) => {
      await page.goto(LOGIN_PATH);
      await failLogins(page, email, 5);
      await logInThroughForm(page, email);
      await expect(page.getByRole('alert')).toHaveText(
        /^Too many failed attempts for this email\. Try again at \d{1,2}:\d{2}\s?[AP]M\.$/,
      );
      // Another email is not affected.
      await logInThroughForm(page, READER);
      await expect(page).toHaveURL(HOME_PATH);
    });
  }

  test('a success resets the count', async ({ page }) => {
    await page.goto(LOGIN_PATH);
    await failLogins(page, SUBSCRIBER, 4);
    await logInThroughApi(page.request, SUBSCRIBER);
    await page.request.delete(API_PATHS.session);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Log in' })).toBeEnabled();
    await failLogins(page, SUBSCRIBER, 4);
    await logInThroughForm(page, SUBSCRIBER);
    await expect(page).toHaveURL(HOME_PATH);
  });

  test('an attempt that never reached the server counts for nothing', async ({ page }) => {
    await page.goto(LOGIN_PATH);
    await failLogins(page, SUBSCRIBER, 4);
    await page.route(`**${API_PATHS.session}`, (route) => route.abort('internetdisconnected'));
    await logInThroughForm(page, SUBSCRIBER, 'wrong');
    await expect(page.getByRole('alert')).toHaveText(
      'Could not reach the service. Check your connection and try again.',
    );
    await page.unroute(`**${API_PATHS.session}`);
    await logInThroughForm(page, SUBSCRIBER);
    await expect(page).toHaveURL(HOME_PATH);
  });
});

test.describe('"Keep me logged in"', () => {
  test('checked: a persistent cookie that lasts 30 days', async ({ page, context }) => {
    await page.goto(LOGIN_PATH);
    await page.getByLabel('Keep me logged in').check();
    await logInThroughForm(page, SUBSCRIBER);
    await expect(page).toHaveURL(HOME_PATH);
    const cookie = (await context.cookies()).find(({ name }) => name === 'lede_session');
    const days = ((cookie?.expires ?? 0) * 1000 - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect(cookie).toMatchObject({ name: 'lede_session', httpOnly: true, sameSite: 'Lax' });
  });

  test('unchecked: a session cookie, gone when the browser closes', async ({ page, context }) => {
    await page.goto(LOGIN_PATH);
    await expect(page.getByLabel('Keep me logged in')).not.toBeChecked();
    await logInThroughForm(page, SUBSCRIBER);
    await expect(page).toHaveURL(HOME_PATH);
    const cookie = (await context.cookies()).find(({ name }) => name === 'lede_session');
    expect(cookie).toMatchObject({ name: 'lede_session', expires: -1, httpOnly: true });
  });
});

test('logging in in one tab unlocks the article in the others', async ({ page, context }) => {
  const otherTab = await context.newPage();
  await otherTab.goto(articleUrl);
  await expect(otherTab.getByRole('link', { name: article.gate.linkText })).toBeVisible();

  await page.goto(returningTo(LOGIN_PATH, articleUrl));
  await logInThroughForm(page, SUBSCRIBER);
  await expect(otherTab.getByText(firstGated)).toBeVisible({ timeout: 1_000 });
});

test('before the app runs, the other ways in are not links yet, so an early click cannot lose the way back', async ({
  page,
}) => {
  // The login page is prerendered without its query: only the app knows `next`. Hold it back.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(returningTo(LOGIN_PATH, articleUrl));
  const ways = ['Continue with Example ID', 'Email me a sign-in link', 'Create a free account'];
  for (const name of ways) {
    await expect(page.getByText(name, { exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name })).toHaveCount(0);
  }

  // Once the app runs, each is a link that returns to the article, also opened in a new tab.
  const clicked = page.getByRole('link', { name: 'Email me a sign-in link' }).click();
  release();
  await clicked;
  await expect(page).toHaveURL(returningTo(SIGN_IN_LINK_PAGE, articleUrl));
  await page.goBack();
  await expect(page.getByRole('link', { name: 'Continue with Example ID' })).toHaveAttribute(
    'href',
    returningTo(EXAMPLE_ID_START, articleUrl),
  );
  await expect(page.getByRole('link', { name: 'Create a free account' })).toHaveAttribute(
    'href',
    returningTo(JOIN_PATH, articleUrl),
  );
});
