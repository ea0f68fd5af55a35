import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ApiError, messageOf, type ApiClient } from './api.js';
import { ForgotPassword } from './screens/auth/ForgotPassword.js';
import { FormAlert } from './ui/FieldError.js';
import { TextField } from './ui/TextField.js';
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

  const signIn = useMutation({
    mutationFn: async (current: Step) => {
      if (current.kind === 'password')
        return props.api.post('/session', { body: { email, password } });
      return props.api.post('/session/two-factor', {
        body: { challengeToken: current.challengeToken, code },
      });
    },
    onMutate: () => setError(null),
    onSuccess: (answer) => {
      if ('twoFactorRequired' in answer) {
        setStep({ kind: 'two-factor', challengeToken: answer.challengeToken });
        setCode('');
      } else props.onSignedIn(answer);
    },
    onError: fail,
  });
  const busy = signIn.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(step);
  };

  const fieldMessage = (field: string) =>
    error instanceof ApiError ? error.fieldMessage(field) : undefined;
  const shown = step.kind === 'password' ? ['email', 'password'] : ['code'];
  const general =
    error instanceof ApiError ? error.generalMessages(shown) : error ? [error.message] : [];

  return (
    <main className="signin" id="main">
      <h1>Sign in to Masthead</h1>
      {props.notice ? <p className="notice">{props.notice}</p> : null}
      <form onSubmit={submit} noValidate aria-busy={busy}>
        <FormAlert messages={general} alertRef={alertRef} />
        {step.kind === 'password' ? (
          <>
            <TextField
              id="signin-email"
              label="Email"
              type="email"
              autoComplete="username"
              required
              value={email}
              error={fieldMessage('email')}
              inputRef={emailRef}
              onChange={setEmail}
            />
            <TextField
              id="signin-password"
              label="Password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              error={fieldMessage('password')}
              onChange={setPassword}
            />
          </>
        ) : (
          <TextField
            id="signin-code"
            label="Two-factor code"
            hint="The 6-digit code from your authenticator app, or a recovery code."
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            value={code}
            error={fieldMessage('code')}
            inputRef={codeRef}
            onChange={setCode}
          />
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
