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

export function meterWords({ remaining, limit, window, counts }: MeterView): string {
  const unit = counts === 'views' ? 'free read' : 'free article';
  const when = window === 'calendar-month' ? 'this month' : 'in the last 30 days';
  const plural = (n: number) => `${unit}${n === 1 ? '' : 's'}`;
  if (remaining <= 0) return `That was your last ${unit} ${when}.`;
  return `${remaining} of ${limit} ${plural(limit)} left ${when}.`;
}

/** The used-up gate's words: what the allowance was, and when. */
export function usedUpWords(meter: MeterView | undefined): string {
  if (meter === undefined) return 'You have read your free articles.';
  const unit = meter.counts === 'views' ? 'free read' : 'free article';
  const when = meter.window === 'calendar-month' ? 'this month' : 'in the last 30 days';
  return `You have read your ${meter.limit} ${unit}${meter.limit === 1 ? '' : 's'} ${when}.`;
}
