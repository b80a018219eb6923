// Sandboxes: worlds of their own, one request away, so any number of testers and parallel test
// workers share one server without touching each other's state (API Challenges' X-CHALLENGER,
// with the clock isolated too). A sandbox lives until it has gone unused for SANDBOX_IDLE_MS by
// the real clock (a sandbox's own clock may be moved without ending it); their number is capped.
import { randomUUID } from 'node:crypto';
import { createExpiringMap } from './store/expiring-map.ts';
import { createWorld, type World, type WorldLimits } from './world.ts';

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
  create(): Creation;
  /** The live sandbox with this id, its idle time renewed by the use. */
  use(id: string): Sandbox | undefined;
  end(id: string): boolean;
  readonly size: number;
}

export interface SandboxOptions {
  realNow: () => number;
  cap: number;
  worldLimits: WorldLimits;
}

export function createSandboxRegistry({ realNow, cap, worldLimits }: SandboxOptions): SandboxRegistry {
  const worlds = createExpiringMap<string, World>({ ttlMs: SANDBOX_IDLE_MS, cap, now: realNow });
  return {
    create() {
      worlds.sweep();
      const retryAt = worlds.firstExpiry();
      // Full: refused, never another tester's sandbox evicted.
      if (worlds.size >= cap && retryAt !== undefined) return { kind: 'full', retryAt };
      const id = randomUUID();
      worlds.set(id, createWorld(realNow, worldLimits));
      return { kind: 'created', id, expiresAt: realNow() + SANDBOX_IDLE_MS };
    },
    use(id) {
      const world = worlds.get(id);
      if (world === undefined) return undefined;
      worlds.set(id, world);
      return { id, world, expiresAt: realNow() + SANDBOX_IDLE_MS };
    },
    end(id) {
      const held = worlds.get(id) !== undefined;
      worlds.delete(id);
      return held;
    },
    get size() {
      worlds.sweep();
      return worlds.size;
    },
  };
}
