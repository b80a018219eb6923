// Faults on demand: a tester makes the API fail or wait, per sandbox (PUT /api/test/faults, a
// list of rules) or per request (a `Lede-Fault` header), the way Prism's `Prefer: code=500` does.
// A fault is decided at the edge, before any route runs: it can only make a request fail or wait,
// never turn a refusal into gated text. The test hooks and the sandboxes' own API are never
// faulted, so a tester can always look and undo.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Scope } from './store/store.ts';
import { update } from './store/update.ts';

export const FAULT_KINDS = ['status', 'delay', 'timeout', 'reset', 'malformed'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A request's own fault: `Lede-Fault: status=503; delay=2000`. */
export const FAULT_HEADER = 'Lede-Fault';
export const FAULT_HEADER_EXPECTED = `The Lede-Fault header names a fault as "kind=<${FAULT_KINDS.join('|')}>; status=<400–599>; delay=<ms>", each part optional but one.`;
/** Paths no fault reaches: the test hooks, so a tester can always look and undo. */
export const NEVER_FAULTED_PREFIX = '/api/test/';

/** The longest a fault may hold a request: a delay, or a timeout that no client gives up on. */
export const MAX_FAULT_DELAY_MS = 60_000;
/** The most rules a world holds at once. */
export const MAX_FAULT_RULES = 20;
/** A path pattern's longest length. */
const MAX_PATTERN_LENGTH = 200;

export interface FaultRule {
  id: string;
  /** Any method when absent. */
  method?: string;
  /** `*` matches within one path segment, `**` across segments: `/api/articles/*\/rest`. */
  path: string;
  kind: FaultKind;
  /** `status` faults: the HTTP status answered (400–599). */
  status?: number;
  /** Waited before the fault (or, for `delay`, before the real answer). */
  delayMs?: number;
  /** Fires this many times, then is spent. */
  times?: number;
  /** Fires on this share of matching requests (0–1); always when absent. */
  probability?: number;
}

/** What a request meets: a world's rule (by id), or its own `Lede-Fault` header. */
export type Fault = Omit<FaultRule, 'id' | 'path' | 'method' | 'times' | 'probability'> & { source: string };

const rule = z
  .strictObject({
    method: z
      .string()
      .regex(/^[A-Za-z]{1,10}$/)
      .transform((method) => method.toUpperCase())
      .optional(),
    path: z.string().min(1).max(MAX_PATTERN_LENGTH).startsWith('/'),
    kind: z.enum(FAULT_KINDS).optional(),
    status: z.number().int().min(400).max(599).optional(),
    delayMs: z.number().int().min(0).max(MAX_FAULT_DELAY_MS).optional(),
    times: z.number().int().min(1).max(1_000).optional(),
    probability: z.number().min(0).max(1).optional(),
  })
  .refine((given) => given.kind !== 'status' || given.status !== undefined, { path: ['status'] })
  .refine((given) => given.kind !== undefined || given.status !== undefined || given.delayMs !== undefined, {
    path: ['kind'],
  });
export const faultRules = z.array(rule).max(MAX_FAULT_RULES);
/** One rule, added to those a world holds (POST /api/test/faults). */
export const faultRule = rule;
export type FaultRuleInput = z.infer<typeof rule>;

export const FAULT_EXPECTED = `Expected a JSON object { "path": "/api/…" (\`*\` within a segment, \`**\` across), "method"?, "kind"?: ${FAULT_KINDS.map((kind) => `"${kind}"`).join(' | ')}, "status"?: 400–599 (required by "status"), "delayMs"?: 0–${MAX_FAULT_DELAY_MS}, "times"?: 1–1000, "probability"?: 0–1 }, with a kind, a status or a delay.`;
export const TOO_MANY_FAULTS = `A world holds at most ${MAX_FAULT_RULES} fault rules: remove one (DELETE /api/test/faults?id=…) first.`;

export const FAULTS_EXPECTED = `Expected a JSON array of at most ${MAX_FAULT_RULES} rules { "path": "/api/…" (\`*\` within a segment, \`**\` across), "method"?, "kind"?: ${FAULT_KINDS.map((kind) => `"${kind}"`).join(' | ')}, "status"?: 400–599 (required by "status"), "delayMs"?: 0–${MAX_FAULT_DELAY_MS}, "times"?: 1–1000, "probability"?: 0–1 }, each with a kind, a status or a delay.`;

/** A rule as stored: its kind decided (a status means `status`, a delay alone `delay`). */
export function toRule(input: FaultRuleInput): FaultRule {
  const kind = input.kind ?? (input.status !== undefined ? 'status' : 'delay');
  const rule: FaultRule = { id: randomBytes(6).toString('base64url'), path: input.path, kind };
  if (input.method !== undefined) rule.method = input.method;
  if (input.status !== undefined) rule.status = input.status;
  if (input.delayMs !== undefined) rule.delayMs = input.delayMs;
  if (input.times !== undefined) rule.times = input.times;
  if (input.probability !== undefined) rule.probability = input.probability;
  return rule;
}

/** `status=503; delay=2000` or `kind=timeout`: a request's own fault, or undefined if none is named. */
export function parseFaultHeader(value: string | null): Fault | 'malformed' | undefined {
  if (value === null || value.trim() === '') return undefined;
  const fields = new Map<string, string>();
  for (const part of value.split(';')) {
    const [name = '', given = ''] = part.split('=').map((piece) => piece.trim());
    if (name === '' || fields.has(name)) return 'malformed';
    fields.set(name.toLowerCase(), given);
  }
  const parsed = rule.safeParse({
    path: '/',
    ...(fields.has('kind') ? { kind: fields.get('kind') } : {}),
    ...(fields.has('status') ? { status: Number(fields.get('status')) } : {}),
    ...(fields.has('delay') ? { delayMs: Number(fields.get('delay')) } : {}),
  });
  if (!parsed.success || [...fields.keys()].some((name) => !['kind', 'status', 'delay'].includes(name))) {
    return 'malformed';
  }
  const { kind, status, delayMs } = toRule(parsed.data);
  return {
    source: 'header',
    kind,
    ...(status === undefined ? {} : { status }),
    ...(delayMs === undefined ? {} : { delayMs }),
  };
}

/** Whether `pattern` names `pathname`: `*` within one segment, `**` across any. */
export function matchesPath(pattern: string, pathname: string): boolean {
  const source = pattern
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${source}$`).test(pathname);
}

export interface Faults {
  set(rules: FaultRule[]): Promise<void>;
  /** Adds a rule after those held, whose counts stay; 'full' at MAX_FAULT_RULES. */
  add(rule: FaultRule): Promise<'added' | 'full'>;
  /** Removes one rule by its id, the others' counts kept; false when no rule has it. */
  remove(id: string): Promise<boolean>;
  /** Each rule with how often it has fired. */
  list(): Promise<(FaultRule & { fired: number })[]>;
  clear(): Promise<void>;
  /** The fault a request meets, if any, counted as fired (a spent rule is passed over). */
  take(method: string, pathname: string, random?: () => number): Promise<Fault | undefined>;
}

const FAULT_MEMORY_MS = 24 * 60 * 60_000;
const RULES = 'rules';
export function createFaults(scope: Scope): Faults {
  const rules = scope.collection({ name: 'faults', ttlMs: FAULT_MEMORY_MS, cap: 1, whenFull: 'evict-oldest' });
  // One list per rule id, one item per firing: appended atomically, so a rule fired by two
  // requests at once on two instances counts both, and `times` is never exceeded.
  const fired = scope.collection({
    name: 'faults:fired',
    ttlMs: FAULT_MEMORY_MS,
    cap: MAX_FAULT_RULES * 2,
    whenFull: 'evict-oldest',
  });
  const parse = (stored: string | undefined): FaultRule[] =>
    stored === undefined ? [] : (JSON.parse(stored) as FaultRule[]);
  async function held(): Promise<FaultRule[]> {
    return parse(await rules.get(RULES));
  }
  /**
   * Rewrites the rules as `edit` says (undefined: leave them) by a compare-and-set, so changes at
   * the same instant, on one instance or several, all land and the limit holds. True if written.
   */
  async function rewrite(edit: (all: FaultRule[]) => FaultRule[] | undefined): Promise<boolean> {
    const written = await update(rules, RULES, (stored) => {
      const next = edit(parse(stored));
      return next === undefined ? undefined : JSON.stringify(next);
    });
    return written !== undefined;
  }
  return {
    async set(given) {
      await Promise.all([rules.put(RULES, JSON.stringify(given)), fired.clear()]);
    },
    async add(given) {
      const added = await rewrite((all) => (all.length >= MAX_FAULT_RULES ? undefined : [...all, given]));
      return added ? 'added' : 'full';
    },
    async remove(id) {
      const removed = await rewrite((all) =>
        all.some((each) => each.id === id) ? all.filter((each) => each.id !== id) : undefined,
      );
      if (!removed) return false;
      await fired.delete(id);
      return true;
    },
    async list() {
      const all = await held();
      // A spent rule's list holds one attempt past `times`, which did not fire.
      const counts = await Promise.all(
        all.map(async (each) => Math.min((await fired.list(each.id)).length, each.times ?? Infinity)),
      );
      return all.map((each, index) => ({ ...each, fired: counts[index] ?? 0 }));
    },
    async clear() {
      await Promise.all([rules.clear(), fired.clear()]);
    },
    async take(method, pathname, random = Math.random) {
      for (const each of await held()) {
        if (each.method !== undefined && each.method !== method) continue;
        if (!matchesPath(each.path, pathname)) continue;
        if (each.probability !== undefined && random() >= each.probability) continue;
        const keep = each.times ?? 1_000;
        const firings = await fired.append(each.id, '1', keep + 1);
        if (each.times !== undefined && firings.length > each.times) continue;
        const { id, kind, status, delayMs } = each;
        return {
          source: id,
          kind,
          ...(status === undefined ? {} : { status }),
          ...(delayMs === undefined ? {} : { delayMs }),
        };
      }
      return undefined;
    },
  };
}
