// The demo accounts. Public on purpose, as on saucedemo: the login page lists them all, and
// each has one deliberate behaviour to test against.
import type { Lifecycle } from './lifecycle.ts';
import type { Reader } from './reader.ts';

export const DEMO_PASSWORD = 'read-all-about-it';

/** A deliberate fault the mock backend plays for this account. */
export type PersonaFault =
  /** The right password is refused with "This account is locked"; a wrong one gets the generic error. */
  | 'locked'
  /** Every API response for this account takes SLOW_RESPONSE_MS. */
  | 'slow'
  /** The first login attempt (per server life or reset) fails with 503. */
  | 'flaky'
  /**
   * A mail scanner opens every sign-in link sent to this address as it arrives: the link counts as
   * first used when sent, so its 10-minute reuse window closes 10 minutes after sending.
   */
  | 'scanned';

export const SLOW_RESPONSE_MS = 3000;

export interface Persona {
  /** The short name tests use: `test.use({ persona: 'reader' })`. */
  id: string;
  reader: Reader;
  fault?: PersonaFault;
  /**
   * A subscription that changes by the world's clock, counted from the account's first login in
   * its world; `reader.subscription` is where it starts.
   */
  lifecycle?: Lifecycle;
  /** The most sessions at once: a login past it ends the oldest (its device is told why). */
  deviceLimit?: number;
  /**
   * Two-factor sign-in: after the password, a 6-digit TOTP code (RFC 6238: SHA-1, 30 s) from this
   * base32 secret, public like the password, so a test computes codes with any TOTP library.
   */
  totpSecret?: string;
  /** What logging in as this persona shows, in a tester's words. */
  behaviour: string;
}

export const PERSONAS = [
  {
    id: 'subscriber',
    reader: { email: 'subscriber@example.com', name: 'Sam Subscriber', subscription: { status: 'active' } },
    behaviour: 'Active subscription: reads every article in full.',
  },
  {
    id: 'reader',
    reader: { email: 'reader@example.com', name: 'Riley Reader', subscription: { status: 'none' } },
    behaviour: 'Registered, no subscription: the gate offers "Subscribe".',
  },
  {
    id: 'expired',
    reader: {
      email: 'expired@example.com',
      name: 'Eli Expired',
      subscription: { status: 'expired', endedOn: '2026-03-31' },
    },
    behaviour: 'Subscription ended on March 31, 2026: the gate offers "Renew".',
  },
  {
    id: 'locked',
    reader: { email: 'locked@example.com', name: 'Lee Locked', subscription: { status: 'active' } },
    fault: 'locked',
    behaviour: 'The right password is refused with "This account is locked"; a wrong one gets the generic error.',
  },
  {
    id: 'slow',
    reader: { email: 'slow@example.com', name: 'Sol Slow', subscription: { status: 'active' } },
    fault: 'slow',
    behaviour: 'Subscriber whose every API response takes 3 s: watch the busy states.',
  },
  {
    id: 'flaky',
    reader: { email: 'flaky@example.com', name: 'Flo Flaky', subscription: { status: 'active' } },
    fault: 'flaky',
    behaviour: 'Subscriber whose first login attempt fails with "The service is unavailable. Try again."',
  },
  {
    id: 'trial',
    reader: { email: 'trial@example.com', name: 'Tess Trial', subscription: { status: 'active' } },
    lifecycle: { kind: 'trial', days: 7 },
    behaviour: 'A free trial that ends 7 days after the first login (server clock), then becomes a paid subscription.',
  },
  {
    id: 'pastdue',
    reader: { email: 'pastdue@example.com', name: 'Pat Pastdue', subscription: { status: 'active' } },
    lifecycle: { kind: 'past-due', graceDays: 3 },
    behaviour:
      'A payment failed: reads in full for a 3-day grace period with a banner asking to update payment, then the gate offers "Renew".',
  },
  {
    id: 'cancelled',
    reader: { email: 'cancelled@example.com', name: 'Cass Cancelled', subscription: { status: 'active' } },
    lifecycle: { kind: 'cancelled', days: 5 },
    behaviour:
      'Cancelled, active for 5 more days ("Your subscription ends on …"), then ended: the gate offers "Renew".',
  },
  {
    id: 'gifted',
    reader: { email: 'gifted@example.com', name: 'Gil Gifted', subscription: { status: 'active' } },
    lifecycle: { kind: 'gifted', days: 14 },
    behaviour:
      'A complimentary subscription for 14 days from the first login ("Your complimentary subscription ends on …"), then ended.',
  },
  {
    id: 'devices',
    reader: { email: 'devices@example.com', name: 'Dee Devices', subscription: { status: 'active' } },
    deviceLimit: 2,
    behaviour:
      'A subscriber limited to 2 sessions at once: a third login ends the oldest, whose device is told "Device limit reached" when it next asks.',
  },
  {
    id: 'scanned',
    reader: { email: 'scanned@example.com', name: 'Sky Scanned', subscription: { status: 'active' } },
    fault: 'scanned',
    behaviour: 'Subscriber whose mail scanner opens sign-in links first: each says "used" 10 minutes after sending.',
  },
  {
    id: 'mfa',
    reader: { email: 'mfa@example.com', name: 'Max Mfa', subscription: { status: 'active' } },
    totpSecret: 'LEDETWOFACTORDEMOSECRETFORTESTQA',
    behaviour: 'Subscriber whose login asks for a code: TOTP secret LEDETWOFACTORDEMOSECRETFORTESTQA.',
  },
] as const satisfies readonly Persona[];

export type PersonaId = (typeof PERSONAS)[number]['id'];

/**
 * The persona an email logs in as. Plus-addressing, as mail providers have it:
 * `subscriber+anything@example.com` is the subscriber persona too (with an account of its own).
 */
export function findPersona(email: string): Persona | undefined {
  const wanted = withoutPlusTag(normaliseEmail(email));
  return PERSONAS.find((persona) => persona.reader.email === wanted);
}

/** `name+tag@domain` → `name@domain`; any other address as it is. */
export function withoutPlusTag(address: string): string {
  const at = address.lastIndexOf('@');
  const plus = address.indexOf('+');
  return plus === -1 || plus > at ? address : address.slice(0, plus) + address.slice(at);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
