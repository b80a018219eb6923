// The world's server clock (GET/POST /api/test/clock): its time, moved forward by minutes, hours or
// days, or set to a date and time. Whatever the server decides by time (sessions, throttles,
// subscriptions, meters) goes by it; the browser's own clock is untouched.
import { useId, useRef, useState, type FormEvent } from 'react';
import { fetchClock, moveClock, type ClockMove, type LostWorld } from '../../client-state/api-lab.ts';
import { refreshSession } from '../../client-state/session-store.ts';
import { useLabRead, type PanelFailure } from './use-lab-read.ts';
import { LabAlert, LabField, When } from './LabField.tsx';
import { CLOCK_UNITS, parseAdvance, parseDateTime, type ClockUnit } from './clock-form.ts';

interface ClockPanelProps {
  onLost: (failure: LostWorld) => void;
  /** The world's time as another answer told it (the request log's Date), newer than the panel's own read. */
  heardNow: number | undefined;
}

type Form = 'advance' | 'set';

const dateTimeWords = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

export function ClockPanel({ onLost, heardNow }: ClockPanelProps) {
  const [now, setNow] = useState<number>();
  const [amount, setAmount] = useState('');
  const [unit, setUnit] = useState<ClockUnit>('minutes');
  const [dateTime, setDateTime] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Form, string>>>({});
  const [failure, setFailure] = useState<PanelFailure>();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const advanceField = useRef<HTMLInputElement>(null);
  const setField = useRef<HTMLInputElement>(null);
  const advanceForm = useRef<HTMLFormElement>(null);
  const setForm = useRef<HTMLFormElement>(null);
  const ids = { heading: useId(), amount: useId(), unit: useId(), dateTime: useId() };

  useLabRead(fetchClock, {
    onRead: (answer) => {
      setFailure(undefined);
      setNow(answer.now);
    },
    onFailed: setFailure,
    onLost,
  });

  // The log's answers are dated by the world's clock to the second: a later one moves the display on.
  const shown = heardNow !== undefined && now !== undefined && heardNow > now ? heardNow : now;

  function refuse(form: Form, error: string): void {
    setErrors({ [form]: error });
    (form === 'advance' ? advanceField : setField).current?.focus();
  }

  async function move(form: Form, event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const parsed = form === 'advance' ? parseAdvance(amount, unit) : parseDateTime(dateTime);
    if (parsed.kind === 'invalid') return refuse(form, parsed.error);
    setErrors({});
    setFailure(undefined);
    setSaid('');
    setBusy(true);
    const result = await moveClock(parsed.move satisfies ClockMove);
    setBusy(false);
    switch (result.kind) {
      case 'ok':
        setNow(result.now);
        setSaid(`Moved. The server’s time is now ${dateTimeWords.format(result.now)}.`);
        // Sessions may have ended by the new time: the masthead asks who is reading now.
        await refreshSession();
        return;
      case 'refused':
        setNow(result.now);
        return refuse(
          form,
          result.why === 'backwards'
            ? `The server clock only moves forward: choose a time after ${dateTimeWords.format(result.now)}.`
            : 'The server clock cannot go past the year 9999.',
        );
      case 'failed':
        return setFailure({
          message: result.message,
          retry: () => (form === 'advance' ? advanceForm : setForm).current?.requestSubmit(),
        });
      default:
        return onLost(result);
    }
  }

  return (
    <section className="lab__panel" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Server clock</h2>
      <p>
        The server’s time in this world: {shown === undefined ? 'asking…' : <When time={shown} />}. It only moves
        forward; a reset puts it back to the real time.
      </p>
      {failure !== undefined && <LabAlert message={failure.message} onRetry={failure.retry} />}
      <form
        ref={advanceForm}
        className="lab__form lab__form--row"
        noValidate
        onSubmit={(event) => void move('advance', event)}
        aria-busy={busy}
      >
        <LabField label="Advance by" id={ids.amount} error={errors.advance}>
          {(control) => (
            <input
              {...control}
              ref={advanceField}
              name="amount"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={amount}
              onChange={(event) => setAmount(event.target.value)}
            />
          )}
        </LabField>
        <LabField label="Unit" id={ids.unit}>
          {(control) => (
            <select
              {...control}
              name="unit"
              value={unit}
              onChange={(event) => {
                const chosen = CLOCK_UNITS.find((each) => each === event.target.value);
                if (chosen !== undefined) setUnit(chosen);
              }}
            >
              {CLOCK_UNITS.map((each) => (
                <option key={each} value={each}>
                  {each}
                </option>
              ))}
            </select>
          )}
        </LabField>
        <button type="submit" className="button" aria-disabled={busy}>
          Move forward
        </button>
      </form>
      <form
        ref={setForm}
        className="lab__form lab__form--row"
        noValidate
        onSubmit={(event) => void move('set', event)}
        aria-busy={busy}
      >
        <LabField label="Set to" id={ids.dateTime} hint="In this browser’s time zone." error={errors.set}>
          {(control) => (
            <input
              {...control}
              ref={setField}
              name="dateTime"
              type="datetime-local"
              value={dateTime}
              onChange={(event) => setDateTime(event.target.value)}
            />
          )}
        </LabField>
        <button type="submit" className="button" aria-disabled={busy}>
          Set the clock
        </button>
      </form>
      <p role="status" className="lab__said">
        {busy ? 'Moving the clock…' : said}
      </p>
    </section>
  );
}
