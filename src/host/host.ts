// The production server: the public build from memory, the mock API on /api/* (and the mock
// identity provider's site, /example-id/*, which the same handler answers), health checks,
// the security headers on every answer, one log line per request, and a graceful stop.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { answerErrorsInJson, answerUnreadableRequest, apiListener, discardUnread } from '../server/node-edge.ts';
import { ACCOUNT_PAGES, EXAMPLE_ID_PREFIX } from '../config/account-paths.ts';
import { ACCOUNT_PATH, INBOX_PATH, JOIN_PATH, LAB_PATH, SUBSCRIBE_PATH } from '../config/paths.ts';
import type { ApiHandler } from '../server/handler.ts';
import { chooseEncoding, type Encoding } from './accept-encoding.ts';
import type { StaticFile, StaticSite } from './static-site.ts';
import type { Store } from '../server/store/store.ts';

export interface HostOptions {
  site: StaticSite;
  api: ApiHandler;
  /** Where the API keeps its state: /readyz answers whether it answers. */
  store: Pick<Store, 'isReady'>;
  /** Sent on every response: the build's CSP and the other headers scripts/prerender.mjs wrote. */
  securityHeaders: Readonly<Record<string, string>>;
  /** Trust X-Forwarded-Proto from a TLS-terminating proxy: HSTS, and https URLs for the API. */
  trustProxy: boolean;
  /** Called with one JSON line per request; omitted, nothing is logged. */
  log?: (line: string) => void;
}

/** Routes of the app (src/app/App.tsx) that are not prerendered: the shell renders them in the browser. */
const APP_SHELL_PATHS: ReadonlySet<string> = new Set([
  SUBSCRIBE_PATH,
  JOIN_PATH,
  ACCOUNT_PATH,
  INBOX_PATH,
  LAB_PATH,
  ...Object.values(ACCOUNT_PAGES),
]);
const STATIC_METHODS = 'GET, HEAD';
const HSTS = 'max-age=31536000; includeSubDomains';
const NO_STORE = 'no-store';

export function createHost(options: HostOptions): Server {
  const listener = apiListener(answerErrorsInJson(options.api), { onError: answerUnreadableRequest });
  // Behind TLS the API must see an https URL: it marks its cookie Secure from the URL's protocol,
  // and compares Origin with it. Only the protocol is taken from the proxy, never the host.
  const secureListener = apiListener(answerErrorsInJson(options.api), {
    onError: answerUnreadableRequest,
    protocol: 'https:',
  });
  const server = createServer((request, response) => {
    const started = performance.now();
    const log = options.log;
    const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
    response.once('finish', () => discardUnread(request));
    // 'close' comes after the answer is sent, or when the client went away first (then said so).
    response.once('close', () => {
      log?.(
        JSON.stringify({
          time: new Date().toISOString(),
          method: request.method,
          path: rawPath,
          status: response.statusCode,
          ms: Math.round((performance.now() - started) * 10) / 10,
          ...(response.writableFinished ? {} : { aborted: true }),
        }),
      );
    });
    const behindTls = options.trustProxy && forwardedProto(request) === 'https';
    for (const [name, value] of Object.entries(options.securityHeaders)) response.setHeader(name, value);
    if (behindTls) response.setHeader('Strict-Transport-Security', HSTS);

    if (rawPath.startsWith('/api/') || rawPath.startsWith(EXAMPLE_ID_PREFIX)) {
      void (behindTls ? secureListener : listener)(request, response);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuseMethod(response);
    if (rawPath === '/healthz') return answerText(request, response, 200, 'ok');
    if (rawPath === '/readyz') {
      void options.store.isReady().then(
        (ready) => answerText(request, response, ready ? 200 : 503, ready ? 'ready' : 'not ready'),
        () => answerText(request, response, 503, 'not ready'),
      );
      return;
    }
    serveStatic(options.site, request, response, rawPath);
  });
  return server;
}

/**
 * Stops taking connections, lets the requests in flight finish (a slow login's 3 s included),
 * closes idle keep-alive connections as they free up, and resolves once all are gone. After
 * `graceMs` whatever is left is cut, and it resolves false.
 */
export function shutDown(server: Server, graceMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve(false);
    }, graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve(true);
    });
    // A keep-alive connection becomes idle when its answer is sent: close it then.
    server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
      response.once('finish', () => server.closeIdleConnections());
    });
    server.closeIdleConnections();
  });
}

/** Everything outside /api/ and /example-id/ is read-only. */
function refuseMethod(response: ServerResponse): void {
  response.writeHead(405, { Allow: STATIC_METHODS, 'Content-Length': 0, 'Cache-Control': NO_STORE });
  response.end();
}

function forwardedProto(request: IncomingMessage): string | undefined {
  const value = request.headers['x-forwarded-proto'];
  const first = (Array.isArray(value) ? value[0] : value)?.split(',')[0];
  return first?.trim().toLowerCase();
}

function answerText(request: IncomingMessage, response: ServerResponse, status: number, text: string): void {
  const body = Buffer.from(`${text}\n`);
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': NO_STORE,
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function serveStatic(site: StaticSite, request: IncomingMessage, response: ServerResponse, rawPath: string): void {
  const urlPath = decodePath(rawPath);
  if (urlPath === undefined) return sendFile(request, response, 400, site.notFound);
  const file = site.find(urlPath);
  if (file !== undefined) return sendFile(request, response, 200, file);
  if (APP_SHELL_PATHS.has(urlPath)) return sendFile(request, response, 200, site.shell);
  sendFile(request, response, 404, site.notFound);
}

/** The path as the site table spells it, or undefined when it cannot be decoded or holds a NUL. */
function decodePath(rawPath: string): string | undefined {
  try {
    const decoded = decodeURIComponent(rawPath);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

function sendFile(request: IncomingMessage, response: ServerResponse, status: number, file: StaticFile): void {
  const available = new Set(file.representations.keys());
  const encoding: Encoding = chooseEncoding(request.headers['accept-encoding'], available);
  const representation = file.representations.get(encoding) ?? file.representations.get('identity');
  if (representation === undefined) throw new Error('a static file without its plain form');
  const headers: Record<string, string | number> = {
    'Content-Type': file.contentType,
    'Cache-Control': status === 200 ? file.cacheControl : 'no-cache',
    ETag: representation.etag,
  };
  // Caches must keep the forms apart when there is more than one.
  if (available.size > 1) headers.Vary = 'Accept-Encoding';
  if (status === 200 && matchesEtag(request.headers['if-none-match'], representation.etag)) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
  headers['Content-Length'] = representation.body.length;
  response.writeHead(status, headers);
  // Node sends no body for HEAD whatever is written; not writing it saves the copy.
  response.end(request.method === 'HEAD' ? undefined : representation.body);
}

/** If-None-Match by weak comparison (RFC 9110 §13.1.2): `*`, or any listed tag, W/ or not. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
