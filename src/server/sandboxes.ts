// Sandboxes: worlds of their own, one request away, so any number of testers and parallel test
// workers share one server without touching each other's state (API Challenges' X-CHALLENGER,
// with the clock isolated too). A sandbox lives until it has gone unused for SANDBOX_IDLE_MS by
// the real clock (a sandbox's own clock may be moved without ending it); their number is capped.
// The registry and every sandbox's world are kept in the server's store (store/store.ts): a
// sandbox created through one instance works through any other sharing the store.
import { randomUUID } from 'node:crypto';
import type { Collection, Store } from './store/store.ts';
import { openWorld, type World, type WorldLimits } from './world.ts';

export const SANDBOX_IDLE_MS = 60 * 60_000;
export const MAX_SANDBOXES = 1_000;

const SANDBOX_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A sandbox id is a random UUID; anything else cannot name one. */
export function isSandboxId(value: string): boolean {
  return SANDBOX_ID.test(value);
}

export type Creation = { kind: 'created'; id: string; expiresAt: number } | { kind: 'full'; retryAt: number };

export interface Sandbox {
  id: string;
  world: World;
  /** When it ends if unused, by the real clock. */
  expiresAt: number;
}

export interface SandboxRegistry {
  create(): Promise<Creation>;
  /** The live sandbox with this id, its idle time renewed by the use. */
  use(id: string): Promise<Sandbox | undefined>;
  /** Ends the sandbox and clears its world; false if there was none. */
  end(id: string): Promise<boolean>;
  size(): Promise<number>;
}

export interface SandboxOptions {
  store: Store;
  realNow: () => number;
  cap: number;
  worldLimits: WorldLimits;
}

/** The store scope a sandbox's world is kept in. */
export function sandboxScopeName(id: string): string {
  return `sandbox:${id}`;
}

export function createSandboxRegistry({ store, realNow, cap, worldLimits }: SandboxOptions): SandboxRegistry {
  const live = (): Collection =>
    store.scope('sandboxes').collection({ name: 'live', ttlMs: SANDBOX_IDLE_MS, cap, whenFull: 'refuse' });
  const worldOf = (id: string): Promise<World> => openWorld(store.scope(sandboxScopeName(id)), realNow, worldLimits);
  return {
    async create() {
      const id = randomUUID();
      // Full: refused, never another tester's sandbox evicted.
      const created = await live().put(id, 'live', 'if-absent');
      if (created.kind === 'full') return created;
      return { kind: 'created', id, expiresAt: realNow() + SANDBOX_IDLE_MS };
    },
    async use(id) {
      const renewed = await live().put(id, 'live', 'if-present');
      if (renewed.kind !== 'stored') return undefined;
      return { id, world: await worldOf(id), expiresAt: realNow() + SANDBOX_IDLE_MS };
    },
    async end(id) {
      const held = await live().delete(id);
      if (!held) return false;
      await (await worldOf(id)).reset({ keepSessions: false });
      store.forget(sandboxScopeName(id));
      return true;
    },
    size: () => live().size(),
  };
}
