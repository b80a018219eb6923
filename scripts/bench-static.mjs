// The static reference of `npm run bench`: the article's public text as one plain HTML page, no
// script, written into a temp folder of its own (never into the build) and served by a tiny
// node:http server in the bench's process on a free loopback port. It answers the page the way the
// production server answers a prerendered page: brotli (quality 11, as scripts/precompress.mjs
// writes it) when the request accepts it (the production server's own choice of encoding, passed
// in), with the same Content-Type, Cache-Control: no-cache and Vary: Accept-Encoding, and the
// build's security headers. Those are the host's, the same for every page it serves, and one of
// them costs a fresh tab's first paint: Cross-Origin-Opener-Policy makes Chromium move the page to
// a new process when the tab's first (about:blank) document could otherwise have kept its own
// (about 40 ms at the bench's throttling). The same page without them is served too, at
// BARE_PATH, so the bench can show what the headers alone cost.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The page's path on the reference server: with the host's headers. */
export const STATIC_PATH = '/static';
/** The same page without the security headers. */
export const BARE_PATH = '/static-bare';

/** The same public text as the article page (headline, dateline, lead, free body) with the same inline CSS. */
export function staticPageHtml(article, css) {
  const escape = (text) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(article.headline)}</title><style>${css}</style></head><body><main id="main"><article class="article"><h1 elementtiming="headline">${escape(article.headline)}</h1><p class="dateline">${escape(article.dateline)}</p><div class="article__body"><p class="lead" elementtiming="lead">${escape(article.lead)}</p>${article.freeBody.map((p) => `<p>${escape(p)}</p>`).join('')}</div></article></main></body></html>`;
}

/**
 * Writes the page (and its brotli and gzip copies) into a new `lede-bench-…` folder under the OS's
 * temp folder and serves it on `host`, port 0. `close()` stops the server and deletes the folder;
 * `folder` is there for a last-resort cleanup when the process ends another way.
 * @param {object} options
 * @param {string} options.html
 * @param {(header: string | undefined, available: ReadonlySet<string>) => string} options.chooseEncoding
 * @param {string} options.host
 * @param {Readonly<Record<string, string>>} options.securityHeaders what the production server adds to every answer
 */
export async function serveStaticReference({ html, chooseEncoding, host, securityHeaders }) {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'lede-bench-'));
  try {
    const file = path.join(folder, 'static.html');
    writeFileSync(file, html);
    writeFileSync(`${file}.br`, brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(`${file}.gz`, gzipSync(html, { level: 9 }));
    // Read back once, as the production server reads the build once at start.
    const forms = new Map(
      [
        ['identity', ''],
        ['br', '.br'],
        ['gzip', '.gz'],
      ].map(([encoding, suffix]) => {
        const body = readFileSync(`${file}${suffix}`);
        return [encoding, { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` }];
      }),
    );
    const available = new Set(forms.keys());
    const server = createServer((request, response) => {
      const urlPath = (request.url ?? '/').split('?')[0];
      if (
        (urlPath !== STATIC_PATH && urlPath !== BARE_PATH) ||
        (request.method !== 'GET' && request.method !== 'HEAD')
      ) {
        response.writeHead(404, { 'Content-Length': 0, 'Cache-Control': 'no-store' }).end();
        return;
      }
      const encoding = chooseEncoding(request.headers['accept-encoding'], available);
      const form = forms.get(encoding) ?? forms.get('identity');
      const headers = {
        ...(urlPath === STATIC_PATH ? securityHeaders : {}),
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-cache',
        ETag: form.etag,
        Vary: 'Accept-Encoding',
        'Content-Length': form.body.length,
      };
      if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
      response.writeHead(200, headers);
      response.end(request.method === 'HEAD' ? undefined : form.body);
    });
    const port = await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve(server.address().port));
    });
    return {
      folder,
      url: `http://${host}:${port}${STATIC_PATH}`,
      bareUrl: `http://${host}:${port}${BARE_PATH}`,
      bytes: { br: forms.get('br').body.length, gzip: forms.get('gzip').body.length },
      async close() {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(() => resolve()));
        rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}
