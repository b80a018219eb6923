// @vitest-environment jsdom
// The request log's polling: every 2 s while the page is visible and live; nothing while hidden,
// paused or gone; one read when asked while paused.
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { LOG_POLL_MS, useRequestLog } from './use-request-log.ts';

let visibility: DocumentVisibilityState = 'visible';
let reads = 0;

beforeEach(() => {
  vi.useFakeTimers();
  visibility = 'visible';
  reads = 0;
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  vi.stubGlobal('fetch', (input: string) => {
    if (input === '/api/test/requests') reads += 1;
    return Promise.resolve(Response.json({ requests: [] }));
  });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Lets the read in flight finish, then `ms` pass. */
async function pass(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

function show(state: DocumentVisibilityState): void {
  visibility = state;
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

test('live and visible: a read at once, then one every 2 s', async () => {
  const { result } = renderHook(() => useRequestLog(undefined, true, 0));
  await pass(0);
  expect(reads).toBe(1);
  expect(result.current).toEqual({ status: 'ok', requests: [] });
  await pass(LOG_POLL_MS);
  expect(reads).toBe(2);
  await pass(3 * LOG_POLL_MS);
  expect(reads).toBe(5);
});

test('hidden: no reads; shown again: a read at once, and polling goes on', async () => {
  renderHook(() => useRequestLog(undefined, true, 0));
  await pass(0);
  show('hidden');
  await pass(10 * LOG_POLL_MS);
  expect(reads).toBe(1);
  show('visible');
  await pass(0);
  expect(reads).toBe(2);
  await pass(LOG_POLL_MS);
  expect(reads).toBe(3);
});

test('left (unmounted): no more reads', async () => {
  const { unmount } = renderHook(() => useRequestLog(undefined, true, 0));
  await pass(0);
  unmount();
  await pass(10 * LOG_POLL_MS);
  expect(reads).toBe(1);
});

test('paused: one read, then none; asked again, one more', async () => {
  const { rerender } = renderHook(({ asked }) => useRequestLog(undefined, false, asked), {
    initialProps: { asked: 0 },
  });
  await pass(10 * LOG_POLL_MS);
  expect(reads).toBe(1);
  rerender({ asked: 1 });
  await pass(10 * LOG_POLL_MS);
  expect(reads).toBe(2);
});

test('a world without hooks: "lost", and no more reads', async () => {
  vi.stubGlobal('fetch', () => {
    reads += 1;
    return Promise.resolve(Response.json({ error: 'No such endpoint' }, { status: 404 }));
  });
  const { result } = renderHook(() => useRequestLog(undefined, true, 0));
  await pass(10 * LOG_POLL_MS);
  expect(result.current).toEqual({ status: 'lost', failure: { kind: 'no-hooks' } });
  expect(reads).toBe(1);
});

test('a failed read keeps what was shown, says so, and the next read tries again', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  const { result } = renderHook(() => useRequestLog(undefined, true, 0));
  await pass(0);
  vi.stubGlobal('fetch', () => Promise.resolve(Response.json({ error: 'x' }, { status: 503 })));
  await pass(LOG_POLL_MS);
  expect(result.current).toEqual({ status: 'ok', requests: [], failure: 'The service is unavailable. Try again.' });
  vi.stubGlobal('fetch', () => Promise.resolve(Response.json({ requests: [] })));
  await pass(LOG_POLL_MS);
  expect(result.current).toEqual({ status: 'ok', requests: [] });
});
