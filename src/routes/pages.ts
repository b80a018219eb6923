// The pages that are not on the reading path, downloaded when first needed (see lazy-page.ts).
import { lazyPage } from './lazy-page.ts';

export const LoginPage = lazyPage(() => import('./LoginPage.tsx').then((module) => module.LoginPage));
export const SubscribePage = lazyPage(() => import('./SubscribePage.tsx').then((module) => module.SubscribePage));

/** Props for a link to the login page: start downloading it as soon as the reader shows intent. */
export const PRELOAD_LOGIN_ON_INTENT = {
  onPointerEnter: () => void LoginPage.preload(),
  onFocus: () => void LoginPage.preload(),
  onTouchStart: () => void LoginPage.preload(),
};
