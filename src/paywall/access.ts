// Who may read what. Pure: no React, no I/O. The server enforces it; the client only shows it.
import type { Reader } from './reader.ts';

export type PreviewReason =
  /** Nobody is logged in: the source's own "Click to log in!" gate. */
  | 'sign-in'
  /** Logged in, but the account never had a subscription. */
  | 'subscribe'
  /** Logged in, and the subscription has ended. */
  | 'renew';

export type Access = { kind: 'full' } | { kind: 'preview'; reason: PreviewReason };

/** Whether this reader may read gated text at all (what getAccess decides for gated articles). */
export function mayReadGated(reader: Reader): boolean {
  return getAccess(reader, { gatedCount: 1 }).kind === 'full';
}

export function getAccess(reader: Reader | null, article: { gatedCount: number }): Access {
  if (article.gatedCount === 0) return { kind: 'full' };
  if (reader === null) return { kind: 'preview', reason: 'sign-in' };
  switch (reader.subscription.status) {
    case 'active':
      return { kind: 'full' };
    case 'none':
      return { kind: 'preview', reason: 'subscribe' };
    case 'expired':
      return { kind: 'preview', reason: 'renew' };
  }
}
