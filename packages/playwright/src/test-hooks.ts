// Lede's test hooks (`/api/test/*`), one small client each, bound to a request context in the
// test's sandbox: the server's clock, the test inbox, faults, the paywall model and the request
// log. Each call checks its answer, so a refused setup fails the test where it was asked for.
import type { APIRequestContext, APIResponse } from '@playwright/test';
import type { FaultRule, FaultRuleInput, LoggedRequest, Mail, PaywallModel, PaywallModelInput } from './api-answers.js';
import { LEDE_API } from './api-paths.js';
import { readAnswer } from './answers.js';
import { faultHeader, type HeaderFault } from './fault-header.js';

/** The sandbox's clock: everything the server decides by time follows it. It only moves forward. */
export interface ServerClock {
  /** The server's time in the sandbox. */
  now(): Promise<Date>;
  /** Moves the clock `ms` milliseconds forward; answers the new time. */
  advanceBy(ms: number): Promise<Date>;
  /** Moves the clock to `time` (not before now, not past 9999); answers it. */
  setTo(time: Date | string): Promise<Date>;
}

export function createServerClock(request: APIRequestContext): ServerClock {
  async function move(data: { advanceBy: number } | { now: string }): Promise<Date> {
    const what = `POST ${LEDE_API.clock} ${JSON.stringify(data)}`;
    const { now } = await readAnswer<{ now: string }>(await request.post(LEDE_API.clock, { data }), what);
    return new Date(now);
  }
  return {
    async now() {
      const { now } = await readAnswer<{ now: string }>(await request.get(LEDE_API.clock), `GET ${LEDE_API.clock}`);
      return new Date(now);
    },
    advanceBy: (ms) => move({ advanceBy: ms }),
    setTo: (time) => move({ now: new Date(time).toISOString() }),
  };
}

export interface WaitForMailOptions {
  /** Only a message whose subject is this, or matches it. */
  subject?: string | RegExp;
  /** How long to wait, in ms: 5,000 unless given. */
  timeout?: number;
}

/** The sandbox's test inbox: every message Lede "sent" from it. */
export interface Inbox {
  /** Newest first; only those to `to` when given (plus addresses are addresses of their own). */
  messages(to?: string): Promise<Mail[]>;
  /** The newest message to `to` (with `subject`), once there is one. */
  waitFor(to: string, options?: WaitForMailOptions): Promise<Mail>;
  /** Empties the inbox; answers how many messages it held. */
  clear(): Promise<number>;
}

const MAIL_POLL_MS = 100;

export function createInbox(request: APIRequestContext): Inbox {
  async function messages(to?: string): Promise<Mail[]> {
    const url = to === undefined ? LEDE_API.inbox : `${LEDE_API.inbox}?to=${encodeURIComponent(to)}`;
    return (await readAnswer<{ messages: Mail[] }>(await request.get(url), `GET ${url}`)).messages;
  }
  return {
    messages,
    async waitFor(to, { subject, timeout = 5_000 } = {}) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const held = await messages(to);
        const found = held.find((mail) => subject === undefined || subjectMatches(mail.subject, subject));
        if (found !== undefined) return found;
        if (Date.now() >= deadline) {
          const wanted = subject === undefined ? '' : ` with the subject ${String(subject)}`;
          const subjects = held.map((mail) => JSON.stringify(mail.subject)).join(', ') || 'none';
          throw new Error(`No message to ${to}${wanted} within ${timeout} ms (messages to it: ${subjects}).`);
        }
        await new Promise((resolve) => setTimeout(resolve, MAIL_POLL_MS));
      }
    },
    async clear() {
      return (await readAnswer<{ deleted: number }>(await request.delete(LEDE_API.inbox), `DELETE ${LEDE_API.inbox}`))
        .deleted;
    },
  };
}

function subjectMatches(subject: string, wanted: string | RegExp): boolean {
  return typeof wanted === 'string' ? subject === wanted : wanted.test(subject);
}

/** The sandbox's fault rules: make the API fail or wait, server-side. */
export interface Faults {
  /** Replaces the sandbox's rules (at most 20) and their counts; answers them as the server holds them. */
  set(rules: FaultRuleInput[]): Promise<FaultRule[]>;
  /** Adds one rule after the others, whose counts stay; answers the rules as the server holds them. */
  add(rule: FaultRuleInput): Promise<FaultRule[]>;
  /** Removes one rule by its `id`; the others keep their counts. */
  remove(id: string): Promise<FaultRule[]>;
  /** The rules, each with its `id` and how often it has `fired`. */
  list(): Promise<FaultRule[]>;
  /** No rules any more. */
  clear(): Promise<void>;
  /** One request's own fault instead, as a header to spread: `{ headers: faults.header({ status: 503 }) }`. */
  header(fault: HeaderFault): { 'Lede-Fault': string };
}

export function createFaults(request: APIRequestContext): Faults {
  async function rules(response: Promise<APIResponse>, what: string): Promise<FaultRule[]> {
    return (await readAnswer<{ faults: FaultRule[] }>(await response, what)).faults;
  }
  return {
    set: (given) =>
      rules(request.put(LEDE_API.faults, { data: given }), `PUT ${LEDE_API.faults} ${JSON.stringify(given)}`),
    add: (rule) =>
      rules(request.post(LEDE_API.faults, { data: rule }), `POST ${LEDE_API.faults} ${JSON.stringify(rule)}`),
    remove: (id) => rules(request.delete(LEDE_API.faults, { params: { id } }), `DELETE ${LEDE_API.faults}?id=${id}`),
    list: () => rules(request.get(LEDE_API.faults), `GET ${LEDE_API.faults}`),
    async clear() {
      await rules(request.delete(LEDE_API.faults), `DELETE ${LEDE_API.faults}`);
    },
    header: faultHeader,
  };
}

/** The sandbox's paywall model: `hard` unless set. */
export interface Paywall {
  get(): Promise<PaywallModel>;
  /** Sets the model (a meter's fields default to 3 articles a calendar month); answers it as stored. */
  set(model: PaywallModelInput): Promise<PaywallModel>;
}

export function createPaywall(request: APIRequestContext): Paywall {
  return {
    get: async () => readAnswer<PaywallModel>(await request.get(LEDE_API.paywall), `GET ${LEDE_API.paywall}`),
    set: async (model) =>
      readAnswer<PaywallModel>(
        await request.put(LEDE_API.paywall, { data: model }),
        `PUT ${LEDE_API.paywall} ${JSON.stringify(model)}`,
      ),
  };
}

/** The sandbox's last 200 API requests, as a proxy would show them. */
export interface RequestLog {
  /** Newest first; the log's own reads are not in it. */
  list(): Promise<LoggedRequest[]>;
  /** Empties the log; answers how many requests it held. */
  clear(): Promise<number>;
}

export function createRequestLog(request: APIRequestContext): RequestLog {
  return {
    list: async () =>
      (
        await readAnswer<{ requests: LoggedRequest[] }>(
          await request.get(LEDE_API.requests),
          `GET ${LEDE_API.requests}`,
        )
      ).requests,
    clear: async () =>
      (await readAnswer<{ deleted: number }>(await request.delete(LEDE_API.requests), `DELETE ${LEDE_API.requests}`))
        .deleted,
  };
}
