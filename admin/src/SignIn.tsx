import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, messageOf, type ApiClient } from './api.js';
import { ForgotPassword } from './screens/auth/ForgotPassword.js';
import { FieldError, FormAlert } from './ui/FieldError.js';
import type { Session } from './types.js';

type Step = { kind: 'password' } | { kind: 'two-factor'; challengeToken: string };

export function SignIn(props: {
  api: ApiClient;
  onSignedIn: (session: Session) => void;
  notice?: string | null;
}) {
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'Sign in · Masthead admin';
    emailRef.current?.focus();
  }, []);
  useEffect(() => {
    if (step.kind === 'two-factor') codeRef.current?.focus();
  }, [step]);

  const fail = (caught: unknown) => {
    setError(caught instanceof Error ? caught : new Error(messageOf(caught)));
    requestAnimationFrame(() => {
      // Focus the first field the API complained about, or the alert.
      const field =
        caught instanceof ApiError ? caught.errors.find((e) => e.field)?.field : undefined;
      const input = field ? document.getElementById(`signin-${field}`) : null;
      (input ?? alertRef.current)?.focus();
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (step.kind === 'password') {
        const answer = await props.api.post('/session', { body: { email, password } });
        if ('twoFactorRequired' in answer) {
          setStep({ kind: 'two-factor', challengeToken: answer.challengeToken });
          setCode('');
        } else props.onSignedIn(answer);
      } else {
        props.onSignedIn(
          await props.api.post('/session/two-factor', {
            body: {
              challengeToken: step.challengeToken,
              code,
            },
          }),
        );
      }
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const fieldMessage = (field: string) =>
    error instanceof ApiError ? error.fieldMessage(field) : undefined;
  const shown = step.kind === 'password' ? ['email', 'password'] : ['code'];
  const general =
    error instanceof ApiError ? error.generalMessages(shown) : error ? [error.message] : [];
  const described = (field: string) => (fieldMessage(field) ? `signin-${field}-error` : undefined);

  return (
    <main className="signin" id="main">
      <h1>Sign in to Masthead</h1>
      {props.notice ? <p className="notice">{props.notice}</p> : null}
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <FormAlert messages={general} alertRef={alertRef} />
        {step.kind === 'password' ? (
          <>
            <div className="field">
              <label htmlFor="signin-email">Email</label>
              <input
                id="signin-email"
                ref={emailRef}
                type="email"
                autoComplete="username"
                required
                value={email}
                aria-invalid={fieldMessage('email') ? true : undefined}
                aria-describedby={described('email')}
                onChange={(e) => setEmail(e.target.value)}
              />
              <FieldError id="signin-email-error" message={fieldMessage('email')} />
            </div>
            <div className="field">
              <label htmlFor="signin-password">Password</label>
              <input
                id="signin-password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                aria-invalid={fieldMessage('password') ? true : undefined}
                aria-describedby={described('password')}
                onChange={(e) => setPassword(e.target.value)}
              />
              <FieldError id="signin-password-error" message={fieldMessage('password')} />
            </div>
          </>
        ) : (
          <div className="field">
            <label htmlFor="signin-code">Two-factor code</label>
            <p className="hint" id="signin-code-hint">
              The 6-digit code from your authenticator app, or a recovery code.
            </p>
            <input
              id="signin-code"
              ref={codeRef}
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              value={code}
              aria-invalid={fieldMessage('code') ? true : undefined}
              aria-describedby={['signin-code-hint', described('code')].filter(Boolean).join(' ')}
              onChange={(e) => setCode(e.target.value)}
            />
            <FieldError id="signin-code-error" message={fieldMessage('code')} />
          </div>
        )}
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Signing in…' : step.kind === 'password' ? 'Sign in' : 'Verify'}
          </button>
          {step.kind === 'two-factor' ? (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setStep({ kind: 'password' });
                setError(null);
              }}
            >
              Back
            </button>
          ) : null}
        </div>
      </form>
      {step.kind === 'password' ? <ForgotPassword api={props.api} initialEmail={email} /> : null}
    </main>
  );
}
