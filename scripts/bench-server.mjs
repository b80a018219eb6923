// `npm run bench:server`: floods the API handler in-process and prints, in one table:
//   1. 50,000 failed logins, each with a new email (401), then 50,000 successful logins of
//      subscriber@example.com without a cookie (200, each a new session): requests/s over the
//      first and the last 10 % of each flood, their ratio (target: last ≥ 0.8 × first) and the
//      median latency of a request in each;
//   2. the heap used (after a forced GC) before the floods, after each, and after the server's
//      clock has passed every session and throttle window and a few ordinary requests have been
//      served: whether the memory the floods took came back;
//   3. what a sandbox filled to every limit holds (sessions of both kinds, throttled and failing
//      emails, plus-addressed accounts), measured over FULL_SANDBOXES of them, and so the most
//      memory all the sandboxes allowed at once could take.
// The handler is `createApiHandler` from src/server/handler.ts, loaded through Vite (the sources
// are TypeScript) and called with web-standard `Request`s: no HTTP, so the figures are the
// handler's, not a socket's. Its clock is injected and stands still during a flood.
// Run: `npm run bench:server` (or `node --expose-gc scripts/bench-server.mjs`; without the flag
// the script starts itself again with it). A benchmark, not a test: a missed target is printed
// as MISSED and the exit code is 0; it fails only if it cannot measure.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { importTypeScript } from './import-typescript.mjs';

if (typeof globalThis.gc !== 'function') {
  const { status, signal } = spawnSync(
    process.execPath,
    [...process.execArgv, '--expose-gc', ...process.argv.slice(1)],
    {
      stdio: 'inherit',
    },
  );
  process.exit(status ?? (signal === null ? 1 : 128 + os.constants.signals[signal]));
}

// The server's code, the app's paths and the demo password, through one loader.
const [
  { createApiHandler },
  { loadRealSeed },
  { SANDBOX_WORLD_LIMITS },
  { MAX_SANDBOXES },
  { API_PATHS, gatedTextPath },
  { DEMO_PASSWORD },
] = await importTypeScript(
  '/src/server/handler.ts',
  '/src/seed-files/real-seed.ts',
  '/src/server/world.ts',
  '/src/server/sandboxes.ts',
  '/src/config/paths.ts',
  '/src/paywall/personas.ts',
);

const FLOOD = 50_000;
const SLICE = FLOOD / 10;
const WARM_UP = 2_000;
/**
 * Rounds of both floods, each on a fresh handler: the table shows the round with the median
 * failed-login ratio, and the spread of both ratios over all rounds (this machine is shared, so
 * one round can be slowed by anything else running). LEDE_BENCH_ROUNDS sets it.
 */
const ROUNDS = Number(process.env.LEDE_BENCH_ROUNDS ?? 5);
/** Requests built ahead of each timed stretch; a tenth of the flood is a whole number of batches. */
const BATCH = 100;
const TARGET_RATIO = 0.8;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/**
 * Past every window: a standard session's 30 idle minutes and 12 hours, a persistent one's 7 idle
 * days and 30 days, the throttle's 15-minute window and lockout.
 */
const ADVANCE_MS = 30 * DAY + MINUTE;
/** Ordinary requests after the clock has moved, so that any sweep done lazily has run. */
const AFTERWARDS = 10;
/**
 * The memory "came back" when the heap after the clock has moved is at most this much above the
 * heap before the floods: the larger of 2 MB (what the first requests may leave behind: compiled
 * code, caches) and a tenth of what the floods added. Measured against what the floods added,
 * not as a multiple of the heap before, which holds Vite and so would hide a leak of sessions.
 */
const HEAP_ALLOWANCE = 2 * 2 ** 20;
const HEAP_KEPT_SHARE = 0.1;

const ORIGIN = 'http://localhost';
const SUBSCRIBER = { email: 'subscriber@example.com', password: DEMO_PASSWORD };

const login = (credentials, cookie) =>
  new Request(`${ORIGIN}${API_PATHS.session}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(cookie === undefined ? {} : { Cookie: cookie }) },
    body: JSON.stringify(credentials),
  });
const failedLogin = (label) => login({ email: `flood-${label}@example.com`, password: 'wrong' });
const whoAmI = (cookie) =>
  new Request(`${ORIGIN}${API_PATHS.session}`, cookie === undefined ? {} : { headers: { Cookie: cookie } });

async function heapUsed() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

function loadHandler() {
  return { createApiHandler, article: loadRealSeed(), limits: SANDBOX_WORLD_LIMITS, maxSandboxes: MAX_SANDBOXES };
}

/** A clock the benchmark moves: it stands still unless told. */
function fakeClock() {
  let time = Date.now();
  return { now: () => time, advance: (ms) => (time += ms) };
}

/**
 * Sends `count` requests one after another. They are built in batches before the timed part, so
 * requests/s is the handler's alone: the time spent awaiting it (and checking the status) over a
 * tenth of the flood. The latency is each request's own `await`.
 */
async function flood(handler, count, makeRequest, expectedStatus) {
  const latencies = new Float64Array(count);
  const sliceMs = new Float64Array(10);
  let unexpected;
  let last;
  for (let batchStart = 0; batchStart < count; batchStart += BATCH) {
    const batch = Array.from({ length: BATCH }, (_, j) => makeRequest(batchStart + j));
    const batchStarted = performance.now();
    for (let j = 0; j < BATCH; j++) {
      const started = performance.now();
      const response = await handler(batch[j]);
      latencies[batchStart + j] = performance.now() - started;
      if (response.status !== expectedStatus && unexpected === undefined) {
        unexpected = { i: batchStart + j, status: response.status };
      }
      last = response;
    }
    sliceMs[Math.floor(batchStart / SLICE)] += performance.now() - batchStarted;
  }
  if (unexpected !== undefined) {
    throw new Error(`request ${unexpected.i + 1} answered ${unexpected.status}, expected ${expectedStatus}`);
  }
  const rate = (slice) => SLICE / (sliceMs[slice] / 1000);
  const median = (slice) => {
    const sorted = latencies.slice(slice * SLICE, (slice + 1) * SLICE).sort();
    return (sorted[SLICE / 2 - 1] + sorted[SLICE / 2]) / 2;
  };
  const first = rate(0);
  const lastRate = rate(9);
  return {
    first,
    last: lastRate,
    ratio: lastRate / first,
    medianFirst: median(0),
    medianLast: median(9),
    seconds: sliceMs.reduce((total, ms) => total + ms, 0) / 1000,
    lastResponse: last,
  };
}

/** Sandboxes filled to their limits, to measure what one holds at most. */
const FULL_SANDBOXES = 10;

/** Fills one sandbox to every limit through the API: the most it can hold. */
async function fillSandbox(handler, limits, article) {
  const created = await handler(new Request(`${ORIGIN}${API_PATHS.sandboxes}`, { method: 'POST' }));
  const { id } = await created.json();
  const inSandbox = (request) => {
    const headers = new Headers(request.headers);
    headers.set('Lede-Sandbox', id);
    return handler(new Request(request, { headers }));
  };
  for (let i = 0; i < limits.sessions; i++) {
    for (const remember of [false, true]) {
      const response = await inSandbox(login({ ...SUBSCRIBER, email: `subscriber+${i}@example.com`, remember }));
      const cookie = response.headers.get('Set-Cookie')?.split(';')[0];
      // A subscription per address: the account map fills too.
      if (!remember && i < limits.accounts) {
        await inSandbox(
          new Request(`${ORIGIN}${API_PATHS.subscription}`, { method: 'POST', headers: { Cookie: cookie } }),
        );
      }
    }
  }
  for (let i = 0; i < limits.throttle; i++) {
    await inSandbox(failedLogin(`sandbox-${i}`));
    for (let attempt = 0; attempt < 5; attempt++) await inSandbox(failedLogin(`locked-out-${i}`));
  }
  // Metered by views, at the largest allowance: every reader the meters hold, each with every read kept.
  const metered = { model: 'metered', meter: { limit: 100, window: 'rolling-30-days', counts: 'views' } };
  await inSandbox(
    new Request(`${ORIGIN}${API_PATHS.testPaywall}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(metered),
    }),
  );
  for (let visitor = 0; visitor < limits.meters; visitor++) {
    let cookie;
    for (let read = 0; read < metered.meter.limit + 5; read++) {
      const headers = cookie === undefined ? {} : { Cookie: cookie };
      const response = await inSandbox(new Request(`${ORIGIN}${gatedTextPath(article.slug)}`, { headers }));
      cookie ??= response.headers.get('Set-Cookie')?.split(';')[0];
      await response.arrayBuffer();
    }
  }
}

async function main() {
  const { article, limits, maxSandboxes } = loadHandler();
  const findArticle = (slug) => (slug === article.slug ? article : undefined);
  const create = (clock) => createApiHandler({ findArticle, testHooks: true, now: clock.now });

  /**
   * Warms up on a handler of its own, thrown away, just before a flood: the flood starts with its
   * code compiled again (the forced GCs between phases may have dropped it) and an empty server.
   */
  async function warmUp(...makeRequests) {
    const handler = create(fakeClock());
    for (const makeRequest of makeRequests) {
      for (let i = 0; i < WARM_UP; i++) await handler(makeRequest(i));
    }
  }
  const warmUpFailedLogin = (i) => failedLogin(`warm-up-${i}`);
  const subscriberLogin = () => login(SUBSCRIBER);

  await warmUp(() => whoAmI(), subscriberLogin, warmUpFailedLogin);
  /** One round: both floods on a fresh handler, with the heap after each. */
  async function round() {
    const clock = fakeClock();
    const handler = create(clock);
    const heap = { before: await heapUsed() };
    await warmUp(warmUpFailedLogin);
    const failed = await flood(handler, FLOOD, (i) => failedLogin(i), 401);
    heap.failed = await heapUsed();
    await warmUp(subscriberLogin);
    const success = await flood(handler, FLOOD, subscriberLogin, 200);
    heap.success = await heapUsed();
    return { clock, handler, heap, failed, success };
  }
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    // Only the round in hand is kept alive, so each starts from the same heap.
    const { failed, success } = await round();
    rounds.push({ failed, success });
  }
  const spread = (key) => {
    const ratios = rounds.map((each) => each[key].ratio).sort((a, b) => a - b);
    return { min: ratios[0], median: ratios[Math.floor(ratios.length / 2)], max: ratios.at(-1) };
  };
  const failedSpread = spread('failed');
  const successSpread = spread('success');
  // The memory check runs on one more round, kept alive until the clock has moved.
  const { clock, handler, heap, failed, success } = await round();
  const floodCookie = success.lastResponse.headers.get('Set-Cookie')?.split(';')[0];
  if (floodCookie === undefined) throw new Error('a successful login set no cookie');

  // Past every window: through the test hook if the server has one, and always through the injected clock.
  const hook = await handler(
    new Request(`${ORIGIN}${API_PATHS.testClock}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advanceBy: ADVANCE_MS }),
    }),
  );
  const hookAnswer = hook.status === 200 ? ((await hook.json().catch(() => ({}))).now ?? '?') : undefined;
  clock.advance(ADVANCE_MS);
  const statuses = [];
  for (let i = 0; i < AFTERWARDS / 2; i++) {
    statuses.push((await handler(failedLogin(`after-${i}`))).status);
    statuses.push((await handler(whoAmI(i === 0 ? floodCookie : undefined))).status);
  }
  heap.swept = await heapUsed();
  const added = Math.max(heap.failed, heap.success) - heap.before;
  const allowed = Math.max(HEAP_ALLOWANCE, HEAP_KEPT_SHARE * added);
  const cameBack = heap.swept - heap.before <= allowed;

  // What full sandboxes hold, on a handler of their own.
  const sandboxHandler = create(fakeClock());
  const beforeSandboxes = await heapUsed();
  for (let i = 0; i < FULL_SANDBOXES; i++) await fillSandbox(sandboxHandler, limits, article);
  const perSandbox = ((await heapUsed()) - beforeSandboxes) / FULL_SANDBOXES;

  const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);
  const rps = (value) => Math.round(value).toLocaleString('en-US');
  const us = (value) => `${Math.round(value * 1000)} µs`;
  const verdict = (ratio) => (ratio >= TARGET_RATIO ? 'met' : 'MISSED');
  const n = FLOOD.toLocaleString('en-US');
  const header = [
    'phase',
    'first 10 % req/s',
    'last 10 % req/s',
    'last/first',
    `target ≥ ${TARGET_RATIO}`,
    'median first / last 10 %',
    'heap MB',
  ];
  // The table shows the memory round; the verdicts below cover every round.
  const floodRow = (label, result, bytes) => [
    label,
    rps(result.first),
    rps(result.last),
    result.ratio.toFixed(2),
    verdict(result.ratio),
    `${us(result.medianFirst)} / ${us(result.medianLast)}`,
    mb(bytes),
  ];
  const rows = [
    ['before the floods', '', '', '', '', '', mb(heap.before)],
    floodRow(`${n} failed logins (401)`, failed, heap.failed),
    floodRow(`${n} logins (200, new sessions)`, success, heap.success),
    [`clock +${Math.round(ADVANCE_MS / DAY)} days, ${AFTERWARDS} requests`, '', '', '', '', '', mb(heap.swept)],
  ];
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (row) =>
    `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;

  const cpus = os.cpus();
  console.log(
    `\nLede server flood benchmark — ${new Date().toISOString()}\n` +
      `${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}\n`,
  );
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log(
    `\nThe floods took ${failed.seconds.toFixed(1)} s and ${success.seconds.toFixed(1)} s in the handler ` +
      `(requests built in batches of ${BATCH.toLocaleString('en-US')} outside the timed part).`,
  );
  console.log(
    hookAnswer === undefined
      ? `POST /api/test/clock answered ${hook.status}: the clock was moved through the injected now() only.`
      : `POST /api/test/clock answered 200 (now ${hookAnswer}); the injected now() was moved as well.`,
  );
  console.log(`Requests after the clock moved answered ${statuses.join(', ')}.`);
  const summary = ({ min, median, max }) =>
    `${verdict(median)} (last/first over ${ROUNDS} rounds: min ${min.toFixed(2)}, median ${median.toFixed(2)}, ` +
    `max ${max.toFixed(2)}; target: median ≥ ${TARGET_RATIO})`;
  console.log(`Failed-login throughput: ${summary(failedSpread)}.`);
  console.log(`Login throughput: ${summary(successSpread)}.`);
  const kept =
    `${mb(heap.swept)} MB after the clock moved, ${mb(heap.before)} MB before the floods: ` +
    `${mb(heap.swept - heap.before)} MB kept of the ${mb(added)} MB they added (allowed ${mb(allowed)} MB)`;
  console.log(cameBack ? `Memory came back: ${kept}.` : `Memory did NOT come back (MISSED): ${kept}.`);
  console.log(
    `A sandbox filled to its limits (${limits.sessions} sessions of each kind, ${limits.throttle} failing and ` +
      `${limits.throttle} refused emails, ${limits.accounts} accounts, ${limits.meters} metered readers of 105 reads; ` +
      `mean of ${FULL_SANDBOXES}) holds ` +
      `${mb(perSandbox)} MB: at most ${Math.round((perSandbox * maxSandboxes) / 2 ** 20).toLocaleString('en-US')} MB ` +
      `for all ${maxSandboxes.toLocaleString('en-US')} sandboxes allowed at once.`,
  );
}

await main();
