import { useState, type FormEvent } from 'react';
import './search-box.css';

/**
 * A list's search form whose search lives in the address (`q`): Back and links keep it, and a
 * new address search starts the box from it again. Submitting hands over the trimmed text;
 * Clear (shown while a search is on) hands over ''.
 */
export function SearchBox(props: {
  id: string;
  label: string;
  hint: string;
  /** The search now in effect (from the address). */
  q: string;
  maxLength: number;
  onSearch: (q: string) => void;
  className?: string;
}) {
  const { q } = props;
  // What is typed, for the search in the address: another address search resets it.
  const [draft, setDraft] = useState({ q, text: q });
  const text = draft.q === q ? draft.text : q;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSearch(text.trim());
  };
  const hintId = `${props.id}-hint`;
  return (
    <form
      className={`search-box${props.className ? ` ${props.className}` : ''}`}
      role="search"
      onSubmit={submit}
    >
      <div className="field">
        <label htmlFor={props.id}>{props.label}</label>
        <input
          id={props.id}
          type="search"
          value={text}
          maxLength={props.maxLength}
          aria-describedby={hintId}
          onChange={(e) => setDraft({ q, text: e.target.value })}
        />
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      </div>
      <div className="actions">
        <button type="submit">Search</button>
        {q ? (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setDraft({ q, text: '' });
              props.onSearch('');
            }}
          >
            Clear
          </button>
        ) : null}
      </div>
    </form>
  );
}
