// The demo personas as tests look them up: by id, or by the address they log in with. One place
// for every layer's tests, so a missing persona fails the same way everywhere.
import { PERSONAS, normaliseEmail, type PersonaId } from './personas.ts';
import type { Reader } from './reader.ts';

/** The demo persona `id`, or throws. */
export function persona(id: PersonaId): (typeof PERSONAS)[number] {
  const found = PERSONAS.find((each) => each.id === id);
  if (found === undefined) throw new Error(`no demo persona ${id}`);
  return found;
}

/** The reader the demo persona `id` logs in as. */
export function reader(id: PersonaId): Reader {
  return persona(id).reader;
}

/** The id of the persona whose address `email` is exactly (after trimming and lower-casing), if any. */
export function personaIdByEmail(email: string): PersonaId | undefined {
  return PERSONAS.find((each) => each.reader.email === normaliseEmail(email))?.id;
}
