// Vite plugin for `npm run preview`, the production build as a host would serve it: the security
// headers the build wrote (Content-Security-Policy and friends) on every response, and gzip, as
// any real host compresses text. The dev server gets neither: Vite's client injects inline code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import type { Connect, Plugin } from 'vite';

/** Written by scripts/prerender.mjs into the build; configuration, not content, so never served. */
export const SECURITY_HEADERS_FILE = '.security-headers.json';

export function previewPlugin(): Plugin {
  return {
    name: 'lede:preview',
    configurePreviewServer(server) {
      const headers = readSecurityHeaders(path.resolve(server.config.root, server.config.build.outDir));
      server.middlewares.use((request, response, next) => {
        for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
        if (request.url?.split('?')[0] !== `/${SECURITY_HEADERS_FILE}`) return next();
        response.statusCode = 404;
        response.end();
      });
      // compression works on Node's own request and response (Connect's); its types name Express's.
      const compress = compression() as unknown as Connect.NextHandleFunction;
      server.middlewares.use(compress);
    },
  };
}

function readSecurityHeaders(outDir: string): Record<string, string> {
  const file = path.join(outDir, SECURITY_HEADERS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(
      `${file} is missing: build with \`npm run build\` (it prerenders and writes it) before previewing.`,
    );
  }
  const value: unknown = JSON.parse(text);
  const headers = typeof value === 'object' && value !== null ? Object.entries(value) : [];
  if (headers.length === 0 || !headers.every((entry): entry is [string, string] => typeof entry[1] === 'string')) {
    throw new Error(`${file} should map header names to strings.`);
  }
  return Object.fromEntries(headers);
}
