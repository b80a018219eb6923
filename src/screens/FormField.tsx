// A labelled text field of Lede's forms (login, a new account): its error tied to it, a rule
// stated before it when there is one, and for a password a "Show password" toggle.
import { useState, type Ref } from 'react';
import { useIsLive } from '../client-state/use-is-live.ts';

interface FormFieldProps {
  label: string;
  name: string;
  type: 'email' | 'password';
  autoComplete: string;
  id: string;
  inputRef: Ref<HTMLInputElement>;
  error: string | undefined;
  /** Said up front, and tied to the field: the rule a value must meet. */
  hint?: { id: string; text: string };
}

export function FormField({ label, name, type, autoComplete, id, inputRef, error, hint }: FormFieldProps) {
  const errorId = `${id}-error`;
  const describedBy = [hint?.id, error === undefined ? undefined : errorId].filter(Boolean).join(' ');
  // Seeing what was typed beats retyping it: a password can be shown, by a button that never submits.
  const [revealed, setRevealed] = useState(false);
  const live = useIsLive();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <p id={hint.id} className="field__hint">
          {hint.text}
        </p>
      )}
      <div className="field__control">
        {/* No maxLength and no trimming: what is typed, or pasted, is what is sent. */}
        <input
          id={id}
          name={name}
          type={type === 'password' && revealed ? 'text' : type}
          autoComplete={autoComplete}
          spellCheck={false}
          ref={inputRef}
          aria-invalid={error !== undefined}
          aria-describedby={describedBy === '' ? undefined : describedBy}
        />
        {type === 'password' && (
          <button
            type="button"
            className="button button--quiet"
            aria-pressed={revealed}
            aria-controls={id}
            // Like a form's submit button: inert until the page is live, so it says so.
            disabled={!live}
            onClick={() => setRevealed((shown) => !shown)}
          >
            Show password
          </button>
        )}
      </div>
      {error !== undefined && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
