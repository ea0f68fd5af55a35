import { h, type Child, type Html } from '../jsx/index.js';

/** A problem with one field of a form the reader sent: the field's name and what to fix. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** "must be an email address" under "Email address" reads "Email address must be an email address". */
export const namedProblem = (label: string, message: string): string =>
  /^[a-z]/.test(message) ? `${label} ${message}` : message;

/** The problem for a field, if the last attempt had one. */
export const problemFor = (
  problems: readonly FieldProblem[] | undefined,
  field: string,
): string | undefined => problems?.find((p) => p.field === field)?.message;

/**
 * One labelled field of a reader form, the same everywhere (sign-in, account, join, gift): the
 * label above the control, an optional hint, and the problem from the last attempt right under
 * it, tied to the control with aria-describedby and aria-invalid so screen readers say it too.
 */
export function FormField(props: {
  id: string;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'number';
  value?: string | undefined;
  isRequired?: boolean;
  autocomplete?: string;
  maxlength?: number;
  inputmode?: string;
  min?: string;
  step?: string;
  hint?: string;
  problem?: string | undefined;
  /** A select or textarea instead of an input: given the same id, described the same way. */
  control?: (attributes: Record<string, string | undefined>) => Html;
}): Html {
  const problemId = props.problem ? `${props.id}-problem` : undefined;
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const describedBy = [hintId, problemId].filter(Boolean).join(' ') || undefined;
  const shared = {
    id: props.id,
    name: props.name,
    'aria-invalid': props.problem ? 'true' : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div class={`form-field${props.problem ? ' has-problem' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="form-hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.control ? (
        props.control(shared)
      ) : (
        <input
          {...shared}
          type={props.type ?? 'text'}
          value={props.value ?? undefined}
          required={props.isRequired ?? false}
          autocomplete={props.autocomplete}
          maxlength={props.maxlength}
          inputmode={props.inputmode}
          min={props.min}
          step={props.step}
        />
      )}
      {props.problem ? (
        <p class="form-problem" id={problemId} role="alert">
          {props.problem}
        </p>
      ) : null}
    </div>
  );
}

/** A message about the form as a whole (a notice after saving, or a problem no field owns). */
export function FormMessage(props: { kind: 'notice' | 'problem'; children?: Child }): Html {
  return props.kind === 'notice' ? (
    <p class="form-notice" role="status">
      {props.children}
    </p>
  ) : (
    <p class="form-problem" role="alert">
      {props.children}
    </p>
  );
}
