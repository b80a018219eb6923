// Builds and serves a second Lede whose articles are the placeholders in e2e/placeholder-articles/
// (one per access level, and three metered ones for a meter), for the end-to-end tests of
// per-article access levels: `node scripts/placeholder-site.mjs --port <n>`. The real site keeps
// its real articles; these never reach its build.
//
// The copy (the app's sources with those placeholders as its seeds, sharing this project's
// node_modules) lives in the system's temp folder, one per checkout, rebuilt on every start; then
// this process becomes its production server, with the arguments and environment it was given.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
/** What `npm run build` reads, besides the seeds and node_modules. */
const SOURCES = [
  'index.html',
  'public',
  'src',
  'scripts',
  'vite.config.ts',
  'vite.host.config.ts',
  'tsconfig.json',
  'package.json',
];

const checkout = createHash('sha256').update(root).digest('hex').slice(0, 12);
const copy = path.join(os.tmpdir(), `lede-placeholder-site-${checkout}`);
rmSync(copy, { recursive: true, force: true });
mkdirSync(copy, { recursive: true });
for (const entry of SOURCES) cpSync(path.join(root, entry), path.join(copy, entry), { recursive: true });
cpSync(path.join(root, 'e2e', 'placeholder-articles'), path.join(copy, 'seeds'), { recursive: true });
symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');

// The build's progress would only bury a test report; its warnings and errors still show.
const build = spawnSync('npm', ['run', 'build'], { cwd: copy, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.error(`Building the placeholder site in ${copy} failed (${build.signal ?? build.status}).`);
  process.exit(1);
}
process.chdir(copy);
await import(pathToFileURL(path.join(copy, 'dist-host', 'main.js')).href);
