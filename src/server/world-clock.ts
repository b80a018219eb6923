// A world's server clock: the real time plus an offset a tester may move forward, so whatever
// the server decides by time (throttles, session lifetimes) can be tested in seconds, as Stripe's
// test clocks do for subscriptions. It never runs backwards, except when the world is reset.
import type { Scope } from './store/store.ts';

/** The last moment a world's clock may show: ISO 8601 years have four digits. */
export const LATEST_CLOCK_TIME = Date.parse('9999-12-31T23:59:59.999Z');

export type ClockMove =
  | { kind: 'moved'; now: number }
  /** Refused: the clock stays at `now`. */
  | { kind: 'backwards'; now: number }
  | { kind: 'too-far'; now: number };

export interface WorldClock {
  now(): Promise<number>;
  /** Moves the clock forward to `time`; a time before now, or past LATEST_CLOCK_TIME, is refused. */
  moveTo(time: number): Promise<ClockMove>;
  /** Back to the real time. */
  reset(): Promise<void>;
}

/** A moved clock is remembered this long after its last move (real time), then runs true again. */
export const CLOCK_MEMORY_MS = 365 * 24 * 60 * 60_000;

const OFFSET = 'offset';

/** The clock is kept as its offset from the real time, in the world's store. */
export function createWorldClock(scope: Scope, realNow: () => number): WorldClock {
  const offsets = scope.collection({ name: 'clock', ttlMs: CLOCK_MEMORY_MS, cap: 1, whenFull: 'evict-oldest' });
  const now = async (): Promise<number> => realNow() + Number((await offsets.get(OFFSET)) ?? 0);
  return {
    now,
    async moveTo(time) {
      const real = realNow();
      const current = real + Number((await offsets.get(OFFSET)) ?? 0);
      if (time > LATEST_CLOCK_TIME) return { kind: 'too-far', now: current };
      if (time < current) return { kind: 'backwards', now: current };
      // An atomic maximum: of two testers moving one world's clock at once, the later time wins,
      // and the clock never goes back between the check above and this write.
      const offset = await offsets.raise(OFFSET, time - real);
      return offset === time - real ? { kind: 'moved', now: time } : { kind: 'backwards', now: real + offset };
    },
    async reset() {
      await offsets.clear();
    },
  };
}
