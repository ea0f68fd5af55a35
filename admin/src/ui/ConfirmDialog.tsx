import { useEffect, useId, useRef, type ReactNode } from 'react';
import './dialogs.css';

/**
 * A modal confirmation on the native <dialog>: the browser keeps focus inside it, Escape
 * cancels, and the page behind is inert. Focus starts on Cancel (the safe choice) and goes back
 * to the element that opened it when it closes. For actions such as revoking a key, where the
 * page should stop until the person answers; ConfirmAction is the inline kind.
 */
export function ConfirmDialog(props: {
  isOpen: boolean;
  title: string;
  children: ReactNode;
  confirmText: string;
  busyText?: string;
  isBusy?: boolean;
  /** Shown inside the dialog when the action failed. */
  error?: string | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.isOpen && !dialog.open) {
      opener.current = document.activeElement as HTMLElement | null;
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!props.isOpen && dialog.open) {
      dialog.close();
    }
  }, [props.isOpen]);

  useEffect(() => {
    if (props.isOpen) return;
    // Back to the opener if it still exists (after a delete it may not: the caller moves focus).
    const element = opener.current;
    opener.current = null;
    if (element?.isConnected) element.focus();
  }, [props.isOpen]);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        // Escape: let React state close it, so state and the element never disagree.
        event.preventDefault();
        if (!props.isBusy) props.onCancel();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      <div id={bodyId}>{props.children}</div>
      {props.error ? (
        <p className="field-error" role="alert">
          {props.error}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="danger" disabled={props.isBusy} onClick={props.onConfirm}>
          {props.isBusy ? (props.busyText ?? 'Working…') : props.confirmText}
        </button>
        <button
          type="button"
          className="secondary"
          ref={cancelRef}
          disabled={props.isBusy}
          onClick={props.onCancel}
        >
          Cancel
        </button>
      </div>
    </dialog>
  );
}
