// Property tests: whatever the bytes, parseSeed returns an article or throws a SeedError at a real line:col.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Article, ArticleMeta } from './article.ts';
import { parseSeed } from './parse-seed.ts';
import { SeedError } from './seed-error.ts';
import { expectRealPlace, minimalSeedLines } from './seed.testing.ts';

const FILE = 'seeds/x.txt';
const META: ArticleMeta = { freeParagraphs: 2, access: 'subscriber' };
const seedText = readFileSync(new URL('../../seeds/000_31233b9ac5c7d9cb.txt', import.meta.url), 'utf8');
const SEED_LINES = seedText.split('\n');
const SMALL_LINES = minimalSeedLines({ caption: 'A caption. (Credit (Agency))' });
const utf8 = new TextEncoder();

/**
 * The lines as the parser counts them, each as its length in code points: the bytes decoded
 * (invalid sequences as U+FFFD, which only matters for the text after an invalid byte), one leading
 * BOM dropped, split at CRLF, CR or LF. An error's column may be one past the end of its line.
 */
function lineLengths(bytes: Uint8Array): number[] {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r\n|\r|\n/).map((line) => [...line].length);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Counterexamples print as the text they decode to, or as bytes when they are not UTF-8. */
function shown(bytes: Uint8Array): Uint8Array {
  const text = isValidUtf8(bytes) ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) : undefined;
  if (text === undefined) return bytes;
  return Object.assign(bytes, { [fc.toStringMethod]: () => `utf8(${JSON.stringify(text)})` });
}

/** The property: an Article, or a SeedError whose line:col exists in the input. Anything else fails. */
function checkParse(bytes: Uint8Array): void {
  let article: Article;
  try {
    article = parseSeed(FILE, bytes, META);
  } catch (error) {
    if (!(error instanceof SeedError)) throw error;
    expectRealPlace(error, FILE, lineLengths(bytes));
    checkUtf8Offset(bytes, error.problem);
    return;
  }
  expect(isValidUtf8(bytes)).toBe(true);
  expect(article.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  const { headline, dateline, figure, lead, body, gate } = article;
  for (const text of [headline, dateline, figure.caption, lead, ...body, ...Object.values(gate)]) {
    expect(text).not.toBe('');
    expect(text).toBe(text.trim());
    expect(text).not.toMatch(/[\r\n]/);
  }
  expect(figure.credit).toMatch(/^\(.*\)$/s);
}

/** An invalid-UTF-8 message names the first byte that starts no valid sequence, and that byte. */
function checkUtf8Offset(bytes: Uint8Array, problem: string): void {
  const match = /^invalid UTF-8 \(byte 0x([0-9A-F]{2}) at offset (\d+)\)$/.exec(problem);
  if (match === null) {
    expect(isValidUtf8(bytes)).toBe(true);
    return;
  }
  const offset = Number(match[2]);
  expect(bytes[offset]?.toString(16).padStart(2, '0').toUpperCase()).toBe(match[1]);
  expect(isValidUtf8(bytes.subarray(0, offset))).toBe(true);
  for (let length = 1; length <= 4; length += 1) {
    expect(isValidUtf8(bytes.subarray(offset, offset + length))).toBe(false);
  }
}

// Characters that line splitters, trimmers and column counters tend to disagree about.
const TRICKY = [
  '\r',
  '\n',
  '\r\n',
  '\uFEFF',
  '\0',
  '\u200F',
  '\u202E',
  '\u00A0',
  '\u2028',
  '\u2029',
  '\t',
  ' ',
  '(',
  ')',
  '\u{1F600}',
  'e\u0301',
  '\u2018',
];
const trickyChar = fc.constantFrom(...TRICKY);
const eol = fc.constantFrom('\n', '\r\n', '\r');

/** A line that is likely to mean something to the parser, or to confuse it. */
const lineLike = fc.oneof(
  fc.constantFrom('', ' ', '\t', '\uFEFF', ...SMALL_LINES, ...SEED_LINES),
  fc.string({ unit: trickyChar, maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.constantFrom('(C)', '(A (B))', '(', ')', '((', '))'))
    .map(([a, b]) => a + b),
);

/** One edit to a seed's lines. */
type Edit =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'insert-line'; at: number; line: string }
  | { kind: 'insert-char'; at: number; column: number; char: string }
  | { kind: 'cut'; at: number; column: number; keep: 'start' | 'end' }
  | { kind: 'copy-tail'; at: number; length: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('delete'), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate'), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap'), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('insert-line'), at: fc.nat(), line: lineLike }),
  fc.record({ kind: fc.constant('insert-char'), at: fc.nat(), column: fc.nat(), char: trickyChar }),
  fc.record({ kind: fc.constant('cut'), at: fc.nat(), column: fc.nat(), keep: fc.constantFrom('start', 'end') }),
  fc.record({ kind: fc.constant('copy-tail'), at: fc.nat(), length: fc.integer({ min: 1, max: 5 }) }),
);

function applyEdit(lines: readonly string[], change: Edit): string[] {
  const result = [...lines];
  const at = change.at % (result.length + 1);
  const line = result[at] ?? '';
  switch (change.kind) {
    case 'delete':
      result.splice(at, 1);
      break;
    case 'duplicate':
      result.splice(at, 0, line);
      break;
    case 'swap': {
      const other = change.with % (result.length + 1);
      result[at] = result[other] ?? '';
      result[other] = line;
      break;
    }
    case 'insert-line':
      result.splice(at, 0, change.line);
      break;
    case 'insert-char': {
      const chars = [...line];
      chars.splice(change.column % (chars.length + 1), 0, change.char);
      result[at] = chars.join('');
      break;
    }
    case 'cut': {
      const chars = [...line];
      const column = change.column % (chars.length + 1);
      result[at] = (change.keep === 'start' ? chars.slice(0, column) : chars.slice(column)).join('');
      break;
    }
    case 'copy-tail':
      // The end of a seed is its trailer: a copy of it, between blank lines, is a pasted-twice trailer.
      result.splice(at, 0, '', ...lines.slice(-change.length), '');
      break;
  }
  return result;
}

/** One edit to the encoded bytes: cut the file short, or put a byte sequence in it. */
type ByteEdit = { kind: 'truncate'; at: number } | { kind: 'insert'; at: number; bytes: number[] };

const INVALID_SEQUENCES = [
  [0xff],
  [0xc3],
  [0xc0, 0xaf],
  [0xe2, 0x80],
  [0xed, 0xa0, 0x80], // a lone surrogate, WTF-8 style
  [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
  [0xef, 0xbf], // the start of U+FFFD, cut short
  [0x80],
  [0xef, 0xbb, 0xbf], // a BOM, valid but in the middle
  [0x00],
];

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('truncate'), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert'), at: fc.nat(), bytes: fc.constantFrom(...INVALID_SEQUENCES) }),
);

function applyByteEdit(bytes: Uint8Array, change: ByteEdit): Uint8Array {
  const at = change.at % (bytes.length + 1);
  if (change.kind === 'truncate') return bytes.subarray(0, at);
  return new Uint8Array([...bytes.subarray(0, at), ...change.bytes, ...bytes.subarray(at)]);
}

/** A seed built from `base` by line edits, joined with one kind of line end, a BOM or not, then byte edits. */
function mutated(base: readonly string[]): fc.Arbitrary<Uint8Array> {
  return fc
    .record({
      edits: fc.array(edit, { maxLength: 5 }),
      eol,
      bom: fc.boolean(),
      byteEdits: fc.oneof({ weight: 3, arbitrary: fc.constant<ByteEdit[]>([]) }, fc.array(byteEdit, { maxLength: 2 })),
    })
    .map(({ edits, eol: end, bom, byteEdits }) => {
      const text = (bom ? '\uFEFF' : '') + edits.reduce(applyEdit, base).join(end);
      return byteEdits.reduce(applyByteEdit, utf8.encode(text));
    });
}

/** Lines that look like a seed's parts, in any order and number. */
const lineSoup = fc
  .tuple(fc.array(lineLike, { maxLength: 16 }), eol)
  .map(([lines, end]) => utf8.encode(lines.join(end)));

/** Any UTF-16 code unit, lone surrogates included (TextEncoder writes those as U+FFFD). */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

// 400 runs per input keeps `npm test` quick; hunt harder with PROPERTY_RUNS=50000 and --testTimeout=0.
const RUNS = Number(process.env.PROPERTY_RUNS ?? 400);

/** Each kind of input the property is checked on. */
const INPUTS: [string, fc.Arbitrary<Uint8Array>][] = [
  ['printable graphemes', fc.string({ unit: 'grapheme' }).map((text) => utf8.encode(text))],
  ['any code points', fc.string({ unit: 'binary' }).map((text) => utf8.encode(text))],
  ['code points up to U+00FF, controls included', fc.string({ unit: 'binary-ascii' }).map((text) => utf8.encode(text))],
  ['UTF-16 code units, lone surrogates included', fc.string({ unit: codeUnit }).map((text) => utf8.encode(text))],
  ['arbitrary bytes', fc.uint8Array({ maxLength: 200 })],
  ['lines that look like parts of a seed', lineSoup],
  ['edits of a minimal valid seed', mutated(SMALL_LINES)],
  ['edits of the real seed', mutated(SEED_LINES)],
];

describe('parseSeed returns an Article or throws a SeedError at a real line:col', () => {
  test.each(INPUTS)('%s', (_name, input) => {
    fc.assert(fc.property(input.map(shown), checkParse), { numRuns: RUNS });
  });
});
