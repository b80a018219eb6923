// The meter's arithmetic: which reads fall in the window, how many are used, and whether an
// article is open by the meter. Pure: the server keeps the reads (src/server/meters.ts) and
// decides with these, by its world's clock.
import type { MeterSettings, MeterWindow } from './paywall-model.ts';

const DAY_MS = 24 * 60 * 60_000;
export const ROLLING_WINDOW_MS = 30 * DAY_MS;

/**
 * One full read the meter counted: when (ms since the epoch, the world's clock) and which article
 * (its slug, or any key that stands for it one to one: the server keeps a short hash).
 */
export interface MeterRead {
  at: number;
  slug: string;
}

/** Where a reader stands with the meter, for one article: what getAccess needs, and what the API shows. */
export interface MeterStanding {
  /** Counted reads in the window, at most `limit`. */
  used: number;
  limit: number;
  /**
   * This article is already paid for in the window (counts=articles, read before): reading it
   * again is open and counts nothing.
   */
  counted: boolean;
}

/** The first moment the window that holds `now` covers: a read exactly 30×24 h ago has left a rolling one. */
export function windowStart(now: number, window: MeterWindow): number {
  switch (window) {
    case 'rolling-30-days':
      return now - ROLLING_WINDOW_MS + 1;
    case 'calendar-month': {
      const date = new Date(now);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    }
  }
}

/** When a calendar month's allowance starts afresh: the 1st of the next month, 00:00 UTC. A rolling window has no one moment. */
export function resetsAt(now: number, window: MeterWindow): number | undefined {
  if (window === 'rolling-30-days') return undefined;
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/**
 * The reads that count towards the allowance, oldest first: those in the window, and with
 * counts=articles each article once (its first read). Reads past the limit (two first reads at
 * once can both be recorded) are not counted and open nothing.
 */
export function countedReads(reads: readonly MeterRead[], settings: MeterSettings, now: number): MeterRead[] {
  const start = windowStart(now, settings.window);
  const inWindow = reads.filter(({ at }) => at >= start && at <= now);
  const counted =
    settings.counts === 'views'
      ? inWindow
      : inWindow.filter(({ slug }, index) => inWindow.findIndex((read) => read.slug === slug) === index);
  return counted.slice(0, settings.limit);
}

/** Where the reader stands for `slug` (undefined: no article in particular, as the meter's own route asks). */
export function meterStanding(
  reads: readonly MeterRead[],
  settings: MeterSettings,
  now: number,
  slug?: string,
): MeterStanding {
  const counted = countedReads(reads, settings, now);
  return {
    used: counted.length,
    limit: settings.limit,
    counted: settings.counts === 'articles' && slug !== undefined && counted.some((read) => read.slug === slug),
  };
}

/**
 * Whether the read just appended (the last of `reads`) is one the allowance pays for. The store
 * appends atomically, so of two first reads at once with one left, the list's order says which
 * was first: the other is refused, and its entry opens nothing later.
 */
export function recordedReadOpens(reads: readonly MeterRead[], settings: MeterSettings, now: number): boolean {
  const last = reads.at(-1);
  if (last === undefined) return false;
  if (settings.counts === 'articles') return countedReads(reads, settings, now).some(({ slug }) => slug === last.slug);
  const start = windowStart(now, settings.window);
  return reads.filter(({ at }) => at >= start && at <= now).length <= settings.limit;
}
