// A field of the account chunk's forms (creating an account, asking for a mailed link, choosing a
// new password): a label, the rule said up front, the error tied to it. They all ride in one chunk,
// so sharing it costs nothing; the login page's form keeps its own (its chunk is apart).
import { useId, type Ref } from 'react';
import { MIN_NEW_PASSWORD_LENGTH } from '../../paywall/new-account.ts';

interface AccountFieldProps {
  label: string;
  name: string;
  type: 'email' | 'password' | 'text';
  autoComplete: string;
  id: string;
  inputRef: Ref<HTMLInputElement>;
  error: string | undefined;
  defaultValue?: string;
  /** A field the form holds in its state: its value and how it changes. */
  value?: string;
  onChange?: (value: string) => void;
  inputMode?: 'numeric';
  /** Said up front, and tied to the field: the rule a value must meet. */
  hint?: { id: string; text: string };
}

export function AccountField({
  label,
  name,
  type,
  autoComplete,
  id,
  inputRef,
  error,
  defaultValue,
  value,
  onChange,
  inputMode,
  hint,
}: AccountFieldProps) {
  const errorId = `${id}-error`;
  const describedBy = [hint?.id, error === undefined ? undefined : errorId].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <p id={hint.id} className="field__hint">
          {hint.text}
        </p>
      )}
      <div className="field__control">
        <input
          id={id}
          name={name}
          type={type}
          autoComplete={autoComplete}
          spellCheck={false}
          ref={inputRef}
          defaultValue={defaultValue}
          value={value}
          onChange={onChange === undefined ? undefined : (event) => onChange(event.target.value)}
          inputMode={inputMode}
          aria-invalid={error !== undefined}
          aria-describedby={describedBy === '' ? undefined : describedBy}
        />
      </div>
      {error !== undefined && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

const PASSWORD_RULE = `At least ${MIN_NEW_PASSWORD_LENGTH} characters.`;
export const PASSWORD_ERROR = `Use at least ${MIN_NEW_PASSWORD_LENGTH} characters.`;
const CONFIRM_ERROR = 'The two passwords differ. Type the same password twice.';

export type NewPasswordErrors = { password?: string; confirm?: string };

/** What is wrong with a new password typed twice: too short, or (only once long enough) the two differ. */
export function newPasswordErrors(password: string, confirm: string): NewPasswordErrors {
  if (password.length < MIN_NEW_PASSWORD_LENGTH) return { password: PASSWORD_ERROR };
  return confirm === password ? {} : { confirm: CONFIRM_ERROR };
}

/** A new password and its confirmation (creating an account, choosing a new password). */
export function NewPasswordFields({
  labels,
  passwordRef,
  confirmRef,
  errors,
}: {
  labels: { password: string; confirm: string };
  passwordRef: Ref<HTMLInputElement>;
  confirmRef: Ref<HTMLInputElement>;
  errors: NewPasswordErrors;
}) {
  const ids = { password: useId(), confirm: useId(), rule: useId() };
  return (
    <>
      <AccountField
        label={labels.password}
        name="password"
        type="password"
        autoComplete="new-password"
        id={ids.password}
        inputRef={passwordRef}
        error={errors.password}
        hint={{ id: ids.rule, text: PASSWORD_RULE }}
      />
      <AccountField
        label={labels.confirm}
        name="confirm"
        type="password"
        autoComplete="new-password"
        id={ids.confirm}
        inputRef={confirmRef}
        error={errors.confirm}
      />
    </>
  );
}

/** "Try again in 40 seconds.": how long until `retryAt` (page time), in words. */
export function waitWords(retryAt: number, now = Date.now()): string {
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
  if (seconds < 90) return `Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Try again in ${minutes} minutes.`;
}

/** Moves focus to an outcome that replaced the control that had it. */
export function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}
