import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { invitationAcceptSchema } from '@shared/contracts/staff.js';
import type { PublicScreenProps } from '../../screen-props.js';
import { sessionHint } from '../../session-hint.js';
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
import { TextField } from '../../ui/TextField.js';
import { linkProblem, tokenOf } from './token-of.js';
import './auth.css';

const fields = ['name', 'password', 'repeatPassword'] as const;

/** The page an invitation email links to: choose the name on your byline and a password. */
export function AcceptInvitationScreen({ api, search, navigate }: PublicScreenProps) {
  const token = tokenOf(search);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeatPassword, setRepeatPassword] = useState('');
  const { errors, setErrors, alertRef, fail } = useFormErrors(fields, (f) => fieldId('invite', f));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const accept = useMutation({
    mutationFn: async (body: { token: string; name: string; password: string }) =>
      (await api.post('/invitations/accept', { body })).user,
    onMutate: () => setErrors(noErrors),
    onSuccess: () => {
      // Accepting signed the new staff member in (the session cookie is set): open the admin
      // afresh, so the app starts from that session like after any sign-in.
      sessionHint.set(true);
      window.location.assign('/admin');
    },
    onError: (caught) => {
      const found = formErrorsOf(caught, fields, { asSentences: true });
      fail({
        ...found,
        general: linkProblem(
          found.general,
          'This invitation has expired or was already used. Ask the person who invited you for a new one.',
        ),
      });
    },
  });
  const isBusy = accept.isPending;
  const user = accept.data;

  useEffect(() => {
    document.title = 'Join the newsroom · Masthead admin';
    headingRef.current?.focus();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { token, name: name.trim(), password };
    const problems = checkWithSchema(invitationAcceptSchema, body, {
      name: 'Enter your name.',
      password: newPasswordMessage,
    });
    problems.repeatPassword ??= problems.password
      ? undefined
      : repeatProblem(password, repeatPassword, 'The two passwords differ.');
    if (problems.name || problems.password || problems.repeatPassword)
      return fail({ fields: problems, general: [] });
    accept.mutate(body);
  };

  return (
    <section aria-labelledby="join-heading" className="auth-screen">
      <h1 id="join-heading" tabIndex={-1} ref={headingRef}>
        Join the newsroom
      </h1>
      {!token ? (
        <p className="notice">
          This invitation link is incomplete. Open the link from the email again.
        </p>
      ) : user ? (
        <>
          <p className="success" role="status">
            Welcome, {user.name}. Your account ({user.email}) is ready and you are signed in.
          </p>
          <p>
            <AppLink to="/admin" navigate={navigate}>
              Open the admin
            </AppLink>
          </p>
        </>
      ) : (
        <form onSubmit={submit} noValidate aria-busy={isBusy}>
          <p className="lede">Choose the name readers see on your byline, and a password.</p>
          <FormAlert messages={errors.general} alertRef={alertRef} />
          <TextField
            id="invite-name"
            label="Your name"
            autoComplete="name"
            required
            maxLength={120}
            value={name}
            error={errors.fields.name}
            onChange={setName}
          />
          <NewPasswordFields
            idPrefix="invite"
            labels={{ password: 'Password', repeat: 'Password again' }}
            required
            password={password}
            repeat={repeatPassword}
            errors={errors.fields}
            onPassword={setPassword}
            onRepeat={setRepeatPassword}
          />
          <div className="actions">
            <button type="submit" disabled={isBusy}>
              {isBusy ? 'Creating your account…' : 'Create my account'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
