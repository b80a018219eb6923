// "Forgot password?": asks for a link to choose a new password. The login page passes the address
// typed there (?email=), so nobody types it twice.
import { Link, useSearchParams } from 'react-router-dom';
import { requestPasswordReset } from '../../client-state/api-account-links.ts';
import { LOGIN_PATH } from '../../config/paths.ts';
import { SendLinkForm } from './SendLinkForm.tsx';

export function ForgotPasswordPage() {
  const [searchParams] = useSearchParams();
  const title = 'Reset your password';
  return (
    <section className="login" aria-labelledby="forgot-heading">
      <title>{`${title} — Lede`}</title>
      <h1 id="forgot-heading">{title}</h1>
      <p>
        Enter your account’s address: we will email it a link to choose a new password. The link works for 1 hour, once.
      </p>
      <SendLinkForm
        defaultEmail={searchParams.get('email') ?? ''}
        submitLabel="Email me a reset link"
        send={requestPasswordReset}
      />
      <p>
        Remembered it? <Link to={LOGIN_PATH}>Log in</Link>
      </p>
    </section>
  );
}
