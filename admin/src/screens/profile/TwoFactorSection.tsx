import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { twoFactorSetupSchema } from '@shared/contracts/staff.js';
import type { ApiClient } from '../../api.js';
import type { Out } from '../../types.js';
import { FormAlert } from '../../ui/FieldError.js';
import { type FormErrors, formErrorsOf, noErrors } from '../../ui/form-errors.js';
import { TextField } from '../../ui/TextField.js';

type Setup = Out<typeof twoFactorSetupSchema>;
type Step =
  { kind: 'idle' } | { kind: 'setup'; setup: Setup } | { kind: 'codes'; recoveryCodes: string[] };

/** `JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP`: easier to type into an app by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * Two-factor sign-in with an authenticator app. The secret and otpauth URI are shown as text
 * (no QR library: most apps accept the key typed or pasted), then a code from the app turns it
 * on and the one-time recovery codes are shown once. Turning it off needs the password.
 */
export function TwoFactorSection(props: {
  api: ApiClient;
  isOn: boolean;
  onChanged: () => Promise<void>;
}) {
  const { api } = props;
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [status, setStatus] = useState<string | null>(null);
  const stepHeadingRef = useRef<HTMLHeadingElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (step.kind !== 'idle') stepHeadingRef.current?.focus();
  }, [step.kind]);

  /** One step's request; a failure is shown at `inputId`'s field (or the alert) for `fields`. */
  const running = useMutation({
    mutationFn: (task: {
      action: () => Promise<void>;
      fields: readonly string[];
      inputId: string;
    }) => task.action(),
    onMutate: () => {
      setErrors(noErrors);
      setStatus(null);
    },
    onError: (caught, { fields, inputId }) => {
      const found = formErrorsOf(caught, fields, { asSentences: true });
      setErrors(found);
      requestAnimationFrame(() =>
        (found.general.length ? alertRef.current : document.getElementById(inputId))?.focus(),
      );
    },
  });
  const isBusy = running.isPending;
  const run = (action: () => Promise<void>, fields: readonly string[], inputId: string) =>
    running.mutate({ action, fields, inputId });

  const start = () =>
    run(async () => setStep({ kind: 'setup', setup: await api.post('/me/two-factor') }), [], '');

  const enable = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) {
      setErrors({ fields: { code: 'Enter the 6-digit code from the app.' }, general: [] });
      requestAnimationFrame(() => document.getElementById('two-factor-code')?.focus());
      return;
    }
    run(
      async () => {
        const answer = await api.post('/me/two-factor/enable', {
          body: {
            code: code.trim(),
          },
        });
        setCode('');
        setStep({ kind: 'codes', recoveryCodes: answer.recoveryCodes });
        await props.onChanged();
      },
      ['code'],
      'two-factor-code',
    );
  };

  const disable = (event: FormEvent) => {
    event.preventDefault();
    if (!password) {
      setErrors({ fields: { password: 'Enter your password to turn it off.' }, general: [] });
      requestAnimationFrame(() => document.getElementById('two-factor-password')?.focus());
      return;
    }
    run(
      async () => {
        // DELETE with a body: the password confirms it is really you.
        await api.del('/me/two-factor', { body: { password } });
        setPassword('');
        setStatus('Two-factor sign-in is off.');
        await props.onChanged();
      },
      ['password'],
      'two-factor-password',
    );
  };

  return (
    <section className="profile-card" aria-labelledby="two-factor-heading">
      <h2 id="two-factor-heading">Two-factor sign-in</h2>
      <FormAlert messages={errors.general} alertRef={alertRef} />
      {status ? (
        <p className="success" role="status">
          {status}
        </p>
      ) : null}

      {step.kind === 'setup' ? (
        <form onSubmit={enable} noValidate aria-busy={isBusy}>
          <h3 tabIndex={-1} ref={stepHeadingRef}>
            Set up your authenticator app
          </h3>
          <ol className="two-factor-steps">
            <li>
              In your authenticator app, add an account by entering this key:
              <p className="secret">
                <code>{grouped(step.setup.secret)}</code>
              </p>
              <div className="field">
                <label htmlFor="two-factor-uri">Or paste this setup address</label>
                <input id="two-factor-uri" readOnly value={step.setup.otpauthUri} />
              </div>
            </li>
            <li>
              <TextField
                id="two-factor-code"
                label="The 6-digit code the app shows"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={code}
                error={errors.fields.code}
                onChange={setCode}
              />
            </li>
          </ol>
          <div className="actions">
            <button type="submit" disabled={isBusy}>
              {isBusy ? 'Checking…' : 'Turn on two-factor sign-in'}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={isBusy}
              onClick={() => {
                setErrors(noErrors);
                setStep({ kind: 'idle' });
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : step.kind === 'codes' ? (
        <div>
          <h3 tabIndex={-1} ref={stepHeadingRef}>
            Two-factor sign-in is on: save your recovery codes
          </h3>
          <p>
            Each code signs you in once if you lose your phone. They are shown only now: keep them
            somewhere safe, such as a password manager.
          </p>
          <ul className="recovery-codes">
            {step.recoveryCodes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => setStep({ kind: 'idle' })}>
            I have saved them
          </button>
        </div>
      ) : props.isOn ? (
        <form onSubmit={disable} noValidate aria-busy={isBusy}>
          <p>
            <span className="badge status-on">On</span> Signing in asks for a code from your
            authenticator app.
          </p>
          <TextField
            id="two-factor-password"
            label="Your password, to turn it off"
            type="password"
            autoComplete="current-password"
            value={password}
            error={errors.fields.password}
            onChange={setPassword}
          />
          <div className="actions">
            <button type="submit" className="danger" disabled={isBusy}>
              {isBusy ? 'Turning off…' : 'Turn off two-factor sign-in'}
            </button>
          </div>
        </form>
      ) : (
        <div>
          <p>
            <span className="badge">Off</span> Add a code from an authenticator app to your sign-in,
            so a stolen password is not enough.
          </p>
          <button type="button" disabled={isBusy} onClick={start}>
            {isBusy ? 'Starting…' : 'Set up two-factor sign-in'}
          </button>
        </div>
      )}
    </section>
  );
}
