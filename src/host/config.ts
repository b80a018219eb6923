// The production server's settings, read once at start from the environment (and `--port`), so
// the rest of src/host takes plain values and tests pass their own.
import { testHooksFromEnv } from '../server/node-edge.ts';

export interface HostConfig {
  port: number;
  host: string;
  /** The default world's test hooks (`/api/test/*`): off unless LEDE_TEST_HOOKS=1. */
  testHooks: boolean;
  /** Behind a TLS-terminating proxy that sets X-Forwarded-Proto (LEDE_TRUST_PROXY=1). */
  trustProxy: boolean;
  /** Where state is kept, shared with every instance given the same URL; undefined: this process's memory. */
  redisUrl: string | undefined;
  /** One JSON line per request on stdout, unless LEDE_LOG=silent (or NODE_ENV=test without LEDE_LOG). */
  logRequests: boolean;
}

/** The port `npm run preview` used, which LEDE_SITE_URL's default names too. */
export const DEFAULT_PORT = 4173;

export function readHostConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): HostConfig {
  return {
    redisUrl: readRedisUrl(env.LEDE_REDIS_URL),
    port: readPort(portFromArgv(argv) ?? env.PORT),
    host: env.HOST === undefined || env.HOST === '' ? 'localhost' : env.HOST,
    testHooks: testHooksFromEnv(false, env),
    trustProxy: readFlag('LEDE_TRUST_PROXY', env.LEDE_TRUST_PROXY),
    logRequests: readLog(env),
  };
}

/** `--port 8080` or `--port=8080`: what `vite preview` took, so `npm start -- --port 8080` works. */
function portFromArgv(argv: readonly string[]): string | undefined {
  for (const [index, argument] of argv.entries()) {
    if (argument === '--port') {
      const value = argv[index + 1];
      if (value === undefined) throw new Error('--port needs a number');
      return value;
    }
    if (argument.startsWith('--port=')) return argument.slice('--port='.length);
  }
  return undefined;
}

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new Error(`The port should be 0 to 65535, not "${value}".`);
  return port;
}

/** `redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS: anything else is a typo. */
function readRedisUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') {
    // The value may hold a password: it is not repeated.
    throw new Error('LEDE_REDIS_URL should be a redis:// or rediss:// URL, such as redis://localhost:6379.');
  }
  return value;
}

function readFlag(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === '0') return false;
  if (value === '1') return true;
  throw new Error(`${name} should be 1 or 0, not "${value}".`);
}

function readLog(env: NodeJS.ProcessEnv): boolean {
  const value = env.LEDE_LOG;
  if (value === 'silent') return false;
  if (value === 'requests') return true;
  if (value === undefined || value === '') return env.NODE_ENV !== 'test';
  throw new Error(`LEDE_LOG should be "requests" or "silent", not "${value}".`);
}
