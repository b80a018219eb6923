import { describe, expect, test } from 'vitest';
import type { Mail } from './api-answers.js';
import { codeIn, linkIn } from './mail.js';

function mail(fields: Partial<Mail>): Mail {
  return {
    id: 'm1',
    to: 'reader+a@example.com',
    subject: 'Your sign-in link',
    text: '…',
    links: [],
    sentAt: '2026-11-30T12:00:00.000Z',
    ...fields,
  };
}

const signIn = 'http://localhost:4173/account/sign-in?token=abc&next=%2Farticles%2Fx';
const unsubscribe = 'http://localhost:4173/account/preferences';

describe('linkIn', () => {
  test.each<[string, string | RegExp | undefined, string]>([
    ['the first link when no path is given', undefined, signIn],
    ['the first link whose path starts with the string', '/account/preferences', unsubscribe],
    ['the first link whose path and query match the RegExp', /next=%2Farticles/, signIn],
  ])('%s', (_name, path, expected) => {
    expect(linkIn(mail({ links: [signIn, unsubscribe] }), path)).toBe(expected);
  });

  test('a path is matched from its start, not anywhere in the URL', () => {
    expect(() => linkIn(mail({ links: [signIn] }), '/sign-in')).toThrow(
      'The message "Your sign-in link" to reader+a@example.com has no link to /sign-in (its links: ' + signIn + ').',
    );
  });

  test('a message without links says so', () => {
    expect(() => linkIn(mail({ links: [] }))).toThrow('has no link (its links: none).');
  });
});

describe('codeIn', () => {
  test('the message’s code', () => {
    expect(codeIn(mail({ code: '042917' }))).toBe('042917');
  });

  test('a message without one says so', () => {
    expect(() => codeIn(mail({ subject: 'Reset your Lede password' }))).toThrow(
      'The message "Reset your Lede password" to reader+a@example.com carries no code.',
    );
  });
});
