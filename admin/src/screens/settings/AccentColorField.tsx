import { FieldError } from '../../ui/FieldError.js';
import { describedBy } from '../../ui/form-errors.js';
import { contrastWithWhite, minimumContrast } from '@shared/colour-contrast.js';

/** The accent colour: a colour picker and the same value as text, with a contrast warning. */
export function AccentColorField(props: {
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const ratio = contrastWithWhite(props.value);
  const isLowContrast = ratio !== null && ratio < minimumContrast;
  const isHex = /^#[0-9a-f]{6}$/i.test(props.value.trim());
  return (
    <div className="field">
      <label htmlFor="settings-accentColor">Accent colour</label>
      <p className="hint" id="settings-accentColor-hint">
        Used for links, buttons and the site’s icon. Write it as # and six hex digits.
      </p>
      <div className="colour-inputs">
        <input
          type="color"
          id="settings-accentColor-picker"
          aria-label="Accent colour picker"
          className="colour-picker"
          value={isHex ? props.value.trim().toLowerCase() : '#000000'}
          onChange={(e) => props.onChange(e.target.value)}
        />
        <input
          id="settings-accentColor"
          className="colour-text"
          value={props.value}
          maxLength={7}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy(
            'settings-accentColor-hint',
            isLowContrast && 'settings-accentColor-contrast',
            props.error && 'settings-accentColor-error',
          )}
          onChange={(e) => props.onChange(e.target.value)}
        />
        <span
          className="colour-sample"
          aria-hidden="true"
          style={isHex ? { background: props.value.trim() } : undefined}
        />
      </div>
      {isLowContrast ? (
        <p className="notice contrast-warning" id="settings-accentColor-contrast">
          White text on this colour, and this colour on white, is hard to read: the contrast is{' '}
          {ratio.toFixed(1)}:1, below the {minimumContrast}:1 that readers with low vision need. A
          darker shade works better.
        </p>
      ) : null}
      <FieldError id="settings-accentColor-error" message={props.error} />
    </div>
  );
}
