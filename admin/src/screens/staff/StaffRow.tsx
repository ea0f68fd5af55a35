import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf, type ApiClient } from '../../api.js';
import type { StaffUser } from '../../types.js';
import { ConfirmAction } from '../../ui/ConfirmAction.js';
import { roleLabels, statusLabels } from './staff-labels.js';

type AssignableRole = 'administrator' | 'editor' | 'author' | 'contributor';
const assignable: AssignableRole[] = ['administrator', 'editor', 'author', 'contributor'];

/**
 * One staff member, with what the viewer may change: role and suspension (staff.manage, never
 * the owner or oneself: the server refuses both) and, for the owner, handing over ownership.
 */
export function StaffRow(props: {
  api: ApiClient;
  user: StaffUser;
  isMe: boolean;
  canManage: boolean;
  canTransfer: boolean;
  onChanged: (user: StaffUser, message: string) => void;
  onTransferred: () => void;
}) {
  const { user } = props;
  const [role, setRole] = useState<AssignableRole | 'owner'>(user.role);
  const canChange = props.canManage && !props.isMe && user.role !== 'owner';
  const roleId = `staff-role-${user.id}`;

  const patch = async (body: { role?: AssignableRole; status?: 'active' | 'suspended' }) => {
    const answer = await props.api.patch('/staff/{id}', {
      params: { path: { id: user.id } },
      body,
    });
    return answer.user;
  };

  /** A role change or reactivation, and what to say when it is done. */
  const change = useMutation({
    mutationFn: (request: {
      body: { role?: AssignableRole; status?: 'active' | 'suspended' };
      said: (changed: StaffUser) => string;
    }) => patch(request.body),
    onSuccess: (changed, request) => props.onChanged(changed, request.said(changed)),
  });
  const isBusy = change.isPending;
  const error = change.error ? messageOf(change.error) : null;

  const saveRole = () => {
    if (role === 'owner' || role === user.role) return;
    change.mutate({
      body: { role },
      said: (changed) => `${changed.name} is now ${roleLabels[changed.role]}.`,
    });
  };

  return (
    <li className="staff-row">
      <div className="staff-who">
        <h3>
          {user.name}
          {props.isMe ? <span className="you"> (you)</span> : null}
        </h3>
        <p className="staff-email">{user.email}</p>
        <p className="meta">
          <span className="badge">{roleLabels[user.role]}</span>
          <span className={`badge status-${user.status}`}>{statusLabels[user.status]}</span>
          {user.hasTwoFactor ? <span className="badge">Two-factor on</span> : null}
        </p>
      </div>
      {canChange || (props.canTransfer && !props.isMe) ? (
        <div className="staff-controls">
          {canChange ? (
            <div className="staff-role">
              <label htmlFor={roleId} className="visually-hidden">
                Role of {user.name}
              </label>
              <select
                id={roleId}
                value={role}
                disabled={isBusy}
                onChange={(e) => setRole(e.target.value as AssignableRole)}
              >
                {assignable.map((r) => (
                  <option key={r} value={r}>
                    {roleLabels[r]}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="secondary"
                disabled={isBusy || role === user.role}
                aria-label={`Change role of ${user.name}`}
                onClick={saveRole}
              >
                Change role
              </button>
            </div>
          ) : null}
          <div className="actions staff-actions">
            {canChange && user.status === 'active' ? (
              <ConfirmAction
                label="Suspend"
                accessibleLabel={`Suspend ${user.name}`}
                question={`Suspend ${user.name}? They are signed out at once and cannot sign in until reactivated.`}
                confirmLabel="Suspend"
                onConfirm={async () => {
                  const changed = await patch({ status: 'suspended' });
                  props.onChanged(changed, `${changed.name} is suspended.`);
                }}
              />
            ) : null}
            {canChange && user.status === 'suspended' ? (
              <button
                type="button"
                className="secondary"
                disabled={isBusy}
                aria-label={`Reactivate ${user.name}`}
                onClick={() =>
                  change.mutate({
                    body: { status: 'active' },
                    said: (changed) => `${changed.name} can sign in again.`,
                  })
                }
              >
                Reactivate
              </button>
            ) : null}
            {props.canTransfer &&
            !props.isMe &&
            user.role === 'administrator' &&
            user.status === 'active' ? (
              <ConfirmAction
                label="Make owner"
                accessibleLabel={`Make ${user.name} the owner`}
                question={`Hand ownership to ${user.name}? You become an administrator, and only the new owner can hand it on again.`}
                confirmLabel="Transfer ownership"
                onConfirm={async () => {
                  await props.api.post('/staff/transfer-ownership', { body: { userId: user.id } });
                  props.onTransferred();
                }}
              />
            ) : null}
          </div>
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
