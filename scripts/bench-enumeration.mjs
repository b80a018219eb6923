// `npm run bench:enumeration`: does any route that takes an email address answer an address with
// an account faster or slower than one without? Each route below is called ROUNDS times in
// interleaved pairs — a known address, then an unknown one, each fresh (so no throttle or rate
// limit is ever reached) — on the API handler in-process (no HTTP: the figures are the handler's,
// store writes and password hashing included). It prints, per route, the median and 90th
// percentile of each side, the ratio of the medians (known ÷ unknown) and whether the answers'
// status and body were the same. Target: every ratio within 0.8–1.25 and identical answers.
// A route the handler does not serve (404) is listed as absent. A benchmark, not a test: a missed
// target is printed as MISSED and the exit code is 0.
import { importTypeScript } from './import-typescript.mjs';

const [{ createApiHandler }, { loadRealSeed }, { DEMO_PASSWORD }] = await importTypeScript(
  '/src/server/handler.ts',
  '/src/seed-files/real-seed.ts',
  '/src/paywall/personas.ts',
);

const ROUNDS = Number(process.env.LEDE_BENCH_ROUNDS ?? 400);
const WARM_UP = 50;
const ORIGIN = 'http://localhost';
const article = loadRealSeed();
const api = createApiHandler({ findArticle: (slug) => (slug === article.slug ? article : undefined), testHooks: true });

const post = (path, body) =>
  new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

/**
 * Each route, with how to ask it about an address. Known addresses are plus addresses of the
 * reader persona (every one is an account of its own) or accounts created just before; unknown
 * ones are fresh addresses nobody registered.
 */
const ROUTES = [
  {
    name: 'POST /api/session, wrong password',
    request: (email) => post('/api/session', { email, password: 'not the password' }),
  },
  {
    name: 'POST /api/session, wrong password (created account)',
    created: true,
    request: (email) => post('/api/session', { email, password: 'not the password' }),
  },
  {
    name: 'POST /api/accounts',
    request: (email) => post('/api/accounts', { email, password: 'a long enough password' }),
  },
  { name: 'POST /api/password-resets', request: (email) => post('/api/password-resets', { email }) },
  { name: 'POST /api/sign-in-links', request: (email) => post('/api/sign-in-links', { email }) },
  { name: 'POST /api/session/code', request: (email) => post('/api/session/code', { email, code: '000000' }) },
  { name: 'POST /api/unlock-links', request: (email) => post('/api/unlock-links', { email }) },
];

let serial = 0;
async function knownAddress(created) {
  serial += 1;
  if (!created) return `reader+enum${serial}@example.com`;
  const email = `created${serial}@example.org`;
  const response = await api(post('/api/accounts', { email, password: DEMO_PASSWORD }));
  await response.arrayBuffer();
  return email;
}
function unknownAddress() {
  serial += 1;
  return `nobody${serial}@example.net`;
}

async function timed(request) {
  const start = process.hrtime.bigint();
  const response = await api(request);
  const text = await response.text();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, status: response.status, text };
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

const rows = [];
let missed = 0;
for (const route of ROUTES) {
  const probe = await timed(route.request(unknownAddress()));
  if (probe.status === 404) {
    rows.push([route.name, 'absent (404)', '', '', '']);
    continue;
  }
  const known = [];
  const unknown = [];
  const answers = { known: new Set(), unknown: new Set() };
  for (let round = 0; round < WARM_UP + ROUNDS; round += 1) {
    const knownEmail = await knownAddress(route.created === true);
    const unknownEmail = unknownAddress();
    // Alternate which side goes first, so neither always meets a warmer cache.
    const order = round % 2 === 0 ? ['known', 'unknown'] : ['unknown', 'known'];
    for (const side of order) {
      const email = side === 'known' ? knownEmail : unknownEmail;
      const result = await timed(route.request(email));
      if (round < WARM_UP) continue;
      (side === 'known' ? known : unknown).push(result.ms);
      // Only the shape of the answer: the address itself may be echoed back to its sender.
      answers[side].add(`${result.status} ${result.text.replaceAll(email, '<address>')}`);
    }
  }
  const ratio = quantile(known, 0.5) / quantile(unknown, 0.5);
  const same =
    answers.known.size === 1 && answers.unknown.size === 1 && [...answers.known][0] === [...answers.unknown][0];
  const met = ratio >= 0.8 && ratio <= 1.25 && same;
  if (!met) missed += 1;
  rows.push([
    route.name,
    `${quantile(known, 0.5).toFixed(3)} / ${quantile(known, 0.9).toFixed(3)} ms`,
    `${quantile(unknown, 0.5).toFixed(3)} / ${quantile(unknown, 0.9).toFixed(3)} ms`,
    `${ratio.toFixed(2)}×`,
    `${same ? 'same answer' : 'DIFFERENT answers'}${met ? '' : ' — MISSED'}`,
  ]);
}

const header = ['route', 'known: median / p90', 'unknown: median / p90', 'known ÷ unknown', 'verdict'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
const line = (cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ');
console.log(
  `${ROUNDS} interleaved pairs per route (after ${WARM_UP} warm-up pairs), in-process, Node ${process.version}`,
);
console.log(line(header));
for (const row of rows) console.log(line(row));
console.log(missed === 0 ? 'Every route within 0.8–1.25× with the same answer.' : `${missed} route(s) MISSED.`);
