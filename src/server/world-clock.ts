// A world's server clock: the real time plus an offset a tester may move forward, so whatever
// the server decides by time (throttles, session lifetimes) can be tested in seconds, as Stripe's
// test clocks do for subscriptions. It never runs backwards, except when the world is reset.

export type ClockMove = { kind: 'moved'; now: number } | { kind: 'backwards'; now: number };

export interface WorldClock {
  now(): number;
  /** Moves the clock forward to `time`; a time before now is refused. */
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
      offset += time - current;
      return { kind: 'moved', now: time };
    },
    reset() {
      offset = 0;
    },
  };
}
