import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import type { ApiClient } from '../../api.js';
import type { Member, Tier } from '../../types.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import { endOfDay } from './AddMemberForm.js';
import {
  describedBy,
  type FormErrors,
  formErrorsOf,
  hasErrors,
  noErrors,
} from '../../ui/form-errors.js';
import { checkComp } from './member-checks.js';
import { lastDayOf, tierName } from './member-text.js';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';

const compFields = ['tierId', 'until'] as const;

/** Complimentary access: give it (with an optional tier and last day), or end it now. */
export function MemberComp(props: {
  api: ApiClient;
  member: Member;
  tiers: Tier[];
  onChanged: (member: Member) => void;
}) {
  const { member } = props;
  const clock = useNewsroomClock();
  const [tierId, setTierId] = useState('');
  const [until, setUntil] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const alertRef = useRef<HTMLDivElement>(null);
  const isPaying =
    member.status === 'paid' &&
    (member.accessUntil === null || member.accessUntil > new Date().toISOString());

  const show = (found: FormErrors) => {
    setErrors(found);
    requestAnimationFrame(() =>
      (found.fields.until
        ? document.getElementById('comp-until')
        : found.fields.tierId
          ? document.getElementById('comp-tier')
          : alertRef.current
      )?.focus(),
    );
  };
  // Giving or ending it: either answers the member as they now are.
  const change = useMutation({
    mutationFn: (request: () => Promise<{ member: Member }>) => request(),
    onMutate: () => setErrors(noErrors),
    onSuccess: ({ member: changed }) => props.onChanged(changed),
    onError: (caught) => show(formErrorsOf(caught, compFields)),
  });
  const busy = change.isPending;

  const give = (event: FormEvent) => {
    event.preventDefault();
    const body = { tierId: tierId || null, until: until ? endOfDay(until, clock.timeZone) : null };
    const found = checkComp(body, compFields);
    if (hasErrors(found)) return show(found);
    change.mutate(() =>
      props.api.post('/members/{id}/comp', { params: { path: { id: member.id } }, body }),
    );
  };

  return (
    <section className="member-section" aria-labelledby="comp-heading">
      <h2 id="comp-heading">Complimentary access</h2>
      <FormAlert messages={errors.general} alertRef={alertRef} />
      {member.status === 'comped' ? (
        <>
          <p>
            Complimentary access
            {member.tierId ? ` to ${tierName(props.tiers, member.tierId)}` : ''}
            {member.accessUntil
              ? ` until ${lastDayOf(member.accessUntil, clock.timeZone)}`
              : ', with no end'}
            .
          </p>
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() =>
              change.mutate(() =>
                props.api.del('/members/{id}/comp', { params: { path: { id: member.id } } }),
              )
            }
          >
            End complimentary access
          </button>
        </>
      ) : isPaying ? (
        <p>This member pays for a subscription, so complimentary access cannot be given.</p>
      ) : (
        <form onSubmit={give} noValidate aria-busy={busy}>
          <div className="members-form-grid">
            <div className="field">
              <label htmlFor="comp-tier">Tier</label>
              <select
                id="comp-tier"
                value={tierId}
                aria-invalid={errors.fields.tierId ? true : undefined}
                aria-describedby={describedBy(errors.fields.tierId && 'comp-tier-error')}
                onChange={(e) => setTierId(e.target.value)}
              >
                <option value="">No particular tier</option>
                {props.tiers
                  .filter((t) => !t.isFree)
                  .map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
              </select>
              <FieldError id="comp-tier-error" message={errors.fields.tierId} />
            </div>
            <div className="field">
              <label htmlFor="comp-until">Last day of access</label>
              <p className="hint" id="comp-until-hint">
                Leave empty for no end.
              </p>
              <input
                id="comp-until"
                type="date"
                value={until}
                aria-invalid={errors.fields.until ? true : undefined}
                aria-describedby={describedBy(
                  'comp-until-hint',
                  errors.fields.until && 'comp-until-error',
                )}
                onChange={(e) => setUntil(e.target.value)}
              />
              <FieldError id="comp-until-error" message={errors.fields.until} />
            </div>
          </div>
          <button type="submit" disabled={busy}>
            Give complimentary access
          </button>
        </form>
      )}
    </section>
  );
}
