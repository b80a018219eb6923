// The lab's paywall form: a model, and a meter only for the metered one, read into what the server
// takes; a limit out of range refused in words; each model said back in words.
import { describe, expect, test } from 'vitest';
import { PAYWALL_MODELS, type PaywallModel } from '../../paywall/paywall-model.ts';
import { toPaywallModel } from '../../server/request-schemas.ts';
import {
  METER_LIMIT_ERROR,
  describePaywall,
  parsePaywallForm,
  toPaywallFormValues,
  type PaywallFormValues,
} from './paywall-form.ts';

const metered = (limit: string): PaywallFormValues => ({
  model: 'metered',
  limit,
  window: 'calendar-month',
  counts: 'articles',
});

describe('the form read', () => {
  test.each(PAYWALL_MODELS.filter((model) => model !== 'metered'))(
    '%s: the model alone, whatever the limit says',
    (model) => {
      const parsed = parsePaywallForm({ model, limit: 'nonsense', window: 'rolling-30-days', counts: 'views' });
      expect(parsed).toEqual({ kind: 'ok', paywall: { model } });
      if (parsed.kind === 'ok')
        expect(toPaywallModel({ kind: 'json', value: parsed.paywall })).toEqual({ kind: 'ok', value: parsed.paywall });
    },
  );

  test.each([
    ['1', 1],
    [' 3 ', 3],
    ['100', 100],
  ])('metered, limit %j: the meter as typed, and the server takes it', (limit, value) => {
    const parsed = parsePaywallForm({ ...metered(limit), window: 'rolling-30-days', counts: 'views' });
    const paywall: PaywallModel = {
      model: 'metered',
      meter: { limit: value, window: 'rolling-30-days', counts: 'views' },
    };
    expect(parsed).toEqual({ kind: 'ok', paywall });
    expect(toPaywallModel({ kind: 'json', value: paywall })).toEqual({ kind: 'ok', value: paywall });
  });

  test.each(['', '0', '101', '2.5', 'three'])('metered, limit %j: refused', (limit) => {
    expect(parsePaywallForm(metered(limit))).toEqual({ kind: 'invalid', error: METER_LIMIT_ERROR });
  });

  test('a model the server holds fills the form, and reads back as itself', () => {
    const held: PaywallModel = { model: 'metered', meter: { limit: 7, window: 'rolling-30-days', counts: 'views' } };
    expect(parsePaywallForm(toPaywallFormValues(held))).toEqual({ kind: 'ok', paywall: held });
    expect(parsePaywallForm(toPaywallFormValues({ model: 'free' }))).toEqual({
      kind: 'ok',
      paywall: { model: 'free' },
    });
  });
});

test.each<[PaywallModel, string]>([
  [{ model: 'hard' }, 'Hard paywall: only a subscription opens gated text.'],
  [{ model: 'free' }, 'Free: everyone reads everything.'],
  [{ model: 'registration' }, 'Registration wall: any account opens gated text.'],
  [
    { model: 'metered', meter: { limit: 3, window: 'calendar-month', counts: 'articles' } },
    'Metered: 3 free articles a calendar month.',
  ],
  [
    { model: 'metered', meter: { limit: 1, window: 'rolling-30-days', counts: 'views' } },
    'Metered: 1 free read in the last 30 days.',
  ],
])('%j in words', (paywall, words) => {
  expect(describePaywall(paywall)).toBe(words);
});
