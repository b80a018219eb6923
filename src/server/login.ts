// The login decision: one ordered table, each step deciding or passing to the next. The order is
// the behaviour testers see, so it is written down once: a throttled email is refused before
// anything else is looked at (known or not, right password or not); the flaky persona's first
// attempt fails before its password is checked; a wrong password is a failure before a locked
// account is named, so "locked" is said only to someone who knows the password; and a second
// factor is asked of the same someone only, unless this browser was trusted for the account.
import { normaliseEmail } from '../paywall/personas.ts';
import type { Account } from './accounts.ts';
import { isTrustedDevice, secondFactorOf } from './two-factor.ts';
import type { World } from './world.ts';

export type LoginOutcome =
  | { kind: 'throttled'; retryAt: number }
  | { kind: 'unavailable' }
  | { kind: 'wrong-credentials' }
  | { kind: 'locked' }
  /** The password was right; the code comes next (two-factor.ts): no session yet. */
  | { kind: 'second-factor'; account: Account }
  | { kind: 'signed-in'; account: Account };

interface Attempt {
  /** Normalised: the throttle's key. */
  email: string;
  password: string;
  account: Account | undefined;
  /** The `trusted-device` token the browser sent, if any. */
  trustedDevice: string | undefined;
}

type Step = (attempt: Attempt, world: World) => Promise<LoginOutcome | undefined>;

export const LOGIN_STEPS = [
  [
    'throttle',
    async ({ email }, { throttle }) => {
      const verdict = await throttle.check(email);
      return verdict.kind === 'refused' ? { kind: 'throttled', retryAt: verdict.retryAt } : undefined;
    },
  ],
  [
    'flaky',
    async ({ account }, { accounts }) =>
      account !== undefined && (await accounts.takeFlakyFailure(account)) ? { kind: 'unavailable' } : undefined,
  ],
  [
    'password',
    async ({ email, password, account }, { throttle, accounts }) => {
      // Hashed even for an unknown address (false), so the time taken tells nothing.
      if (await accounts.passwordMatches(account, password)) return undefined;
      await throttle.recordFailure(email);
      return { kind: 'wrong-credentials' };
    },
  ],
  [
    'locked',
    async ({ account }, { accounts }) =>
      account !== undefined && (await accounts.isLocked(account)) ? { kind: 'locked' } : undefined,
  ],
  [
    'second-factor',
    async ({ account, trustedDevice }, { tokens }) =>
      account !== undefined &&
      secondFactorOf(account) !== undefined &&
      !(await isTrustedDevice(tokens, account, trustedDevice))
        ? { kind: 'second-factor', account }
        : undefined,
  ],
] as const satisfies readonly (readonly [string, Step])[];

export async function decideLogin(
  world: World,
  credentials: { email: string; password: string; trustedDevice?: string | undefined },
): Promise<LoginOutcome> {
  const email = normaliseEmail(credentials.email);
  const attempt: Attempt = {
    email,
    password: credentials.password,
    account: await world.accounts.find(email),
    trustedDevice: credentials.trustedDevice,
  };
  for (const [, step] of LOGIN_STEPS) {
    const outcome = await step(attempt, world);
    if (outcome !== undefined) return outcome;
  }
  // Every step passed, so the password was right and the account exists.
  if (attempt.account === undefined) return { kind: 'wrong-credentials' };
  await world.throttle.recordSuccess(email);
  return { kind: 'signed-in', account: attempt.account };
}
