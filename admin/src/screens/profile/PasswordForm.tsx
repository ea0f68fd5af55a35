import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import type { ApiClient } from '../../api.js';
import { useFormErrors } from '../../ui/use-form-errors.js';
import { FormAlert } from '../../ui/FieldError.js';
import { fieldId, type FormErrors, formErrorsOf, noErrors } from '../../ui/form-errors.js';
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
    const problems: FormErrors['fields'] = {};
    if (!currentPassword) problems.currentPassword = 'Enter your current password.';
    if (newPassword.length < 10) problems.newPassword = 'Use at least 10 characters.';
    else if (repeatPassword !== newPassword)
      problems.repeatPassword = 'The two new passwords differ.';
    if (Object.keys(problems).length > 0) return fail({ fields: problems, general: [] });
    setErrors(noErrors);
    changing.mutate({ currentPassword, newPassword });
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
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        error={errors.fields.currentPassword}
        onChange={setCurrentPassword}
      />
      <div className="form-grid">
        <TextField
          id="password-newPassword"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          value={newPassword}
          error={errors.fields.newPassword}
          onChange={setNewPassword}
        />
        <TextField
          id="password-repeatPassword"
          label="New password again"
          type="password"
          autoComplete="new-password"
          value={repeatPassword}
          error={errors.fields.repeatPassword}
          onChange={setRepeatPassword}
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
