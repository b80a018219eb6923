// Property tests: whatever the text, parseSeedMeta returns metadata JSON.parse agrees with, or a located SeedError.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ArticleMeta } from './article.ts';
import { DEFAULT_FREE_PARAGRAPHS, parseSeedMeta } from './parse-seed-meta.ts';
import { SeedError } from './seed-error.ts';
import { expectRealPlace } from './seed.testing.ts';

const FILE = 'seeds/x.json';
const KEYS = ['published', 'source', 'freeParagraphs'];
const metaText = readFileSync(new URL('../../seeds/000_31233b9ac5c7d9cb.json', import.meta.url), 'utf8');

/**
 * The lines as the parser counts them, each as its length in code points (a lone surrogate is one):
 * one leading BOM dropped, split at CRLF, CR or LF. An error's column may be one past the end of its line.
 */
function lineLengths(text: string): number[] {
  return (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r\n|\r|\n/).map((line) => [...line].length);
}

/** The property: metadata that JSON.parse reads the same way, or a SeedError at a real line:col. */
function checkParse(text: string): void {
  let meta: ArticleMeta;
  try {
    meta = parseSeedMeta(FILE, text);
  } catch (error) {
    if (!(error instanceof SeedError)) throw error;
    expectRealPlace(error, FILE, lineLengths(text));
    return;
  }
  const parsed: unknown = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  expect(parsed).toBeTypeOf('object');
  expect(parsed).not.toBeNull();
  expect(Object.keys(parsed ?? {}).filter((key) => !KEYS.includes(key))).toEqual([]);
  const { published, source, freeParagraphs = DEFAULT_FREE_PARAGRAPHS } = parsed as Record<string, unknown>;
  expect(meta.freeParagraphs).toBe(freeParagraphs);
  expect(meta.published).toBe(published);
  const { name, url } = (source ?? {}) as { name?: unknown; url?: unknown };
  expect(meta.source).toEqual(source === undefined ? undefined : { name, url });
}

/** Any UTF-16 code unit, lone surrogates included: the build reads .json files as strings. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

const realDate = fc
  .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((day) => day.toISOString().slice(0, 10));
const anyDate = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const url = fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'ftp://x', '/relative', 'http://', ''));
/** Mostly a value of the right type, sometimes any JSON value. */
const mostly = <T>(right: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 4, arbitrary: right }, { weight: 1, arbitrary: fc.jsonValue() });

/** One time in five `value`, otherwise `usual`. */
const rarely = <T>(value: fc.Arbitrary<T>, usual: T): fc.Arbitrary<T> =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: value });

/** Objects with the real keys (now and then another), with values mostly of the right type. */
const metaObject = fc
  .tuple(
    fc.record(
      {
        published: mostly(fc.oneof(realDate, anyDate)),
        source: mostly(fc.record({ name: mostly(fc.string({ minLength: 1 })), url: mostly(url) })),
        freeParagraphs: mostly(fc.oneof(fc.integer({ min: -2, max: 20 }), fc.double())),
      },
      { requiredKeys: [] },
    ),
    rarely(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1, maxKeys: 2 }), {}),
  )
  .map(([known, extra]) => ({ ...extra, ...known }));
const json = fc
  .tuple(metaObject, fc.constantFrom(0, 2, '\t'), rarely(fc.constant('\uFEFF'), ''))
  .map(([value, indent, bom]) => bom + JSON.stringify(value, null, indent));

/** Insert, delete or replace a few characters anywhere in `base`. */
function edited(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const change = fc.record({
    at: fc.nat(),
    remove: fc.integer({ min: 0, max: 3 }),
    insert: fc.oneof(
      fc.constantFrom('', '"', ',', '{', '}', '[', ']', ':', '\r', '\n', '\uFEFF', '\u2028', '\uD83D'),
      fc.string(),
    ),
  });
  return fc.tuple(base, fc.array(change, { maxLength: 3 })).map(([text, changes]) =>
    changes.reduce((result, { at, remove, insert }) => {
      const index = at % (result.length + 1);
      return result.slice(0, index) + insert + result.slice(index + remove);
    }, text),
  );
}

// 400 runs per input keeps `npm test` quick; hunt harder with PROPERTY_RUNS=50000 and --testTimeout=0.
const RUNS = Number(process.env.PROPERTY_RUNS ?? 400);

describe('parseSeedMeta returns metadata JSON.parse agrees with, or throws a SeedError at a real line:col', () => {
  test.each<[string, fc.Arbitrary<string>]>([
    ['printable graphemes', fc.string({ unit: 'grapheme' })],
    ['UTF-16 code units, lone surrogates included', fc.string({ unit: codeUnit })],
    ['any JSON text', fc.json()],
    ['objects shaped like metadata', json],
    ['edits of metadata-shaped objects', edited(json)],
    ['edits of the real metadata', edited(fc.constant(metaText))],
  ])('%s', (_name, input) => {
    fc.assert(fc.property(input, checkParse), { numRuns: RUNS });
  });
});
