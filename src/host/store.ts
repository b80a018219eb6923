// Where sessions, throttles and sandboxes are kept, as far as the production server needs to know:
// whether it answers (GET /readyz). Today the mock API keeps them in this process's memory, which
// always answers. A shared store (LEDE_REDIS_URL, not implemented) would plug in here with a real
// check, and be handed to the API handler.
export interface Store {
  readonly kind: string;
  /** Resolves true when the store can serve requests now; never throws. */
  isReady(): Promise<boolean>;
}

export function createMemoryStore(): Store {
  return { kind: 'memory', isReady: () => Promise.resolve(true) };
}
