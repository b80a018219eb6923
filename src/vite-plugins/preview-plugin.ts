// Vite plugin for `npm run preview`, the production build as a host would serve it: the security
// headers the build wrote (Content-Security-Policy and friends) on every response, and gzip, as
// any real host compresses text. The dev server gets neither: Vite's client injects inline code.
import path from 'node:path';
import compression from 'compression';
import type { Connect, Plugin } from 'vite';
import { readSecurityHeaders, SECURITY_HEADERS_FILE } from './security-headers.ts';

export function previewPlugin(): Plugin {
  return {
    name: 'lede:preview',
    configurePreviewServer(server) {
      const headers = readSecurityHeaders(path.resolve(server.config.root, SECURITY_HEADERS_FILE));
      server.middlewares.use((_request, response, next) => {
        for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
        next();
      });
      // compression works on Node's own request and response (Connect's); its types name Express's.
      const compress = compression() as unknown as Connect.NextHandleFunction;
      server.middlewares.use(compress);
    },
  };
}
