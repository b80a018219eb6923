// The `Lede-Fault` header: one request's own fault, for a request a test sends itself or adds the
// header to with `page.route`. Checked here as the server checks it, so a mistake fails where it was
// written, in words, rather than as the server's 400 somewhere in a test.
import { FAULT_KINDS, type FaultKind } from './api-answers.js';

export const FAULT_HEADER = 'Lede-Fault';

/** The longest a fault may hold a request, in ms (the server's limit). */
export const MAX_FAULT_DELAY_MS = 60_000;

/** What a request's own fault may say: a kind, a status, a delay, or some of them (one at least). */
export interface HeaderFault {
  kind?: FaultKind;
  /** 400–599; required by `kind: 'status'`, and enough on its own. */
  status?: number;
  /** Waited first, 0–60,000 ms; on its own, the request is only held. */
  delayMs?: number;
}

/**
 * `{ 'Lede-Fault': 'status=503; delay=2000' }`, to spread into a request's headers:
 * `request.get('/api/paywall', { headers: faultHeader({ status: 503 }) })`.
 */
export function faultHeader(fault: HeaderFault): { 'Lede-Fault': string } {
  return { [FAULT_HEADER]: faultHeaderValue(fault) };
}

/** The header's value alone: `kind=timeout`, `status=503; delay=2000`. Throws on a fault the server would refuse. */
export function faultHeaderValue({ kind, status, delayMs }: HeaderFault): string {
  if (kind === undefined && status === undefined && delayMs === undefined) {
    throw new Error('A Lede-Fault needs a kind, a status or a delayMs.');
  }
  if (kind !== undefined && !FAULT_KINDS.includes(kind)) {
    throw new Error(`A Lede-Fault's kind is one of ${FAULT_KINDS.join(', ')}; not ${JSON.stringify(kind)}.`);
  }
  if (status !== undefined && !(Number.isInteger(status) && status >= 400 && status <= 599)) {
    throw new Error(`A Lede-Fault's status is a whole number from 400 to 599; not ${status}.`);
  }
  if (kind === 'status' && status === undefined) throw new Error('A Lede-Fault of kind "status" needs a status.');
  if (delayMs !== undefined && !(Number.isInteger(delayMs) && delayMs >= 0 && delayMs <= MAX_FAULT_DELAY_MS)) {
    throw new Error(`A Lede-Fault's delayMs is a whole number from 0 to ${MAX_FAULT_DELAY_MS}; not ${delayMs}.`);
  }
  const parts = [
    kind === undefined ? undefined : `kind=${kind}`,
    status === undefined ? undefined : `status=${status}`,
    delayMs === undefined ? undefined : `delay=${delayMs}`,
  ];
  return parts.filter((part) => part !== undefined).join('; ');
}
