// "Verify your email address": the notice an account created on the site shows until the link
// sent to its address is opened, with a way to have the link sent again (once a minute).
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { requestVerificationLink } from '../../client-state/api-account-links.ts';
import { INBOX_PATH } from '../../config/paths.ts';
import { waitWords } from './AccountField.tsx';

type ResendState =
  { status: 'idle' } | { status: 'sending' } | { status: 'sent' } | { status: 'refused'; words: string };

export function VerifyEmailNotice({ email }: { email: string }) {
  const [resend, setResend] = useState<ResendState>({ status: 'idle' });

  async function send() {
    if (resend.status === 'sending') return;
    setResend({ status: 'sending' });
    const result = await requestVerificationLink();
    switch (result.kind) {
      case 'sent':
        return setResend({ status: 'sent' });
      case 'too-soon':
        return setResend({ status: 'refused', words: `A link was sent a moment ago. ${waitWords(result.retryAt)}` });
      case 'invalid-email':
        return setResend({ status: 'refused', words: 'The link could not be sent. Try again.' });
      case 'failed':
        return setResend({ status: 'refused', words: result.message });
    }
  }

  return (
    <aside className="subscription-notice" aria-label="Your email address">
      <p>
        Verify your email address: open the link we sent to <strong>{email}</strong> (in this simulation, in the{' '}
        <Link to={INBOX_PATH}>test inbox</Link>).{' '}
        <button
          type="button"
          className="button button--quiet"
          aria-disabled={resend.status === 'sending'}
          onClick={() => void send()}
        >
          Resend
        </button>
      </p>
      <p role="status">
        {resend.status === 'sent' ? `A new link is on its way to ${email}. It works for 7 days.` : ''}
        {resend.status === 'refused' ? resend.words : ''}
      </p>
    </aside>
  );
}
