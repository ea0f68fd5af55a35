import type { ReactNode } from 'react';
import { formatNumber } from '../../ui/format.js';

/** The Analytics screen's building blocks: a total, a titled panel, and a list of view counts. */

export function Total(props: { label: string; value: number }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{formatNumber(props.value)}</dd>
    </div>
  );
}

export function Panel(props: { id: string; title: string; wide?: boolean; children: ReactNode }) {
  return (
    <section
      className={props.wide ? 'analytics-panel is-wide' : 'analytics-panel'}
      aria-labelledby={props.id}
    >
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

export function CountList(props: {
  rows: { key: string; label: string; views: number }[];
  empty: string;
}) {
  if (props.rows.length === 0) return <p className="empty">{props.empty}</p>;
  return (
    <table className="analytics-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Views</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td>{formatNumber(r.views)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
