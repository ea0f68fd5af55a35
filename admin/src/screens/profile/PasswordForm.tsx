import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { passwordChangeSchema } from '@shared/contracts/staff.js';
import type { ApiClient } from '../../api.js';
import { useFormErrors } from '../../ui/use-form-errors.js';
import { FormAlert } from '../../ui/FieldError.js';
import { fieldId, formErrorsOf, noErrors } from '../../ui/form-errors.js';
import {
  NewPasswordFields,
  newPasswordMessage,
  repeatProblem,
} from '../../ui/NewPasswordFields.js';
import { checkWithSchema } from '../../ui/schema-check.js';
import { TextField } from '../../ui/TextField.js';

const fields = ['currentPassword', 'newPassword', 'repeatPassword'] as const;

/** Changes the password; the API signs out every other session of the account. */
export function PasswordForm({ api }: { api: ApiClient }) {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeatPassword, setRepeatPassword] = useState('');
  const { errors, setErrors, alertRef, fail } = useFormErrors(fields, (f) =>
    fieldId('password', f),
  );
  const [isDone, setIsDone] = useState(false);
  const doneRef = useRef<HTMLParagraphElement>(null);

  const changing = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post('/me/password', { body }),
    onSuccess: () => {
      setCurrentPassword('');
      setNewPassword('');
      setRepeatPassword('');
      setIsDone(true);
      requestAnimationFrame(() => doneRef.current?.focus());
    },
    onError: (caught) => fail(formErrorsOf(caught, fields, { asSentences: true })),
  });
  const isBusy = changing.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setIsDone(false);
    const body = { currentPassword, newPassword };
    const problems = checkWithSchema(passwordChangeSchema, body, {
      currentPassword: 'Enter your current password.',
      newPassword: newPasswordMessage,
    });
    problems.repeatPassword ??= problems.newPassword
      ? undefined
      : repeatProblem(newPassword, repeatPassword, 'The two new passwords differ.');
    if (problems.currentPassword || problems.newPassword || problems.repeatPassword)
      return fail({ fields: problems, general: [] });
    setErrors(noErrors);
    changing.mutate(body);
  };

  return (
    <form
      className="profile-card"
      aria-labelledby="password-heading"
      onSubmit={submit}
      noValidate
      aria-busy={isBusy}
    >
      <h2 id="password-heading">Password</h2>
      <FormAlert messages={errors.general} alertRef={alertRef} />
      <TextField
        id="password-currentPassword"
        maxLength={passwordChangeSchema.shape.currentPassword.maxLength ?? undefined}
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        error={errors.fields.currentPassword}
        onChange={setCurrentPassword}
      />
      <div className="form-grid">
        <NewPasswordFields
          idPrefix="password"
          passwordField="newPassword"
          labels={{ password: 'New password', repeat: 'New password again' }}
          password={newPassword}
          repeat={repeatPassword}
          errors={errors.fields}
          onPassword={setNewPassword}
          onRepeat={setRepeatPassword}
        />
      </div>
      {isDone ? (
        <p className="success" role="status" tabIndex={-1} ref={doneRef}>
          Password changed. Your other sessions were signed out.
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={isBusy}>
          {isBusy ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
