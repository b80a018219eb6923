// A browser on http://localhost for unit tests of the lab: its fetch talks to a real API handler
// (server/handler.ts) and keeps the cookies the answers set, as a browser's jar does, sending them
// unless a call says `credentials: 'omit'`.
import { vi } from 'vitest';
import type { ApiHandler } from '../server/handler.ts';

/** Stubs `fetch` for this test; returns the cookie jar, by name. */
export function browserOn(harness: { api: ApiHandler }): Map<string, string> {
  const jar = new Map<string, string>();
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size > 0 && init.credentials !== 'omit')
      headers.set('Cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    // The handler runs in this process: an abort is the page's business, not the request's.
    const { signal: _signal, ...rest } = init;
    const response = await harness.api(new Request(`http://localhost${input}`, { ...rest, headers }));
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/Max-Age=0/.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  });
  return jar;
}
