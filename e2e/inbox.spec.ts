// The test inbox as a human reads it (/inbox): this browser's world only, newest first, a message
// opened with its link to follow; Refresh and Empty the inbox. Without the test hooks (a plain
// production server's own world) it says where the inbox exists: see default-world.spec.ts.
import { expect, test } from './fixtures.ts';
import { INBOX_PATH } from '../src/config/paths.ts';

test('messages sent in this sandbox are listed, one opens with its link, and the inbox empties', async ({
  page,
  request,
}) => {
  await page.goto(INBOX_PATH);
  await expect(page.getByText('A simulation: Lede sends no real email.')).toBeVisible();
  await expect(page.getByText('No messages.')).toBeVisible();

  await request.post('/api/password-resets', { data: { email: 'reader+inbox@example.com' } });
  await request.post('/api/unlock-links', { data: { email: 'locked+inbox@example.com' } });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('status')).toHaveText('2 messages.');

  const list = page.getByRole('navigation', { name: 'Messages' });
  await expect(list.getByRole('button')).toHaveCount(2);
  // Newest first, and open by default.
  await expect(list.getByRole('button').first()).toContainText('Unlock your Lede account');
  await expect(list.getByRole('button').first()).toHaveAttribute('aria-current', 'true');

  await list.getByRole('button', { name: /Reset your Lede password/ }).click();
  const message = page.getByRole('article');
  await expect(message.getByRole('heading')).toHaveText('Reset your Lede password');
  await expect(message.getByRole('heading')).toBeFocused();
  await expect(message).toContainText('reader+inbox@example.com');
  await message.getByRole('link', { name: /\/account\/reset-password\?token=/ }).click();
  await expect(page.getByText('For reader+inbox@example.com.')).toBeVisible();

  await page.goto(INBOX_PATH);
  await page.getByRole('button', { name: 'Empty the inbox' }).click();
  await expect(page.getByText('No messages.')).toBeVisible();
  expect(await (await request.get('/api/test/inbox')).json()).toEqual({ messages: [] });
});

test('the keyboard alone opens a message', async ({ page, request }) => {
  await request.post('/api/password-resets', { data: { email: 'reader+keys@example.com' } });
  await page.goto(INBOX_PATH);
  const item = page.getByRole('navigation', { name: 'Messages' }).getByRole('button').first();
  await item.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article').getByRole('heading')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('article').getByRole('link')).toBeFocused();
});

test('where the test hooks are off the page says where the inbox exists', async ({ page }) => {
  // What a plain production server answers in its own world (the suite's server has the hooks on).
  await page.route('**/api/test/inbox', (route) =>
    route.fulfill({ status: 404, json: { error: 'No such endpoint: GET /api/test/inbox' } }),
  );
  await page.goto(INBOX_PATH);
  await expect(page.getByText('The test inbox exists in test sandboxes')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Refresh' })).toHaveCount(0);
});
