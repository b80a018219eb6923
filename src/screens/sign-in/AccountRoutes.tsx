// Everything under /account: the account page itself, and the ways into an account besides the
// password form (each a page of its own under /account/…). One route in the app's table, so the
// entry script carries none of them.
import { Route, Routes } from 'react-router-dom';
import { ACCOUNT_PAGES } from '../../config/account-paths.ts';
import { AccountPage } from '../AccountPage.tsx';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { ForgotPasswordPage } from './ForgotPasswordPage.tsx';
import { ResetPasswordPage } from './ResetPasswordPage.tsx';
import { UnlockPage } from './UnlockPage.tsx';
import { VerifyEmailPage } from './VerifyEmailPage.tsx';

export function AccountRoutes() {
  return (
    <Routes>
      <Route index element={<AccountPage />} />
      <Route path={under(ACCOUNT_PAGES.forgotPassword)} element={<ForgotPasswordPage />} />
      <Route path={under(ACCOUNT_PAGES.resetPassword)} element={<ResetPasswordPage />} />
      <Route path={under(ACCOUNT_PAGES.unlock)} element={<UnlockPage />} />
      <Route path={under(ACCOUNT_PAGES.verifyEmail)} element={<VerifyEmailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

/** A page's path as a route nested under /account sees it. */
function under(page: `/account/${string}`): string {
  return page.slice('/account/'.length);
}
