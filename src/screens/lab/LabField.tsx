// A field of the lab's forms: its label, the rule said up front, the error tied to it; the control
// itself (an input or a select) is the caller's, given the ids that tie it all together.
import type { ReactNode } from 'react';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

interface LabFieldProps {
  label: string;
  id: string;
  hint?: string;
  error?: string | undefined;
  children: (control: ControlProps) => ReactNode;
}

export function LabField({ label, id, hint, error, children }: LabFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint === undefined ? undefined : hintId, error === undefined ? undefined : errorId]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <div className="field__control">
        {children({
          id,
          'aria-invalid': error !== undefined,
          'aria-describedby': describedBy === '' ? undefined : describedBy,
        })}
      </div>
      {error !== undefined && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The panel's word when a call failed: what happened, and the way to try again. */
export function LabAlert({ message, onRetry }: { message: string; onRetry?: (() => void) | undefined }) {
  return (
    <div role="alert" className="form-alert">
      <p className="lab__alert-text">{message}</p>
      {onRetry !== undefined && (
        <button type="button" className="button button--quiet" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium' });

/** An instant as the lab shows it, in the browser's time zone, and as a machine reads it. */
export function When({ time }: { time: number }) {
  return <time dateTime={new Date(time).toISOString()}>{dateTime.format(time)}</time>;
}
