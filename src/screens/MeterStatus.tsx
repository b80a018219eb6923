// Where a reader stands with the meter, in Lede's words: "2 of 3 free articles left this month".
// A status, so screen readers hear it politely when it appears with the text.
import type { MeterView } from '../client-state/api-client.ts';

export function MeterStatus({ meter }: { meter: MeterView }) {
  return (
    <p className="meter-status" role="status">
      {meterWords(meter)}
    </p>
  );
}

/** "free article" or "free read", and "this month" or "in the last 30 days": the meter's terms. */
function terms({ window, counts }: MeterView): { unit: string; when: string } {
  return {
    unit: counts === 'views' ? 'free read' : 'free article',
    when: window === 'calendar-month' ? 'this month' : 'in the last 30 days',
  };
}

export function meterWords(meter: MeterView): string {
  const { unit, when } = terms(meter);
  if (meter.remaining <= 0) return `That was your last ${unit} ${when}.`;
  return `${meter.remaining} of ${meter.limit} ${unit}${meter.limit === 1 ? '' : 's'} left ${when}.`;
}

/** The used-up gate's words: what the allowance was, and when. */
export function usedUpWords(meter: MeterView | undefined): string {
  if (meter === undefined) return 'You have read your free articles.';
  const { unit, when } = terms(meter);
  return `You have read your ${meter.limit} ${unit}${meter.limit === 1 ? '' : 's'} ${when}.`;
}
