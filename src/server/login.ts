// The login decision: one ordered table, each step deciding or passing to the next. The order is
// the behaviour testers see, so it is written down once: a throttled email is refused before
// anything else is looked at (known or not, right password or not); the flaky persona's first
// attempt fails before its password is checked; a wrong password is a failure before a locked
// account is named, so "locked" is said only to someone who knows the password.
import { normaliseEmail } from '../paywall/personas.ts';
import type { Account } from './accounts.ts';
import type { World } from './world.ts';

export type LoginOutcome =
  | { kind: 'throttled'; retryAt: number }
  | { kind: 'unavailable' }
  | { kind: 'wrong-credentials' }
  | { kind: 'locked' }
  | { kind: 'signed-in'; account: Account };

interface Attempt {
  /** Normalised: the throttle's key. */
  email: string;
  password: string;
  account: Account | undefined;
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
      if (account !== undefined && (await accounts.passwordMatches(account, password))) return undefined;
      await throttle.recordFailure(email);
      return { kind: 'wrong-credentials' };
    },
  ],
  [
    'locked',
    async ({ account }, { accounts }) =>
      account !== undefined && (await accounts.isLocked(account)) ? { kind: 'locked' } : undefined,
  ],
] as const satisfies readonly (readonly [string, Step])[];

export async function decideLogin(
  world: World,
  credentials: { email: string; password: string },
): Promise<LoginOutcome> {
  const email = normaliseEmail(credentials.email);
  const attempt: Attempt = { email, password: credentials.password, account: await world.accounts.find(email) };
  for (const [, step] of LOGIN_STEPS) {
    const outcome = await step(attempt, world);
    if (outcome !== undefined) return outcome;
  }
  // Every step passed, so the password was right and the account exists.
  if (attempt.account === undefined) return { kind: 'wrong-credentials' };
  await world.throttle.recordSuccess(email);
  return { kind: 'signed-in', account: attempt.account };
}
