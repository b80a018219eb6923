// A throwaway Redis for the tests: Debian's redis-server, started on a free port of 127.0.0.1 with
// nothing persisted (unless asked), stopped (and restarted, to test recovery) by the test. It never attaches to a
// server it did not start, and never uses the default port.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestRedisServer {
  url: string;
  port: number;
  /** Kills the server, waits for it to exit, and deletes its data: for good. */
  stop(): Promise<void>;
  /** Kills the server as an outage would, keeping its data for `restart()`. */
  halt(): Promise<void>;
  /** Starts it again on the same port: empty, unless it was started to persist. */
  restart(): Promise<void>;
}

export interface RedisServerOptions {
  /**
   * Write every change to an append-only file (fsync on each), so a restart comes back with the
   * data, as a production Redis does: for tests of recovery that expect sessions to survive.
   */
  persist?: boolean;
}

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 5000;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findRedisServer(): string {
  const fromEnv = process.env.LEDE_REDIS_SERVER;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`LEDE_REDIS_SERVER is ${fromEnv}, which is not an executable file.`);
  }
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => path.join(dir, 'redis-server'));
  const found = [...onPath, '/usr/bin/redis-server'].find(isExecutable);
  if (found !== undefined) return found;
  throw new Error(
    "The Redis store's tests need Debian's redis-server: install it with `apt-get install redis-server` " +
      '(or set LEDE_REDIS_SERVER to the path of a redis-server binary).',
  );
}

/** A port nobody listens on right now: the kernel's pick for port 0. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('No port was assigned.'));
      });
    });
  });
}

/** Whether a Redis answers PING on the port, over a raw connection. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    let received = '';
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      received += data.toString('latin1');
      if (received.includes('\r\n')) done(received.startsWith('+PONG'));
    });
  });
}

const children = new Set<ChildProcess>();
let exitHookInstalled = false;

/** However the test process ends, no redis-server it started outlives it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });
}

export async function startRedisServer({ persist = false }: RedisServerOptions = {}): Promise<TestRedisServer> {
  const binary = findRedisServer();
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'lede-redis-'));
  let child: ChildProcess | undefined;
  installExitHook();

  async function start(): Promise<void> {
    mkdirSync(dir, { recursive: true });
    const args = [
      '--port',
      String(port),
      '--bind',
      HOST,
      '--protected-mode',
      'yes',
      '--save',
      '',
      '--appendonly',
      persist ? 'yes' : 'no',
      ...(persist ? ['--appendfsync', 'always'] : []),
      '--dir',
      dir,
      '--daemonize',
      'no',
      '--loglevel',
      'notice',
    ];
    const started = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    children.add(started);
    // Another process may have taken the port since it was picked: then a PONG would be its, not
    // ours. Our child says it is ready only once it holds the port, so wait for that line first.
    let output = '';
    let ready = false;
    const collect = (data: Buffer) => {
      output += data.toString();
      if (output.includes('Ready to accept connections')) ready = true;
    };
    started.stdout?.on('data', collect);
    started.stderr?.on('data', collect);
    let exited = false;
    started.once('exit', () => {
      exited = true;
      children.delete(started);
    });
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (exited) throw new Error(`redis-server exited at start (port ${port}):\n${output.trim()}`);
      if (ready && (await answersPing(port))) {
        // Its output is no longer needed, but the pipes must keep draining.
        output = '';
        started.stdout?.off('data', collect);
        started.stderr?.off('data', collect);
        started.stdout?.resume();
        started.stderr?.resume();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    started.kill('SIGKILL');
    throw new Error(`redis-server did not answer PING on port ${port} within ${START_TIMEOUT_MS} ms:\n${output}`);
  }

  async function stop(): Promise<void> {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGKILL');
    await exited;
  }

  await start();
  return {
    url: `redis://${HOST}:${port}`,
    port,
    async stop() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    halt: stop,
    async restart() {
      await stop();
      await start();
    },
  };
}
