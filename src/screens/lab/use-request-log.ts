// The request log, read again every LOG_POLL_MS while the page is visible and the tester has not
// paused it; hidden, paused or left, it asks nothing. Polling rather than a stream (decision 049):
// between two reads the page has no request open, so Playwright's networkidle still comes.
import { useEffect, useState } from 'react';
import { fetchRequests, type LostWorld, type LoggedRequest } from '../../client-state/api-lab.ts';

export const LOG_POLL_MS = 2_000;

export type RequestLogState =
  | { status: 'loading' }
  | {
      status: 'ok';
      requests: LoggedRequest[];
      /** The world's time when the log answered, if it said. */
      serverNow?: number;
      /** A read after this one failed: what was last read stays on show. */
      failure?: string;
    }
  | { status: 'failed'; message: string }
  /** The world has no hooks, or its sandbox ended: reading again will not help. */
  | { status: 'lost'; failure: LostWorld };

/**
 * `sandbox`: the world's (undefined: the site's own); `live`: poll; false reads once when asked
 * (`reads` changes) and then waits.
 */
export function useRequestLog(sandbox: string | undefined, live: boolean, reads: number): RequestLogState {
  const [state, setState] = useState<RequestLogState>({ status: 'loading' });

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let asking = false;
    const controller = new AbortController();

    async function read(): Promise<void> {
      timer = undefined;
      if (asking || document.visibilityState !== 'visible') return;
      asking = true;
      const result = await fetchRequests(sandbox, controller.signal);
      asking = false;
      if (stopped) return;
      if (result.kind === 'ok') {
        const { requests, serverNow } = result;
        setState(serverNow === undefined ? { status: 'ok', requests } : { status: 'ok', requests, serverNow });
      } else if (result.kind === 'failed') {
        // A failed read keeps what was shown, and says so; the next read may well work.
        setState((now) =>
          now.status === 'ok' ? { ...now, failure: result.message } : { status: 'failed', message: result.message },
        );
      } else {
        return setState({ status: 'lost', failure: result });
      }
      if (live) timer = setTimeout(() => void read(), LOG_POLL_MS);
    }

    function onVisibilityChange(): void {
      if (document.visibilityState !== 'visible') {
        clearTimeout(timer);
        timer = undefined;
      } else if (live && timer === undefined) {
        void read();
      }
    }

    void read();
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller.abort();
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [sandbox, live, reads]);

  return state;
}
