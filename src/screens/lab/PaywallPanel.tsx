// The world's paywall model (GET/PUT /api/test/paywall): which model, and for a meter how many
// free articles or reads over which window. The article pages ask for the model on every view, so
// a change shows on the next article opened.
import { useId, useRef, useState, type FormEvent } from 'react';
import { fetchPaywall, savePaywall, type LostWorld } from '../../client-state/api-lab.ts';
import { METER_COUNTS, METER_WINDOWS, PAYWALL_MODELS, type PaywallModel } from '../../paywall/paywall-model.ts';
import { useLabRead, type PanelFailure } from './use-lab-read.ts';
import { LabAlert, LabField } from './LabField.tsx';
import {
  COUNTS_NAMES,
  MODEL_HINTS,
  MODEL_NAMES,
  WINDOW_NAMES,
  describePaywall,
  parsePaywallForm,
  toPaywallFormValues,
  type PaywallFormValues,
} from './paywall-form.ts';

interface PanelProps {
  /** The world went away under the lab (its sandbox ended, or it has no hooks): the page asks again. */
  onLost: (failure: LostWorld) => void;
}

export function PaywallPanel({ onLost }: PanelProps) {
  const [held, setHeld] = useState<PaywallModel>();
  const [values, setValues] = useState<PaywallFormValues>();
  const [failure, setFailure] = useState<PanelFailure>();
  const [limitError, setLimitError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [said, setSaid] = useState('');
  const limitField = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const ids = { heading: useId(), limit: useId(), window: useId(), counts: useId() };

  useLabRead(fetchPaywall, {
    onRead: (answer) => {
      setFailure(undefined);
      setHeld(answer.paywall);
      setValues(toPaywallFormValues(answer.paywall));
    },
    onFailed: setFailure,
    onLost,
  });

  async function apply(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (saving || values === undefined) return;
    const parsed = parsePaywallForm(values);
    if (parsed.kind === 'invalid') {
      setLimitError(parsed.error);
      limitField.current?.focus();
      return;
    }
    setLimitError(undefined);
    setFailure(undefined);
    setSaid('');
    setSaving(true);
    const result = await savePaywall(parsed.paywall);
    setSaving(false);
    if (result.kind === 'ok') {
      setHeld(result.paywall);
      setSaid(`Set. ${describePaywall(result.paywall)}`);
    } else if (result.kind === 'failed') {
      setFailure({ message: result.message, retry: () => form.current?.requestSubmit() });
    } else onLost(result);
  }

  const change = (patch: Partial<PaywallFormValues>) =>
    setValues((now) => (now === undefined ? now : { ...now, ...patch }));
  return (
    <section className="lab__panel" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Paywall model</h2>
      <p>
        Now: {held === undefined ? 'asking…' : describePaywall(held)} Articles opened after a change show the new model.
      </p>
      {failure !== undefined && <LabAlert message={failure.message} onRetry={failure.retry} />}
      {values !== undefined && (
        <form ref={form} className="lab__form" noValidate onSubmit={(event) => void apply(event)} aria-busy={saving}>
          <fieldset className="lab__choices">
            <legend>Model</legend>
            {PAYWALL_MODELS.map((model) => (
              <label key={model} className="field field--inline">
                <input
                  type="radio"
                  name="model"
                  value={model}
                  checked={values.model === model}
                  onChange={() => change({ model })}
                />
                {MODEL_NAMES[model]}: {MODEL_HINTS[model]}
              </label>
            ))}
          </fieldset>
          {values.model === 'metered' && (
            <fieldset className="lab__choices">
              <legend>Meter</legend>
              <LabField label="Free articles or reads" id={ids.limit} hint="From 1 to 100." error={limitError}>
                {(control) => (
                  <input
                    {...control}
                    ref={limitField}
                    name="limit"
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    value={values.limit}
                    onChange={(event) => change({ limit: event.target.value })}
                  />
                )}
              </LabField>
              <LabField label="Counting" id={ids.counts}>
                {(control) => (
                  <select
                    {...control}
                    name="counts"
                    value={values.counts}
                    onChange={(event) => {
                      const counts = METER_COUNTS.find((each) => each === event.target.value);
                      if (counts !== undefined) change({ counts });
                    }}
                  >
                    {METER_COUNTS.map((counts) => (
                      <option key={counts} value={counts}>
                        {COUNTS_NAMES[counts]}
                      </option>
                    ))}
                  </select>
                )}
              </LabField>
              <LabField label="Over" id={ids.window}>
                {(control) => (
                  <select
                    {...control}
                    name="window"
                    value={values.window}
                    onChange={(event) => {
                      const window = METER_WINDOWS.find((each) => each === event.target.value);
                      if (window !== undefined) change({ window });
                    }}
                  >
                    {METER_WINDOWS.map((window) => (
                      <option key={window} value={window}>
                        {WINDOW_NAMES[window]}
                      </option>
                    ))}
                  </select>
                )}
              </LabField>
            </fieldset>
          )}
          <p role="status" className="lab__said">
            {saving ? 'Setting the model…' : said}
          </p>
          <div>
            <button type="submit" className="button" aria-disabled={saving}>
              Set the model
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
