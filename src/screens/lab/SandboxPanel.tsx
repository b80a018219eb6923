// Which world this browser is in, and the ways to change it: create a sandbox and join it, join
// another's by its id, leave. The server sets and clears the cookie (POST /api/sandboxes/join,
// /leave); the page only asks, then asks who is reading there (the session belongs to the world).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { createSandbox, joinSandbox, type CurrentWorld } from '../../client-state/api-lab.ts';
import { leaveSandbox, refreshSession } from '../../client-state/session-store.ts';
import { LabAlert, LabField, When } from './LabField.tsx';

/** This browser's world as the lab last heard it. */
export type WorldState =
  | { status: 'loading' }
  | { status: 'ok'; world: CurrentWorld }
  /** The browser names a sandbox the server no longer has. */
  | { status: 'gone' }
  | { status: 'failed'; message: string };

export const JOIN_ERRORS = {
  empty: 'Enter the id of the sandbox to join.',
  malformed: 'That is not a sandbox id. A sandbox id is a UUID, like 0f8fad5b-d9cb-469f-a165-70867728950e.',
  unknown:
    'No live sandbox has this id: it may have ended (a sandbox ends after an hour unused), or never existed. Check the id, or create a sandbox.',
} as const;

type Busy = 'creating' | 'joining' | 'leaving' | undefined;

interface SandboxPanelProps {
  state: WorldState;
  /** Asks the server again which world this browser is in; resolves once the answer is shown. */
  recheck: () => Promise<void>;
}

export function SandboxPanel({ state, recheck }: SandboxPanelProps) {
  const [busy, setBusy] = useState<Busy>();
  const [failure, setFailure] = useState<string>();
  const [said, setSaid] = useState('');
  const [joinId, setJoinId] = useState('');
  const [joinError, setJoinError] = useState<string>();
  const [focusRequest, setFocusRequest] = useState(0);
  const where = useRef<HTMLParagraphElement>(null);
  const joinField = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const joinFieldId = useId();

  // After the world changed, attention goes to where the page says which world it is now.
  useEffect(() => {
    if (focusRequest > 0) where.current?.focus();
  }, [focusRequest]);

  async function enter(id: string, saying: (id: string) => string): Promise<'joined' | 'refused'> {
    const joined = await joinSandbox(id);
    switch (joined.kind) {
      case 'joined':
        await Promise.all([recheck(), refreshSession()]);
        setSaid(saying(joined.id));
        setFocusRequest((n) => n + 1);
        return 'joined';
      case 'malformed':
        setJoinError(JOIN_ERRORS.malformed);
        return 'refused';
      case 'unknown':
        setJoinError(JOIN_ERRORS.unknown);
        return 'refused';
      case 'failed':
        setFailure(joined.message);
        return 'refused';
    }
  }

  async function create(): Promise<void> {
    if (busy !== undefined) return;
    setBusy('creating');
    setFailure(undefined);
    setSaid('');
    const created = await createSandbox();
    if (created.kind === 'failed') setFailure(created.message);
    else await enter(created.id, (id) => `Created sandbox ${id}; this browser is in it now.`);
    setBusy(undefined);
  }

  async function join(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy !== undefined) return;
    const id = joinId.trim();
    setFailure(undefined);
    setSaid('');
    if (id === '') {
      setJoinError(JOIN_ERRORS.empty);
      joinField.current?.focus();
      return;
    }
    setJoinError(undefined);
    setBusy('joining');
    const outcome = await enter(id, (joined) => `This browser is in sandbox ${joined} now.`);
    setBusy(undefined);
    // What was typed stays, for a second look; the field says what was wrong.
    if (outcome === 'refused') joinField.current?.focus();
    else setJoinId('');
  }

  async function leave(): Promise<void> {
    if (busy !== undefined) return;
    setBusy('leaving');
    setFailure(undefined);
    setSaid('');
    const left = await leaveSandbox();
    if (left.kind === 'unreachable') {
      setFailure('Could not reach the service to leave the sandbox. Try again.');
    } else {
      await recheck();
      setSaid('This browser left its sandbox: it is in the site’s own world now.');
      setFocusRequest((n) => n + 1);
    }
    setBusy(undefined);
  }

  const inSandbox = state.status === 'ok' && state.world.kind === 'sandbox';
  return (
    <section className="lab__panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Sandbox</h2>
      <p ref={where} tabIndex={-1} className="lab__where">
        <WhereWords state={state} />
      </p>
      {state.status === 'failed' && <LabAlert message={state.message} onRetry={() => void recheck()} />}
      <p role="status" className="lab__said">
        {busy === 'creating'
          ? 'Creating a sandbox…'
          : busy === 'joining'
            ? 'Joining…'
            : busy === 'leaving'
              ? 'Leaving…'
              : said}
      </p>
      {failure !== undefined && <LabAlert message={failure} />}
      <div className="lab__actions">
        <button type="button" className="button" aria-disabled={busy !== undefined} onClick={() => void create()}>
          {inSandbox ? 'Create a new sandbox' : 'Create a sandbox'}
        </button>
        {(inSandbox || state.status === 'gone') && (
          <button
            type="button"
            className="button button--quiet"
            aria-disabled={busy !== undefined}
            onClick={() => void leave()}
          >
            Leave the sandbox
          </button>
        )}
      </div>
      <form className="lab__form" noValidate onSubmit={(event) => void join(event)}>
        <LabField
          label="Sandbox id"
          id={joinFieldId}
          hint="To work in another browser’s sandbox: its id, from that browser’s lab."
          error={joinError}
        >
          {(control) => (
            <>
              <input
                {...control}
                ref={joinField}
                name="sandbox"
                type="text"
                autoComplete="off"
                spellCheck={false}
                value={joinId}
                onChange={(event) => setJoinId(event.target.value)}
              />
              <button type="submit" className="button button--quiet" aria-disabled={busy !== undefined}>
                Join
              </button>
            </>
          )}
        </LabField>
      </form>
    </section>
  );
}

function WhereWords({ state }: { state: WorldState }) {
  switch (state.status) {
    case 'loading':
      return <>Asking which world this browser is in…</>;
    case 'failed':
      return <>This browser’s world is not known yet.</>;
    case 'gone':
      return (
        <>
          This browser is in a test sandbox that has ended (a sandbox ends after an hour unused). Leave it, or create a
          new one.
        </>
      );
    case 'ok':
      return state.world.kind === 'sandbox' ? (
        <>
          This browser is in sandbox <code className="lab__id">{state.world.id}</code>. Unused, it ends at{' '}
          <When time={state.world.expiresAt} />: every request renews it for an hour, the lab’s own included.
        </>
      ) : (
        <>
          This browser is in the site’s own world, not in a sandbox: what changes here, every browser without a sandbox
          sees.
        </>
      );
  }
}
