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

export const AccountRoutes = lazyPage(() => accountChunk().then((module) => module.AccountRoutes));
export const InboxPage = lazyPage(() => accountChunk().then((module) => module.InboxPage));
export const JoinPage = lazyPage(() => accountChunk().then((module) => module.JoinPage));
export const SubscribePage = lazyPage(() => accountChunk().then((module) => module.SubscribePage));
export const GiftArticle = lazy(() => accountChunk().then((module) => ({ default: module.GiftArticle })));
export const GiftNote = lazy(() => accountChunk().then((module) => ({ default: module.GiftNote })));
export const SubscriptionNotice = lazy(() => accountChunk().then((module) => ({ default: module.SubscriptionNotice })));
export const SandboxEndedAlert = lazy(() => accountChunk().then((module) => ({ default: module.SandboxEndedAlert })));
export const MeterStatus = lazy(() => accountChunk().then((module) => ({ default: module.MeterStatus })));
