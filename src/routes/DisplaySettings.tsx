// "Display": theme and text size, as reading apps offer them — a button in the masthead that
// opens a small panel over the page (so opening it moves nothing), closed by Escape or by
// leaving it, with focus returned to the button.
import { useEffect, useId, useRef, useState } from 'react';
import { setPreferences, TEXT_SIZES, THEMES, usePreferences, type TextSize, type Theme } from '../preferences.ts';

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
        onClick={() => setOpen((isOpen) => !isOpen)}
      >
        Display
      </button>
      <div ref={panel} id={panelId} className="display-settings__panel" hidden={!open}>
        <fieldset>
          <legend>Theme</legend>
          {THEMES.map((theme) => (
            <label key={theme}>
              <input
                type="radio"
                name="theme"
                checked={preferences.theme === theme}
                onChange={() => setPreferences({ theme })}
              />
              {THEME_LABELS[theme]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Text size</legend>
          {TEXT_SIZES.map((textSize) => (
            <label key={textSize}>
              <input
                type="radio"
                name="text-size"
                checked={preferences.textSize === textSize}
                onChange={() => setPreferences({ textSize })}
              />
              {SIZE_LABELS[textSize]}
            </label>
          ))}
        </fieldset>
      </div>
    </div>
  );
}
