// What every server that mounts the mock API does around it (the Vite plugin for `npm run dev`
// and `npm run preview`, and the production server in src/host): errors answered in JSON, unread
// bodies drained, and the default world's test hooks chosen by LEDE_TEST_HOOKS.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequestListener, type RequestListenerOptions } from '@remix-run/node-fetch-server';
import { SeedError } from '../content/seed-error.ts';
import { isDroppedConnection } from './dropped-connection.ts';
import type { ApiHandler } from './handler.ts';

export const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * The default world's test hooks: LEDE_TEST_HOOKS=1 or 0 says, otherwise the server's own default
 * (on in the dev server, off wherever the production build is served). Sandboxes have theirs
 * whatever this says.
 */
export function testHooksFromEnv(fallback: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.LEDE_TEST_HOOKS;
  if (value === '1') return true;
  if (value === '0') return false;
  return fallback;
}

/** Reached only when Node's request cannot become a Request (a malformed Host header, say). */
export function answerUnreadableRequest(): Response {
  return Response.json({ error: 'The request could not be read.' }, { status: 400, headers: NO_STORE });
}

/**
 * A body the handler refused unread (a 413, a PUT's 405) stays paused in Node, and a keep-alive
 * connection would wait on it for ever: let the rest flow away so the next request is heard.
 */
export function discardUnread(request: IncomingMessage): void {
  if (!request.complete) request.resume();
}

/**
 * Errors become JSON like every other answer. A seed broken while `npm run dev` runs makes the
 * service unavailable (503) until it is fixed; anything else is our bug (500).
 */
export function answerErrorsInJson(handler: ApiHandler): ApiHandler {
  return async (request) => {
    try {
      return await handler(request);
    } catch (error) {
      if (!(error instanceof SeedError)) {
        console.error(error);
        return Response.json({ error: 'Internal error in the mock backend.' }, { status: 500, headers: NO_STORE });
      }
      return Response.json(
        { error: `The articles could not be loaded: ${error.message}` },
        { status: 503, headers: NO_STORE },
      );
    }
  };
}

/**
 * Node's listener for the API: each request through `handler` as a web Request, its Response
 * written back — except a simulated reset (dropped-connection.ts), whose socket is destroyed
 * before anything is written.
 */
export function apiListener(
  handler: ApiHandler,
  options: RequestListenerOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    void createRequestListener(async (webRequest) => {
      const answer = await handler(webRequest);
      if (isDroppedConnection(answer)) response.destroy();
      return answer;
    }, options)(request, response);
  };
}
