import { useRef, useState } from 'react';
import { focusFirstProblem, noErrors, problemIds, type FormErrors } from './form-errors.js';

/**
 * A form's problems with its alert: `fail(found)` shows them and moves focus to the first field
 * in `order` with a problem (its element id from `idOf`), else to the alert (`alertRef`).
 */
export function useFormErrors(order: readonly string[], idOf: (field: string) => string) {
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const alertRef = useRef<HTMLDivElement>(null);
  const fail = (found: FormErrors) => {
    setErrors(found);
    focusFirstProblem(problemIds(found, order, idOf), alertRef.current);
  };
  return { errors, setErrors, alertRef, fail };
}
