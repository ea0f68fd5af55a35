import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { roleMay } from '@shared/contracts/permissions.js';
import { messageOf } from '../../api.js';
import { staffQuery, teamKeys } from '../../query/queries.js';
import type { ScreenProps } from '../../screen-props.js';
import type { StaffUser } from '../../types.js';
import { FormAlert } from '../../ui/FieldError.js';
import { AuthorsSection } from './AuthorsSection.js';
import { InviteForm } from './InviteForm.js';
import { PendingInvitations } from './PendingInvitations.js';
import { StaffRow } from './StaffRow.js';
import { invitableRoles } from './staff-labels.js';
import './staff.css';
import { ZoneNote } from '../../ui/newsroom-clock.js';

const rankOfStatus = { active: 0, invited: 1, suspended: 2 } as const;

export function StaffScreen({ api, session }: ScreenProps) {
  const me = session.user;
  const queryClient = useQueryClient();
  const loaded = useQuery(staffQuery(api));
  const staff = loaded.data ?? null;
  const loadError = loaded.error ? messageOf(loaded.error) : null;
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const canManage = roleMay(me.role, 'staff.manage');
  const canTransfer = roleMay(me.role, 'ownership.transfer');

  const sorted = staff
    ? [...staff].sort(
        (a, b) => rankOfStatus[a.status] - rankOfStatus[b.status] || a.name.localeCompare(b.name),
      )
    : null;

  return (
    <section aria-labelledby="staff-heading" className="staff-screen">
      <h1 id="staff-heading" tabIndex={-1}>
        Staff
      </h1>
      <p className="lede">Who works in the newsroom admin, with their roles.</p>
      <ZoneNote />
      {invitableRoles(me.role).length > 0 ? (
        <>
          <InviteForm api={api} myRole={me.role} />
          <PendingInvitations api={api} />
        </>
      ) : null}

      <section aria-labelledby="staff-list-heading">
        <h2 id="staff-list-heading">Team{sorted ? ` (${sorted.length})` : ''}</h2>
        {notice ? (
          <p className="success" role="status" tabIndex={-1} ref={noticeRef}>
            {notice}
          </p>
        ) : null}
        <FormAlert messages={loadError ? [loadError] : []} />
        {!sorted ? (
          loadError ? null : (
            <p role="status" className="loading-inline">
              Loading staff…
            </p>
          )
        ) : (
          <ul className="staff-list">
            {sorted.map((user) => (
              <StaffRow
                key={user.id}
                api={api}
                user={user}
                isMe={user.id === me.id}
                canManage={canManage}
                canTransfer={canTransfer}
                onChanged={(changed, message) => {
                  // The audit log's names read the same list.
                  queryClient.setQueryData<StaffUser[]>(teamKeys.staff, (current) =>
                    (current ?? []).map((u) => (u.id === changed.id ? changed : u)),
                  );
                  setNotice(message);
                  requestAnimationFrame(() => noticeRef.current?.focus());
                }}
                // The session's role changed: a fresh load shows the screens the new role has.
                onTransferred={() => window.location.reload()}
              />
            ))}
          </ul>
        )}
      </section>

      <AuthorsSection api={api} canManage={roleMay(me.role, 'authors.manage')} />
    </section>
  );
}
