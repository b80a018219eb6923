// What a gift link did: opened the article ("A subscriber shared this article with you"), or
// nothing, and why. Only pages opened with a gift link show it: loaded on demand (screens/pages.ts).
import type { GiftRefusal } from '../client-state/api-client.ts';
import type { GatedTextState } from '../client-state/gated-text.ts';

const GIFT_REFUSED: Record<GiftRefusal, string> = {
  invalid: 'This gift link is not valid.',
  'other-article': 'This gift link is for another article.',
  expired: 'This gift link has expired.',
  'used-up': 'This gift link has been used up.',
};

export function GiftNote({ gatedText }: { gatedText: GatedTextState }) {
  const words =
    gatedText.status === 'loaded' && gatedText.gift !== undefined
      ? `A subscriber shared this article with you. This link opens it ${gatedText.gift.readsLeft} more ${gatedText.gift.readsLeft === 1 ? 'time' : 'times'}.`
      : gatedText.status === 'refused' && gatedText.gift !== undefined
        ? GIFT_REFUSED[gatedText.gift]
        : undefined;
  return words === undefined ? null : (
    <p className="meter-status" role="status">
      {words}
    </p>
  );
}
