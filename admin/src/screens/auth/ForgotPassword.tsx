import { useEffect, useRef, useState, type FormEvent } from 'react';
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
  const [isBusy, setIsBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const sentRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (isOpen) inputRef.current?.focus();
  }, [isOpen]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) {
      setErrors({ fields: { email: 'Enter the email address you sign in with.' }, general: [] });
      inputRef.current?.focus();
      return;
    }
    setIsBusy(true);
    setErrors(noErrors);
    try {
      const answer = await props.api.post('/password-reset', {
        body: {
          email: email.trim(),
        },
      });
      setSent(answer.message ?? neutralMessage);
      requestAnimationFrame(() => sentRef.current?.focus());
    } catch (caught) {
      const found = formErrorsOf(caught, ['email'], { asSentences: true });
      setErrors(found);
      requestAnimationFrame(() =>
        (found.fields.email ? inputRef.current : alertRef.current)?.focus(),
      );
    } finally {
      setIsBusy(false);
    }
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
        <form onSubmit={(e) => void submit(e)} noValidate aria-busy={isBusy}>
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
