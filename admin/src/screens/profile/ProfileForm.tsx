import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import type { profileUpdateBodySchema } from '@shared/contracts/staff.js';
import type { ApiClient } from '../../api.js';
import type { In, Profile } from '../../types.js';
import { useFormErrors } from '../../ui/use-form-errors.js';
import { FormAlert } from '../../ui/FieldError.js';
import { fieldId, formErrorsOf, noErrors } from '../../ui/form-errors.js';
import { TextField, type TextFieldProps } from '../../ui/TextField.js';

type ProfileUpdate = In<typeof profileUpdateBodySchema>;

const fields = [
  'name',
  'roleTitle',
  'location',
  'bio',
  'links.website',
  'links.email',
  'links.x',
  'links.telegram',
] as const;
type Field = (typeof fields)[number];
type Values = Record<Field, string>;

const valuesOf = ({ user, author }: Profile): Values => ({
  name: user.name,
  roleTitle: author?.roleTitle ?? '',
  location: author?.location ?? '',
  bio: author?.bio ?? '',
  'links.website': author?.links.website ?? '',
  'links.email': author?.links.email ?? '',
  'links.x': author?.links.x ?? '',
  'links.telegram': author?.links.telegram ?? '',
});

const bodyOf = (v: Values): ProfileUpdate => ({
  name: v.name.trim(),
  roleTitle: v.roleTitle.trim(),
  location: v.location.trim(),
  bio: v.bio.trim(),
  links: {
    website: v['links.website'].trim(),
    email: v['links.email'].trim(),
    x: v['links.x'].trim(),
    telegram: v['links.telegram'].trim(),
  },
});

/** Name and the author page's public fields; the API saves both together. */
export function ProfileForm(props: {
  api: ApiClient;
  profile: Profile;
  onSaved: (profile: Profile) => void;
}) {
  const [values, setValues] = useState(() => valuesOf(props.profile));
  const { errors, setErrors, alertRef, fail } = useFormErrors(fields, (f) => fieldId('profile', f));
  const [isSaved, setIsSaved] = useState(false);
  const savedRef = useRef<HTMLParagraphElement>(null);

  const saving = useMutation({
    mutationFn: (body: ProfileUpdate) => props.api.patch('/me', { body }),
    onSuccess: (profile) => {
      props.onSaved(profile);
      setValues(valuesOf(profile));
      setIsSaved(true);
      requestAnimationFrame(() => savedRef.current?.focus());
    },
    onError: (caught) => fail(formErrorsOf(caught, fields, { asSentences: true })),
  });
  const isBusy = saving.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setIsSaved(false);
    if (!values.name.trim()) return fail({ fields: { name: 'Enter your name.' }, general: [] });
    setErrors(noErrors);
    saving.mutate(bodyOf(values));
  };

  const field = (name: Field, label: string, extra: Partial<TextFieldProps> = {}) => (
    <TextField
      id={fieldId('profile', name)}
      label={label}
      value={values[name]}
      error={errors.fields[name]}
      onChange={(v) => {
        setValues((current) => ({ ...current, [name]: v }));
        setIsSaved(false);
      }}
      {...extra}
    />
  );

  const hasByline = props.profile.author !== null;
  return (
    <form
      className="profile-card"
      aria-labelledby="profile-form-heading"
      onSubmit={submit}
      noValidate
      aria-busy={isBusy}
    >
      <h2 id="profile-form-heading">Author page</h2>
      {hasByline ? null : (
        <p className="notice">
          Your account has no byline yet, so only your name is used. An editor can add one.
        </p>
      )}
      <FormAlert messages={errors.general} alertRef={alertRef} />
      <div className="form-grid">
        {field('name', 'Name', { required: true, maxLength: 120, autoComplete: 'name' })}
        {field('roleTitle', 'Title', {
          maxLength: 80,
          hint: 'Shown with your byline, e.g. “Health reporter”.',
        })}
      </div>
      {field('bio', 'Bio', {
        rows: 5,
        maxLength: 2000,
        hint: 'A few sentences about you, shown on your author page.',
      })}
      {field('location', 'Location', { maxLength: 120 })}
      <fieldset>
        <legend>Links</legend>
        <div className="form-grid">
          {field('links.website', 'Website', {
            type: 'url',
            inputMode: 'url',
            placeholder: 'https://',
            maxLength: 300,
          })}
          {field('links.email', 'Public email', {
            type: 'email',
            inputMode: 'email',
            maxLength: 254,
          })}
          {field('links.x', 'X handle', { maxLength: 60 })}
          {field('links.telegram', 'Telegram', { maxLength: 60 })}
        </div>
      </fieldset>
      {isSaved ? (
        <p className="success" role="status" tabIndex={-1} ref={savedRef}>
          Profile saved.
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={isBusy}>
          {isBusy ? 'Saving…' : 'Save profile'}
        </button>
      </div>
    </form>
  );
}
