// The lab's calls, against the real API handler (a browser with a cookie jar): what each answers,
// in which world; and when things go wrong — a world without hooks, a sandbox gone, a server that
// fails or says something odd, no network — Lede's words, never the server's.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { setup, type Harness } from '../server/handler.testing.ts';
import { SANDBOX_HEADER as SERVER_SANDBOX_HEADER } from '../server/sandbox-choice.ts';
import { browserOn } from './lab-browser.testing.ts';
import {
  UNAVAILABLE,
  UNREACHABLE,
  SANDBOX_HEADER,
  UNREADABLE,
  clearFaults,
  clearRequests,
  createSandbox,
  fetchClock,
  fetchCurrentWorld,
  fetchFaults,
  fetchPaywall,
  fetchRequests,
  joinSandbox,
  moveClock,
  resetWorld,
  saveFaults,
  addFault,
  removeFault,
  savePaywall,
} from './api-lab.ts';
import { requestLeaveSandbox } from './api-client.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const HOUR = 60 * 60_000;

test('the lab names a sandbox by the header the server reads', () => {
  expect(SANDBOX_HEADER).toBe(SERVER_SANDBOX_HEADER);
});

describe('sandboxes', () => {
  test('the default world, then a sandbox created and joined, then left', async () => {
    const harness = setup({ testHooks: false });
    const jar = browserOn(harness);
    expect(await fetchCurrentWorld()).toEqual({ kind: 'ok', world: { kind: 'default', testHooks: false } });

    const created = await createSandbox();
    if (created.kind !== 'created') throw new Error('no sandbox');
    // Created is not joined: the browser is still where it was.
    expect(await fetchCurrentWorld()).toMatchObject({ world: { kind: 'default' } });

    const joined = await joinSandbox(created.id);
    expect(joined).toEqual({ kind: 'joined', id: created.id, expiresAt: expect.any(Number) });
    expect(jar.get('lede_sandbox')).toBe(created.id);
    const current = await fetchCurrentWorld();
    expect(current).toEqual({ kind: 'ok', world: { kind: 'sandbox', id: created.id, expiresAt: expect.any(Number) } });
    // An hour from its last use, by the server's real clock (this answer carries no Date to correct by).
    if (current.kind === 'ok' && current.world.kind === 'sandbox')
      expect(current.world.expiresAt).toBe(harness.now() + HOUR);

    expect(await requestLeaveSandbox()).toEqual({ kind: 'ok' });
    expect(await fetchCurrentWorld()).toMatchObject({ world: { kind: 'default' } });
  });

  test('joining: an id that is none, a sandbox that is gone', async () => {
    const harness = setup();
    const jar = browserOn(harness);
    expect(await joinSandbox('not-an-id')).toEqual({ kind: 'malformed' });
    expect(await joinSandbox('00000000-0000-4000-8000-000000000000')).toEqual({ kind: 'unknown' });
    expect(jar.has('lede_sandbox')).toBe(false);
  });

  test('a browser whose sandbox has ended is told so', async () => {
    const harness = setup();
    browserOn(harness);
    const created = await createSandbox();
    if (created.kind !== 'created') throw new Error('no sandbox');
    await joinSandbox(created.id);
    harness.advance(HOUR);
    expect(await fetchCurrentWorld()).toEqual({ kind: 'sandbox-gone' });
    expect(await fetchPaywall()).toEqual({ kind: 'sandbox-gone' });
    expect(await fetchRequests(created.id)).toEqual({ kind: 'sandbox-gone' });
  });

  test('every sandbox in use: said in our words', async () => {
    browserOn(setup({ limits: { sandboxes: 1 } }));
    await createSandbox();
    expect(await createSandbox()).toEqual({
      kind: 'failed',
      message: 'Every sandbox on this server is in use. Try again in a few minutes.',
    });
  });
});

describe('the test hooks, in a sandbox', () => {
  async function inSandbox(): Promise<Harness & { id: string }> {
    const harness = setup({ testHooks: false });
    browserOn(harness);
    const created = await createSandbox();
    if (created.kind !== 'created') throw new Error('no sandbox');
    await joinSandbox(created.id);
    return { ...harness, id: created.id };
  }

  test('the paywall model: read, set, read back', async () => {
    await inSandbox();
    expect(await fetchPaywall()).toEqual({ kind: 'ok', paywall: { model: 'hard' } });
    const meter = { limit: 2, window: 'rolling-30-days', counts: 'views' } as const;
    expect(await savePaywall({ model: 'metered', meter })).toEqual({
      kind: 'ok',
      paywall: { model: 'metered', meter },
    });
    expect(await fetchPaywall()).toEqual({ kind: 'ok', paywall: { model: 'metered', meter } });
  });

  test('faults: set, listed with their counts, one added and one removed with the others’ counts kept, cleared', async () => {
    await inSandbox();
    const saved = await saveFaults([
      { method: 'POST', path: '/api/session', kind: 'status', status: 503, times: 1 },
      { path: '/api/meter', kind: 'delay', delayMs: 10, probability: 0.5 },
    ]);
    if (saved.kind !== 'ok') throw new Error('not saved');
    expect(saved.faults).toEqual([
      { id: expect.any(String), method: 'POST', path: '/api/session', kind: 'status', status: 503, times: 1, fired: 0 },
      { id: expect.any(String), path: '/api/meter', kind: 'delay', delayMs: 10, probability: 0.5, fired: 0 },
    ]);
    await fetch('/api/session', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
    const listed = await fetchFaults();
    expect(listed).toMatchObject({ kind: 'ok', faults: [{ fired: 1 }, { fired: 0 }] });

    expect(await addFault({ path: '/api/paywall', kind: 'malformed' })).toMatchObject({
      kind: 'ok',
      faults: [{ fired: 1 }, { fired: 0 }, { path: '/api/paywall', kind: 'malformed', fired: 0 }],
    });
    const [, second] = saved.faults;
    if (second === undefined) throw new Error('no second rule');
    expect(await removeFault(second.id)).toMatchObject({
      kind: 'ok',
      faults: [{ path: '/api/session', fired: 1 }, { path: '/api/paywall' }],
    });
    expect(await clearFaults()).toEqual({ kind: 'ok', faults: [] });
  });

  test('the clock: read, moved forward, set, and refused backwards and past 9999', async () => {
    const harness = await inSandbox();
    expect(await fetchClock()).toEqual({ kind: 'ok', now: harness.now() });
    expect(await moveClock({ advanceBy: HOUR })).toEqual({ kind: 'ok', now: harness.now() + HOUR });
    expect(await moveClock({ now: '2099-01-01T00:00:00.000Z' })).toEqual({
      kind: 'ok',
      now: Date.parse('2099-01-01T00:00:00.000Z'),
    });
    expect(await moveClock({ now: '2098-01-01T00:00:00.000Z' })).toEqual({
      kind: 'refused',
      why: 'backwards',
      now: Date.parse('2099-01-01T00:00:00.000Z'),
    });
    expect(await moveClock({ advanceBy: 10_000 * 365 * 24 * HOUR })).toMatchObject({ kind: 'refused', why: 'too-far' });
  });

  test('the request log: newest first, what met a fault marked, the world’s time from its Date; emptied', async () => {
    const harness = await inSandbox();
    await saveFaults([{ path: '/api/meter', kind: 'status', status: 500 }]);
    await fetch('/api/meter');
    const read = await fetchRequests(harness.id);
    if (read.kind !== 'ok') throw new Error('no log');
    expect(read.requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/meter',
      status: 500,
      fault: expect.any(String),
    });
    expect(read.requests[1]).toMatchObject({ method: 'PUT', path: '/api/test/faults', status: 200 });
    expect(read.serverNow).toBe(Math.floor(harness.now() / 1000) * 1000);
    expect(await clearRequests()).toEqual({ kind: 'ok' });
    expect(await fetchRequests(harness.id)).toMatchObject({ kind: 'ok', requests: [] });
  });

  test('reading the log is not the reader’s activity: an open lab keeps no session alive', async () => {
    const harness = await inSandbox();
    await fetch('/api/session', {
      method: 'POST',
      body: JSON.stringify({ email: 'subscriber@example.com', password: 'read-all-about-it' }),
      headers: { 'Content-Type': 'application/json' },
    });
    for (let minute = 0; minute < 31; minute += 1) {
      harness.advance(60_000);
      expect(await fetchRequests(harness.id)).toMatchObject({ kind: 'ok' });
    }
    // 31 minutes with nothing but the log read: the session went idle (30 minutes) and ended.
    const who = (await (await fetch('/api/session', {})).json()) as { reader: unknown };
    expect(who.reader).toBeNull();
  });

  test('reset: what was put back, sessions kept or not', async () => {
    await inSandbox();
    const reset = await resetWorld(true);
    expect(reset).toMatchObject({ kind: 'ok' });
    if (reset.kind === 'ok') expect(reset.cleared).not.toContain('sessions');
    const full = await resetWorld(false);
    if (full.kind === 'ok') expect(full.cleared).toContain('sessions');
  });
});

describe('a world without test hooks', () => {
  test.each<[string, () => Promise<unknown>]>([
    ['paywall', fetchPaywall],
    ['faults', fetchFaults],
    ['clock', fetchClock],
    ['move', () => moveClock({ advanceBy: 1 })],
    ['requests', () => fetchRequests(undefined)],
    ['reset', () => resetWorld(false)],
  ])('%s: "no hooks", never an error', async (_name, call) => {
    browserOn(setup({ testHooks: false }));
    expect(await call()).toEqual({ kind: 'no-hooks' });
  });
});

describe("failures in Lede's words, never the server's", () => {
  const RAW = 'Internal detail: stack trace at line 42';

  function answer(status: number, body: BodyInit | null, type = 'application/json'): void {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(body, { status, headers: { 'Content-Type': type } })));
  }

  test.each<[string, () => Promise<unknown>]>([
    ['current world', fetchCurrentWorld],
    ['create', createSandbox],
    ['join', () => joinSandbox('x')],
    ['paywall', fetchPaywall],
    ['faults', () => saveFaults([])],
    ['clock', () => moveClock({ advanceBy: 1 })],
    ['requests', () => fetchRequests(undefined)],
    ['reset', () => resetWorld(false)],
  ])('%s', async (_name, call) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    answer(500, JSON.stringify({ error: RAW }));
    expect(await call()).toEqual({ kind: 'failed', message: UNAVAILABLE });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(RAW));

    answer(200, '<!doctype html><title>not JSON</title>');
    expect(await call()).toEqual({ kind: 'failed', message: UNREADABLE });

    answer(400, JSON.stringify({ error: RAW }));
    expect(JSON.stringify(await call())).not.toContain(RAW);

    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await call()).toEqual({ kind: 'failed', message: UNREACHABLE });
  });
});
