import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PublicScreenProps } from '../../screen-props.js';
import { sessionHint } from '../../session-hint.js';
import type { StaffUser } from '../../types.js';
import { AppLink } from '../../ui/AppLink.js';
import { useFormErrors } from '../../ui/use-form-errors.js';
import { FormAlert } from '../../ui/FieldError.js';
import { fieldId, type FormErrors, formErrorsOf, noErrors } from '../../ui/form-errors.js';
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
  const [isBusy, setIsBusy] = useState(false);
  const [user, setUser] = useState<StaffUser | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'Join the newsroom · Masthead admin';
    headingRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FormErrors['fields'] = {};
    if (!name.trim()) problems.name = 'Enter your name.';
    if (password.length < 10) problems.password = 'Use at least 10 characters.';
    else if (repeatPassword !== password) problems.repeatPassword = 'The two passwords differ.';
    if (Object.keys(problems).length > 0) return fail({ fields: problems, general: [] });
    setIsBusy(true);
    setErrors(noErrors);
    try {
      const answer = await api.post('/invitations/accept', {
        body: {
          token,
          name: name.trim(),
          password,
        },
      });
      setUser(answer.user);
      // Accepting signed the new staff member in (the session cookie is set): open the admin
      // afresh, so the app starts from that session like after any sign-in.
      sessionHint.set(true);
      window.location.assign('/admin');
    } catch (caught) {
      const found = formErrorsOf(caught, fields, { asSentences: true });
      fail({
        ...found,
        general: linkProblem(
          found.general,
          'This invitation has expired or was already used. Ask the person who invited you for a new one.',
        ),
      });
    } finally {
      setIsBusy(false);
    }
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
        <form onSubmit={(e) => void submit(e)} noValidate aria-busy={isBusy}>
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
          <TextField
            id="invite-password"
            label="Password"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters."
            required
            value={password}
            error={errors.fields.password}
            onChange={setPassword}
          />
          <TextField
            id="invite-repeatPassword"
            label="Password again"
            type="password"
            autoComplete="new-password"
            required
            value={repeatPassword}
            error={errors.fields.repeatPassword}
            onChange={setRepeatPassword}
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
