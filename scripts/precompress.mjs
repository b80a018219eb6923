// The last step of `npm run build`: a brotli (quality 11) and a gzip (level 9) copy of every text
// file in dist/, so the production server sends compressed bytes without compressing anything per
// request, at levels too slow to use per request. A copy that would not be smaller is not written.
// They go in dist-host/precompressed/, mirroring dist/ (`assets/x.js` → `assets/x.js.br`): only
// the production server uses them, and dist/ stays the site as it is, which is what the byte
// budgets, the leak checks and `npm run preview` read. Then the build is marked complete
// (scripts/build-freshness.mjs).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { markBuildComplete, PRECOMPRESSED_DIR } from './build-freshness.mjs';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const out = path.join(root, PRECOMPRESSED_DIR);
const TEXT = /\.(?:html|js|mjs|css|json|map|svg|txt|xml|webmanifest|ico)$/;
const toBrotli = promisify(brotliCompress);
const toGzip = promisify(gzip);

/** Every text file under dir. */
function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return entry.isFile() && TEXT.test(entry.name) ? [full] : [];
  });
}

async function precompress(file) {
  const body = readFileSync(file);
  const [br, gz] = await Promise.all([
    toBrotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    toGzip(body, { level: 9 }),
  ]);
  let written = 0;
  for (const [suffix, bytes] of [
    ['.br', br],
    ['.gz', gz],
  ]) {
    if (bytes.length >= body.length) continue;
    const copy = path.join(out, `${path.relative(dist, file)}${suffix}`);
    mkdirSync(path.dirname(copy), { recursive: true });
    writeFileSync(copy, bytes);
    written += 1;
  }
  return written;
}

rmSync(out, { recursive: true, force: true });
const files = listFiles(dist);
// zlib runs on libuv's thread pool: a few at a time keep every core busy.
let written = 0;
for (let start = 0; start < files.length; start += 8) {
  const counts = await Promise.all(files.slice(start, start + 8).map(precompress));
  written += counts.reduce((sum, count) => sum + count, 0);
}
markBuildComplete(root);
console.log(
  `precompressed ${files.length} files of dist/ (${written} brotli and gzip copies in ${PRECOMPRESSED_DIR}/)`,
);
