// "Display": theme and text size, as reading apps offer them — a button in the masthead that
// opens a small panel over the page (so opening it moves nothing), closed by Escape or by
// leaving it, with focus returned to the button.
import { useEffect, useId, useRef, useState } from 'react';
import {
  setPreferences,
  TEXT_SIZES,
  THEMES,
  usePreferences,
  type TextSize,
  type Theme,
} from '../client-state/preferences.ts';
import { useIsLive } from '../client-state/use-is-live.ts';

const THEME_LABELS: Record<Theme, string> = { system: 'As the system', light: 'Light', dark: 'Dark' };
const SIZE_LABELS: Record<TextSize, string> = {
  small: 'Small',
  medium: 'Medium',
  large: 'Large',
  'x-large': 'Extra large',
};

export function DisplaySettings() {
  const [open, setOpen] = useState(false);
  const preferences = usePreferences();
  const live = useIsLive();
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const closeOutside = (event: Event) => {
      const target = event.target instanceof Node ? event.target : null;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('keydown', closeOnEscape);
    document.addEventListener('pointerdown', closeOutside);
    document.addEventListener('focusin', closeOutside);
    return () => {
      document.removeEventListener('keydown', closeOnEscape);
      document.removeEventListener('pointerdown', closeOutside);
      document.removeEventListener('focusin', closeOutside);
    };
  }, [open]);

  return (
    <div className="display-settings">
      <button
        ref={button}
        type="button"
        className="button button--quiet"
        aria-expanded={open}
        aria-controls={panelId}
        // Until the app runs the panel cannot open: disabled, so an early click waits.
        disabled={!live}
        onClick={() => setOpen((isOpen) => !isOpen)}
      >
        {/* On a narrow masthead the label gives way to "Aa" (styles.css); the name stays "Display". */}
        <span className="display-settings__label">Display</span>
      </button>
      {/* Its choices are rendered only while open: no first view paints or even parses them. */}
      <div ref={panel} id={panelId} className="display-settings__panel" hidden={!open}>
        {open && (
          <>
            <Choice
              legend="Theme"
              options={THEMES}
              labels={THEME_LABELS}
              chosen={preferences.theme}
              onChoose={(theme) => setPreferences({ theme })}
            />
            <Choice
              legend="Text size"
              options={TEXT_SIZES}
              labels={SIZE_LABELS}
              chosen={preferences.textSize}
              onChoose={(textSize) => setPreferences({ textSize })}
            />
          </>
        )}
      </div>
    </div>
  );
}

interface ChoiceProps<Option extends string> {
  legend: string;
  options: readonly Option[];
  labels: Record<Option, string>;
  chosen: Option;
  onChoose: (option: Option) => void;
}

/** One preference: a labelled group of radio buttons. */
function Choice<Option extends string>({ legend, options, labels, chosen, onChoose }: ChoiceProps<Option>) {
  const name = useId();
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option}>
          <input type="radio" name={name} checked={chosen === option} onChange={() => onChoose(option)} />
          {labels[option]}
        </label>
      ))}
    </fieldset>
  );
}
