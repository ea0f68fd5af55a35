import type { AuditEntry } from '../../types.js';
import { formatDateTime } from '../../ui/format.js';
import { actionName } from './action-names.js';

/** A detail value in a line: lists joined, objects as compact JSON. */
function detailText(value: unknown): string {
  if (Array.isArray(value)) return value.map(detailText).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function AuditTable(props: {
  entries: AuditEntry[];
  timeZone: string;
  actorName: (label: string) => string;
  /** Show only this story's entries. */
  onStory?: (id: string) => void;
}) {
  return (
    <table className="audit-table">
      <caption className="visually-hidden">Audit log entries, newest first</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">Details</th>
          <th scope="col">IP address</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((entry) => {
          const details = Object.entries(entry.details);
          return (
            <tr key={entry.id} data-entry={entry.id}>
              <td className="audit-when">
                <time dateTime={entry.createdAt}>
                  {formatDateTime(entry.createdAt, props.timeZone)}
                </time>
              </td>
              <td>{props.actorName(entry.actor)}</td>
              <th scope="row" className="audit-what" tabIndex={-1}>
                {actionName(entry.action)}
                <code>{entry.action}</code>
              </th>
              <td>
                {details.length === 0 && !entry.subjectId ? (
                  '—'
                ) : (
                  <dl className="audit-details">
                    {details.map(([key, value]) => (
                      <div key={key}>
                        <dt>{key}</dt>
                        <dd>{detailText(value)}</dd>
                      </div>
                    ))}
                    {entry.subjectId && entry.subjectType === 'post' && props.onStory ? (
                      <div>
                        <dt>story</dt>
                        <dd>
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => props.onStory?.(entry.subjectId ?? '')}
                          >
                            Only this story
                            <span className="visually-hidden">
                              :{' '}
                              {typeof entry.details.title === 'string'
                                ? entry.details.title
                                : entry.subjectId}
                            </span>
                          </button>
                        </dd>
                      </div>
                    ) : entry.subjectId ? (
                      <div>
                        <dt>{entry.subjectType}</dt>
                        <dd>
                          <code>{entry.subjectId}</code>
                        </dd>
                      </div>
                    ) : null}
                  </dl>
                )}
              </td>
              <td>{entry.ip || '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
