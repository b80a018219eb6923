// The send limit counts one message per kind and address per SEND_INTERVAL_MS, by the world's
// clock, and of two sends at the same instant counts one.
import { describe, expect, test } from 'vitest';
import { SEND_INTERVAL_MS, createSendLimit } from './send-limit.ts';
import { memoryScope } from './store/memory-scope.testing.ts';

describe('createSendLimit', () => {
  test('one send per interval and address, each kind apart', async () => {
    let now = 1_000_000;
    const limit = createSendLimit(memoryScope(), () => now, 10);
    expect(await limit.take('password-reset', 'a@example.com')).toEqual({ kind: 'open' });
    expect(await limit.take('password-reset', 'a@example.com')).toEqual({
      kind: 'refused',
      retryAt: 1_000_000 + SEND_INTERVAL_MS,
    });
    expect(await limit.take('unlock', 'a@example.com')).toEqual({ kind: 'open' });
    expect(await limit.take('password-reset', 'b@example.com')).toEqual({ kind: 'open' });
    now += SEND_INTERVAL_MS;
    expect(await limit.take('password-reset', 'a@example.com')).toEqual({ kind: 'open' });
  });

  test('two sends at the same instant: one counted, the other refused', async () => {
    const limit = createSendLimit(memoryScope(), () => 1_000_000, 10);
    const verdicts = await Promise.all([
      limit.take('verify-email', 'a@example.com'),
      limit.take('verify-email', 'a@example.com'),
    ]);
    expect(verdicts.filter((verdict) => verdict.kind === 'open')).toHaveLength(1);
  });

  test('the same once a moved clock has opened the address again', async () => {
    let now = 1_000_000;
    const limit = createSendLimit(memoryScope(), () => now, 10);
    await limit.take('unlock', 'a@example.com');
    now += SEND_INTERVAL_MS + 1;
    const verdicts = await Promise.all([limit.take('unlock', 'a@example.com'), limit.take('unlock', 'a@example.com')]);
    expect(verdicts.filter((verdict) => verdict.kind === 'open')).toHaveLength(1);
    expect(verdicts).toContainEqual({ kind: 'refused', retryAt: now + SEND_INTERVAL_MS });
  });
});
