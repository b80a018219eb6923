// The world's request log (GET /api/test/requests) as a table, newest first, updated live while the
// page is visible (use-request-log.ts). Live updates can be paused (WCAG 2.2.2): the table stays
// still to be read, and "Read now" reads it once.
import { useId, useState } from 'react';
import { clearRequests, type LostWorld } from '../../client-state/api-lab.ts';
import { LabAlert } from './LabField.tsx';
import type { RequestLogState } from './use-request-log.ts';

interface RequestLogPanelProps {
  log: RequestLogState;
  live: boolean;
  setLive: (live: boolean) => void;
  /** Reads the log again now. */
  reread: () => void;
  onLost: (failure: LostWorld) => void;
}

const timeOfDay = new Intl.DateTimeFormat('en-US', { timeStyle: 'medium' });

export function RequestLogPanel({ log, live, setLive, reread, onLost }: RequestLogPanelProps) {
  const [emptying, setEmptying] = useState(false);
  const [failure, setFailure] = useState<string>();
  const ids = { heading: useId(), caption: useId() };

  async function empty(): Promise<void> {
    if (emptying) return;
    setEmptying(true);
    setFailure(undefined);
    const result = await clearRequests();
    setEmptying(false);
    if (result.kind === 'ok') reread();
    else if (result.kind === 'failed') setFailure(result.message);
    else onLost(result);
  }

  const requests = log.status === 'ok' ? log.requests : [];
  return (
    <section className="lab__panel" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Request log</h2>
      <p>
        This world’s last 200 API requests, newest first,{' '}
        {live ? 'updated every 2 seconds while this page is in view' : 'paused'}. The log’s own reads are not listed;
        secrets in addresses are blanked.
      </p>
      <div className="lab__actions">
        <button type="button" className="button button--quiet" onClick={() => setLive(!live)}>
          {live ? 'Pause updates' : 'Resume updates'}
        </button>
        {!live && (
          <button type="button" className="button button--quiet" onClick={reread}>
            Read now
          </button>
        )}
        <button type="button" className="button button--quiet" aria-disabled={emptying} onClick={() => void empty()}>
          Empty the log
        </button>
      </div>
      {failure !== undefined && <LabAlert message={failure} onRetry={() => void empty()} />}
      {log.status === 'failed' && <LabAlert message={`The log could not be read. ${log.message}`} onRetry={reread} />}
      {log.status === 'ok' && log.failure !== undefined && (
        <LabAlert
          message={`The log could not be read again; it shows the last read. ${log.failure}`}
          onRetry={reread}
        />
      )}
      {log.status === 'loading' && <p>Reading the log…</p>}
      {log.status === 'ok' && requests.length === 0 && <p>No requests yet.</p>}
      {requests.length > 0 && (
        // Scrolls sideways on a narrow screen; focusable, so the keyboard can scroll it too.
        <div className="lab__scroll" role="region" aria-labelledby={ids.caption} tabIndex={0}>
          <table className="lab__table">
            <caption id={ids.caption}>Requests in this world</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Method</th>
                <th scope="col">Path</th>
                <th scope="col">Status</th>
                <th scope="col">Took</th>
                <th scope="col">Persona</th>
                <th scope="col">Fault</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request, index) => (
                // Entries have no id; newest first, so an entry's index shifts as new ones come.
                <tr key={`${requests.length - index}-${request.at}`}>
                  <td>
                    <time dateTime={request.at}>{timeOfDay.format(Date.parse(request.at))}</time>
                  </td>
                  <td>{request.method}</td>
                  <td>{request.path}</td>
                  <td>{request.status}</td>
                  <td>{request.durationMs} ms</td>
                  <td>{request.persona ?? ''}</td>
                  <td>{request.fault === undefined ? '' : <code>{request.fault}</code>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
