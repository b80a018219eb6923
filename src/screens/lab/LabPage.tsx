// The test lab (/lab): for testers who explore by hand before they automate. Which sandbox this
// browser is in (create, join, leave), and its world's test hooks: paywall model, faults, server
// clock, request log, reset, and the way to the test inbox. A production server's own world has no
// test hooks; there the lab says so and offers a sandbox, where they always exist.
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { fetchCurrentWorld, type CurrentResult, type LostWorld } from '../../client-state/api-lab.ts';
import { INBOX_PATH } from '../../config/paths.ts';
import { ClockPanel } from './ClockPanel.tsx';
import { FaultsPanel } from './FaultsPanel.tsx';
import { PaywallPanel } from './PaywallPanel.tsx';
import { RequestLogPanel } from './RequestLogPanel.tsx';
import { ResetPanel } from './ResetPanel.tsx';
import { SandboxPanel, type WorldState } from './SandboxPanel.tsx';
import { useRequestLog } from './use-request-log.ts';

export const NO_HOOKS =
  'This browser is in the site’s own world, and this server keeps its test hooks off there: the paywall model, faults, the server clock, the request log and reset exist only in a test sandbox. Create a sandbox to use them; nobody else’s reading changes.';

export function LabPage() {
  const [state, setState] = useState<WorldState>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    void fetchCurrentWorld().then((result) => {
      if (current) setState(toWorldState(result));
    });
    return () => {
      current = false;
    };
  }, []);

  const recheck = useCallback(async () => setState(toWorldState(await fetchCurrentWorld())), []);

  /** A hook call found the world gone: the sandbox ended, or it has no hooks after all. */
  const onLost = useCallback((failure: LostWorld) => {
    if (failure.kind === 'sandbox-gone') setState({ status: 'gone' });
    else setState({ status: 'ok', world: { kind: 'default', testHooks: false } });
  }, []);

  const world = state.status === 'ok' ? state.world : undefined;
  const hooks = world !== undefined && (world.kind === 'sandbox' || world.testHooks);
  return (
    <section className="lab" aria-labelledby="lab-heading">
      <title>Test lab — Lede</title>
      <h1 id="lab-heading">Test lab</h1>
      <p className="simulation-notice">
        For testers exploring Lede by hand. Everything here acts on this browser’s world: its test sandbox, or the
        site’s own world. Readers never need this page.
      </p>
      <SandboxPanel state={state} recheck={recheck} />
      {world?.kind === 'default' && !world.testHooks && <p className="gate__notice">{NO_HOOKS}</p>}
      {world?.kind === 'default' && world.testHooks && (
        <p className="gate__notice">
          The test hooks are on in the site’s own world here: what you change below, every browser without a sandbox
          meets.
        </p>
      )}
      {hooks && (
        <HookPanels
          key={world.kind === 'sandbox' ? world.id : 'default'}
          sandbox={world.kind === 'sandbox' ? world.id : undefined}
          onLost={onLost}
        />
      )}
    </section>
  );
}

function toWorldState(result: CurrentResult): WorldState {
  switch (result.kind) {
    case 'ok':
      return { status: 'ok', world: result.world };
    case 'sandbox-gone':
      return { status: 'gone' };
    case 'failed':
      return { status: 'failed', message: result.message };
  }
}

/** Everything that needs the world's test hooks; keyed by the world, so a new world is read afresh. */
function HookPanels({ sandbox, onLost }: { sandbox: string | undefined; onLost: (failure: LostWorld) => void }) {
  const [live, setLive] = useState(true);
  const [logReads, setLogReads] = useState(0);
  // A reset changes what the paywall and clock panels show: they are read again.
  const [resets, setResets] = useState(0);
  const log = useRequestLog(sandbox, live, logReads);
  const inboxHeading = useId();

  useEffect(() => {
    if (log.status === 'lost') onLost(log.failure);
  }, [log, onLost]);

  // The newest request that met a world rule: when it changes, the rules' counts are read again.
  const firedKey = useMemo(() => {
    if (log.status !== 'ok') return '';
    const newest = log.requests.find((request) => request.fault !== undefined && request.fault !== 'header');
    return newest === undefined ? '' : `${newest.at} ${newest.method} ${newest.path} ${newest.fault ?? ''}`;
  }, [log]);

  return (
    <>
      <PaywallPanel key={`paywall-${resets}`} onLost={onLost} />
      <FaultsPanel onLost={onLost} firedKey={firedKey} />
      <ClockPanel key={`clock-${resets}`} onLost={onLost} heardNow={log.status === 'ok' ? log.serverNow : undefined} />
      <section className="lab__panel" aria-labelledby={inboxHeading}>
        <h2 id={inboxHeading}>Test inbox</h2>
        <p>
          Lede sends no real email: what it “sent” in this world lands in the <Link to={INBOX_PATH}>test inbox</Link>.
        </p>
      </section>
      <ResetPanel onLost={onLost} onReset={() => setResets((n) => n + 1)} />
      <RequestLogPanel
        log={log}
        live={live}
        setLive={setLive}
        reread={() => setLogReads((n) => n + 1)}
        onLost={onLost}
      />
    </>
  );
}
