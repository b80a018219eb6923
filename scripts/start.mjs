// `npm start`: builds when dist/ is missing or older than its sources (scripts/build-freshness.mjs),
// then runs the production server in this process (arguments such as `--port 8080` pass through).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { whyBuild } from './build-freshness.mjs';

const root = path.resolve(import.meta.dirname, '..');
const reason = whyBuild(root);
if (reason !== undefined) {
  console.log(`building first: ${reason}`);
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
await import(pathToFileURL(path.join(root, 'dist-host', 'main.js')).href);
