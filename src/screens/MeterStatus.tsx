// Where a reader stands with the meter, in Lede's words: "2 of 3 free articles left this month".
// A status, so screen readers hear it politely when it appears with the text. Only metered sites
// show it, so it rides in the account chunk (pages.ts), not in every first view.
import type { MeterView } from '../client-state/api-client.ts';
import { meterTerms } from './meter-words.ts';

export function MeterStatus({ meter }: { meter: MeterView }) {
  return (
    <p className="meter-status" role="status">
      {meterWords(meter)}
    </p>
  );
}

export function meterWords(meter: MeterView): string {
  const { unit, when } = meterTerms(meter);
  if (meter.remaining <= 0) return `That was your last ${unit} ${when}.`;
  return `${meter.remaining} of ${meter.limit} ${unit}${meter.limit === 1 ? '' : 's'} left ${when}.`;
}
