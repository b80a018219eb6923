// A world's server clock: the real time plus an offset a tester may move forward, so whatever
// the server decides by time (throttles, session lifetimes) can be tested in seconds, as Stripe's
// test clocks do for subscriptions. It never runs backwards, except when the world is reset.

/** The last moment a world's clock may show: ISO 8601 years have four digits. */
export const LATEST_CLOCK_TIME = Date.parse('9999-12-31T23:59:59.999Z');

export type ClockMove =
  | { kind: 'moved'; now: number }
  /** Refused: the clock stays at `now`. */
  | { kind: 'backwards'; now: number }
  | { kind: 'too-far'; now: number };

export interface WorldClock {
  now(): number;
  /** Moves the clock forward to `time`; a time before now, or past LATEST_CLOCK_TIME, is refused. */
  moveTo(time: number): ClockMove;
  /** Back to the real time. */
  reset(): void;
}

export function createWorldClock(realNow: () => number): WorldClock {
  let offset = 0;
  const now = (): number => realNow() + offset;
  return {
    now,
    moveTo(time) {
      const current = now();
      if (time < current) return { kind: 'backwards', now: current };
      if (time > LATEST_CLOCK_TIME) return { kind: 'too-far', now: current };
      offset += time - current;
      return { kind: 'moved', now: time };
    },
    reset() {
      offset = 0;
    },
  };
}
