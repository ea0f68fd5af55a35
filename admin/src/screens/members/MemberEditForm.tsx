import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ApiClient, BodyOf } from '../../api.js';
import type { Member } from '../../types.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import { describedBy, formErrorsOf, hasErrors, noErrors } from '../../ui/form-errors.js';
import { useFormErrors } from '../../ui/use-form-errors.js';
import { checkMemberChanges } from './member-checks.js';
import { labelsOf } from './member-text.js';

const fields = ['name', 'labels', 'note', 'subscribedToEmails'] as const;
const idOf = (field: string) => `member-${field}`;

/** Name, labels, note and the email subscription of one member. */
export function MemberEditForm(props: {
  api: ApiClient;
  member: Member;
  onSaved: (member: Member) => void;
}) {
  const { member } = props;
  const [name, setName] = useState(member.name);
  const [labels, setLabels] = useState(member.labels.join(', '));
  const [note, setNote] = useState(member.note);
  const [isSubscribed, setIsSubscribed] = useState(member.subscribedToEmails);
  const { errors, setErrors, alertRef, fail } = useFormErrors(fields, idOf);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: BodyOf<'patch', '/members/{id}'>) =>
      props.api.patch('/members/{id}', { params: { path: { id: member.id } }, body }),
    onSuccess: (answer) => {
      setSaved(true);
      props.onSaved(answer.member);
    },
    onError: (caught) => fail(formErrorsOf(caught, fields)),
  });
  const busy = save.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body = {
      name: name.trim(),
      labels: labelsOf(labels),
      note,
      subscribedToEmails: isSubscribed,
    };
    const found = checkMemberChanges(body, fields);
    if (hasErrors(found)) return fail(found);
    setErrors(noErrors);
    save.mutate(body);
  };

  return (
    <form
      className="member-section"
      aria-labelledby="member-edit-heading"
      onSubmit={submit}
      noValidate
      aria-busy={busy}
    >
      <h2 id="member-edit-heading">Details</h2>
      <FormAlert messages={errors.general} alertRef={alertRef} />
      <div className="field">
        <label htmlFor={idOf('name')}>Name</label>
        <input
          id={idOf('name')}
          value={name}
          maxLength={120}
          aria-invalid={errors.fields.name ? true : undefined}
          aria-describedby={describedBy(errors.fields.name && `${idOf('name')}-error`)}
          onChange={(e) => setName(e.target.value)}
        />
        <FieldError id={`${idOf('name')}-error`} message={errors.fields.name} />
      </div>
      <div className="field">
        <label htmlFor={idOf('labels')}>Labels</label>
        <p className="hint" id={`${idOf('labels')}-hint`}>
          Separate labels with commas.
        </p>
        <input
          id={idOf('labels')}
          value={labels}
          aria-invalid={errors.fields.labels ? true : undefined}
          aria-describedby={describedBy(
            `${idOf('labels')}-hint`,
            errors.fields.labels && `${idOf('labels')}-error`,
          )}
          onChange={(e) => setLabels(e.target.value)}
        />
        <FieldError id={`${idOf('labels')}-error`} message={errors.fields.labels} />
      </div>
      <div className="field">
        <label htmlFor={idOf('note')}>Note</label>
        <p className="hint" id={`${idOf('note')}-hint`}>
          Only staff see it.
        </p>
        <textarea
          id={idOf('note')}
          rows={3}
          value={note}
          maxLength={2000}
          aria-invalid={errors.fields.note ? true : undefined}
          aria-describedby={describedBy(
            `${idOf('note')}-hint`,
            errors.fields.note && `${idOf('note')}-error`,
          )}
          onChange={(e) => setNote(e.target.value)}
        />
        <FieldError id={`${idOf('note')}-error`} message={errors.fields.note} />
      </div>
      <div className="field checkbox">
        <input
          id={idOf('subscribedToEmails')}
          type="checkbox"
          checked={isSubscribed}
          onChange={(e) => setIsSubscribed(e.target.checked)}
        />
        <label htmlFor={idOf('subscribedToEmails')}>Receives newsletters</label>
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save details'}
        </button>
        <p role="status" className="saved">
          {saved ? 'Saved.' : ''}
        </p>
      </div>
    </form>
  );
}
