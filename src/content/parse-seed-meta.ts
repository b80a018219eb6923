// seeds/<name>.json → ArticleMeta. Pure; every problem is a SeedError with a location.
import { getNodeValue, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { ACCESS_LEVELS, DEFAULT_ACCESS_LEVEL, type AccessLevel } from '../paywall/paywall-model.ts';
import type { ArticleMeta, Source } from './article.ts';
import { SeedError, locate } from './seed-error.ts';

/** What an article without metadata gives away: the lead and two paragraphs. */
export const DEFAULT_FREE_PARAGRAPHS = 2;

const KEYS = ['published', 'source', 'freeParagraphs', 'access'];

export function parseSeedMeta(file: string, fileText: string | undefined): ArticleMeta {
  if (fileText === undefined) return { freeParagraphs: DEFAULT_FREE_PARAGRAPHS, access: DEFAULT_ACCESS_LEVEL };
  // A leading BOM (as some Windows editors save) is dropped, as for the seed text: columns do not count it.
  const text = fileText.startsWith('\uFEFF') ? fileText.slice(1) : fileText;
  // jsonc-parser, not JSON.parse: it reports every error's offset and where each key stands.
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const keyOffsets = new Map(
    (tree?.type === 'object' ? (tree.children ?? []) : []).map((property) => [
      String(property.children?.[0]?.value),
      property.offset,
    ]),
  );
  const failAt = (offset: number, problem: string): never => {
    const { line, column } = locate(text, offset);
    throw new SeedError(file, line, column, problem);
  };
  const fail = (key: string | undefined, problem: string): never =>
    failAt((key === undefined ? undefined : keyOffsets.get(key)) ?? 0, problem);

  const [syntaxError] = errors;
  if (syntaxError !== undefined || tree === undefined) {
    const code = syntaxError === undefined ? 'ValueExpected' : printParseErrorCode(syntaxError.error);
    return failAt(syntaxError?.offset ?? 0, `invalid JSON: ${code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`);
  }
  const value: unknown = getNodeValue(tree);
  if (!isRecord(value)) return fail(undefined, 'expected a JSON object');

  for (const key of Object.keys(value)) {
    if (!KEYS.includes(key)) fail(key, `unknown key "${key}" (expected one of: ${KEYS.join(', ')})`);
  }
  const { published, source, freeParagraphs = DEFAULT_FREE_PARAGRAPHS, access = DEFAULT_ACCESS_LEVEL } = value;
  if (published !== undefined && !isIsoDate(published)) {
    fail('published', '"published" must be a date written YYYY-MM-DD');
  }
  if (source !== undefined && !isSource(source)) {
    fail('source', '"source" must be { "name": string, "url": an http(s) URL }');
  }
  if (typeof freeParagraphs !== 'number' || !Number.isInteger(freeParagraphs) || freeParagraphs < 0) {
    fail('freeParagraphs', '"freeParagraphs" must be a whole number, 0 or more');
  }
  if (!isAccessLevel(access)) {
    fail('access', `"access" must be one of: ${ACCESS_LEVELS.map((level) => `"${level}"`).join(', ')}`);
  }
  return {
    freeParagraphs: Number(freeParagraphs),
    access: isAccessLevel(access) ? access : DEFAULT_ACCESS_LEVEL,
    ...(typeof published === 'string' ? { published } : {}),
    ...(isSource(source) ? { source: { name: source.name, url: source.url } } : {}),
  };
}

function isAccessLevel(value: unknown): value is AccessLevel {
  return ACCESS_LEVELS.some((level) => level === value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIsoDate(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
  );
}

function isSource(value: unknown): value is Source {
  if (!isRecord(value) || typeof value.name !== 'string' || typeof value.url !== 'string') return false;
  return value.name.trim() !== '' && URL.canParse(value.url) && /^https?:$/.test(new URL(value.url).protocol);
}
