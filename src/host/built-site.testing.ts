// For tests of the production server: the real build in dist/ (built first when missing or older
// than its sources, as `npm start` does), and raw HTTP requests that no client library rewrites.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
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

export interface BuiltServer {
  origin: string;
  /** Every line the server has printed on stdout so far (JSON: `listening`, requests, `stopped`). */
  lines: string[];
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  process: ChildProcess;
}

/**
 * Starts the built production server (`node dist-host/main.js`) as its own process on a free
 * loopback port, with `env` added to this process's environment; resolves once it listens.
 */
export async function startBuiltServer(env: Record<string, string>): Promise<BuiltServer> {
  const server = spawn(process.execPath, [path.join(ROOT, 'dist-host', 'main.js'), '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  const lines: string[] = [];
  const origin = await new Promise<string>((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`the server exited with ${String(code)} before listening`)));
    createInterface({ input: server.stdout }).on('line', (line) => {
      lines.push(line);
      const message: unknown = JSON.parse(line);
      if (typeof message === 'object' && message !== null && 'port' in message) {
        resolve(`http://127.0.0.1:${String(message.port)}`);
      }
    });
  });
  return { origin, lines, exited, process: server };
}
