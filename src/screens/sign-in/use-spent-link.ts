// Spending a mailed link once its page opens (an unlock link, a verification link): the page posts
// the token, once — a ref, not state, so React's development double effect does not spend it twice.
import { useEffect, useRef, useState } from 'react';
import type { LinkResult } from '../../client-state/api-account-links.ts';

export type SpentLink = { status: 'spending' } | { status: 'spent'; result: LinkResult };

/** `token` undefined: no link to spend (the page shows something else). */
export function useSpentLink(token: string | undefined, spend: (token: string) => Promise<LinkResult>) {
  const [state, setState] = useState<SpentLink>({ status: 'spending' });
  const [attempt, setAttempt] = useState(0);
  const sent = useRef<string | undefined>(undefined);
  useEffect(() => {
    const key = `${token}#${attempt}`;
    if (token === undefined || sent.current === key) return;
    sent.current = key;
    void spend(token).then((result) => setState({ status: 'spent', result }));
  }, [token, attempt, spend]);
  function retry() {
    setState({ status: 'spending' });
    setAttempt((n) => n + 1);
  }
  return { state, retry };
}
