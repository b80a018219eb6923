import { expect, test } from 'vitest';
import { ACCOUNT_PAGES } from '../config/account-paths.ts';
import { FORGOT_PASSWORD_PAGE, UNLOCK_PAGE } from './login-links.ts';

test('the login page links to the account pages as ACCOUNT_PAGES names them', () => {
  expect(FORGOT_PASSWORD_PAGE).toBe(ACCOUNT_PAGES.forgotPassword);
  expect(UNLOCK_PAGE).toBe(ACCOUNT_PAGES.unlock);
});
