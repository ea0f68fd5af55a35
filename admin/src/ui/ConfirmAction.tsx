// An inline confirmation for destructive actions: the button turns into a question with the
// action and Cancel, focus goes to Cancel (the safe choice) and Escape backs out. For actions in
// a row or a form; ConfirmDialog is the modal kind, for actions that need the page to stop.
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { messageOf } from '../api.js';
import './form-controls.css';

export function ConfirmAction(props: {
  /** The button that asks, e.g. "Delete". */
  label: string;
  /** Its accessible name when the visible label is not enough, e.g. "Delete Politics". */
  accessibleLabel?: string;
  /** The question, e.g. "Delete the section Politics? This cannot be undone." */
  question: ReactNode;
  /** The button that does it, e.g. "Delete section". */
  confirmLabel: string;
  /** `danger` (default) for deletions, `secondary` for reversible actions. */
  tone?: 'danger' | 'secondary';
  disabled?: boolean;
  onConfirm: () => Promise<void>;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const questionId = useId();

  useEffect(() => {
    if (isOpen) cancelRef.current?.focus();
    else if (wasOpen.current) triggerRef.current?.focus();
    wasOpen.current = isOpen;
  }, [isOpen]);

  const confirming = useMutation({
    mutationFn: () => props.onConfirm(),
    onSuccess: () => setIsOpen(false),
  });
  const isBusy = confirming.isPending;
  const error = confirming.error ? messageOf(confirming.error) : null;
  const confirm = () => confirming.mutate();

  const tone = props.tone ?? 'danger';
  if (!isOpen) {
    return (
      <button
        type="button"
        ref={triggerRef}
        className={tone === 'danger' ? 'danger' : 'secondary'}
        aria-label={props.accessibleLabel}
        disabled={props.disabled}
        onClick={() => setIsOpen(true)}
      >
        {props.label}
      </button>
    );
  }
  return (
    <div
      className="confirm-action"
      role="group"
      aria-labelledby={questionId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !isBusy) {
          e.stopPropagation();
          setIsOpen(false);
        }
      }}
    >
      <p id={questionId}>{props.question}</p>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className={tone === 'danger' ? 'danger' : undefined}
          disabled={isBusy}
          onClick={confirm}
        >
          {isBusy ? 'Working…' : props.confirmLabel}
        </button>
        <button
          type="button"
          className="secondary"
          ref={cancelRef}
          disabled={isBusy}
          onClick={() => setIsOpen(false)}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
