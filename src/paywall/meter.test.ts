import { describe, expect, test } from 'vitest';
import { countedReads, meterStanding, recordedReadOpens, resetsAt, windowStart, type MeterRead } from './meter.ts';
import type { MeterSettings } from './paywall-model.ts';

const DAY = 24 * 60 * 60_000;
const NOW = Date.parse('2026-11-24T12:00:00Z');
const at = (iso: string): number => Date.parse(iso);
const ARTICLES: MeterSettings = { limit: 2, window: 'calendar-month', counts: 'articles' };
const VIEWS: MeterSettings = { limit: 2, window: 'calendar-month', counts: 'views' };

describe('the window', () => {
  test.each<[string, string, string]>([
    ['2026-11-24T12:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ['2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ['2026-12-31T23:59:59.999Z', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['2028-02-29T08:00:00.000Z', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z'],
  ])('calendar month at %s: from %s, afresh at %s (UTC)', (now, from, next) => {
    expect(new Date(windowStart(at(now), 'calendar-month')).toISOString()).toBe(from);
    expect(new Date(resetsAt(at(now), 'calendar-month') ?? 0).toISOString()).toBe(next);
  });

  test('rolling 30 days: a read exactly 30×24 h old has left; no one moment it starts afresh', () => {
    expect(windowStart(NOW, 'rolling-30-days')).toBe(NOW - 30 * DAY + 1);
    expect(resetsAt(NOW, 'rolling-30-days')).toBeUndefined();
  });
});

describe('counting', () => {
  const reads = (...items: [number, string][]): MeterRead[] => items.map(([time, slug]) => ({ at: time, slug }));

  test('articles: each article once, in the window only, at most the limit', () => {
    const list = reads([at('2026-10-31T23:00:00Z'), 'old'], [NOW - 3, 'a'], [NOW - 2, 'a'], [NOW - 1, 'b'], [NOW, 'c']);
    expect(countedReads(list, ARTICLES, NOW).map(({ slug }) => slug)).toEqual(['a', 'b']);
    expect(meterStanding(list, ARTICLES, NOW, 'a')).toEqual({ used: 2, limit: 2, counted: true });
    expect(meterStanding(list, ARTICLES, NOW, 'c')).toEqual({ used: 2, limit: 2, counted: false });
    expect(meterStanding(list, ARTICLES, NOW, 'old')).toEqual({ used: 2, limit: 2, counted: false });
    expect(meterStanding(list, ARTICLES, NOW)).toEqual({ used: 2, limit: 2, counted: false });
  });

  test('views: every read, and no article is ever counted before', () => {
    const list = reads([NOW - 1, 'a'], [NOW, 'a']);
    expect(meterStanding(list, VIEWS, NOW, 'a')).toEqual({ used: 2, limit: 2, counted: false });
    expect(meterStanding(reads([NOW, 'a']), VIEWS, NOW, 'a')).toEqual({ used: 1, limit: 2, counted: false });
  });

  test('reads after now (a clock since put back) count nothing', () => {
    expect(meterStanding(reads([NOW + 1, 'a']), ARTICLES, NOW)).toEqual({ used: 0, limit: 2, counted: false });
  });

  test.each<[string, MeterSettings, [number, string][], boolean]>([
    ['the first read', ARTICLES, [[NOW, 'a']], true],
    [
      'a second article within the limit',
      ARTICLES,
      [
        [NOW, 'a'],
        [NOW, 'b'],
      ],
      true,
    ],
    [
      'a third article past the limit',
      ARTICLES,
      [
        [NOW, 'a'],
        [NOW, 'b'],
        [NOW, 'c'],
      ],
      false,
    ],
    [
      'a third article when one read has left the window',
      ARTICLES,
      [
        [0, 'a'],
        [NOW, 'b'],
        [NOW, 'c'],
      ],
      true,
    ],
    [
      'a view within the limit',
      VIEWS,
      [
        [NOW, 'a'],
        [NOW, 'a'],
      ],
      true,
    ],
    [
      'a view past the limit',
      VIEWS,
      [
        [NOW, 'a'],
        [NOW, 'a'],
        [NOW, 'a'],
      ],
      false,
    ],
    ['nothing recorded', ARTICLES, [], false],
  ])('the read just recorded opens: %s → %s', (_name, settings, items, opens) => {
    expect(recordedReadOpens(reads(...items), settings, NOW)).toBe(opens);
  });
});
