import { useRef, useState } from 'react';

/** Moves the entry at `index` one place up (-1) or down (+1); out of range leaves it. */
export function moveEntry<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/**
 * The chosen bylines in the order the site shows them, each movable with buttons. Focus stays on
 * the moved author's button (or its twin when it reaches an end), and a live region says where
 * the author went, so keyboard and screen-reader users can reorder without looking.
 */
export function BylineOrder(props: {
  authorIds: string[];
  nameOf: (id: string) => string;
  onChange: (ids: string[]) => void;
}) {
  const list = useRef<HTMLOListElement>(null);
  const [announcement, setAnnouncement] = useState('');
  if (props.authorIds.length < 2) return null;

  const move = (index: number, by: -1 | 1) => {
    const ids = moveEntry(props.authorIds, index, by);
    const id = props.authorIds[index]!;
    const at = index + by;
    props.onChange(ids);
    setAnnouncement(`${props.nameOf(id)} is now byline ${at + 1} of ${ids.length}.`);
    // After React renders the new order: the same author's button, or the other one at an end.
    requestAnimationFrame(() => {
      const row = list.current?.querySelectorAll('li')[at];
      const buttons = row?.querySelectorAll<HTMLButtonElement>('button');
      const same = by === -1 ? buttons?.[0] : buttons?.[1];
      const other = by === -1 ? buttons?.[1] : buttons?.[0];
      (same && !same.disabled ? same : other)?.focus();
    });
  };

  return (
    <div className="byline-order">
      <p className="byline-order__title" id="byline-order-title">
        Byline order
      </p>
      <ol ref={list} aria-labelledby="byline-order-title">
        {props.authorIds.map((id, index) => {
          const name = props.nameOf(id);
          return (
            <li key={id}>
              <span className="byline-order__number" aria-hidden="true">
                {index + 1}.
              </span>
              <span className="byline-order__name">{name}</span>
              <button
                type="button"
                className="secondary small"
                aria-label={`Move ${name} up`}
                disabled={index === 0}
                onClick={() => move(index, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="secondary small"
                aria-label={`Move ${name} down`}
                disabled={index === props.authorIds.length - 1}
                onClick={() => move(index, 1)}
              >
                ↓
              </button>
            </li>
          );
        })}
      </ol>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </div>
  );
}
