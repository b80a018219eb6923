import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { ArticleMeta } from './article.ts';
import { parseSeed } from './parse-seed.ts';
import { SeedError } from './seed-error.ts';
import { minimalSeedLines, TRAILER_LINES } from './seed.testing.ts';

const SEED_FILE = 'seeds/000_31233b9ac5c7d9cb.txt';
const seedBytes = readFileSync(new URL('../../seeds/000_31233b9ac5c7d9cb.txt', import.meta.url));
const seedText = seedBytes.toString('utf8');
const META: ArticleMeta = { freeParagraphs: 2, access: 'subscriber' };

/** Seed bytes from lines, joined with `eol` and without a trailing newline (like the real seed). */
function seed(lines: readonly string[], eol = '\n'): Uint8Array {
  return new TextEncoder().encode(lines.join(eol));
}

/** Parses and returns the SeedError it must throw. */
function seedError(bytes: Uint8Array): SeedError {
  try {
    parseSeed('seeds/x.txt', bytes, META);
  } catch (error) {
    expect(error).toBeInstanceOf(SeedError);
    return error as SeedError;
  }
  throw new Error('expected parseSeed to throw a SeedError');
}

const VALID = minimalSeedLines();

describe('parseSeed on the real seed', () => {
  const article = parseSeed(SEED_FILE, seedBytes, META);

  test('keeps the file and the metadata it was given', () => {
    expect(article.file).toBe(SEED_FILE);
    expect(article.meta).toEqual(META);
  });

  test('derives the slug from the headline', () => {
    expect(article.slug).toBe('report-israel-leaving-u-s-largely-in-the-dark-on-operations-in-iran');
  });

  test('keeps the headline exactly, curly quotes included', () => {
    expect(article.headline).toBe('Report: Israel Leaving U.S. \u2018Largely in the Dark\u2019 on Operations in Iran');
  });

  test('reads the dateline', () => {
    expect(article.dateline).toBe('YERUSHALAYIM');
  });

  test('splits the caption from its nested, parenthesised credit', () => {
    expect(article.figure).toEqual({
      caption:
        'Drones are seen at an underground site at an undisclosed location in Iran, in this handout image obtained on May 28.',
      credit: '(Iranian Army/WANA (West Asia News Agency)/Handout via REUTERS)',
    });
  });

  test('reads the lead and the ten body paragraphs', () => {
    expect(article.lead).toBe(
      'Israel has ramped up its covert attacks in Iran and is largely leaving the United States out of the loop, CNN reported Tuesday, quoting several current and former Washington officials.',
    );
    expect(article.body).toHaveLength(10);
    expect(article.body[2]).toMatch(/^Officials are also concerned/);
    expect(article.body.at(-1)).toMatch(/^Price earlier told reporters:/);
  });

  test('takes the gate wording from the trailer', () => {
    expect(article.gate).toEqual({
      heading: 'To Read The Full Story',
      question: 'Are you already a subscriber?',
      linkText: 'Click to log in!',
    });
  });

  test('never lets the trailer leak into the lead or the body', () => {
    const paragraphs = [article.lead, ...article.body];
    for (const words of Object.values(article.gate)) {
      expect(paragraphs.filter((paragraph) => paragraph.includes(words))).toEqual([]);
    }
  });

  test('keeps every non-blank line except the trailer, exactly once and in order', () => {
    const lines = seedText.split('\n').filter((line) => line.trim() !== '');
    const withoutTrailer = lines.slice(0, -3);
    expect(lines.slice(-3)).toEqual(['To Read The Full Story', 'Are you already a subscriber?', 'Click to log in!']);
    expect([
      article.headline,
      article.dateline,
      `${article.figure.caption} ${article.figure.credit}`,
      article.lead,
      ...article.body,
    ]).toEqual(withoutTrailer);
  });

  test('parses a BOM + CRLF copy of the seed to an identical article', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...seed(seedText.split('\n'), '\r\n')]);
    const fromBomCrlf = parseSeed(SEED_FILE, bytes, META);
    expect(fromBomCrlf).toEqual(article);
    expect(JSON.stringify(fromBomCrlf)).not.toMatch(/\uFEFF|\r|\\r/);
  });

  test('parses a lone-CR copy of the seed to an identical article', () => {
    expect(parseSeed(SEED_FILE, seed(seedText.split('\n'), '\r'), META)).toEqual(article);
  });
});

describe('parseSeed on small seeds', () => {
  test('accepts a minimal seed', () => {
    expect(parseSeed('seeds/x.txt', seed(VALID), META)).toEqual({
      file: 'seeds/x.txt',
      slug: 'a-headline',
      headline: 'A Headline',
      dateline: 'CITY',
      figure: { caption: 'A caption.', credit: '(Credit)' },
      lead: 'The lead.',
      body: ['Body one.'],
      gate: {
        heading: 'To Read The Full Story',
        question: 'Are you already a subscriber?',
        linkText: 'Click to log in!',
      },
      meta: META,
    });
  });

  test('joins a paragraph wrapped over several lines with single spaces and trims indentation', () => {
    const lines = [
      'A Headline',
      '',
      'CITY',
      'A caption. (Credit)',
      '',
      '  The lead,  ',
      '  wrapped.',
      '',
      ...TRAILER_LINES,
    ];
    const article = parseSeed('seeds/x.txt', seed(lines), META);
    expect(article.lead).toBe('The lead, wrapped.');
    expect(article.body).toEqual([]);
  });

  test('tolerates extra blank lines and a trailing newline', () => {
    const lines = [
      'A Headline',
      '',
      '',
      'CITY',
      'A caption. (Credit)',
      '',
      '',
      'The lead.',
      '',
      ...TRAILER_LINES,
      '',
      '',
    ];
    const article = parseSeed('seeds/x.txt', seed(lines), META);
    expect(article.lead).toBe('The lead.');
    expect(article.gate.linkText).toBe('Click to log in!');
  });
});

describe('parseSeed rejects malformed seeds with a located SeedError', () => {
  const withLine = (index: number, text: string): string[] => VALID.map((line, i) => (i === index ? text : line));

  test.each<[string, Uint8Array, number, number, RegExp]>([
    ['an empty file', new Uint8Array(), 1, 1, /the seed is empty/],
    ['a file of blank lines', seed(['', '  ', '']), 1, 1, /the seed is empty/],
    ['a blank first line', seed(['', ...VALID]), 1, 1, /no headline: the first line is blank/],
    [
      'a headline without a blank line after it',
      seed(['A Headline', 'CITY', 'A caption. (Credit)', '', 'The lead.', '', ...TRAILER_LINES]),
      2,
      1,
      /expected a blank line after the headline/,
    ],
    [
      'a headline with no ASCII letters',
      seed(withLine(0, '\u05e9\u05dc\u05d5\u05dd \u2018\u2026\u2019')),
      1,
      1,
      /headline has no ASCII letters or digits/,
    ],
    [
      'a headline and nothing else, pointing at the end of the headline (there is no line 2)',
      seed(['A Headline']),
      1,
      11,
      /expected the dateline and the figure caption after the headline/,
    ],
    [
      'a headline, a newline and nothing else, pointing at the empty line 2',
      seed(['A Headline', '']),
      2,
      1,
      /expected the dateline and the figure caption after the headline/,
    ],
    [
      'a dateline without a caption',
      seed(['A Headline', '', 'CITY', '', 'The lead.', '', ...TRAILER_LINES]),
      4,
      1,
      /expected the figure caption on the line after the dateline/,
    ],
    [
      'a third line in the figure block',
      seed(['A Headline', '', 'CITY', 'A caption. (Credit)', 'The lead.', '', ...TRAILER_LINES]),
      5,
      1,
      /expected a blank line after the figure caption/,
    ],
    [
      'a caption with an unclosed "(" in its credit',
      seed(withLine(3, 'Drones seen. (Army/WANA (West Asia News Agency/Handout)')),
      4,
      14,
      /unclosed "\(" in its credit/,
    ],
    [
      'an indented caption with an unclosed "(" after curly quotes',
      seed(withLine(3, '  \u2018Drones\u2019 (Army')),
      4,
      12,
      /unclosed "\("/,
    ],
    ['a caption with an unmatched ")"', seed(withLine(3, 'Drones) seen. (Credit)')), 4, 7, /unmatched "\)"/],
    ['a caption without a credit', seed(withLine(3, 'Drones seen.')), 4, 13, /must end with its credit in parentheses/],
    [
      'a caption whose credit is not at the end',
      seed(withLine(3, 'Drones (Credit) seen.')),
      4,
      22,
      /must end with its credit in parentheses/,
    ],
    ['a credit with no caption text', seed(withLine(3, '(Credit)')), 4, 1, /credit but no caption text/],
    [
      'no body: only the trailer after the caption',
      seed(['A Headline', '', 'CITY', 'A caption. (Credit)', '', ...TRAILER_LINES]),
      6,
      1,
      /no body: expected at least one paragraph/,
    ],
    [
      'a missing trailer',
      seed(VALID.slice(0, -TRAILER_LINES.length - 1)),
      8,
      1,
      /expected the paywall trailer at the end/,
    ],
    ['a trailer without its link line', seed(VALID.slice(0, -1)), 12, 1, /expected the paywall trailer at the end/],
  ])('%s', (_name, bytes, line, column, phrase) => {
    const error = seedError(bytes);
    expect(error.message).toMatch(new RegExp(`^seeds/x\\.txt:${line}:${column}: `));
    expect(error.problem).toMatch(phrase);
    expect(error).toMatchObject({ file: 'seeds/x.txt', line, column, name: 'SeedError' });
  });

  test('reports a UTF-16 surrogate written as UTF-8 (WTF-8) as invalid at its first byte', () => {
    const prefix = seed(['A Headline', '', 'C']);
    const bytes = new Uint8Array([...prefix, 0xed, 0xa0, 0x80, ...seed(['ITY'])]);
    expect(seedError(bytes).message).toBe(`seeds/x.txt:3:2: invalid UTF-8 (byte 0xED at offset ${prefix.length})`);
  });

  test('reports an invalid UTF-8 byte at its line and column', () => {
    const valid = seed(VALID);
    // Line 3 is "CITY"; 0xFF goes after "CI".
    const offset = new TextEncoder().encode('A Headline\n\nCI').length;
    const bytes = new Uint8Array([...valid.subarray(0, offset), 0xff, ...valid.subarray(offset)]);
    const error = seedError(bytes);
    expect(error.message).toBe(`seeds/x.txt:3:3: invalid UTF-8 (byte 0xFF at offset ${offset})`);
  });

  test('reports a truncated multi-byte sequence at its first byte', () => {
    const bytes = new Uint8Array([0x41, 0x42, 0xef, 0xbc, 0x43]);
    expect(() => parseSeed('seeds/x.txt', bytes, META)).toThrow(
      'seeds/x.txt:1:3: invalid UTF-8 (byte 0xEF at offset 2)',
    );
  });

  test('locates an invalid UTF-8 byte in a BOM + CRLF file by line and code-point column', () => {
    const prefix = new Uint8Array([0xef, 0xbb, 0xbf, ...seed(['A Headline', '', '\u2018C\u2019'], '\r\n')]);
    const bytes = new Uint8Array([...prefix, 0xc3, 0x28, ...seed(['', 'rest'], '\r\n')]);
    const error = seedError(bytes);
    expect(error.message).toBe(`seeds/x.txt:3:4: invalid UTF-8 (byte 0xC3 at offset ${prefix.length})`);
  });
});

describe('parseSeed: the malformed-seed fixtures of the hardening issue, by exact message', () => {
  const BOM = [0xef, 0xbb, 0xbf];
  const withLine = (index: number, text: string): string[] => VALID.map((line, i) => (i === index ? text : line));

  test.each<[string, Uint8Array, string]>([
    ['an empty file', new Uint8Array(), 'seeds/x.txt:1:1: the seed is empty: expected a headline on the first line'],
    [
      'a BOM and nothing else',
      new Uint8Array(BOM),
      'seeds/x.txt:1:1: the seed is empty: expected a headline on the first line',
    ],
    [
      'a BOM before an indented headline: the BOM is not counted in columns',
      new Uint8Array([...BOM, ...seed(withLine(0, '  \u2018\u2026\u2019'))]),
      'seeds/x.txt:1:3: the headline has no ASCII letters or digits to make a URL from',
    ],
    [
      'CRLF line ends: a CRLF is one line end',
      seed(withLine(3, 'Drones seen. (Army/WANA (West Asia News Agency/Handout)'), '\r\n'),
      'seeds/x.txt:4:14: the figure caption has an unclosed "(" in its credit',
    ],
    [
      'lone CR line ends',
      seed(withLine(3, 'Drones seen. (Army'), '\r'),
      'seeds/x.txt:4:14: the figure caption has an unclosed "(" in its credit',
    ],
    [
      'unbalanced credit parentheses: one ")" too many',
      seed(withLine(3, 'Drones seen. (Army))')),
      'seeds/x.txt:4:20: unmatched ")" in the figure caption',
    ],
    [
      'a missing trailer',
      seed(VALID.slice(0, -TRAILER_LINES.length - 1), '\r\n'),
      'seeds/x.txt:8:1: expected the paywall trailer at the end: a heading line, a blank line, then the question and the link text on two lines',
    ],
    [
      'a missing trailer and body: the file ends on the caption line',
      seed(VALID.slice(0, 4)),
      'seeds/x.txt:4:20: expected the paywall trailer at the end: a heading line, a blank line, then the question and the link text on two lines',
    ],
    [
      'a duplicate trailer, pasted twice at the end',
      seed([...VALID, '', ...TRAILER_LINES]),
      'seeds/x.txt:10:1: the paywall trailer appears more than once: this repeats its heading, which must come only once, at the end',
    ],
    [
      'a NUL character in a paragraph, which no web page can show',
      seed(withLine(5, '  The l\u2019ead\u0000 paragraph.')),
      'seeds/x.txt:6:12: a NUL character (U+0000), which no web page can show',
    ],
    [
      'a NUL character in the headline, before anything else is checked',
      seed(withLine(0, '\u0000Headline')),
      'seeds/x.txt:1:1: a NUL character (U+0000), which no web page can show',
    ],
    [
      'a duplicate trailer question and link, before a body paragraph',
      seed([...VALID.slice(0, 7), 'Are you already a subscriber?', 'Click to log in!', '', ...VALID.slice(7)]),
      'seeds/x.txt:8:1: the paywall trailer appears more than once: this repeats its question and link text, which must come only once, at the end',
    ],
  ])('%s', (_name, bytes, message) => {
    expect(seedError(bytes).message).toBe(message);
  });

  // Bad UTF-8 has its own tests above: an invalid byte, a truncated sequence, a surrogate, BOM + CRLF.
});

describe('parseSeed: counterexamples found by the property tests', () => {
  test.each<[string, Uint8Array, string]>([
    // Errors at "the line after the last one" pointed at a line the file does not have.
    [
      'a one-character file',
      seed(['0']),
      'seeds/x.txt:1:2: expected the dateline and the figure caption after the headline',
    ],
    [
      'a dateline on the last line, without a newline',
      seed(['A Headline', '', 'CITY']),
      'seeds/x.txt:3:5: expected the figure caption on the line after the dateline',
    ],
  ])('%s', (_name, bytes, message) => {
    expect(seedError(bytes).message).toBe(message);
  });
});

describe('parseSeed on 1 MB inputs (correctness only: the timing is in parse-seed.bench.ts)', () => {
  const MB = 1 << 20;

  test('a 1 MB single-line seed is a headline with nothing after it, located at the end of the line', () => {
    expect(seedError(seed(['a'.repeat(MB)])).message).toBe(
      `seeds/x.txt:1:${MB + 1}: expected the dateline and the figure caption after the headline`,
    );
  });

  test('a 1 MB caption of "(" reports the first unclosed one', () => {
    expect(seedError(seed(withCaption(`Caption ${'('.repeat(MB)}`))).message).toBe(
      'seeds/x.txt:4:9: the figure caption has an unclosed "(" in its credit',
    );
  });

  test('a 1 MB single-line seed with an invalid byte at its end', () => {
    const bytes = new Uint8Array([...seed(['\u2018'.repeat(MB / 4)]), 0xff]);
    expect(seedError(bytes).message).toBe(
      `seeds/x.txt:1:${MB / 4 + 1}: invalid UTF-8 (byte 0xFF at offset ${bytes.length - 1})`,
    );
  });

  test('a 1 MB many-line seed parses, every paragraph kept', () => {
    const paragraphs = Array.from({ length: MB / 64 }, (_, i) => `Paragraph ${i} ${'x'.repeat(48)}`);
    const article = parseSeed(
      'seeds/x.txt',
      seed([...VALID.slice(0, 5), paragraphs.join('\n\n'), '', ...TRAILER_LINES]),
      META,
    );
    expect([article.lead, ...article.body]).toEqual(paragraphs);
  });

  function withCaption(caption: string): string[] {
    return VALID.map((line, i) => (i === 3 ? caption : line));
  }
});
