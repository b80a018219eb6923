// `npm run test:example`: runs examples/playwright (a tester's own project using @lede/playwright)
// against the production server, as a tester would run it against `npm start`. Builds the package
// (the example loads its built JavaScript, as an installed package is loaded) and the site when
// either is stale, starts `node dist-host/main.js` on a free port with the test hooks on, runs
// `playwright test` there with LEDE_URL set (arguments pass through: `-- --grep meter`), stops the
// server whatever happens, and exits with Playwright's code.
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { whyBuild } from './build-freshness.mjs';
import { startServer } from './start-server.mjs';

const root = path.resolve(import.meta.dirname, '..');
const example = path.join(root, 'examples', 'playwright');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// A few files through tsc: about a second, so always, rather than trusting a dist/ older than an edit.
execFileSync(npm, ['run', 'build', '--workspace', '@lede/playwright', '--silent'], { cwd: root, stdio: 'inherit' });
const reason = whyBuild(root);
if (reason !== undefined) {
  console.log(`building the site first: ${reason}`);
  execFileSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

const server = await startServer({
  args: ['dist-host/main.js', '--port', '0'],
  env: { LEDE_TEST_HOOKS: '1', LEDE_LOG: 'silent' },
  name: 'the production server',
});
console.log(`examples/playwright against ${server.origin}`);
let code;
try {
  const cli = createRequire(path.join(example, 'package.json')).resolve('@playwright/test/cli');
  const playwright = spawn(process.execPath, [cli, 'test', ...process.argv.slice(2)], {
    cwd: example,
    env: { ...process.env, LEDE_URL: server.origin },
    stdio: 'inherit',
  });
  code = await new Promise((resolve, reject) => {
    playwright.once('error', reject);
    playwright.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal === null ? 1 : 128)));
  });
} finally {
  await server.stop();
}
process.exit(code);
