import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import './dialogs.css';

/**
 * A secret the server shows once (a new API token, a webhook's signing secret): in a read-only
 * field with a copy button, until the person says they have kept it. Takes focus when it
 * appears, so a screen reader announces it.
 */
export function SecretOnce(props: {
  title: string;
  label: string;
  secret: string;
  children?: ReactNode;
  onDone: () => void;
}) {
  const [copyStatus, setCopyStatus] = useState('');
  const boxRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const titleId = useId();

  useEffect(() => {
    boxRef.current?.focus();
  }, []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.secret);
      setCopyStatus('Copied to the clipboard.');
    } catch {
      // No clipboard access (an insecure origin, a refused permission): select it for Ctrl+C.
      inputRef.current?.select();
      setCopyStatus('Selected: press Ctrl+C (⌘C on a Mac) to copy.');
    }
  };

  return (
    <div className="secret-once" role="region" aria-labelledby={titleId} tabIndex={-1} ref={boxRef}>
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
      <p className="secret-warning">
        <strong>Copy it now: it is shown only this once.</strong> Masthead will not show it again.
      </p>
      <label htmlFor={inputId}>{props.label}</label>
      <div className="secret-row">
        <input
          id={inputId}
          ref={inputRef}
          className="secret-value"
          readOnly
          value={props.secret}
          spellCheck={false}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p role="status" className="hint">
        {copyStatus}
      </p>
      <button type="button" className="secondary" onClick={props.onDone}>
        I have kept it
      </button>
    </div>
  );
}
