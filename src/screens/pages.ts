// The pages that are not on the reading path, downloaded when first needed (see lazy-page.ts).
import { lazyPage } from './lazy-page.ts';

export const LoginPage = lazyPage(() => import('./LoginPage.tsx').then((module) => module.LoginPage));
export const SubscribePage = lazyPage(() => import('./SubscribePage.tsx').then((module) => module.SubscribePage));
export const JoinPage = lazyPage(() => import('./JoinPage.tsx').then((module) => module.JoinPage));
export const AccountPage = lazyPage(() => import('./AccountPage.tsx').then((module) => module.AccountPage));
