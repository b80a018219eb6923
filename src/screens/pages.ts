// The pages that are not on the reading path, downloaded when first needed (see lazy-page.ts).
import { lazy } from 'react';
import { lazyPage } from './lazy-page.ts';

export const LoginPage = lazyPage(() => import('./LoginPage.tsx').then((module) => module.LoginPage));
/** The testers' lab: its own chunk, so readers who open an account screen never download it. */
export const LabPage = lazyPage(() => import('./lab/LabPage.tsx').then((module) => module.LabPage));
/**
 * The account chunk (account-chunk.ts): every screen about an account but the login form, which
 * comes with its own page. One chunk on purpose: each lazy page costs the entry bytes the first view
 * does not have, and screens in chunks of their own that share code would need a preload list in
 * the entry; one import here keeps one chunk and no list. (React stays in the entry however the
 * screens are split: see vite.config.ts and decision 050.)
 */
const accountChunk = () => import('./account-chunk.ts');

type AccountChunk = Awaited<ReturnType<typeof accountChunk>>;

/** A page of the account chunk, by its export's name. */
function accountPage(name: 'AccountRoutes' | 'InboxPage' | 'JoinPage' | 'SubscribePage') {
  return lazyPage(() => accountChunk().then((module) => module[name]));
}

/** A part of a page, from the account chunk, by its export's name. */
function accountPart<Name extends keyof AccountChunk>(name: Name) {
  return lazy(() => accountChunk().then((module) => ({ default: module[name] })));
}

export const AccountRoutes = accountPage('AccountRoutes');
export const InboxPage = accountPage('InboxPage');
export const JoinPage = accountPage('JoinPage');
export const SubscribePage = accountPage('SubscribePage');
export const GiftArticle = accountPart('GiftArticle');
export const GiftNote = accountPart('GiftNote');
export const SubscriptionNotice = accountPart('SubscriptionNotice');
export const SandboxEndedAlert = accountPart('SandboxEndedAlert');
export const MeterStatus = accountPart('MeterStatus');
