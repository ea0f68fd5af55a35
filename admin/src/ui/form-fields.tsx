import type { ReactNode } from 'react';
import { FieldError } from './FieldError.js';
import { describedBy, type FormErrors } from './form-errors.js';

/**
 * A form's labelled fields with their hint and error wired up by id: `field()` draws the label,
 * hint, control and error; `aria()` gives the control its id, aria-invalid and aria-describedby.
 */
export function formFields<F extends string>(errors: FormErrors, idOf: (field: F) => string) {
  const aria = (name: F, hasHint = false) => ({
    id: idOf(name),
    'aria-invalid': errors.fields[name] ? true : undefined,
    'aria-describedby': describedBy(
      hasHint ? `${idOf(name)}-hint` : undefined,
      errors.fields[name] && `${idOf(name)}-error`,
    ),
  });
  const field = (name: F, label: string, control: ReactNode, hint?: string) => (
    <div className="field">
      <label htmlFor={idOf(name)}>{label}</label>
      {hint ? (
        <p className="hint" id={`${idOf(name)}-hint`}>
          {hint}
        </p>
      ) : null}
      {control}
      <FieldError id={`${idOf(name)}-error`} message={errors.fields[name]} />
    </div>
  );
  return { aria, field };
}
