// The browser-side defences of the built app: the Content-Security-Policy (header and <meta>),
// the other security headers, and what they stop. Every other spec also fails on any CSP
// violation or console error (e2e/fixtures.ts), so the policy is checked in every flow.
import { expect, joinSandbox, test, requireBaseURL } from './fixtures.ts';
import { articleUrl } from './seed.ts';
import { API_PATHS, HOME_PATH, LOGIN_PATH } from '../src/config/paths.ts';

function directivesOf(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0] !== '')
      .map(([name = '', ...values]) => [name, values]),
  );
}

function expectStrictPolicy(policy: string, { fromMeta }: { fromMeta: boolean }): void {
  const directives = directivesOf(policy);
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('base-uri')).toEqual(["'none'"]);
  const scripts = directives.get('script-src') ?? [];
  expect(scripts).toContain("'self'");
  for (const source of scripts) expect(source).toMatch(/^(?:'self'|'sha256-[A-Za-z0-9+/]+=*')$/);
  for (const source of directives.get('style-src') ?? [])
    expect(source).toMatch(/^(?:'self'|'sha256-[A-Za-z0-9+/]+=*')$/);
  // frame-ancestors works only as a header; in a <meta> browsers ignore it and log an error.
  expect(directives.get('frame-ancestors')).toEqual(fromMeta ? undefined : ["'none'"]);
}

for (const path of [HOME_PATH, articleUrl, LOGIN_PATH, '/no-such-page']) {
  test(`${path} is served with a strict Content-Security-Policy and the other security headers`, async ({
    request,
  }) => {
    const response = await request.get(path);
    const headers = response.headers();
    expectStrictPolicy(headers['content-security-policy'] ?? '', { fromMeta: false });
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['x-frame-options']).toBe('DENY');
  });
}

test('the API answers carry the same headers, and no-store', async ({ request }) => {
  const response = await request.get(API_PATHS.session);
  const headers = response.headers();
  expectStrictPolicy(headers['content-security-policy'] ?? '', { fromMeta: false });
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['cache-control']).toBe('no-store');
});

test('each page carries the policy in a <meta> too, before anything it governs', async ({ page }) => {
  await page.goto(articleUrl);
  const meta = page.locator('head meta[http-equiv="Content-Security-Policy"]');
  expectStrictPolicy((await meta.getAttribute('content')) ?? '', { fromMeta: true });
  const firstInHead = await page.evaluate(() =>
    [...document.head.children].findIndex((element) => element.matches('style, script, link')),
  );
  const metaIndex = await page.evaluate(() =>
    [...document.head.children].findIndex((element) => element.matches('meta[http-equiv]')),
  );
  expect(metaIndex).toBeLessThan(firstInHead);
});

test('the JSON-LD is a data block, not a script', async ({ page }) => {
  await page.goto(articleUrl);
  const blocks = page.locator('script:not([src])');
  for (const type of await blocks.evaluateAll((scripts) => scripts.map((script) => script.getAttribute('type')))) {
    // The one executable inline script is allowed by its hash; the rest must be data.
    if (type === null) continue;
    expect(['application/ld+json', 'application/json']).toContain(type);
  }
  const jsonLd = await page.locator('script[type="application/ld+json"]').textContent();
  expect(() => JSON.parse(jsonLd ?? '') as unknown).not.toThrow();
});

test('script injected into the page does not run, and the browser reports the violation', async ({
  browser,
  sandbox,
  baseURL,
}) => {
  // Its own context: the shared fixture fails any test that sees a violation, and this one must.
  const context = await browser.newContext();
  await joinSandbox(context, sandbox, baseURL);
  const page = await context.newPage();
  await page.goto(articleUrl);
  const outcome = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; directive: string }>((resolve) => {
        document.addEventListener('securitypolicyviolation', (event) =>
          resolve({ ran: 'pwned' in window, directive: event.effectiveDirective }),
        );
        const script = document.createElement('script');
        script.textContent = 'window.pwned = true';
        document.body.append(script);
      }),
  );
  expect(outcome).toEqual({ ran: false, directive: 'script-src-elem' });
  await context.close();
});

test('another site cannot frame Lede', async ({ browser, sandbox, baseURL }) => {
  const context = await browser.newContext();
  await joinSandbox(context, sandbox, baseURL);
  const page = await context.newPage();
  const framed = page.waitForEvent('console', (message) =>
    /frame-ancestors|Refused to (?:display|frame)/.test(message.text()),
  );
  await page.setContent(`<iframe title="Lede" src="${requireBaseURL(baseURL)}${articleUrl}"></iframe>`);
  await framed;
  // The frame holds the browser's error page, not Lede.
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
  expect(frame?.url()).not.toContain(articleUrl);
  await expect(page.frameLocator('iframe').getByRole('article')).toHaveCount(0);
  await context.close();
});
