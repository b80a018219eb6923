// `npm run bench:host`: the article page over loopback, served by the production server and by
// `vite preview`, one after the other: requests per second with a few keep-alive clients, and
// the server process's CPU time per request (from /proc, so Linux only). Run after `npm run build`.
// LEDE_BENCH_SECONDS sets each run's length (default 5). A benchmark, not a test.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.LEDE_BENCH_SECONDS ?? 5);
const CLIENTS = 8;
const slug = readdirSync(path.join(root, 'dist', 'articles'))
  .find((name) => name.endsWith('.html'))
  ?.replace(/\.html$/, '');
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** The process's user + system CPU time in µs. */
function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1e6;
}

async function start(command, args, portLine) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, LEDE_LOG: 'silent' }, detached: true });
  const port = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const found = portLine.exec(stripVTControlCharacters(text));
      if (found !== null) resolve(Number(found[1]));
    });
    child.once('exit', () => reject(new Error(`${command} ${args.join(' ')} exited`)));
  });
  return { child, port };
}

function get(agent, port) {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: `/articles/${slug}`, agent, headers: { 'Accept-Encoding': 'br, gzip' } },
      (response) => {
        response.on('data', () => {});
        response.on('end', () => resolve(response.statusCode));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function measure(name, pid, port) {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  for (let warm = 0; warm < 200; warm += 1) await get(agent, port);
  const cpuBefore = cpuMicros(pid);
  const started = performance.now();
  const until = started + SECONDS * 1000;
  let count = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        if ((await get(agent, port)) !== 200) throw new Error(`${name}: not 200`);
        count += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const cpu = (cpuMicros(pid) - cpuBefore) / count;
  console.log(
    `${name.padEnd(18)} ${Math.round(count / seconds)
      .toString()
      .padStart(6)} req/s   ${Math.round(cpu).toString().padStart(5)} µs CPU per request`,
  );
}

const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
for (const [name, command, args, portLine] of [
  ['production server', process.execPath, ['dist-host/main.js', '--port', '0'], /"port":(\d+)/],
  [
    'vite preview',
    process.execPath,
    [vite, 'preview', '--port', '0', '--host', '127.0.0.1'],
    /http:\/\/127\.0\.0\.1:(\d+)/,
  ],
]) {
  const { child, port } = await start(command, args, portLine);
  try {
    await measure(name, child.pid, port);
  } finally {
    process.kill(-child.pid);
  }
}
