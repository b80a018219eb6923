import { expect, test } from 'vitest';
import { ACCOUNT_API, ACCOUNT_PAGES, exampleIdStartPath } from './account-paths.ts';
import {
  EXAMPLE_ID_START,
  FORGOT_PASSWORD_PAGE,
  SIGN_IN_LINK_PAGE,
  TWO_FACTOR_PAGE,
  UNLOCK_PAGE,
} from './login-links.ts';

test('the login chunk leads where the account pages and the API are', () => {
  expect(FORGOT_PASSWORD_PAGE).toBe(ACCOUNT_PAGES.forgotPassword);
  expect(UNLOCK_PAGE).toBe(ACCOUNT_PAGES.unlock);
  expect(SIGN_IN_LINK_PAGE).toBe(ACCOUNT_PAGES.signInLink);
  expect(TWO_FACTOR_PAGE).toBe(ACCOUNT_PAGES.twoFactor);
  expect(EXAMPLE_ID_START).toBe(ACCOUNT_API.exampleIdStart);
  expect(exampleIdStartPath('/articles/x')).toBe(`${EXAMPLE_ID_START}?next=%2Farticles%2Fx`);
});
