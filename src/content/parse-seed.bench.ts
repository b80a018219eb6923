// How long parseSeed takes on 1 MB seeds. `npx vitest bench --run src/content`; never part of `vitest run`.
import { bench, describe } from 'vitest';
import type { ArticleMeta } from './article.ts';
import { parseSeed } from './parse-seed.ts';
import { SeedError } from './seed-error.ts';

const MB = 1 << 20;
const META: ArticleMeta = { freeParagraphs: 2, access: 'subscriber' };
const TRAILER = ['To Read The Full Story', '', 'Are you already a subscriber?', 'Click to log in!'];
const encode = (lines: string[]): Uint8Array => new TextEncoder().encode(lines.join('\n'));

/** A headline and nothing else: the parser reads it all, then reports what is missing at its end. */
const singleLine = (size: number): Uint8Array => encode([`A headline ${'word '.repeat(size / 5)}`]);
const singleLine1MB = singleLine(MB);
const singleLine4MB = singleLine(4 * MB);

/** A valid seed whose caption line is 1 MB of nested credits, so the parenthesis matcher sees every character. */
const hugeCaption = encode([
  'A Headline',
  '',
  'CITY',
  `A caption ${'(a '.repeat(MB / 4)}${')'.repeat(MB / 4)}`,
  '',
  'The lead.',
  '',
  ...TRAILER,
]);

/** A valid seed of 16,384 paragraphs of 63 characters, 1 MB in all. */
const manyLines = encode([
  'A Headline',
  '',
  'CITY',
  'A caption. (Credit)',
  '',
  ...Array.from({ length: MB / 64 }, (_, i) => `Paragraph ${String(i).padStart(5, '0')} ${'x'.repeat(46)}\n`),
  ...TRAILER,
]);

/** 1 MB of curly quotes on one line, then a byte that is not UTF-8: the slow path of the decoder. */
const badUtf8AtEnd = new Uint8Array([...encode(['\u2018'.repeat(MB / 3)]), 0xff]);

function parse(bytes: Uint8Array): void {
  try {
    parseSeed('seeds/bench.txt', bytes, META);
  } catch (error) {
    if (!(error instanceof SeedError)) throw error;
  }
}

describe('parseSeed, 1 MB', () => {
  bench('single line (headline only)', () => parse(singleLine1MB));
  bench('single line, 4 MB (for scale: linear would be about 4× the 1 MB time)', () => parse(singleLine4MB));
  bench('caption line of nested parentheses', () => parse(hugeCaption));
  bench('many lines (16,384 paragraphs)', () => parse(manyLines));
  bench('single line, invalid UTF-8 at the end', () => parse(badUtf8AtEnd));
});
