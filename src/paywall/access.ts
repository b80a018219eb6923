// Who may read what. Pure: no React, no I/O. The server enforces it; the client only shows it.
// Three things decide: the reader (or nobody), the article's access level, and the site's
// paywall model — with, under a meter, where the reader stands with it.
import type { MeterStanding } from './meter.ts';
import { DEFAULT_ACCESS_LEVEL, type AccessLevel, type PaywallModelName } from './paywall-model.ts';
import type { Reader } from './reader.ts';

export type PreviewReason =
  /** Nobody is logged in: the source's own "Click to log in!" gate. */
  | 'sign-in'
  /** Logged in, but the account never had a subscription. */
  | 'subscribe'
  /** Logged in, and the subscription has ended. */
  | 'renew'
  /** Nobody is logged in, and any account would do: the gate offers "Create a free account". */
  | 'register'
  /** The meter's allowance for the window is used up: the gate offers Subscribe and Log in. */
  | 'meter-used-up';

/** Why the whole text is open. */
export type FullReason =
  /** The article has no gated paragraphs. */
  | 'nothing-gated'
  /** The site's model is `free`: everything is open to everyone. */
  | 'free-model'
  /** The article's level is `free`. */
  | 'free-article'
  /** Any logged-in account opens it (a `registered` article, or the registration model). */
  | 'account'
  | 'subscription'
  /** The meter pays for it: the server counts the read (unless the article was counted already). */
  | 'meter'
  /** A subscriber's gift link opened it: the server's gift store decides that, not getAccess. */
  | 'gift';

export type Access = { kind: 'full'; by: FullReason } | { kind: 'preview'; reason: PreviewReason };

/** The site's side of the decision: its model and, under a meter, the reader's standing with it. */
export type SiteAccess = { model: Exclude<PaywallModelName, 'metered'> } | { model: 'metered'; meter: MeterStanding };

/** What getAccess assumes when told nothing of the site: Lede's hard paywall. */
export const HARD_SITE: SiteAccess = { model: 'hard' };

export interface ArticleAccess {
  gatedCount: number;
  /** `subscriber` when not given. */
  access?: AccessLevel;
}

/** Whether this reader may read a subscriber article's gated text under the hard paywall. */
export function mayReadGated(reader: Reader): boolean {
  return getAccess(reader, { gatedCount: 1 }).kind === 'full';
}

export function getAccess(reader: Reader | null, article: ArticleAccess, site: SiteAccess = HARD_SITE): Access {
  if (article.gatedCount === 0) return full('nothing-gated');
  if (site.model === 'free') return full('free-model');
  const level = article.access ?? DEFAULT_ACCESS_LEVEL;
  if (level === 'free') return full('free-article');
  // Any account opens a registered article (and, under a registration wall, a metered one); the
  // hard paywall's gate asks to log in, the others offer a free account.
  if (level === 'registered' || (site.model === 'registration' && level === 'metered')) {
    return reader !== null ? full('account') : preview(site.model === 'hard' ? 'sign-in' : 'register');
  }
  // A metered or subscriber article under a meter: a subscription, or room on the meter. A
  // subscriber article under a registration wall asks for a subscription, as under the hard one.
  if (site.model === 'metered' && reader?.subscription.status !== 'active') {
    return site.meter.counted || site.meter.used < site.meter.limit ? full('meter') : preview('meter-used-up');
  }
  return bySubscription(reader);
}

function bySubscription(reader: Reader | null): Access {
  if (reader === null) return preview('sign-in');
  switch (reader.subscription.status) {
    case 'active':
      return full('subscription');
    case 'none':
      return preview('subscribe');
    case 'expired':
      return preview('renew');
  }
}

function full(by: FullReason): Access {
  return { kind: 'full', by };
}

function preview(reason: PreviewReason): Access {
  return { kind: 'preview', reason };
}
