// Vite plugin: mounts the mock backend on /api/* in both the dev server (`npm start`) and
// the preview server (`npm run preview`), so the app and its API share one origin.
import { createRequestListener } from '@remix-run/node-fetch-server';
import type { Connect, Plugin } from 'vite';
import { createApiHandler } from '../server/handler.ts';
import type { SeedLibrary } from './seed-library.ts';

export function apiPlugin(library: SeedLibrary): Plugin {
  const listener = createRequestListener(createApiHandler({ findArticle: library.findArticle }));
  const mount = (middlewares: Connect.Server): void => {
    middlewares.use((request, response, next) => {
      if (request.url?.startsWith('/api/')) void listener(request, response);
      else next();
    });
  };
  return {
    name: 'lede:api',
    configureServer: (server) => mount(server.middlewares),
    configurePreviewServer: (server) => mount(server.middlewares),
  };
}
