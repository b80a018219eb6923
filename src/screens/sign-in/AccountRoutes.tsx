// Everything under /account: the account page itself, and the ways into an account besides the
// password form (each a page of its own under /account/…). One route in the app's table, so the
// entry script carries none of them.
import { Route, Routes } from 'react-router-dom';
import { ACCOUNT_PAGES } from '../../config/account-paths.ts';
import { AccountPage } from '../AccountPage.tsx';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { TwoFactorPage } from './TwoFactorPage.tsx';

/** A page's path under /account, as this nested table matches it. */
function under(path: `/account/${string}`): string {
  return path.slice('/account/'.length);
}

export function AccountRoutes() {
  return (
    <Routes>
      <Route index element={<AccountPage />} />
      <Route path={under(ACCOUNT_PAGES.twoFactor)} element={<TwoFactorPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
