// For tests of the production server: the real build in dist/ (built first when missing or older
// than its sources, as `npm start` does), and raw HTTP requests that no client library rewrites.
import { execFileSync } from 'node:child_process';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { PRECOMPRESSED_DIR, whyBuild } from '../../scripts/build-freshness.mjs';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DIST = path.join(ROOT, 'dist');
export const PRECOMPRESSED = path.join(ROOT, PRECOMPRESSED_DIR);

/** A build takes seconds: give the hook that calls this a long timeout. */
export function ensureBuilt(): void {
  if (whyBuild(ROOT) === undefined) return;
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One request with the path sent exactly as given: `fetch` and `URL` would resolve `..`, turn
 * `\` into `/` and drop what a hostile client sends on purpose.
 */
export function rawRequest(
  origin: string,
  rawPath: string,
  {
    method = 'GET',
    headers = {},
    body,
  }: { method?: string; headers?: Record<string, string>; body?: string | undefined } = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ hostname, port, path: rawPath, method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}
