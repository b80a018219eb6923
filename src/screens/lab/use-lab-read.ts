// What a lab panel shows is read from its world when the panel mounts, again when the reader asks
// after a failed read ("Try again"), and again whenever `key` changes. A failed read is the
// panel's to say; a world gone from under it (its sandbox ended, or it serves no test hooks) is
// the page's, which asks which world the browser is in.
import { useEffect, useEffectEvent, useState } from 'react';
import type { LabFailure, LostWorld } from '../../client-state/api-lab.ts';

/** A failed read or change, in the lab's words, and what "Try again" does (if anything). */
export interface PanelFailure {
  message: string;
  retry?: () => void;
}

export function useLabRead<T extends { kind: 'ok' }>(
  read: () => Promise<T | LabFailure>,
  handlers: {
    onRead: (answer: T) => void;
    onFailed: (failure: PanelFailure) => void;
    onLost: (lost: LostWorld) => void;
  },
  key?: string,
): void {
  const [reads, setReads] = useState(0);
  const answered = useEffectEvent((result: T | LabFailure) => {
    if (result.kind === 'ok') handlers.onRead(result as T);
    else if (result.kind === 'failed')
      handlers.onFailed({ message: result.message, retry: () => setReads((n) => n + 1) });
    else handlers.onLost(result);
  });
  useEffect(() => {
    let current = true;
    void read().then((result) => {
      if (current) answered(result);
    });
    return () => {
      current = false;
    };
  }, [read, reads, key]);
}
