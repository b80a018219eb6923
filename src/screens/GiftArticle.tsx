// "Gift this article": a subscriber makes a link that lets anyone read this one article in full a
// few times, until it expires. Loaded only for subscribers, after the text; the link is shown to copy.
import { useId, useRef, useState } from 'react';
import { requestGift, type GiftResult } from '../client-state/api-accounts.ts';

type GiftState =
  | { status: 'idle' }
  | { status: 'pending' }
  | ({ status: 'made' } & Omit<Extract<GiftResult, { kind: 'ok' }>, 'kind'>)
  | { status: 'failed'; message: string };

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

export function GiftArticle({ slug }: { slug: string }) {
  const [gift, setGift] = useState<GiftState>({ status: 'idle' });
  const [copied, setCopied] = useState(false);
  const linkId = useId();
  const linkRef = useRef<HTMLInputElement>(null);

  async function make() {
    if (gift.status === 'pending') return;
    setGift({ status: 'pending' });
    setCopied(false);
    const result = await requestGift(slug);
    setGift(result.kind === 'ok' ? { ...result, status: 'made' } : { status: 'failed', message: result.message });
    // The link, ready to copy, takes focus; a failure is announced by its alert.
    if (result.kind === 'ok') requestAnimationFrame(() => linkRef.current?.select());
  }

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      linkRef.current?.select(); // no clipboard here: selected, for the reader to copy
    }
  }

  const link = gift.status === 'made' ? new URL(gift.url, window.location.origin).href : undefined;
  return (
    <section className="gift" aria-labelledby={`${linkId}-heading`}>
      <h2 id={`${linkId}-heading`} className="gift__heading">
        Gift this article
      </h2>
      {gift.status === 'made' && link !== undefined ? (
        <>
          <label htmlFor={linkId}>Gift link</label>
          <div className="field__control">
            <input id={linkId} ref={linkRef} readOnly value={link} spellCheck={false} />
            <button type="button" className="button button--quiet" onClick={() => void copy(link)}>
              {copied ? 'Copied' : 'Copy link'}
            </button>
          </div>
          <p role="status">
            Anyone with this link can read this article in full {gift.readsLeft} times, until{' '}
            {dateFormat.format(new Date(gift.expiresAt))}. You can give {gift.giftsLeft} more{' '}
            {gift.giftsLeft === 1 ? 'article' : 'articles'} this month.
          </p>
        </>
      ) : (
        <>
          <p>Share this article with someone who does not subscribe: they can read it in full with your link.</p>
          {gift.status === 'failed' && <p role="alert">{gift.message}</p>}
          <button
            type="button"
            className="button"
            aria-disabled={gift.status === 'pending'}
            onClick={() => void make()}
          >
            {gift.status === 'pending' ? 'Making the link…' : 'Make a gift link'}
          </button>
        </>
      )}
    </section>
  );
}
