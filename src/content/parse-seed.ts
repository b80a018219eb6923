// Seed text → Article. Pure: bytes in, an Article or a SeedError with a location out.
import type { Article, ArticleMeta, Figure, GateWording } from './article.ts';
import { SeedError, locate } from './seed-error.ts';
import { toSlug } from './slug.ts';

/** A place in the file, both 1-based; columns count code points (see SeedError). */
interface Position {
  number: number;
  column: number;
}

interface Line extends Position {
  /** `column` is that of the first non-blank character. */
  text: string;
}

const BOM = '\uFEFF';

/**
 * Parses a seed file. The shape: headline; blank; dateline; caption ending in a
 * parenthesised credit; blank; paragraphs separated by blank lines (the first is the
 * lead); then the trailer — a heading, a blank line, the question and the link text — once, at the end.
 */
export function parseSeed(file: string, bytes: Uint8Array, meta: ArticleMeta): Article {
  const text = decodeUtf8(file, bytes);
  const lines = splitLines(text.startsWith(BOM) ? text.slice(1) : text);
  const blocks = toBlocks(lines);
  const fail = (at: Position, problem: string): never => {
    throw new SeedError(file, at.number, at.column, problem);
  };
  // An HTML page cannot carry NUL (parsers drop it or show U+FFFD), so the page would not say
  // what the seed says: refuse it where it stands.
  const withNul = lines.find((line) => line.text.includes('\0'));
  if (withNul !== undefined) {
    const column = withNul.column + [...withNul.text.slice(0, withNul.text.indexOf('\0'))].length;
    return fail({ number: withNul.number, column }, 'a NUL character (U+0000), which no web page can show');
  }
  /** Where something missing after `line` belongs: the next line, or the end of `line` if the file ends there. */
  const after = (line: Line): Position =>
    line.number < lines.length
      ? { number: line.number + 1, column: 1 }
      : { number: line.number, column: line.column + [...line.text].length };

  const [headlineBlock, figureBlock, ...rest] = blocks;
  if (headlineBlock === undefined) {
    return fail({ number: 1, column: 1 }, 'the seed is empty: expected a headline on the first line');
  }
  const [headline, afterHeadline] = headlineBlock;
  if (headline === undefined || headline.number !== 1) {
    return fail({ number: 1, column: 1 }, 'no headline: the first line is blank');
  }
  if (afterHeadline !== undefined) {
    return fail(afterHeadline, 'expected a blank line after the headline');
  }
  const slug = toSlug(headline.text);
  if (slug === '') {
    return fail(headline, 'the headline has no ASCII letters or digits to make a URL from');
  }

  const endOfFile = after(blocks.at(-1)?.at(-1) ?? headline);
  if (figureBlock === undefined) {
    return fail(endOfFile, 'expected the dateline and the figure caption after the headline');
  }
  const [datelineLine, captionLine, extra] = figureBlock;
  if (datelineLine === undefined || captionLine === undefined) {
    return fail(after(datelineLine ?? headline), 'expected the figure caption on the line after the dateline');
  }
  if (extra !== undefined) {
    return fail(extra, 'expected a blank line after the figure caption');
  }
  const figure = parseCaption(captionLine, fail);

  const trailer = rest.slice(-2);
  const [headingBlock, questionBlock] = trailer;
  const gate = toGateWording(headingBlock, questionBlock);
  if (gate === undefined) {
    const last = rest.at(-1)?.at(-1);
    return fail(
      last ?? endOfFile,
      'expected the paywall trailer at the end: a heading line, a blank line, then the question and the link text on two lines',
    );
  }
  const repeat = rest.slice(0, -2).find((block) => repeatsTrailer(block, gate));
  if (repeat?.[0] !== undefined) {
    return fail(
      repeat[0],
      `the paywall trailer appears more than once: this repeats its ${repeat.length === 1 ? 'heading' : 'question and link text'}, which must come only once, at the end`,
    );
  }
  const paragraphs = rest.slice(0, -2).map((block) => block.map((line) => line.text).join(' '));
  const [lead, ...body] = paragraphs;
  if (lead === undefined) {
    return fail(
      headingBlock?.[0] ?? endOfFile,
      'no body: expected at least one paragraph (the lead) between the caption and the trailer',
    );
  }

  return {
    file,
    slug,
    headline: headline.text,
    dateline: datelineLine.text,
    figure,
    lead,
    body,
    gate,
    meta,
  };
}

function toGateWording(headingBlock: Line[] | undefined, questionBlock: Line[] | undefined): GateWording | undefined {
  if (headingBlock?.length !== 1 || questionBlock?.length !== 2) return undefined;
  const [heading] = headingBlock;
  const [question, link] = questionBlock;
  if (heading === undefined || question === undefined || link === undefined) return undefined;
  return { heading: heading.text, question: question.text, linkText: link.text };
}

/** Whether a block before the trailer repeats its heading or its question and link: the trailer pasted twice. */
function repeatsTrailer(block: Line[], gate: GateWording): boolean {
  const texts = block.map((line) => line.text).join('\n');
  return texts === gate.heading || texts === `${gate.question}\n${gate.linkText}`;
}

/** Splits "Caption text. (Credit (with nesting))" at the group that closes the line. */
function parseCaption(line: Line, fail: (at: Position, problem: string) => never): Figure {
  const chars = [...line.text];
  const open: number[] = [];
  let creditStart = -1;
  chars.forEach((char, index) => {
    if (char === '(') open.push(index);
    if (char !== ')') return;
    const start = open.pop();
    if (start === undefined) {
      fail({ number: line.number, column: line.column + index }, 'unmatched ")" in the figure caption');
    } else if (index === chars.length - 1) {
      creditStart = start;
    }
  });
  const unclosed = open[0];
  if (unclosed !== undefined) {
    return fail(
      { number: line.number, column: line.column + unclosed },
      'the figure caption has an unclosed "(" in its credit',
    );
  }
  if (creditStart === -1) {
    return fail(
      { number: line.number, column: line.column + chars.length },
      'the figure caption must end with its credit in parentheses, e.g. "(Photographer/Agency)"',
    );
  }
  const caption = chars.slice(0, creditStart).join('').trimEnd();
  if (caption === '') {
    return fail(line, 'the figure caption has a credit but no caption text before it');
  }
  return { caption, credit: chars.slice(creditStart).join('') };
}

function splitLines(text: string): Line[] {
  return text.split(/\r\n|\r|\n/).map((raw, index) => {
    const leading = raw.length - raw.trimStart().length;
    return { number: index + 1, column: [...raw.slice(0, leading)].length + 1, text: raw.trim() };
  });
}

/** Groups consecutive non-blank lines; blank lines separate blocks. */
function toBlocks(lines: Line[]): Line[][] {
  const blocks: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    if (line.text === '') {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

/** Strict UTF-8: the first invalid byte is reported where an editor would show it. */
function decodeUtf8(file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const offset = firstInvalidByte(bytes);
    const valid = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, offset));
    const text = valid.startsWith(BOM) ? valid.slice(1) : valid;
    const { line, column } = locate(text, text.length);
    throw new SeedError(file, line, column, `invalid UTF-8 (byte 0x${hex(bytes[offset])} at offset ${offset})`);
  }
}

/** Re-encoding the lenient decoding reproduces the input up to its first invalid byte. */
function firstInvalidByte(bytes: Uint8Array): number {
  const roundTrip = new TextEncoder().encode(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
  let index = 0;
  while (index < bytes.length && bytes[index] === roundTrip[index]) index += 1;
  // The replacement character (EF BF BD) can share leading bytes with a truncated sequence:
  // if `index` falls inside a sequence that began earlier, that sequence is the invalid one.
  let start = index;
  while (start > 0 && isContinuationByte(bytes[start - 1])) start -= 1;
  const lead = bytes[start - 1];
  if (lead !== undefined && lead >= 0xc0 && start - 1 + sequenceLength(lead) > index) return start - 1;
  return index;
}

function isContinuationByte(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xf0) return 4;
  return lead >= 0xe0 ? 3 : 2;
}

function hex(byte: number | undefined): string {
  return (byte ?? 0).toString(16).padStart(2, '0').toUpperCase();
}
