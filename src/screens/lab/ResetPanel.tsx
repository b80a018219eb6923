// Resetting the world (POST /api/test/reset): everything readers change goes back to the start,
// sessions and the clock too unless kept; fault rules and the request log stay.
import { useId, useRef, useState } from 'react';
import { resetWorld, type LostWorld } from '../../client-state/api-lab.ts';
import { refreshSession } from '../../client-state/session-store.ts';
import { LabAlert } from './LabField.tsx';

interface ResetPanelProps {
  onLost: (failure: LostWorld) => void;
  /** The world was reset: what the other panels show is read again. */
  onReset: () => void;
}

export function ResetPanel({ onLost, onReset }: ResetPanelProps) {
  const [keepSessions, setKeepSessions] = useState(false);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const [failure, setFailure] = useState<string>();
  const button = useRef<HTMLButtonElement>(null);
  const ids = { heading: useId(), keep: useId() };

  async function reset(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    setSaid('');
    const result = await resetWorld(keepSessions);
    setBusy(false);
    if (result.kind === 'ok') {
      setSaid(`Reset. Put back: ${result.cleared.join(', ')}. Fault rules and the request log are kept.`);
      onReset();
      // Unless kept, this browser's session has ended: the masthead says so.
      await refreshSession();
    } else if (result.kind === 'failed') {
      setFailure(result.message);
    } else {
      onLost(result);
    }
    button.current?.focus();
  }

  return (
    <section className="lab__panel" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Reset</h2>
      <p>
        Puts this world back as it started: sessions, throttles, subscriptions, created accounts, gift links, the
        paywall model and meters, the test inbox and every emailed link, and the clock.
      </p>
      <div className="lab__form">
        <label className="field field--inline" htmlFor={ids.keep}>
          <input
            id={ids.keep}
            type="checkbox"
            checked={keepSessions}
            onChange={(event) => setKeepSessions(event.target.checked)}
          />
          Keep sessions (and the clock they live by)
        </label>
        <div>
          <button ref={button} type="button" className="button" aria-disabled={busy} onClick={() => void reset()}>
            Reset this world
          </button>
        </div>
      </div>
      <p role="status" className="lab__said">
        {busy ? 'Resetting…' : said}
      </p>
      {failure !== undefined && <LabAlert message={failure} onRetry={() => void reset()} />}
    </section>
  );
}
