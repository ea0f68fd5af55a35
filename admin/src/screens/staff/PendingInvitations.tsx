import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf, type ApiClient } from '../../api.js';
import { invitationsQuery, teamKeys } from '../../query/queries.js';
import type { Invitation } from '../../types.js';
import { ConfirmAction } from '../../ui/ConfirmAction.js';
import { FormAlert } from '../../ui/FieldError.js';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';
import { roleLabels } from './staff-labels.js';

/**
 * Invitations nobody has accepted yet, with when each link stops working (in the newsroom's
 * zone); Resend mails a new link (the old one dies), Revoke withdraws it.
 */
export function PendingInvitations(props: { api: ApiClient }) {
  const { api } = props;
  const clock = useNewsroomClock();
  const queryClient = useQueryClient();
  const loaded = useQuery(invitationsQuery(api));
  const items = loaded.data ?? null;
  const [notice, setNotice] = useState<string | null>(null);
  // "Expired" is judged when the screen opened: rendering stays pure (no clock read in it).
  const [now] = useState(() => Date.now());
  const setItems = (update: (current: Invitation[]) => Invitation[]) =>
    queryClient.setQueryData<Invitation[]>(teamKeys.invitations, (current) =>
      update(current ?? []),
    );

  const resending = useMutation({
    mutationFn: (invitation: Invitation) =>
      api.post('/invitations/{id}/resend', { params: { path: { id: invitation.id } } }),
    onSuccess: (answer, invitation) => {
      setItems((current) => current.map((i) => (i.id === invitation.id ? answer.invitation : i)));
      setNotice(
        `Sent a new link to ${invitation.email}; it works until ${clock.dateTime(answer.invitation.expiresAt)}. The earlier link no longer works.`,
      );
    },
  });
  const busyId = resending.isPending ? resending.variables.id : null;
  const error = [loaded.error, resending.error].filter((e) => e !== null).map(messageOf)[0] ?? null;

  const revoke = async (invitation: Invitation) => {
    await api.del('/invitations/{id}', { params: { path: { id: invitation.id } } });
    setItems((current) => current.filter((i) => i.id !== invitation.id));
    setNotice(`Revoked the invitation to ${invitation.email}.`);
  };

  return (
    <section aria-labelledby="pending-heading" className="pending-invitations">
      <h2 id="pending-heading">Pending invitations{items ? ` (${items.length})` : ''}</h2>
      {notice ? (
        <p className="success" role="status">
          {notice}
        </p>
      ) : null}
      <FormAlert messages={error ? [error] : []} />
      {items && items.length === 0 ? <p className="empty">No invitations are waiting.</p> : null}
      {items && items.length > 0 ? (
        <ul className="pending-list">
          {items.map((invitation) => {
            const expired = Date.parse(invitation.expiresAt) <= now;
            return (
              <li key={invitation.id} className="pending-row">
                <span className="pending-who">
                  <strong>{invitation.email}</strong> · {roleLabels[invitation.role]}
                </span>
                <span className="meta">
                  Invited{' '}
                  <time dateTime={invitation.createdAt}>
                    {clock.dateTime(invitation.createdAt)}
                  </time>
                  {' · '}
                  {expired ? 'Link expired ' : 'Link works until '}
                  <time dateTime={invitation.expiresAt}>
                    {clock.dateTime(invitation.expiresAt)}
                  </time>
                </span>
                <span className="row-actions">
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Resend the invitation to ${invitation.email}`}
                    disabled={busyId === invitation.id}
                    onClick={() => resending.mutate(invitation)}
                  >
                    {busyId === invitation.id ? 'Sending…' : 'Resend'}
                  </button>
                  <ConfirmAction
                    label="Revoke"
                    accessibleLabel={`Revoke the invitation to ${invitation.email}`}
                    question={`Revoke the invitation to ${invitation.email}? The link in their email stops working.`}
                    confirmLabel="Revoke invitation"
                    onConfirm={() => revoke(invitation)}
                  />
                </span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
