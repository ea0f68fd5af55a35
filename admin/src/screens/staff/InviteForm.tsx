import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import type { StaffRoleName } from '@shared/contracts/permissions.js';
import { invitationCreateSchema } from '@shared/contracts/staff.js';
import type { ApiClient } from '../../api.js';
import { teamKeys } from '../../query/queries.js';
import type { Invitation } from '../../types.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import { fieldId, formErrorsOf, noErrors } from '../../ui/form-errors.js';
import { useFormErrors } from '../../ui/use-form-errors.js';
import { TextField } from '../../ui/TextField.js';
import { checkWithSchema } from '../../ui/schema-check.js';
import { invitableRoles, roleLabels, roleSummaries } from './staff-labels.js';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';

const fields = ['email', 'role'] as const;

/** Invites someone by email; the link in the email lets them choose a name and password. */
export function InviteForm(props: { api: ApiClient; myRole: StaffRoleName }) {
  const roles = invitableRoles(props.myRole);
  const clock = useNewsroomClock();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState(roles.includes('author') ? 'author' : (roles[0] ?? 'author'));
  const { errors, setErrors, alertRef, fail } = useFormErrors(fields, (f) => fieldId('invite', f));
  const [sent, setSent] = useState<Invitation | null>(null);
  const sentRef = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();

  const sending = useMutation({
    mutationFn: (body: { email: string; role: typeof role }) =>
      props.api.post('/invitations', { body }),
    onSuccess: (answer) => {
      // The pending list below shows the new one.
      void queryClient.invalidateQueries({ queryKey: teamKeys.invitations });
      setSent(answer.invitation);
      setEmail('');
      requestAnimationFrame(() => sentRef.current?.focus());
    },
    onError: (caught) => fail(formErrorsOf(caught, fields, { asSentences: true })),
  });
  const isBusy = sending.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSent(null);
    const body = { email: email.trim(), role };
    const problems = checkWithSchema(invitationCreateSchema, body, {
      email: email.trim()
        ? 'Enter an email address like name@example.org.'
        : 'Enter an email address.',
    });
    if (problems.email || problems.role) return fail({ fields: problems, general: [] });
    setErrors(noErrors);
    sending.mutate(body);
  };

  return (
    <form
      className="invite-form"
      aria-labelledby="invite-heading"
      onSubmit={submit}
      noValidate
      aria-busy={isBusy}
    >
      <h2 id="invite-heading">Invite someone</h2>
      <FormAlert messages={errors.general} alertRef={alertRef} />
      {sent ? (
        <div className="success" role="status" tabIndex={-1} ref={sentRef}>
          <p>
            Invitation sent to <strong>{sent.email}</strong> as {roleLabels[sent.role]}. The link in
            the email works until {clock.dateTime(sent.expiresAt)}.
          </p>
        </div>
      ) : null}
      <div className="invite-fields">
        <TextField
          id="invite-email"
          label="Email"
          type="email"
          inputMode="email"
          autoComplete="off"
          required
          maxLength={254}
          value={email}
          error={errors.fields.email}
          onChange={setEmail}
        />
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select
            id="invite-role"
            value={role}
            aria-invalid={errors.fields.role ? true : undefined}
            aria-describedby={['invite-role-hint', errors.fields.role ? 'invite-role-error' : '']
              .filter(Boolean)
              .join(' ')}
            onChange={(e) => setRole(e.target.value as typeof role)}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
          <p className="hint" id="invite-role-hint">
            {roleLabels[role]}: {roleSummaries[role]}.
          </p>
          <FieldError id="invite-role-error" message={errors.fields.role} />
        </div>
      </div>
      <div className="actions">
        <button type="submit" disabled={isBusy}>
          {isBusy ? 'Sending…' : 'Send invitation'}
        </button>
      </div>
    </form>
  );
}
