// Where to go after logging in. Only same-origin paths from `?next=` are honoured.

const ORIGIN = 'http://lede.invalid';

/** `/articles/x` stays; `https://evil.example`, `//evil.example`, `/\evil` and `javascript:` become `/`. */
export function toReturnPath(next: string | null): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  const url = new URL(next, ORIGIN);
  // Dot segments can turn `/.//evil.example` into `//evil.example`: check the normalised path too.
  if (url.origin !== ORIGIN || url.pathname.startsWith('//')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Navigation state for the return after login: focus the text the reader came for. */
export const FOCUS_GATED = { focus: 'gated' } as const;

export function isFocusGated(state: unknown): boolean {
  return typeof state === 'object' && state !== null && 'focus' in state && state.focus === FOCUS_GATED.focus;
}

export function toLoginPath(returnPath: string): string {
  return `/login?${new URLSearchParams({ next: returnPath }).toString()}`;
}

/** The mock plans page, returning to `returnPath` once subscribed. */
export function toSubscribePath(returnPath: string): string {
  return `/subscribe?${new URLSearchParams({ next: returnPath }).toString()}`;
}
