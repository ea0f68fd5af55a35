import type { Ref } from 'react';

/** A field's error message, tied to its input by id (`aria-describedby`). */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id}>
      {message}
    </p>
  );
}

/** A form-level alert, announced when it appears and focusable so it can take focus. */
export function FormAlert({
  messages,
  alertRef,
}: {
  messages: string[];
  alertRef?: Ref<HTMLDivElement>;
}) {
  if (messages.length === 0) return null;
  return (
    <div className="form-alert" role="alert" tabIndex={-1} ref={alertRef}>
      {messages.length === 1 ? (
        <p>{messages[0]}</p>
      ) : (
        <ul>
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
