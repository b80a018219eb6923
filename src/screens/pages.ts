// The pages that are not on the reading path, downloaded when first needed (see lazy-page.ts).
import { lazy } from 'react';
import { lazyPage } from './lazy-page.ts';

export const LoginPage = lazyPage(() => import('./LoginPage.tsx').then((module) => module.LoginPage));
/**
 * The account chunk (account-chunk.ts): every screen about an account but the login form, which
 * comes with its own page. One chunk on purpose: with chunks of their own, screens that share code
 * made the bundler move React out of the entry into a shared chunk (a second hop for every page)
 * and need a preload list in the entry; one import here keeps one chunk and no list.
 */
const accountChunk = () => import('./account-chunk.ts');

type AccountChunk = Awaited<ReturnType<typeof accountChunk>>;

/** A page of the account chunk, by its export's name. */
function accountPage(name: 'AccountRoutes' | 'InboxPage' | 'JoinPage' | 'LabPage' | 'SubscribePage') {
  return lazyPage(() => accountChunk().then((module) => module[name]));
}

/** A part of a page, from the account chunk, by its export's name. */
function accountPart<Name extends keyof AccountChunk>(name: Name) {
  return lazy(() => accountChunk().then((module) => ({ default: module[name] })));
}

export const AccountRoutes = accountPage('AccountRoutes');
export const InboxPage = accountPage('InboxPage');
export const JoinPage = accountPage('JoinPage');
export const LabPage = accountPage('LabPage');
export const SubscribePage = accountPage('SubscribePage');
export const GiftArticle = accountPart('GiftArticle');
export const GiftNote = accountPart('GiftNote');
export const SubscriptionNotice = accountPart('SubscriptionNotice');
export const SandboxEndedAlert = accountPart('SandboxEndedAlert');
export const MeterStatus = accountPart('MeterStatus');
