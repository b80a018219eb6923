// Everything under /account: the account page itself, and the ways into an account besides the
// password form (each a page of its own under /account/…). One route in the app's table, so the
// entry script carries none of them.
import { Route, Routes } from 'react-router-dom';
import { AccountPage } from '../AccountPage.tsx';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { SignInProblemPage } from './SignInProblemPage.tsx';

export function AccountRoutes() {
  return (
    <Routes>
      <Route index element={<AccountPage />} />
      <Route path="sign-in-problem" element={<SignInProblemPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
