import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DEFAULT_FREE_PARAGRAPHS, parseSeedMeta } from './parse-seed-meta.ts';
import { SeedError } from './seed-error.ts';

const FILE = 'seeds/x.json';

function metaError(text: string): SeedError {
  try {
    parseSeedMeta(FILE, text);
  } catch (error) {
    expect(error).toBeInstanceOf(SeedError);
    return error as SeedError;
  }
  throw new Error('expected parseSeedMeta to throw a SeedError');
}

/** A pretty-printed object, so each key sits on its own line (line 2 onwards, column 3). */
function pretty(value: Record<string, unknown>): string {
  return JSON.stringify(value, null, 2);
}

describe('parseSeedMeta accepts', () => {
  test('no metadata file: the defaults, with two free paragraphs', () => {
    expect(DEFAULT_FREE_PARAGRAPHS).toBe(2);
    expect(parseSeedMeta(FILE, undefined)).toEqual({ freeParagraphs: 2, access: 'subscriber' });
  });

  test('an empty object: the defaults', () => {
    expect(parseSeedMeta(FILE, '{}')).toEqual({ freeParagraphs: 2, access: 'subscriber' });
  });

  test('a leading BOM, as some Windows editors save it', () => {
    expect(parseSeedMeta(FILE, '\uFEFF{ "freeParagraphs": 3 }')).toEqual({ freeParagraphs: 3, access: 'subscriber' });
  });

  test('the real seed metadata', () => {
    const text = readFileSync(new URL('../../seeds/000_31233b9ac5c7d9cb.json', import.meta.url), 'utf8');
    expect(parseSeedMeta('seeds/000_31233b9ac5c7d9cb.json', text)).toEqual({
      published: '2022-06-22',
      source: {
        name: 'Hamodia',
        url: 'https://hamodia.com/2022/06/22/report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran/',
      },
      freeParagraphs: 2,
      access: 'subscriber',
    });
  });

  test.each(['free', 'registered', 'metered', 'subscriber'] as const)('access %s', (access) => {
    expect(parseSeedMeta(FILE, pretty({ access }))).toEqual({ freeParagraphs: 2, access });
  });

  test.each([0, 1, 5])('freeParagraphs %i', (freeParagraphs) => {
    expect(parseSeedMeta(FILE, pretty({ freeParagraphs }))).toEqual({ freeParagraphs, access: 'subscriber' });
  });

  test.each(['2024-02-29', '2022-12-31', '1999-01-01'])('the real date %s', (published) => {
    expect(parseSeedMeta(FILE, pretty({ published }))).toEqual({ published, freeParagraphs: 2, access: 'subscriber' });
  });

  test('an http source, keeping only its name and url', () => {
    const text = pretty({ source: { name: 'Example', url: 'http://example.com/a', extra: 'dropped' } });
    expect(parseSeedMeta(FILE, text)).toEqual({
      source: { name: 'Example', url: 'http://example.com/a' },
      freeParagraphs: 2,
      access: 'subscriber',
    });
  });
});

describe('parseSeedMeta rejects with a located SeedError', () => {
  test('JSON with a trailing comma, pointing at the line of the problem', () => {
    const error = metaError('{\n  "published": "2022-06-22",\n}');
    expect(error.message).toMatch(/^seeds\/x\.json:3:1: invalid JSON: /);
  });

  test('JSON with a missing comma, pointing at the line and column of the problem', () => {
    const error = metaError('{\n  "published": "2022-06-22"\n  "freeParagraphs": 2\n}');
    expect(error.message).toMatch(/^seeds\/x\.json:3:3: invalid JSON: /);
  });

  test('a missing value, at the token where the value should be', () => {
    const error = metaError('{\n  "published": }');
    expect(error.message).toBe('seeds/x.json:2:16: invalid JSON: value expected');
  });

  test('a bad key is located at the key, not at the same word inside a value', () => {
    const error = metaError(
      '{\n  "source": { "name": "published", "url": "https://example.com" },\n  "published": "bad"\n}',
    );
    expect(error.message).toBe('seeds/x.json:3:3: "published" must be a date written YYYY-MM-DD');
  });

  test.each(['[]', 'null', '2', '"x"'])('a JSON value that is not an object: %s', (text) => {
    expect(metaError(text).message).toBe('seeds/x.json:1:1: expected a JSON object');
  });

  test('after a leading BOM, columns do not count it', () => {
    expect(metaError('\uFEFF{ "author": 1 }').message).toBe(
      'seeds/x.json:1:3: unknown key "author" (expected one of: published, source, freeParagraphs, access)',
    );
    expect(metaError('\uFEFF{,}').message).toBe('seeds/x.json:1:2: invalid JSON: value expected');
  });

  test('an unknown key, at the key', () => {
    const error = metaError(pretty({ published: '2022-06-22', author: 'Someone' }));
    expect(error.message).toBe(
      'seeds/x.json:3:3: unknown key "author" (expected one of: published, source, freeParagraphs, access)',
    );
  });

  test.each<[string, unknown]>([
    ['a day that does not exist', '2022-02-30'],
    ['a month that does not exist', '2022-13-01'],
    ['day-month-year order', '22-06-2022'],
    ['single-digit month', '2022-6-22'],
    ['a timestamp', '2022-06-22T10:00:00Z'],
    ['a number', 20220622],
    ['an empty string', ''],
  ])('a published date that is %s', (_name, published) => {
    const error = metaError(pretty({ freeParagraphs: 2, published }));
    expect(error.message).toBe('seeds/x.json:3:3: "published" must be a date written YYYY-MM-DD');
  });

  test.each<[string, unknown]>([
    ['a javascript: url', { name: 'Evil', url: 'javascript:alert(1)' }],
    ['an ftp url', { name: 'Files', url: 'ftp://x' }],
    ['a relative url', { name: 'Relative', url: '/2022/06/22/story' }],
    ['an empty name', { name: ' ', url: 'https://example.com/' }],
    ['no name', { url: 'https://example.com/' }],
    ['a plain string', 'https://example.com/'],
  ])('a source with %s', (_name, source) => {
    const error = metaError(pretty({ published: '2022-06-22', source }));
    expect(error.message).toMatch(
      /^seeds\/x\.json:3:3: "source" must be \{ "name": string, "url": an http\(s\) URL \}$/,
    );
  });

  test.each<[string, unknown]>([
    ['negative', -1],
    ['fractional', 1.5],
    ['a string', '2'],
    ['null', null],
  ])('freeParagraphs that is %s', (_name, freeParagraphs) => {
    const error = metaError(pretty({ published: '2022-06-22', freeParagraphs }));
    expect(error.message).toBe('seeds/x.json:3:3: "freeParagraphs" must be a whole number, 0 or more');
  });

  test.each<[string, unknown]>([
    ['an unknown level', 'premium'],
    ['a level in capitals', 'Free'],
    ['a boolean', true],
    ['null', null],
    ['a list of levels', ['free']],
  ])('an access level that is %s, located at the key', (_name, access) => {
    const error = metaError(pretty({ freeParagraphs: 2, access }));
    expect(error.message).toBe(
      'seeds/x.json:3:3: "access" must be one of: "free", "registered", "metered", "subscriber"',
    );
  });
});
