// Whether `npm start` must build first: the build counts as fresh when it finished (the stamp the
// last build step writes) after every input last changed. By modification time, as make decides:
// a checkout, a pull or an edit touches what changed, and at worst costs one build too many.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Written by the last step of `npm run build`, outside the served dist/. */
export const BUILD_STAMP = 'dist-host/build-complete';

/** The brotli and gzip copies of dist/'s text files, by the same relative paths plus .br / .gz. */
export const PRECOMPRESSED_DIR = 'dist-host/precompressed';

/** What the build reads: a change to any of them makes dist/ stale. */
export const BUILD_INPUTS = [
  'src',
  'seeds',
  'public',
  'scripts/prerender.mjs',
  'scripts/page-builder.mjs',
  'scripts/precompress.mjs',
  'index.html',
  'vite.config.ts',
  'vite.host.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];

export function markBuildComplete(root) {
  writeFileSync(path.join(root, BUILD_STAMP), `${new Date().toISOString()}\n`);
}

/** Why the build must run, or undefined when dist/ is up to date. */
export function whyBuild(root) {
  const stamp = statSync(path.join(root, BUILD_STAMP), { throwIfNoEntry: false });
  if (stamp === undefined || !existsSync(path.join(root, 'dist', 'index.html'))) return 'there is no complete build';
  for (const input of BUILD_INPUTS) {
    const newer = findNewer(path.join(root, input), stamp.mtimeMs);
    if (newer !== undefined) return `${path.relative(root, newer)} changed since the last build`;
  }
  return undefined;
}

/** The first file (or folder: adding or removing a file changes it) at or under target modified after time. */
function findNewer(target, time) {
  const stats = statSync(target, { throwIfNoEntry: false });
  if (stats === undefined) return undefined;
  if (stats.mtimeMs > time) return target;
  if (!stats.isDirectory()) return undefined;
  for (const name of readdirSync(target)) {
    const newer = findNewer(path.join(target, name), time);
    if (newer !== undefined) return newer;
  }
  return undefined;
}
