import { describe, expect, it } from 'vitest';
import { isDownloadFailure } from './lazy-page.ts';

describe('isDownloadFailure', () => {
  it.each([
    ['Chromium', 'Failed to fetch dynamically imported module: http://localhost/assets/SubscribePage-x.js'],
    ['Firefox', 'error loading dynamically imported module: http://localhost/assets/SubscribePage-x.js'],
    ['Safari', 'Importing a module script failed.'],
  ])('recognises %s’s words for a failed download', (_browser, message) => {
    expect(isDownloadFailure(new TypeError(message))).toBe(true);
  });

  it('treats anything else as a failure to render', () => {
    expect(isDownloadFailure(new TypeError("Cannot read properties of undefined (reading 'map')"))).toBe(false);
    expect(isDownloadFailure(new Error('Failed to fetch dynamically imported module'))).toBe(false);
    expect(isDownloadFailure('Failed to fetch dynamically imported module')).toBe(false);
  });
});
