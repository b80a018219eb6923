// Vite plugin: mounts the mock backend on /api/* (and /example-id/*, the mock identity provider's
// site) in both the dev server (`npm run dev`) and the preview server (`npm run preview`), so the
// app and its API share one origin.
import type { Connect, Plugin } from 'vite';
import { EXAMPLE_ID_PREFIX } from '../config/account-paths.ts';
import { createApiHandler } from '../server/handler.ts';
import {
  answerErrorsInJson,
  answerUnreadableRequest,
  apiListener,
  discardUnread,
  testHooksFromEnv,
} from '../server/node-edge.ts';
import type { SeedLibrary } from '../seed-files/seed-library.ts';

export function apiPlugin(library: SeedLibrary): Plugin {
  const mount = (middlewares: Connect.Server, testHooks: boolean): void => {
    const listener = apiListener(
      answerErrorsInJson(createApiHandler({ findArticle: library.findArticle, testHooks })),
      { onError: answerUnreadableRequest },
    );
    middlewares.use((request, response, next) => {
      const url = request.url ?? '';
      if (!url.startsWith('/api/') && !url.startsWith(EXAMPLE_ID_PREFIX)) return next();
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
