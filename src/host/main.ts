// `npm start`: the production server. Built by `npm run build` into dist-host/main.js (plain
// JavaScript for Node 20, no TypeScript loader at run time); the paths below are relative to it.
import path from 'node:path';
import { createSeedLibrary } from '../seed-files/seed-library.ts';
import { readSecurityHeaders, SECURITY_HEADERS_FILE } from '../vite-plugins/security-headers.ts';
import { createApiHandler, createProcessStore } from '../server/handler.ts';
import { SANDBOX_IDLE_MS } from '../server/sandboxes.ts';
import { createRedisStore } from '../server/store/redis-store.ts';
import { readHostConfig } from './config.ts';
import { createHost, shutDown } from './host.ts';
import { loadStaticSite } from './static-site.ts';

/** Requests still running this long after SIGTERM are cut: orchestrators kill at about 30 s. */
const SHUTDOWN_GRACE_MS = 20_000;

const here = import.meta.dirname;
const root = path.resolve(here, '..');
const config = readHostConfig(process.env, process.argv.slice(2));
const library = createSeedLibrary(path.resolve(root, process.env.LEDE_SEEDS_DIR ?? 'seeds'), root);
// Read at start, so a broken seed stops the server before it takes a request.
library.articles();
// LEDE_REDIS_URL: state shared with every instance given the same Redis; otherwise this process's memory.
const store =
  config.redisUrl === undefined
    ? createProcessStore()
    : createRedisStore({
        url: config.redisUrl,
        scopeIdleMs: SANDBOX_IDLE_MS,
        log: (message) => process.stderr.write(`${JSON.stringify({ event: 'store', message })}\n`),
      });
const server = createHost({
  site: loadStaticSite(path.join(root, 'dist'), path.join(root, 'dist-host', 'precompressed')),
  api: createApiHandler({ findArticle: library.findArticle, testHooks: config.testHooks, store }),
  store,
  securityHeaders: readSecurityHeaders(path.join(root, SECURITY_HEADERS_FILE)),
  trustProxy: config.trustProxy,
  ...(config.logRequests ? { log: (line: string) => process.stdout.write(`${line}\n`) } : {}),
});

server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  // Always printed, logs or not: it is how a script that asked for port 0 learns the port.
  process.stdout.write(
    `${JSON.stringify({ event: 'listening', url: `http://${config.host}:${port}`, port, testHooks: config.testHooks, store: store.kind })}\n`,
  );
});

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void shutDown(server, SHUTDOWN_GRACE_MS).then(async (clean) => {
      await store.close();
      process.stdout.write(`${JSON.stringify({ event: 'stopped', signal, clean })}\n`);
      process.exit(clean ? 0 : 1);
    });
  });
}
