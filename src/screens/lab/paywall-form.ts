// The lab's paywall form: a model and, for a meter, its allowance, read into what PUT
// /api/test/paywall takes, and a model said back in words. Pure: no React, no I/O.
import {
  MAX_METER_LIMIT,
  MIN_METER_LIMIT,
  type MeterCounts,
  type MeterWindow,
  type PaywallModel,
  type PaywallModelName,
} from '../../paywall/paywall-model.ts';

export interface PaywallFormValues {
  model: PaywallModelName;
  /** Read only for the metered model. */
  limit: string;
  window: MeterWindow;
  counts: MeterCounts;
}

export const METER_LIMIT_ERROR = `Enter how many, a whole number from ${MIN_METER_LIMIT} to ${MAX_METER_LIMIT}.`;

export type ParsedPaywall = { kind: 'ok'; paywall: PaywallModel } | { kind: 'invalid'; error: string };

export function parsePaywallForm({ model, limit, window, counts }: PaywallFormValues): ParsedPaywall {
  if (model !== 'metered') return { kind: 'ok', paywall: { model } };
  const trimmed = limit.trim();
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!(value >= MIN_METER_LIMIT && value <= MAX_METER_LIMIT)) return { kind: 'invalid', error: METER_LIMIT_ERROR };
  return { kind: 'ok', paywall: { model, meter: { limit: value, window, counts } } };
}

/** What the form shows for a model the server holds. */
export function toPaywallFormValues(paywall: PaywallModel): PaywallFormValues {
  return paywall.model === 'metered'
    ? {
        model: 'metered',
        limit: String(paywall.meter.limit),
        window: paywall.meter.window,
        counts: paywall.meter.counts,
      }
    : { model: paywall.model, limit: '3', window: 'calendar-month', counts: 'articles' };
}

export const MODEL_NAMES: Record<PaywallModelName, string> = {
  hard: 'Hard paywall',
  metered: 'Metered',
  registration: 'Registration wall',
  free: 'Free',
};

export const MODEL_HINTS: Record<PaywallModelName, string> = {
  hard: 'only a subscription opens gated text',
  metered: 'a few articles free, then the gate',
  registration: 'any account opens gated text',
  free: 'everyone reads everything',
};

export const WINDOW_NAMES: Record<MeterWindow, string> = {
  'rolling-30-days': 'in the last 30 days',
  'calendar-month': 'a calendar month',
};

export const COUNTS_NAMES: Record<MeterCounts, string> = {
  articles: 'articles (each counted once)',
  views: 'reads (each one counted)',
};

/** "Metered: 3 articles a calendar month." */
export function describePaywall(paywall: PaywallModel): string {
  if (paywall.model !== 'metered') return `${MODEL_NAMES[paywall.model]}: ${MODEL_HINTS[paywall.model]}.`;
  const { limit, window, counts } = paywall.meter;
  const what = counts === 'articles' ? (limit === 1 ? 'article' : 'articles') : limit === 1 ? 'read' : 'reads';
  return `Metered: ${limit} free ${what} ${WINDOW_NAMES[window]}.`;
}
