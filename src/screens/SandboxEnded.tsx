// What a page says, and offers, when its browser names a test sandbox the server no longer has.
// Rare, so it rides in the account chunk (pages.ts), not in any first view.
import { useState } from 'react';
import { leaveSandbox } from '../client-state/session-store.ts';
import { announce } from '../client-state/announcer.ts';

/**
 * The sandbox ended after an hour unused, or was deleted: never the default world's answers
 * instead, and a way out that the reader takes on purpose.
 */
const SANDBOX_ENDED =
  'This browser is in a test sandbox that has ended (a sandbox ends after an hour unused). Leave it to read as everyone does, or start a new sandbox.';

/** Clears the sandbox cookie (the server does: it may be HttpOnly), then shows the default world. */
function LeaveSandboxButton({ onLeft }: { onLeft?: () => void }) {
  const [state, setState] = useState<'idle' | 'pending' | 'failed'>('idle');
  async function leave(): Promise<void> {
    setState('pending');
    const result = await leaveSandbox();
    if (result.kind === 'unreachable') {
      setState('failed');
      return;
    }
    announce('You left the test sandbox.');
    onLeft?.();
  }
  return (
    <>
      <button type="button" className="button" disabled={state === 'pending'} onClick={() => void leave()}>
        {state === 'pending' ? 'Leaving…' : 'Leave the sandbox'}
      </button>
      {state === 'failed' && <span role="alert">Could not reach the service. Try again.</span>}
    </>
  );
}

/** The alert a page shows in place of its answer: what happened, and the way out. */
export function SandboxEndedAlert({ onLeft }: { onLeft?: () => void }) {
  return (
    <div role="alert" className="form-alert">
      <p>{SANDBOX_ENDED}</p>
      <LeaveSandboxButton {...(onLeft === undefined ? {} : { onLeft })} />
    </div>
  );
}
