// The small inline forms under the toolbar (link, embed, related story). Not <form> elements:
// the story screen wraps the editor in its own form, and forms cannot nest.
import { useEffect, useRef, type ReactNode } from 'react';

export interface PanelProps {
  id: string;
  label: string;
  onClose: () => void;
  /** The panel's problem, announced; `errorId` ties it to the input it is about. */
  error?: string | null;
  errorId?: string;
  children: ReactNode;
}

export function Panel({ id, label, onClose, error, errorId, children }: PanelProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input')?.focus();
  }, []);
  return (
    <div
      ref={ref}
      id={id}
      className="body-panel"
      role="group"
      aria-label={label}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }}
    >
      {children}
      {error && (
        <p id={errorId} role="alert" className="body-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Enter in a panel's input runs its action instead of submitting the story form. */
export const onEnter = (action: () => void) => (event: { key: string; preventDefault(): void }) => {
  if (event.key !== 'Enter') return;
  event.preventDefault();
  action();
};
