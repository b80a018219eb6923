// `npm run bench:host`: what serving costs, over loopback, for three servers of the same build
// side by side — the production server (dist-host/main.js), `vite preview`, and a bare node:http
// reference answering with the same bytes from memory and the same API handler
// (scripts/bench-reference.mjs) — on five routes: the article page, the hashed entry script,
// GET /api/session, the gated text as a subscriber, and a login. Rounds are interleaved (every
// server on a route, in a rotating order, then the next route), each LEDE_BENCH_SECONDS long
// (default 2) with 8 keep-alive clients; it prints requests/s (median of the rounds), p50 and p99
// latency, the server's CPU per request (from /proc: Linux only) and the ratio to the reference.
// Targets: the article page at ≥ 0.5× the reference, the API routes at ≥ 0.7×. Then the API
// routes again for state shared in Redis (a private redis-server on a free port): one instance
// with its state in memory, one instance on Redis, and two instances on one Redis with requests
// spread over both as a load balancer without sticky sessions would. Run after `npm run build`.
// A benchmark, not a test: a missed target prints MISSED and exits 0.
import { readFileSync, readdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { importTypeScript } from './import-typescript.mjs';
import { JSON_PORT, startServer } from './start-server.mjs';

const root = path.resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.LEDE_BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.LEDE_BENCH_ROUNDS ?? 3);
const CLIENTS = 8;
const TICKS_PER_SECOND = 100; // USER_HZ on Linux
const [{ API_PATHS, articlePath: pathOfArticle, gatedTextPath }, { DEMO_PASSWORD }] = await importTypeScript(
  '/src/config/paths.ts',
  '/src/paywall/personas.ts',
);
const SUBSCRIBER = JSON.stringify({ email: 'subscriber@example.com', password: DEMO_PASSWORD });

const slug = readdirSync(path.join(root, 'dist', 'articles'))
  .find((name) => name.endsWith('.html'))
  ?.replace(/\.html$/, '');
// The boot script names the app's entry (`e.src="/assets/index-….js"`).
const entry = /\bsrc="([^"]+\.js)"/.exec(readFileSync(path.join(root, 'dist', 'index.html'), 'utf8'))?.[1];
if (slug === undefined || entry === undefined) throw new Error('no build: run `npm run build` first');
const articlePath = pathOfArticle(slug);

/** Each route: how to ask, what answer counts, and the target against the reference. */
const ROUTES = [
  { name: 'article page', path: articlePath, method: 'GET', compressed: true, target: 0.5 },
  { name: 'hashed script', path: entry, method: 'GET', compressed: true },
  { name: 'GET /api/session', path: API_PATHS.session, method: 'GET', signedIn: true, target: 0.7 },
  { name: 'gated text (subscriber)', path: gatedTextPath(slug), method: 'GET', signedIn: true, target: 0.7 },
  { name: 'login', path: API_PATHS.session, method: 'POST', body: SUBSCRIBER, target: 0.7 },
];

const API_ROUTES = ROUTES.filter((route) => route.path.startsWith('/api/'));

const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const PRODUCTION = { args: ['dist-host/main.js', '--port', '0'], port: JSON_PORT };
const SERVERS = [
  { name: 'production server', ...PRODUCTION },
  { name: 'vite preview', args: [vite, 'preview', '--port', '0', '--host', '127.0.0.1'], port: /127\.0\.0\.1:(\d+)/ },
  {
    name: 'bare node:http',
    args: ['scripts/bench-reference.mjs', articlePath, entry],
    port: JSON_PORT,
    reference: true,
  },
];

/** The process's user + system CPU time in µs. */
function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1e6;
}

async function start(server) {
  const { child, port, stop } = await startServer({
    args: server.args,
    env: server.env,
    portPattern: server.port,
    name: server.name,
  });
  return { ...server, child, stop, port, ports: [port], next: 0, cookie: '' };
}

/** Several instances as one server: each request goes to the next in turn (no stickiness). */
async function startGroup(name, members) {
  const started = [];
  for (const member of members) started.push(await start({ name, ...member }));
  return {
    name,
    children: started.map((each) => each.child),
    stops: started.map((each) => each.stop),
    ports: started.map((each) => each.port),
    next: 0,
    cookie: '',
  };
}

/** One request; resolves with its status and how long it took (ms). */
function send(agent, server, route) {
  const headers = {
    ...(route.compressed ? { 'Accept-Encoding': 'br, gzip' } : {}),
    ...(route.signedIn ? { Cookie: server.cookie } : {}),
    ...(route.body === undefined ? {} : { 'Content-Type': 'application/json' }),
  };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const outgoing = request(
      {
        host: '127.0.0.1',
        port: server.ports[server.next++ % server.ports.length],
        path: route.path,
        method: route.method,
        agent,
        headers,
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode,
            ms: performance.now() - started,
            setCookie: response.headers['set-cookie'],
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(route.body);
  });
}

async function logIn(server) {
  const agent = new Agent({ keepAlive: false });
  const answer = await send(
    agent,
    server,
    ROUTES.find((route) => route.method === 'POST'),
  );
  const cookie = answer.setCookie?.[0]?.split(';')[0];
  if (answer.status !== 200 || cookie === undefined) throw new Error(`${server.name}: login answered ${answer.status}`);
  server.cookie = cookie;
}

/** CLIENTS keep-alive clients for SECONDS: requests/s, every latency, CPU µs per request. */
async function run(server, route) {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  for (let warm = 0; warm < 100; warm += 1) await send(agent, server, route);
  const children = server.children ?? [server.child];
  const cpuOf = () => children.reduce((sum, child) => sum + cpuMicros(child.pid), 0);
  const cpuBefore = cpuOf();
  const started = performance.now();
  const until = started + SECONDS * 1000;
  const latencies = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const answer = await send(agent, server, route);
        if (answer.status !== 200) throw new Error(`${server.name}, ${route.name}: answered ${answer.status}`);
        latencies.push(answer.ms);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    rate: latencies.length / seconds,
    latencies,
    cpu: (cpuOf() - cpuBefore) / latencies.length,
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** Interleaved rounds of every server on every route; route name → server name → figures. */
async function measure(servers, routes) {
  const results = new Map(
    routes.map((route) => [route.name, new Map(servers.map((s) => [s.name, { rates: [], latencies: [], cpu: [] }]))]),
  );
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const route of routes) {
      // A rotating order, so no server always runs first (or last) on a warm machine.
      const order = servers.map((_, i) => servers[(i + round) % servers.length]);
      for (const server of order) {
        const { rate, latencies, cpu } = await run(server, route);
        const into = results.get(route.name).get(server.name);
        into.rates.push(rate);
        into.latencies.push(...latencies);
        into.cpu.push(cpu);
      }
    }
  }
  return results;
}

/** Prints one table: every route and server, with its ratio to `reference`. */
function printTable(servers, routes, results, reference, onRatio = () => '') {
  const header = ['route', 'server', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', `× ${reference.name}`, 'target'];
  const rows = [];
  for (const route of routes) {
    const referenceRate = median(results.get(route.name).get(reference.name).rates);
    for (const server of servers) {
      const { rates, latencies, cpu } = results.get(route.name).get(server.name);
      const rate = median(rates);
      const ratio = rate / referenceRate;
      rows.push([
        route.name,
        server.name,
        Math.round(rate).toLocaleString('en-US'),
        percentile(latencies, 50).toFixed(2),
        percentile(latencies, 99).toFixed(2),
        Math.round(median(cpu)).toLocaleString('en-US'),
        server === reference ? '1.00' : ratio.toFixed(2),
        onRatio(route, server, ratio),
      ]);
    }
  }
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (row) =>
    `| ${row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

const servers = [];
const shared = [];
let redis;
try {
  for (const server of SERVERS) servers.push(await start(server));
  for (const server of servers) await logIn(server);
  const results = await measure(servers, ROUTES);
  const cpus = os.cpus();
  console.log(
    `\nLede serving benchmark — ${new Date().toISOString()}\n${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ` +
      `Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}; ${ROUNDS} interleaved rounds of ${SECONDS} s, ${CLIENTS} keep-alive clients\n`,
  );
  const verdicts = [];
  const reference = servers.find((server) => server.reference);
  printTable(servers, ROUTES, results, reference, (route, server, ratio) => {
    if (route.target === undefined || server.name !== 'production server') return '';
    const met = ratio >= route.target;
    verdicts.push(
      `${route.name}: ${ratio.toFixed(2)}× the reference (target ≥ ${route.target}) ${met ? 'met' : 'MISSED'}`,
    );
    return `≥ ${route.target}: ${met ? 'met' : 'MISSED'}`;
  });
  console.log(`\nProduction server: ${verdicts.join('; ')}.`);

  const [{ startRedisServer }] = await importTypeScript('/src/server/store/redis-server.testing.ts');
  redis = await startRedisServer();
  const onRedis = { ...PRODUCTION, env: { LEDE_REDIS_URL: redis.url } };
  shared.push(
    await startGroup('one instance, memory', [PRODUCTION]),
    await startGroup('one instance, Redis', [onRedis]),
    await startGroup('two instances, Redis', [onRedis, onRedis]),
  );
  for (const server of shared) await logIn(server);
  const sharedResults = await measure(shared, API_ROUTES);
  console.log(
    '\nState shared in Redis (a private redis-server on this machine; its CPU is not counted), the same clients:\n',
  );
  printTable(shared, API_ROUTES, sharedResults, shared[0]);
} finally {
  for (const server of servers) await server.stop();
  for (const group of shared) for (const stop of group.stops) await stop();
  await redis?.stop();
}
