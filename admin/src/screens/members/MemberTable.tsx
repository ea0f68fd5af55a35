import type { Ref } from 'react';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';
import type { Navigate } from '../../routes.js';
import type { Member, Tier } from '../../types.js';
import { AppLink } from '../../ui/AppLink.js';
import { statusLabel, tierName } from './member-text.js';

/** The members found, one row each; the email links to the member's page. */
export function MemberTable({
  members,
  tiers,
  navigate,
  tableRef,
}: {
  members: Member[];
  tiers: Tier[];
  navigate: Navigate;
  tableRef?: Ref<HTMLTableElement>;
}) {
  const clock = useNewsroomClock();
  return (
    <div className="members-table-wrap">
      <table className="members-table" ref={tableRef}>
        <caption className="visually-hidden">Members, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Status</th>
            <th scope="col">Tier</th>
            <th scope="col">Labels</th>
            <th scope="col">Joined</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <td>
                <AppLink className="member-link" to={`/admin/members/${m.id}`} navigate={navigate}>
                  {m.email}
                </AppLink>
                {m.name ? <span className="member-name">{m.name}</span> : null}
              </td>
              <td>
                <span className={`badge member-status-${m.status}`}>{statusLabel(m.status)}</span>
              </td>
              <td>{tierName(tiers, m.tierId)}</td>
              <td>{m.labels.join(', ')}</td>
              <td>
                <time dateTime={m.createdAt}>{clock.date(m.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
