// The meter's terms in Lede's words, shared by the status under the text (MeterStatus.tsx, in the
// account chunk) and the used-up gate (ArticleGate.tsx, in every first view).
import type { MeterView } from '../client-state/api-client.ts';

/** "free article" or "free read", and "this month" or "in the last 30 days": the meter's terms. */
export function meterTerms({ window, counts }: MeterView): { unit: string; when: string } {
  return {
    unit: counts === 'views' ? 'free read' : 'free article',
    when: window === 'calendar-month' ? 'this month' : 'in the last 30 days',
  };
}

/** The used-up gate's words: what the allowance was, and when. */
export function usedUpWords(meter: MeterView | undefined): string {
  if (meter === undefined) return 'You have read your free articles.';
  const { unit, when } = meterTerms(meter);
  return `You have read your ${meter.limit} ${unit}${meter.limit === 1 ? '' : 's'} ${when}.`;
}
