// The site's paywall model and the article's access level: the two settings getAccess weighs
// besides the reader. Plain data and constants, shared by the seeds' parser, the server and the
// page. Real publishers run several models: a hard gate (Lede's first and default), a meter
// (Piano, Zephr), a registration wall (Poool, Leaky Paywall), or none.

/** How far an article is open, from its seed's metadata: `subscriber` unless it says otherwise. */
export const ACCESS_LEVELS = ['free', 'registered', 'metered', 'subscriber'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
export const DEFAULT_ACCESS_LEVEL: AccessLevel = 'subscriber';

export const PAYWALL_MODELS = ['hard', 'metered', 'registration', 'free'] as const;
export type PaywallModelName = (typeof PAYWALL_MODELS)[number];

/** Over which stretch of time the meter counts: the last 30×24 h, or since the 1st of the month (UTC). */
export const METER_WINDOWS = ['rolling-30-days', 'calendar-month'] as const;
export type MeterWindow = (typeof METER_WINDOWS)[number];

/** What uses up the allowance: each distinct article once, or every full read. */
export const METER_COUNTS = ['articles', 'views'] as const;
export type MeterCounts = (typeof METER_COUNTS)[number];

export const MIN_METER_LIMIT = 1;
export const MAX_METER_LIMIT = 100;

export interface MeterSettings {
  /** How many articles (or views) a reader without a subscription reads in full per window. */
  limit: number;
  window: MeterWindow;
  counts: MeterCounts;
}

/** What a metered model means when a tester names no meter: three articles a calendar month. */
export const DEFAULT_METER: MeterSettings = { limit: 3, window: 'calendar-month', counts: 'articles' };

export type PaywallModel =
  { model: 'hard' } | { model: 'registration' } | { model: 'free' } | { model: 'metered'; meter: MeterSettings };

/** Lede's model from the start, and the default world's: only a subscription opens gated text. */
export const HARD_PAYWALL: PaywallModel = { model: 'hard' };
