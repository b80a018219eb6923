// The lab's fault form, read into a rule PUT /api/test/faults takes — or the words for each field
// that is wrong — and a rule said back in words. Pure: no React, no I/O.
import { FAULT_LIMITS, type FaultKind, type FaultRuleInput } from '../../client-state/api-lab.ts';

/** What the form holds, as typed. */
export interface FaultFormValues {
  /** "" for any method. */
  method: string;
  path: string;
  kind: FaultKind;
  /** Read only for a `status` fault. */
  status: string;
  delayMs: string;
  times: string;
  /** A share of matching requests, in percent; "" for every one. */
  percent: string;
}

export type FaultField = 'path' | 'status' | 'delayMs' | 'times' | 'percent';
export type FaultFormErrors = Partial<Record<FaultField, string>>;

/** The form's fields in the order they appear: the first with an error takes focus. */
export const FAULT_FIELDS: readonly FaultField[] = ['path', 'status', 'delayMs', 'times', 'percent'];

export const EMPTY_FAULT_FORM: FaultFormValues = {
  method: '',
  path: '',
  kind: 'status',
  status: '503',
  delayMs: '',
  times: '',
  percent: '',
};

export const FAULT_ERRORS = {
  pathMissing: 'Enter the path to fault, starting with /, like /api/session.',
  pathTooLong: `Keep the path to ${FAULT_LIMITS.pathLength} characters.`,
  status: `Enter a status from ${FAULT_LIMITS.status.min} to ${FAULT_LIMITS.status.max}, like 503.`,
  delay: `Enter a delay in milliseconds, from 0 to ${FAULT_LIMITS.delayMs}, or leave it empty.`,
  delayNeeded: `A delay fault needs a delay: enter milliseconds, from 0 to ${FAULT_LIMITS.delayMs}.`,
  times: `Enter how many times it fires, from 1 to ${FAULT_LIMITS.times}, or leave it empty for every time.`,
  percent: 'Enter a share from 0 to 100 percent, or leave it empty for every matching request.',
} as const;

export type ParsedFault = { kind: 'ok'; rule: FaultRuleInput } | { kind: 'invalid'; errors: FaultFormErrors };

const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/** A whole number in [min, max] as typed (spaces around it allowed), or undefined. */
function wholeIn(text: string, min: number, max: number): number | undefined {
  const trimmed = text.trim();
  if (!WHOLE.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : undefined;
}

export function parseFaultForm(values: FaultFormValues): ParsedFault {
  const errors: FaultFormErrors = {};
  const path = values.path.trim();
  if (!path.startsWith('/')) errors.path = FAULT_ERRORS.pathMissing;
  else if (path.length > FAULT_LIMITS.pathLength) errors.path = FAULT_ERRORS.pathTooLong;

  const status =
    values.kind === 'status' ? wholeIn(values.status, FAULT_LIMITS.status.min, FAULT_LIMITS.status.max) : undefined;
  if (values.kind === 'status' && status === undefined) errors.status = FAULT_ERRORS.status;

  const delayText = values.delayMs.trim();
  const delayMs = delayText === '' ? undefined : wholeIn(delayText, 0, FAULT_LIMITS.delayMs);
  if (delayText !== '' && delayMs === undefined) errors.delayMs = FAULT_ERRORS.delay;
  else if (values.kind === 'delay' && delayMs === undefined) errors.delayMs = FAULT_ERRORS.delayNeeded;

  const timesText = values.times.trim();
  const times = timesText === '' ? undefined : wholeIn(timesText, 1, FAULT_LIMITS.times);
  if (timesText !== '' && times === undefined) errors.times = FAULT_ERRORS.times;

  const percentText = values.percent.trim();
  const percent = DECIMAL.test(percentText) ? Number(percentText) : undefined;
  if (percentText !== '' && (percent === undefined || percent > 100)) errors.percent = FAULT_ERRORS.percent;

  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors };
  return {
    kind: 'ok',
    rule: {
      path,
      kind: values.kind,
      ...(values.method === '' ? {} : { method: values.method }),
      ...(status === undefined ? {} : { status }),
      ...(delayMs === undefined ? {} : { delayMs }),
      ...(times === undefined ? {} : { times }),
      ...(percent === undefined || percentText === '' ? {} : { probability: percent / 100 }),
    },
  };
}

const KIND_WORDS: Record<FaultKind, string> = {
  status: 'answers',
  delay: 'waits',
  timeout: 'times out',
  reset: 'drops the connection',
  malformed: 'answers a body that is not JSON',
};

/** "POST /api/session: answers 503, once"; "any method /api/**: waits 2000 ms, on 50 % of requests". */
export function describeFault(rule: FaultRuleInput): string {
  const what =
    rule.kind === 'status'
      ? `answers ${rule.status ?? 503}`
      : rule.kind === 'delay'
        ? `waits ${rule.delayMs ?? 0} ms, then answers as usual`
        : KIND_WORDS[rule.kind];
  const after = rule.kind !== 'delay' && rule.delayMs !== undefined ? ` after ${rule.delayMs} ms` : '';
  const times =
    rule.times === undefined
      ? ''
      : rule.times === 1
        ? ', once'
        : rule.times === 2
          ? ', twice'
          : `, ${rule.times} times`;
  const share = rule.probability === undefined ? '' : `, on ${Math.round(rule.probability * 1000) / 10} % of requests`;
  return `${rule.method ?? 'Any method'} ${rule.path}: ${what}${after}${times}${share}`;
}
