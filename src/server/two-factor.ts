// Two-factor sign-in (TOTP, RFC 6238) for the personas that have a `totpSecret`: after the right
// password the login asks for a 6-digit code from an authenticator app, or one of the account's
// recovery codes. Codes are computed at the WORLD's time (`world.now`), so a tester who moves a
// sandbox's clock moves its codes too. What a world remembers of it — the codes already accepted
// (no replay, RFC 6238 §5.2), the recovery codes spent, the wrong guesses — lives here and goes
// with a reset; the challenge and a trusted device are tokens (tokens.ts).
import { Secret, TOTP } from 'otpauth';
import type { Account } from './accounts.ts';
import { createLoginThrottle, type LoginThrottle } from './login-throttle.ts';
import type { Scope } from './store/store.ts';
import { TOKEN_MEMORY_MS, type Tokens } from './tokens.ts';

const MINUTE = 60_000;

/** How long the code may take after the password: a challenge lives 5 minutes of world time. */
export const CHALLENGE_MS = 5 * MINUTE;
/** "Trust this device for 30 days", by the world's clock. */
export const TRUSTED_DEVICE_MS = 30 * 24 * 60 * MINUTE;
/** Wrong codes one challenge takes; the next wrong one ends it (log in again). */
export const MAX_CODE_ATTEMPTS = 5;
/** RFC 6238's step; one step either side is accepted, for clocks that drift. */
export const TOTP_PERIOD_S = 30;
export const TOTP_WINDOW = 1;

/**
 * The recovery codes of every persona with a second factor: public, like its secret, and each
 * good once per world (a reset gives them back). Compared without case, spaces or dashes.
 */
export const DEMO_RECOVERY_CODES = [
  'K7QM-2XTA',
  'P4WD-9HRE',
  'C3ZN-6JUB',
  'V8LF-5GSY',
  'T2HX-4MQC',
  'B9RK-7DWP',
  'N6YE-3FVL',
  'G5JS-8AZT',
] as const;

/** The account's TOTP secret if signing in to it takes a second factor. */
export function secondFactorOf(account: Account): string | undefined {
  return account.persona.totpSecret;
}

/** Whether `token` (a browser's trusted-device cookie) is live and was given for this account. */
export async function isTrustedDevice(tokens: Tokens, account: Account, token: string | undefined): Promise<boolean> {
  if (token === undefined) return false;
  const found = await tokens.find('trusted-device', token);
  return found.kind === 'live' && found.record.email === account.address;
}

/** The step (RFC 6238's counter) whose code `code` is, within one step of `at`; undefined if none. */
export function matchTotp(secret: string, code: string, at: number): number | undefined {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD_S });
  const delta = totp.validate({ token, timestamp: at, window: TOTP_WINDOW });
  return delta === null ? undefined : totp.counter({ timestamp: at }) + delta;
}

/** Which of the recovery codes `code` is (by its index), however it was spaced or cased. */
export function matchRecoveryCode(code: string): number | undefined {
  const plain = (text: string) => text.replace(/[\s-]/g, '').toUpperCase();
  const index = DEMO_RECOVERY_CODES.findIndex((each) => plain(each) === plain(code));
  return index === -1 ? undefined : index;
}

/** What a world remembers of second factors. */
export interface TwoFactorMemory {
  /** Wrong codes, per account: a refusal after too many, whichever challenge they came with. */
  throttle: LoginThrottle;
  /**
   * True the first time a code of `step` is accepted for the account; false if one of that step,
   * or of a later one, was accepted already (a replayed code). Atomic: of two at once, one wins.
   */
  spendStep(address: string, step: number): Promise<boolean>;
  /** True the first time the recovery code `index` is used for the account in this world. */
  spendRecoveryCode(address: string, index: number): Promise<boolean>;
  reset(): Promise<void>;
}

/**
 * `cap`: the most entries each collection holds. Past it the oldest is forgotten: a flood could
 * make a spent code usable again, never make the server slower or larger — and every spend needs
 * the password first.
 */
export function createTwoFactorMemory(scope: Scope, now: () => number, cap: number): TwoFactorMemory {
  const throttle = createLoginThrottle(scope, now, cap, 'two-factor-throttle');
  const spec = { ttlMs: TOKEN_MEMORY_MS, cap, whenFull: 'evict-oldest' } as const;
  /** The latest step accepted per account: an atomic maximum. */
  const latestStep = scope.collection({ name: 'two-factor:latest-step', ...spec });
  /** `<address> <step>` and `<address> #<index>`: each accepted once. */
  const spent = scope.collection({ name: 'two-factor:spent', ...spec });
  return {
    throttle,
    async spendStep(address, step) {
      if ((await latestStep.raise(address, step)) > step) return false;
      return (await spent.put(`${address} ${step}`, '1', 'if-absent')).kind === 'stored';
    },
    async spendRecoveryCode(address, index) {
      return (await spent.put(`${address} #${index}`, '1', 'if-absent')).kind === 'stored';
    },
    async reset() {
      await Promise.all([throttle.reset(), latestStep.clear(), spent.clear()]);
    },
  };
}
