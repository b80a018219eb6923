// The login page writes out one path it may not import (see LoginPage.tsx): it must stay the API's.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { ACCOUNT_API, exampleIdStartPath } from '../config/account-paths.ts';

test('the login page’s "Continue with Example ID" link starts the sign-in the API serves', () => {
  const source = readFileSync(new URL('./LoginPage.tsx', import.meta.url), 'utf8');
  expect(source).toContain(`href={\`${ACCOUNT_API.exampleIdStart}?next=\${encodeURIComponent(next)}\`}`);
  expect(exampleIdStartPath('/articles/x')).toBe(`${ACCOUNT_API.exampleIdStart}?next=%2Farticles%2Fx`);
});
