import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PublicScreenProps } from '../../screen-props.js';
import { AppLink } from '../../ui/AppLink.js';
import { useFormErrors } from '../../ui/use-form-errors.js';
import { FormAlert } from '../../ui/FieldError.js';
import { fieldId, type FormErrors, formErrorsOf, noErrors } from '../../ui/form-errors.js';
import { TextField } from '../../ui/TextField.js';
import { linkProblem, tokenOf } from './token-of.js';
import './auth.css';

const fields = ['password', 'repeatPassword'] as const;

/** The page a password-reset email links to: choose a new password, twice. */
export function ResetPasswordScreen({ api, search, navigate }: PublicScreenProps) {
  const token = tokenOf(search);
  const [password, setPassword] = useState('');
  const [repeatPassword, setRepeatPassword] = useState('');
  const { errors, setErrors, alertRef, fail } = useFormErrors(fields, (f) => fieldId('reset', f));
  const [isBusy, setIsBusy] = useState(false);
  const [isDone, setIsDone] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'Choose a new password · Masthead admin';
    headingRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FormErrors['fields'] = {};
    if (password.length < 10) problems.password = 'Use at least 10 characters.';
    else if (repeatPassword !== password) problems.repeatPassword = 'The two passwords differ.';
    if (Object.keys(problems).length > 0) return fail({ fields: problems, general: [] });
    setIsBusy(true);
    setErrors(noErrors);
    try {
      await api.post('/password-reset/confirm', { body: { token, password } });
      setIsDone(true);
    } catch (caught) {
      const found = formErrorsOf(caught, fields, { asSentences: true });
      fail({
        ...found,
        general: linkProblem(
          found.general,
          'This reset link has expired or was already used. Ask for a new one from the sign-in page.',
        ),
      });
    } finally {
      setIsBusy(false);
    }
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
      ) : isDone ? (
        <>
          <p className="success" role="status">
            Your password is changed, and every session of your account was signed out. Sign in with
            the new password.
          </p>
          <p>{signInLink}</p>
        </>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate aria-busy={isBusy}>
          <FormAlert messages={errors.general} alertRef={alertRef} />
          <TextField
            id="reset-password"
            label="New password"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters."
            required
            value={password}
            error={errors.fields.password}
            onChange={setPassword}
          />
          <TextField
            id="reset-repeatPassword"
            label="New password again"
            type="password"
            autoComplete="new-password"
            required
            value={repeatPassword}
            error={errors.fields.repeatPassword}
            onChange={setRepeatPassword}
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
