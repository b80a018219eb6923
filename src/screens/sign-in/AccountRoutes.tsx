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
import { SignInLinkPage } from './SignInLinkPage.tsx';
import { SignInProblemPage } from './SignInProblemPage.tsx';
import { TwoFactorPage } from './TwoFactorPage.tsx';

/** A page's path below /account/, as these nested routes match it. */
function below(path: `/account/${string}`): string {
  return path.slice('/account/'.length);
}

export function AccountRoutes() {
  return (
    <Routes>
      <Route index element={<AccountPage />} />
      <Route path={below(ACCOUNT_PAGES.signInLink)} element={<SignInLinkPage />} />
      <Route path={below(ACCOUNT_PAGES.signInProblem)} element={<SignInProblemPage />} />
      <Route path={below(ACCOUNT_PAGES.twoFactor)} element={<TwoFactorPage />} />
      <Route path={below(ACCOUNT_PAGES.forgotPassword)} element={<ForgotPasswordPage />} />
      <Route path={below(ACCOUNT_PAGES.resetPassword)} element={<ResetPasswordPage />} />
      <Route path={below(ACCOUNT_PAGES.unlock)} element={<UnlockPage />} />
      <Route path={below(ACCOUNT_PAGES.verifyEmail)} element={<VerifyEmailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
