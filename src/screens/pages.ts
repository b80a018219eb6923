// The pages that are not on the reading path, downloaded when first needed (see lazy-page.ts).
import { lazy } from 'react';
import { lazyPage } from './lazy-page.ts';

export const LoginPage = lazyPage(() => import('./LoginPage.tsx').then((module) => module.LoginPage));
export const SubscribePage = lazyPage(() => import('./SubscribePage.tsx').then((module) => module.SubscribePage));
export const JoinPage = lazyPage(() => import('./JoinPage.tsx').then((module) => module.JoinPage));

/**
 * The account page's chunk, which also carries what few readers see: the gift panel (subscribers,
 * after the text), a gift link's note, and the notice of a subscription about to change. Each of
 * those in a chunk of its own made the bundler move React out of the entry into a shared chunk (a
 * second hop for every page); one import here keeps one chunk, and one preload list in the entry.
 */
const accountChunk = () => import('./AccountPage.tsx');

export const AccountPage = lazyPage(() => accountChunk().then((module) => module.AccountPage));
export const GiftArticle = lazy(() => accountChunk().then((module) => ({ default: module.GiftArticle })));
export const GiftNote = lazy(() => accountChunk().then((module) => ({ default: module.GiftNote })));
export const SubscriptionNotice = lazy(() => accountChunk().then((module) => ({ default: module.SubscriptionNotice })));
