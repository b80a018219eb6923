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

export function toLoginPath(returnPath: string): string {
  return `/login?${new URLSearchParams({ next: returnPath }).toString()}`;
}
