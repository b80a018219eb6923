// The world's fault rules (/api/test/faults): a form that adds one (POST), the rules with how often
// each fired, one removed (DELETE ?id=), all cleared (DELETE); the other rules keep their counts.
// Faults never reach the lab's own calls.
import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import {
  FAULT_KINDS,
  FAULT_LIMITS,
  addFault,
  clearFaults,
  fetchFaults,
  removeFault,
  type FaultKind,
  type FaultRule,
  type FaultRuleInput,
  type FaultsResult,
  type LostWorld,
} from '../../client-state/api-lab.ts';
import { useLabRead, type PanelFailure } from './use-lab-read.ts';
import { LabAlert, LabField } from './LabField.tsx';
import {
  EMPTY_FAULT_FORM,
  FAULT_FIELDS,
  describeFault,
  parseFaultForm,
  type FaultField,
  type FaultFormErrors,
  type FaultFormValues,
} from './fault-form.ts';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;

/** Paths a tester often faults, offered as the path field's suggestions. */
const SUGGESTED_PATHS = [
  '/api/session',
  '/api/session/status',
  '/api/articles/*/rest',
  '/api/paywall',
  '/api/meter',
  '/api/subscription',
  '/api/sign-in-links',
  '/api/**',
];

const KIND_NAMES: Record<FaultKind, string> = {
  status: 'Status: answer an error status',
  delay: 'Delay: wait, then answer as usual',
  timeout: 'Timeout: hold the request until the client gives up',
  reset: 'Reset: drop the connection unanswered',
  malformed: 'Malformed: answer 200 with a body that is not JSON',
};

export const TOO_MANY_RULES = `A world holds at most ${FAULT_LIMITS.rules} fault rules. Remove one first.`;

interface FaultsPanelProps {
  onLost: (failure: LostWorld) => void;
  /** Changes when the request log shows a request that met a rule: the counts are read again. */
  firedKey: string;
}

export function FaultsPanel({ onLost, firedKey }: FaultsPanelProps) {
  const [rules, setRules] = useState<FaultRule[]>();
  const [values, setValues] = useState<FaultFormValues>(EMPTY_FAULT_FORM);
  const [errors, setErrors] = useState<FaultFormErrors>({});
  const [failure, setFailure] = useState<PanelFailure>();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const rulesHeading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const fields: Record<FaultField, RefObject<HTMLInputElement | null>> = {
    path: useRef<HTMLInputElement>(null),
    status: useRef<HTMLInputElement>(null),
    delayMs: useRef<HTMLInputElement>(null),
    times: useRef<HTMLInputElement>(null),
    percent: useRef<HTMLInputElement>(null),
  };
  const ids = {
    heading: useId(),
    rules: useId(),
    method: useId(),
    path: useId(),
    paths: useId(),
    kind: useId(),
    status: useId(),
    delayMs: useId(),
    times: useId(),
    percent: useId(),
  };

  useLabRead(fetchFaults, { onRead: (answer) => setRules(answer.faults), onFailed: setFailure, onLost }, firedKey);

  /** Sends a change; true when the server took it. */
  async function change(call: () => Promise<FaultsResult>, saying: string, retry?: () => void): Promise<boolean> {
    setBusy(true);
    setFailure(undefined);
    setSaid('');
    const result = await call();
    setBusy(false);
    if (result.kind === 'ok') {
      setRules(result.faults);
      setSaid(saying);
      return true;
    }
    if (result.kind === 'failed')
      setFailure(retry === undefined ? { message: result.message } : { message: result.message, retry });
    else onLost(result);
    return false;
  }

  async function add(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy || rules === undefined) return;
    const parsed = parseFaultForm(values);
    if (parsed.kind === 'invalid') {
      setErrors(parsed.errors);
      const first = FAULT_FIELDS.find((field) => parsed.errors[field] !== undefined);
      if (first !== undefined) fields[first].current?.focus();
      return;
    }
    setErrors({});
    if (rules.length >= FAULT_LIMITS.rules) {
      setSaid('');
      setFailure({ message: TOO_MANY_RULES });
      return;
    }
    const rule: FaultRuleInput = parsed.rule;
    // The form keeps what was typed either way: the next rule is often a variation of this one.
    await change(
      () => addFault(rule),
      `Added: ${describeFault(rule)}.`,
      () => form.current?.requestSubmit(),
    );
  }

  async function remove(rule: FaultRule): Promise<void> {
    if (busy || rules === undefined) return;
    const removed = await change(
      () => removeFault(rule.id),
      `Removed: ${describeFault(rule)}.`,
      () => void remove(rule),
    );
    if (removed) rulesHeading.current?.focus();
  }

  async function clear(): Promise<void> {
    if (busy) return;
    if (await change(clearFaults, 'Every fault rule is cleared.', () => void clear())) rulesHeading.current?.focus();
  }

  const set = (patch: Partial<FaultFormValues>) => setValues((now) => ({ ...now, ...patch }));
  const text = (field: FaultField, label: string, hint: string, inputMode?: 'numeric' | 'decimal') => (
    <LabField label={label} id={ids[field]} hint={hint} error={errors[field]}>
      {(control) => (
        <input
          {...control}
          ref={fields[field]}
          name={field}
          type="text"
          autoComplete="off"
          spellCheck={false}
          inputMode={inputMode}
          list={field === 'path' ? ids.paths : undefined}
          value={values[field]}
          onChange={(event) => set({ [field]: event.target.value })}
        />
      )}
    </LabField>
  );

  return (
    <section className="lab__panel" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Faults</h2>
      <p>
        Make the API fail or wait for this world’s requests that match. The lab’s own calls (the test hooks and the
        sandboxes) are never faulted, so you can always come back here and undo.
      </p>
      <form ref={form} className="lab__form" noValidate onSubmit={(event) => void add(event)} aria-busy={busy}>
        <LabField label="Method" id={ids.method}>
          {(control) => (
            <select
              {...control}
              name="method"
              value={values.method}
              onChange={(event) => set({ method: event.target.value })}
            >
              <option value="">Any method</option>
              {METHODS.map((method) => (
                <option key={method} value={method}>
                  {method}
                </option>
              ))}
            </select>
          )}
        </LabField>
        {text('path', 'Path', '* matches within one segment, ** across: /api/articles/*/rest.')}
        <datalist id={ids.paths}>
          {SUGGESTED_PATHS.map((path) => (
            <option key={path} value={path} />
          ))}
        </datalist>
        <LabField label="Kind" id={ids.kind}>
          {(control) => (
            <select
              {...control}
              name="kind"
              value={values.kind}
              onChange={(event) => {
                const kind = FAULT_KINDS.find((each) => each === event.target.value);
                if (kind !== undefined) set({ kind });
              }}
            >
              {FAULT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_NAMES[kind]}
                </option>
              ))}
            </select>
          )}
        </LabField>
        {values.kind === 'status' && text('status', 'Status', 'From 400 to 599.', 'numeric')}
        {text(
          'delayMs',
          'Delay (ms)',
          values.kind === 'delay' ? 'How long to wait, up to 60000.' : 'Waited before the fault; empty for none.',
          'numeric',
        )}
        {text('times', 'Times', 'How many times it fires, up to 1000; empty for every time.', 'numeric')}
        {text('percent', 'Share of requests (%)', 'How many matching requests it fires on; empty for all.', 'decimal')}
        <div>
          <button type="submit" className="button" aria-disabled={busy || rules === undefined}>
            Add the fault
          </button>
        </div>
      </form>
      <p role="status" className="lab__said">
        {busy ? 'Saving the rules…' : said}
      </p>
      {failure !== undefined && <LabAlert message={failure.message} onRetry={failure.retry} />}
      <h3 id={ids.rules} ref={rulesHeading} tabIndex={-1}>
        Rules in this world
      </h3>
      {rules === undefined ? (
        <p>Reading the rules…</p>
      ) : rules.length === 0 ? (
        <p>No fault rules: every request is answered as usual.</p>
      ) : (
        <>
          <ul className="lab__rules" aria-labelledby={ids.rules}>
            {rules.map((rule) => (
              <li key={rule.id}>
                <span>
                  {describeFault(rule)}. Fired {rule.fired === 1 ? 'once' : `${rule.fired} times`}. Rule{' '}
                  <code>{rule.id}</code>
                </span>
                <button
                  type="button"
                  className="button button--quiet"
                  aria-disabled={busy}
                  aria-label={`Remove: ${describeFault(rule)}`}
                  onClick={() => void remove(rule)}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button button--quiet" aria-disabled={busy} onClick={() => void clear()}>
            Clear all faults
          </button>
        </>
      )}
    </section>
  );
}
