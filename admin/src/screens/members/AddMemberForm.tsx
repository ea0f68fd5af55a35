import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ApiClient, BodyOf } from '../../api.js';
import { queryKeys } from '../../query/queries.js';
import type { Member } from '../../types.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import { FormActions } from '../../ui/FormActions.js';
import { describedBy, formErrorsOf, hasErrors, noErrors } from '../../ui/form-errors.js';
import { useFormErrors } from '../../ui/use-form-errors.js';
import { checkNewMember } from './member-checks.js';
import { labelsOf } from './member-text.js';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';
import { startOfDayUtc } from '@shared/zoned-time.js';

const fields = ['email', 'name', 'labels', 'note', 'comp.until'] as const;
const idOf = (field: string) => `add-member-${field.replace('.', '-')}`;

/**
 * The end of a day in the newsroom's zone, as the instant comp access stops (the whole picked
 * day is included): the start of the next day there.
 */
export const endOfDay = (day: string, timeZone: string): string => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return startOfDayUtc(next, timeZone) ?? new Date(Date.UTC(y, m - 1, d + 1)).toISOString();
};

/** Adds one member by hand: free, or with complimentary access from the start. */
export function AddMemberForm(props: {
  api: ApiClient;
  onAdded: (member: Member) => void;
  onCancel: () => void;
}) {
  const clock = useNewsroomClock();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [labels, setLabels] = useState('');
  const [note, setNote] = useState('');
  const [isComped, setIsComped] = useState(false);
  const [until, setUntil] = useState('');
  const { errors, setErrors, alertRef, fail } = useFormErrors(fields, idOf);
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: (body: BodyOf<'post', '/members'>) => props.api.post('/members', { body }),
    onSuccess: ({ member }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.members });
      props.onAdded(member);
    },
    onError: (caught) => fail(formErrorsOf(caught, fields)),
  });
  const busy = add.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      email: email.trim(),
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(note.trim() ? { note } : {}),
      labels: labelsOf(labels),
      ...(isComped ? { comp: { until: until ? endOfDay(until, clock.timeZone) : null } } : {}),
    };
    const found = checkNewMember(body, fields);
    if (hasErrors(found)) return fail(found);
    setErrors(noErrors);
    add.mutate(body);
  };

  const input = (
    field: (typeof fields)[number],
    label: string,
    value: string,
    onChange: (v: string) => void,
    extra: { type?: string; hint?: string; autoComplete?: string } = {},
  ) => (
    <div className="field">
      <label htmlFor={idOf(field)}>{label}</label>
      {extra.hint ? (
        <p className="hint" id={`${idOf(field)}-hint`}>
          {extra.hint}
        </p>
      ) : null}
      <input
        id={idOf(field)}
        type={extra.type ?? 'text'}
        value={value}
        autoComplete={extra.autoComplete ?? 'off'}
        aria-invalid={errors.fields[field] ? true : undefined}
        aria-describedby={describedBy(
          extra.hint ? `${idOf(field)}-hint` : undefined,
          errors.fields[field] && `${idOf(field)}-error`,
        )}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldError id={`${idOf(field)}-error`} message={errors.fields[field]} />
    </div>
  );

  return (
    <form className="tool-panel" onSubmit={submit} noValidate aria-busy={busy}>
      <h2 id="add-member-heading">Add a member</h2>
      <FormAlert messages={errors.general} alertRef={alertRef} />
      <div className="members-form-grid">
        {input('email', 'Email', email, setEmail, { type: 'email' })}
        {input('name', 'Name (optional)', name, setName)}
        {input('labels', 'Labels (optional)', labels, setLabels, {
          hint: 'Separate labels with commas.',
        })}
      </div>
      <div className="field">
        <label htmlFor={idOf('note')}>Note (optional)</label>
        <textarea
          id={idOf('note')}
          rows={2}
          value={note}
          maxLength={2000}
          aria-invalid={errors.fields.note ? true : undefined}
          aria-describedby={describedBy(errors.fields.note && `${idOf('note')}-error`)}
          onChange={(e) => setNote(e.target.value)}
        />
        <FieldError id={`${idOf('note')}-error`} message={errors.fields.note} />
      </div>
      <div className="field checkbox">
        <input
          id="add-member-comp"
          type="checkbox"
          checked={isComped}
          onChange={(e) => setIsComped(e.target.checked)}
        />
        <label htmlFor="add-member-comp">Give complimentary access</label>
      </div>
      {isComped
        ? input('comp.until', 'Complimentary until (optional)', until, setUntil, {
            type: 'date',
            hint: 'The last day of access. Leave empty for no end.',
          })
        : null}
      <FormActions
        isBusy={busy}
        submitText="Add member"
        busyText="Adding…"
        onCancel={props.onCancel}
      />
    </form>
  );
}
