import { useId, useState } from 'react';

/**
 * Several choices from a list that may be long (authors, tags): checkboxes under a filter box,
 * chosen ones first. Plain form controls, so keyboards and screen readers know them.
 */
export function ChoiceList(props: {
  legend: string;
  options: { id: string; label: string; note?: string }[];
  chosen: string[];
  onChange: (ids: string[]) => void;
  hint?: string;
}) {
  const id = useId();
  const [filter, setFilter] = useState('');
  const q = filter.trim().toLowerCase();
  const shown = props.options
    .filter((o) => props.chosen.includes(o.id) || !q || o.label.toLowerCase().includes(q))
    .sort((a, b) => Number(props.chosen.includes(b.id)) - Number(props.chosen.includes(a.id)));
  const toggle = (optionId: string, on: boolean) =>
    props.onChange(
      on ? [...props.chosen, optionId] : props.chosen.filter((chosen) => chosen !== optionId),
    );
  return (
    <fieldset className="choice-list">
      <legend>{props.legend}</legend>
      {props.hint ? <p className="hint">{props.hint}</p> : null}
      {props.options.length > 8 ? (
        <div className="field">
          <label htmlFor={`${id}-filter`} className="visually-hidden">
            Filter {props.legend.toLowerCase()}
          </label>
          <input
            id={`${id}-filter`}
            type="search"
            placeholder="Filter…"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </div>
      ) : null}
      <ul>
        {shown.slice(0, 40).map((o) => (
          <li key={o.id}>
            <input
              type="checkbox"
              id={`${id}-${o.id}`}
              checked={props.chosen.includes(o.id)}
              onChange={(e) => toggle(o.id, e.target.checked)}
            />
            <label htmlFor={`${id}-${o.id}`}>
              {o.label}
              {o.note ? <span className="hint"> {o.note}</span> : null}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
