import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { ApiClient } from '../../api.js';
import { FormAlert } from '../../ui/FieldError.js';
import { type FormErrors, formErrorsOf, noErrors } from '../../ui/form-errors.js';
import { TextField } from '../../ui/TextField.js';
import './auth.css';

/** What the API says either way, so nobody learns from the answer whether an address has an account. */
const neutralMessage = 'If that address has an account, a reset link is on its way.';

/**
 * "Forgot your password?" under the sign-in form: asks for the email and sends a reset link.
 * The answer is the same whether or not the address has an account.
 */
export function ForgotPassword(props: { api: ApiClient; initialEmail: string }) {
  const [isOpen, setIsOpen] = useState(false);
  const [email, setEmail] = useState(props.initialEmail);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const inputRef = useRef<HTMLInputElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const sentRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (isOpen) inputRef.current?.focus();
  }, [isOpen]);

  const send = useMutation({
    mutationFn: async (address: string) =>
      (await props.api.post('/password-reset', { body: { email: address } })).message ??
      neutralMessage,
    onMutate: () => setErrors(noErrors),
    onSuccess: () => requestAnimationFrame(() => sentRef.current?.focus()),
    onError: (caught) => {
      const found = formErrorsOf(caught, ['email'], { asSentences: true });
      setErrors(found);
      requestAnimationFrame(() =>
        (found.fields.email ? inputRef.current : alertRef.current)?.focus(),
      );
    },
  });
  const isBusy = send.isPending;
  const sent = send.data ?? null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) {
      setErrors({ fields: { email: 'Enter the email address you sign in with.' }, general: [] });
      inputRef.current?.focus();
      return;
    }
    send.mutate(email.trim());
  };

  if (!isOpen) {
    return (
      <p className="forgot-toggle">
        <button
          type="button"
          className="link-button"
          ref={toggleRef}
          onClick={() => {
            setEmail((current) => current || props.initialEmail);
            setIsOpen(true);
          }}
        >
          Forgot your password?
        </button>
      </p>
    );
  }

  return (
    <section className="forgot-password" aria-labelledby="forgot-heading">
      <h2 id="forgot-heading">Reset your password</h2>
      {sent ? (
        <p className="success" role="status" tabIndex={-1} ref={sentRef}>
          {sent}
        </p>
      ) : (
        <form onSubmit={submit} noValidate aria-busy={isBusy}>
          <p className="hint">We email a link to choose a new password. It works for an hour.</p>
          <FormAlert messages={errors.general} alertRef={alertRef} />
          <TextField
            id="forgot-email"
            label="Your account’s email"
            type="email"
            autoComplete="username"
            required
            maxLength={254}
            value={email}
            error={errors.fields.email}
            inputRef={inputRef}
            onChange={setEmail}
          />
          <div className="actions">
            <button type="submit" disabled={isBusy}>
              {isBusy ? 'Sending…' : 'Send reset link'}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={isBusy}
              onClick={() => {
                setIsOpen(false);
                setErrors(noErrors);
                requestAnimationFrame(() => toggleRef.current?.focus());
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
