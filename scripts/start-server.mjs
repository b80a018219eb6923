// Starts a server as a child process for the scripts (benchmarks, screenshots): Node running
// `args` from the project root, in a process group of its own, LEDE_LOG=silent unless `env` says
// otherwise. Resolves once the server has printed the port it listens on; every server started
// here is killed (with its group) when this process ends, however it ends.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');

/**
 * `"port":N` in a JSON line: the production server's `listening` line (printed even with
 * LEDE_LOG=silent), and what scripts/bench-reference.mjs prints.
 */
export const JSON_PORT = /"port":(\d+)/;

const START_TIMEOUT_MS = 60_000;
const running = new Set();

function killGroup(child, signal = 'SIGTERM') {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

let hooksInstalled = false;
function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.once('exit', () => {
    for (const child of running) killGroup(child);
  });
  // A signal would end this process without an 'exit' event: stop the servers, then end as the signal would.
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.once(signal, () => {
      for (const child of running) killGroup(child);
      process.exit(code);
    });
  }
}

/**
 * @param {object} options
 * @param {string[]} options.args Node's arguments, from the project root: `['dist-host/main.js', '--port', '0']`.
 * @param {Record<string, string>} [options.env] Added to this process's environment (after LEDE_LOG=silent).
 * @param {RegExp} [options.portPattern] Finds the port in the server's output (colours stripped); group 1 is the port.
 * @param {string} [options.host] The host of `origin`.
 * @param {string} [options.name] What to call the server in errors.
 * @returns {Promise<{ port: number, origin: string, child: import('node:child_process').ChildProcess, stop(): Promise<void> }>}
 */
export async function startServer({
  args,
  env = {},
  portPattern = JSON_PORT,
  host = 'localhost',
  name = args.join(' '),
}) {
  installExitHooks();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, LEDE_LOG: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  void exited.then(() => running.delete(child));

  let output = '';
  let errors = '';
  const collectErrors = (chunk) => {
    errors += chunk;
  };
  child.stderr.on('data', collectErrors);
  try {
    const port = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} printed no port within ${START_TIMEOUT_MS / 1000} s:\n${output}${errors}`)),
        START_TIMEOUT_MS,
      );
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const found = portPattern.exec(stripVTControlCharacters(output));
        if (found !== null) {
          clearTimeout(timer);
          resolve(Number(found[1]));
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${signal ?? code}) before listening:\n${output}${errors}`));
      });
    });
    // Its output is no longer needed, but the pipes must keep draining.
    child.stdout.removeAllListeners('data');
    child.stderr.off('data', collectErrors);
    child.stdout.resume();
    child.stderr.resume();
    return {
      port,
      origin: `http://${host}:${port}`,
      child,
      async stop() {
        if (child.exitCode !== null || child.signalCode !== null) return;
        killGroup(child);
        await exited;
      },
    };
  } catch (error) {
    killGroup(child, 'SIGKILL');
    throw error;
  }
}
