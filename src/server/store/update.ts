// A read, then a write of what was made from it, without losing a write that came in between:
// the write is a compare-and-set (`put` with `{ ifHolds }`), and a lost race is read again.
import { StoreUnavailableError, type Collection } from './store.ts';

/** Lost races before giving up: each one is another writer's change landing. */
const DEFAULT_ATTEMPTS = 50;

/**
 * Rewrites the value at `key`: `edit` gets the value held (undefined: none) and gives the new one,
 * or undefined to leave it as it is. Returns what was written, or undefined if `edit` declined.
 * A store that keeps changing under it for `attempts` tries fails as an unavailable store does (the
 * API answers 503, to be tried again).
 */
export async function update(
  collection: Collection,
  key: string,
  edit: (held: string | undefined) => string | undefined,
  attempts = DEFAULT_ATTEMPTS,
): Promise<string | undefined> {
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const held = await collection.get(key);
    const next = edit(held);
    if (next === undefined) return undefined;
    const written = await collection.put(key, next, held === undefined ? 'if-absent' : { ifHolds: held });
    if (written.kind === 'stored') return next;
  }
  throw new StoreUnavailableError(`"${key}" changed ${attempts} times during one update.`);
}
