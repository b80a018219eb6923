// The clock the server's unit tests inject: time stands still until the test moves it. One for
// every test of sessions, throttles, stores and the handler, with the units they count in.

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** When every test's clock starts, unless it says otherwise. */
export const T0 = Date.parse('2026-11-24T12:00:00Z');

export interface FakeClock {
  /** The time, in ms since the epoch: what the code under test is given as `now`. */
  now: () => number;
  /** Moves the clock by `ms` (back, when negative). */
  advance(ms: number): void;
}

/** A clock at `start` (T0 unless given) that moves only when the test calls `advance`. */
export function fakeClock(start: number = T0): FakeClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}
