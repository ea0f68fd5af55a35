// A new password typed twice (accepting an invitation, resetting, changing it). The length rule
// and its hint come from the API's own `newPasswordSchema`, so the form cannot ask for less or
// more than the server accepts.
import { newPasswordSchema } from '@shared/contracts/staff.js';
import { TextField } from './TextField.js';

const minLength = newPasswordSchema.minLength ?? 0;
/** Typing or pasting past the API's longest is stopped by the field itself. */
const maxLength = newPasswordSchema.maxLength ?? undefined;
const hint = `At least ${minLength} characters.`;

/** Words for a too-short or too-long password, for `checkWithSchema`'s `messages`. */
export const newPasswordMessage = `Use at least ${minLength} characters.`;

/** The problem with the second copy, when the first is otherwise fine. */
export const repeatProblem = (password: string, repeat: string, differs: string) =>
  repeat === password ? undefined : differs;

export function NewPasswordFields(props: {
  /** Element ids are `${idPrefix}-${passwordField}` and `${idPrefix}-repeatPassword`. */
  idPrefix: string;
  passwordField?: string;
  labels: { password: string; repeat: string };
  password: string;
  repeat: string;
  errors: Partial<Record<string, string>>;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
  required?: boolean;
}) {
  const field = props.passwordField ?? 'password';
  return (
    <>
      <TextField
        id={`${props.idPrefix}-${field}`}
        label={props.labels.password}
        type="password"
        autoComplete="new-password"
        hint={hint}
        maxLength={maxLength}
        required={props.required}
        value={props.password}
        error={props.errors[field]}
        onChange={props.onPassword}
      />
      <TextField
        id={`${props.idPrefix}-repeatPassword`}
        label={props.labels.repeat}
        type="password"
        autoComplete="new-password"
        maxLength={maxLength}
        required={props.required}
        value={props.repeat}
        error={props.errors.repeatPassword}
        onChange={props.onRepeat}
      />
    </>
  );
}
