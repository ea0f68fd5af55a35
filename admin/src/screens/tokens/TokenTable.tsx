import type { ApiToken } from '../../types.js';
import { formatDateTime } from '../../ui/format.js';

const roleNames: Record<string, string> = {
  owner: 'Owner',
  administrator: 'Administrator',
  editor: 'Editor',
  author: 'Author',
  contributor: 'Contributor',
};

/** The tokens, newest first as the API lists them; revoked ones stay for the record. */
export function TokenTable(props: {
  tokens: ApiToken[];
  timeZone: string;
  onRevoke: (token: ApiToken) => void;
}) {
  if (props.tokens.length === 0)
    return <p className="empty">No tokens yet. Apps and scripts need one to use the APIs.</p>;
  return (
    <table className="token-table">
      <caption className="visually-hidden">API tokens</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Made by</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Expires</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.tokens.map((token) => (
          <tr key={token.id} className={token.revokedAt ? 'is-revoked' : undefined}>
            <th scope="row">
              {token.name}
              <br />
              <code title="The token starts with this">{token.prefix}…</code>
            </th>
            <td>
              {token.kind === 'admin'
                ? `Admin API, ${roleNames[token.role ?? ''] ?? token.role ?? 'no role'}`
                : 'Content API key'}
            </td>
            <td>
              {token.createdBy.kind === 'cli'
                ? 'Command line (owner)'
                : (token.createdBy.name ?? 'A removed staff member')}
            </td>
            <td>{formatDateTime(token.createdAt, props.timeZone)}</td>
            <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, props.timeZone) : 'Never'}</td>
            <td>{token.expiresAt ? formatDateTime(token.expiresAt, props.timeZone) : 'Never'}</td>
            <td>
              {token.revokedAt ? (
                <span className="badge">
                  Revoked {formatDateTime(token.revokedAt, props.timeZone)}
                </span>
              ) : (
                <button
                  type="button"
                  className="secondary"
                  id={`revoke-${token.id}`}
                  aria-label={`Revoke “${token.name}”`}
                  onClick={() => props.onRevoke(token)}
                >
                  Revoke
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
