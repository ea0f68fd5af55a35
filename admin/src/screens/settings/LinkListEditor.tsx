import { FieldError } from '../../ui/FieldError.js';
import { describedBy, type FormErrors } from '../../ui/form-errors.js';
import { newRow, type LinkRow } from './settings-draft.js';

interface Props {
  /** Prefix of element ids and of the error paths (`navigation` → `navigation.0.url`). */
  name: string;
  rows: LinkRow[];
  onChange: (rows: LinkRow[]) => void;
  /** Errors by path, e.g. `navigation.2.url`. */
  errors: FormErrors['fields'];
  labelText: string;
  urlText: string;
  urlPlaceholder: string;
  addText: string;
  /** What one row is called in button names: "navigation link", "social link". */
  itemName: string;
  max: number;
}

/**
 * An ordered list of label + address rows, each with move up, move down and remove buttons.
 * The buttons name their row ("Move “Sport” up"), and focus follows a moved row, so the order
 * can be changed from the keyboard without losing one's place.
 */
export function LinkListEditor(props: Props) {
  const { name, rows } = props;
  const id = (row: LinkRow, part: string) => `${name}-${row.key}-${part}`;

  const focusSoon = (elementId: string) =>
    requestAnimationFrame(() => document.getElementById(elementId)?.focus());

  const update = (index: number, patch: Partial<LinkRow>) =>
    props.onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const move = (index: number, by: -1 | 1) => {
    const target = index + by;
    const next = [...rows];
    const [row] = next.splice(index, 1);
    if (!row) return;
    next.splice(target, 0, row);
    props.onChange(next);
    // At the top or bottom that button is disabled: keep focus on the row's other move button.
    const atEdge = by === -1 ? target === 0 : target === rows.length - 1;
    focusSoon(id(row, atEdge ? (by === -1 ? 'down' : 'up') : by === -1 ? 'up' : 'down'));
  };

  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    props.onChange(next);
    const neighbour = next[index] ?? next[index - 1];
    focusSoon(neighbour ? id(neighbour, 'label') : `${name}-add`);
  };

  const add = () => {
    const row = newRow();
    props.onChange([...rows, row]);
    focusSoon(id(row, 'label'));
  };

  return (
    <div className="link-list">
      {rows.length === 0 ? <p className="empty">No links yet.</p> : null}
      <ol className="link-rows">
        {rows.map((row, index) => {
          const labelError = props.errors[`${name}.${index}.label`];
          const urlError = props.errors[`${name}.${index}.url`];
          const title = row.label.trim() || `${props.itemName} ${index + 1}`;
          return (
            <li key={row.key} className="link-row">
              <div className="field">
                <label htmlFor={id(row, 'label')}>
                  {props.labelText}
                  <span className="visually-hidden"> of link {index + 1}</span>
                </label>
                <input
                  id={id(row, 'label')}
                  value={row.label}
                  maxLength={40}
                  aria-invalid={labelError ? true : undefined}
                  aria-describedby={describedBy(labelError && id(row, 'label-error'))}
                  onChange={(e) => update(index, { label: e.target.value })}
                />
                <FieldError id={id(row, 'label-error')} message={labelError} />
              </div>
              <div className="field">
                <label htmlFor={id(row, 'url')}>
                  {props.urlText}
                  <span className="visually-hidden"> of link {index + 1}</span>
                </label>
                <input
                  id={id(row, 'url')}
                  value={row.url}
                  maxLength={300}
                  inputMode="url"
                  placeholder={props.urlPlaceholder}
                  aria-invalid={urlError ? true : undefined}
                  aria-describedby={describedBy(urlError && id(row, 'url-error'))}
                  onChange={(e) => update(index, { url: e.target.value })}
                />
                <FieldError id={id(row, 'url-error')} message={urlError} />
              </div>
              <div className="link-row-actions">
                <button
                  type="button"
                  className="secondary"
                  id={id(row, 'up')}
                  disabled={index === 0}
                  aria-label={`Move “${title}” up`}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="secondary"
                  id={id(row, 'down')}
                  disabled={index === rows.length - 1}
                  aria-label={`Move “${title}” down`}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Remove “${title}”`}
                  onClick={() => remove(index)}
                >
                  Remove
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="secondary"
        id={`${name}-add`}
        disabled={rows.length >= props.max}
        onClick={add}
      >
        {props.addText}
      </button>
      {rows.length >= props.max ? <p className="hint">At most {props.max} links.</p> : null}
    </div>
  );
}
