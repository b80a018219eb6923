// The demo accounts. Public on purpose, as on saucedemo: the login page lists them all.
import type { Reader } from './reader.ts';

export const DEMO_PASSWORD = 'read-all-about-it';

export interface Persona {
  reader: Reader;
  /** What logging in as this persona shows, in a tester's words. */
  behaviour: string;
}

export const PERSONAS: readonly Persona[] = [
  {
    reader: { email: 'subscriber@example.com', name: 'Sam Subscriber', subscription: { status: 'active' } },
    behaviour: 'Active subscription: reads every article in full.',
  },
  {
    reader: { email: 'reader@example.com', name: 'Riley Reader', subscription: { status: 'none' } },
    behaviour: 'Registered, no subscription: logs in, but the gate stays.',
  },
];

export function findPersona(email: string): Persona | undefined {
  const wanted = normaliseEmail(email);
  return PERSONAS.find((persona) => persona.reader.email === wanted);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
