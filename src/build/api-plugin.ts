// Vite plugin: mounts the mock backend on /api/* in both the dev server (`npm start`) and
// the preview server (`npm run preview`), so the app and its API share one origin.
import type { IncomingMessage } from 'node:http';
import { createRequestListener } from '@remix-run/node-fetch-server';
import type { Connect, Plugin } from 'vite';
import { SeedError } from '../content/seed-error.ts';
import { createApiHandler, type ApiHandler } from '../server/handler.ts';
import type { SeedLibrary } from './seed-library.ts';

export function apiPlugin(library: SeedLibrary): Plugin {
  const mount = (middlewares: Connect.Server, testHooks: boolean): void => {
    const listener = createRequestListener(
      answerErrorsInJson(createApiHandler({ findArticle: library.findArticle, testHooks })),
      {
        // Reached only when Node's request cannot become a Request (a malformed Host header, say).
        onError: () => Response.json({ error: 'The request could not be read.' }, { status: 400, headers: NO_STORE }),
      },
    );
    middlewares.use((request, response, next) => {
      if (!request.url?.startsWith('/api/')) return next();
      response.once('finish', () => discardUnread(request));
      void listener(request, response);
    });
  };
  return {
    name: 'lede:api',
    // The default world's test hooks: on in the dev server, off in the production build's, and
    // LEDE_TEST_HOOKS=1 or 0 says otherwise. Sandboxes have theirs whatever this says.
    configureServer: (server) => mount(server.middlewares, testHooksFromEnv(true)),
    configurePreviewServer: (server) => mount(server.middlewares, testHooksFromEnv(false)),
  };
}

function testHooksFromEnv(fallback: boolean): boolean {
  const value = process.env.LEDE_TEST_HOOKS;
  if (value === '1') return true;
  if (value === '0') return false;
  return fallback;
}

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * A body the handler refused unread (a 413, a PUT's 405) stays paused in Node, and a keep-alive
 * connection would wait on it for ever: let the rest flow away so the next request is heard.
 */
function discardUnread(request: IncomingMessage): void {
  if (!request.complete) request.resume();
}

/**
 * Errors become JSON like every other answer. A seed broken while `npm start` runs makes the
 * service unavailable (503) until it is fixed; anything else is our bug (500).
 */
function answerErrorsInJson(handler: ApiHandler): ApiHandler {
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
