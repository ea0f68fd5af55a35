// A labelled input bound to a node attribute. It keeps its own draft so typing is never reset by
// the round trip through a ProseMirror transaction, and takes outside changes (undo) when they come.
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';

export interface AttrFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  isMultiline?: boolean;
  /** Where focus goes when the block has just been inserted (see insert-block.ts). */
  isFirstField?: boolean;
  className?: string;
  rows?: number;
}

export function AttrField({
  label,
  value,
  onChange,
  hint,
  isMultiline = false,
  isFirstField = false,
  className,
  rows = 2,
}: AttrFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const [draft, setDraft] = useState(value);
  const lastSent = useRef(value);

  useEffect(() => {
    if (value !== lastSent.current) {
      lastSent.current = value;
      setDraft(value);
    }
  }, [value]);

  const change = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const next = event.target.value;
    lastSent.current = next;
    setDraft(next);
    onChange(next);
  };

  const common = {
    id,
    value: draft,
    onChange: change,
    'aria-describedby': hint ? hintId : undefined,
    'data-autofocus': isFirstField ? '' : undefined,
  };
  return (
    <div className={`body-field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="body-field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {isMultiline ? <textarea rows={rows} {...common} /> : <input type="text" {...common} />}
    </div>
  );
}
