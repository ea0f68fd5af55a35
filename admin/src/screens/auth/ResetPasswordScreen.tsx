import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { passwordResetConfirmSchema } from '@shared/contracts/staff.js';
import type { PublicScreenProps } from '../../screen-props.js';
import { AppLink } from '../../ui/AppLink.js';
import { useFormErrors } from '../../ui/use-form-errors.js';
import { FormAlert } from '../../ui/FieldError.js';
import { fieldId, formErrorsOf, noErrors } from '../../ui/form-errors.js';
import { checkWithSchema } from '../../ui/schema-check.js';
import {
  NewPasswordFields,
  newPasswordMessage,
  repeatProblem,
} from '../../ui/NewPasswordFields.js';
import { linkProblem, tokenOf } from './token-of.js';
import './auth.css';

const fields = ['password', 'repeatPassword'] as const;

/** The page a password-reset email links to: choose a new password, twice. */
export function ResetPasswordScreen({ api, search, navigate }: PublicScreenProps) {
  const token = tokenOf(search);
  const [password, setPassword] = useState('');
  const [repeatPassword, setRepeatPassword] = useState('');
  const { errors, setErrors, alertRef, fail } = useFormErrors(fields, (f) => fieldId('reset', f));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const reset = useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      api.post('/password-reset/confirm', { body }),
    onMutate: () => setErrors(noErrors),
    onError: (caught) => {
      const found = formErrorsOf(caught, fields, { asSentences: true });
      fail({
        ...found,
        general: linkProblem(
          found.general,
          'This reset link has expired or was already used. Ask for a new one from the sign-in page.',
        ),
      });
    },
  });
  const isBusy = reset.isPending;

  useEffect(() => {
    document.title = 'Choose a new password · Masthead admin';
    headingRef.current?.focus();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { token, password };
    const problems = checkWithSchema(passwordResetConfirmSchema, body, {
      password: newPasswordMessage,
    });
    problems.repeatPassword ??= problems.password
      ? undefined
      : repeatProblem(password, repeatPassword, 'The two passwords differ.');
    if (problems.password || problems.repeatPassword)
      return fail({ fields: problems, general: [] });
    reset.mutate(body);
  };

  const signInLink = (
    <AppLink to="/admin" navigate={navigate}>
      Go to sign in
    </AppLink>
  );

  return (
    <section aria-labelledby="reset-heading" className="auth-screen">
      <h1 id="reset-heading" tabIndex={-1} ref={headingRef}>
        Choose a new password
      </h1>
      {!token ? (
        <>
          <p className="notice">
            This link is incomplete. Open the link from the email again, or ask for a new one.
          </p>
          <p>{signInLink}</p>
        </>
      ) : reset.isSuccess ? (
        <>
          <p className="success" role="status">
            Your password is changed, and every session of your account was signed out. Sign in with
            the new password.
          </p>
          <p>{signInLink}</p>
        </>
      ) : (
        <form onSubmit={submit} noValidate aria-busy={isBusy}>
          <FormAlert messages={errors.general} alertRef={alertRef} />
          <NewPasswordFields
            idPrefix="reset"
            labels={{ password: 'New password', repeat: 'New password again' }}
            required
            password={password}
            repeat={repeatPassword}
            errors={errors.fields}
            onPassword={setPassword}
            onRepeat={setRepeatPassword}
          />
          <div className="actions">
            <button type="submit" disabled={isBusy}>
              {isBusy ? 'Saving…' : 'Set new password'}
            </button>
          </div>
          <p className="auth-aside">
            Remembered it?{' '}
            <AppLink to="/admin" navigate={navigate}>
              Back to sign in
            </AppLink>
          </p>
        </form>
      )}
    </section>
  );
}
