import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiClient } from '../../api.js';
import type { Author } from '../../types.js';
import { useFormErrors } from '../../ui/use-form-errors.js';
import { FormAlert } from '../../ui/FieldError.js';
import { CheckField } from '../../ui/CheckField.js';
import { fieldId, formErrorsOf, noErrors } from '../../ui/form-errors.js';
import { TextField } from '../../ui/TextField.js';
import { MediaSelect } from '../../ui/MediaSelect.js';
import {
  authorFormFields,
  authorInputOf,
  checkAuthorInput,
  type AuthorFormValues,
  type AuthorInput,
} from './author-form-values.js';

/** Create or edit a byline's public profile; `author` absent means a new byline. */
export function AuthorForm(props: {
  api: ApiClient;
  idPrefix: string;
  heading: string;
  initial: AuthorFormValues;
  author?: Author;
  onSaved: (author: Author) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState(props.initial);
  const p = props.idPrefix;
  const { errors, setErrors, alertRef, fail } = useFormErrors(authorFormFields, (f) =>
    fieldId(p, f),
  );
  const nameRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    nameRef.current?.focus();
  }, []);

  const set = <K extends keyof AuthorFormValues>(key: K, value: AuthorFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const saving = useMutation({
    mutationFn: async (body: AuthorInput) => {
      const answer = props.author
        ? await props.api.patch('/authors/{id}', {
            params: { path: { id: props.author.id } },
            body,
          })
        : await props.api.post('/authors', { body });
      return answer.author;
    },
    onSuccess: (author) => props.onSaved(author),
    onError: (caught) => fail(formErrorsOf(caught, authorFormFields, { asSentences: true })),
  });
  const isBusy = saving.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = authorInputOf(values);
    const problems = checkAuthorInput(body, props.author ? 'update' : 'create');
    if (Object.keys(problems).length > 0) return fail({ fields: problems, general: [] });
    setErrors(noErrors);
    saving.mutate(body);
  };

  const text = (
    field: (typeof authorFormFields)[number],
    key: Exclude<keyof AuthorFormValues, 'isDesk' | 'avatarMediaId'>,
    label: string,
    extra: Partial<Parameters<typeof TextField>[0]> = {},
  ) => (
    <TextField
      id={fieldId(p, field)}
      label={label}
      value={values[key]}
      error={errors.fields[field]}
      onChange={(v) => set(key, v)}
      {...extra}
    />
  );

  return (
    <form
      className="author-form"
      aria-labelledby={`${p}-heading`}
      onSubmit={submit}
      noValidate
      aria-busy={isBusy}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !isBusy) props.onCancel();
      }}
    >
      <h3 id={`${p}-heading`}>{props.heading}</h3>
      <FormAlert messages={errors.general} alertRef={alertRef} />
      <div className="form-grid">
        {text('name', 'name', 'Name', { required: true, maxLength: 120, inputRef: nameRef })}
        {text('slug', 'slug', 'Slug', {
          maxLength: 120,
          hint: 'The address of the author page, /author/<slug>/. Left empty, it is made from the name.',
        })}
        {text('roleTitle', 'roleTitle', 'Title', {
          maxLength: 80,
          hint: 'Shown with the byline, e.g. “Health reporter”.',
        })}
        {text('location', 'location', 'Location', { maxLength: 120 })}
      </div>
      {text('bio', 'bio', 'Bio', { rows: 4, maxLength: 2000 })}
      <MediaSelect
        api={props.api}
        id={fieldId(p, 'avatarMediaId')}
        label="Photo"
        value={values.avatarMediaId}
        error={errors.fields.avatarMediaId}
        onChange={(v) => set('avatarMediaId', v)}
      />
      <fieldset>
        <legend>Links</legend>
        <div className="form-grid">
          {text('links.website', 'website', 'Website', {
            type: 'url',
            inputMode: 'url',
            placeholder: 'https://',
          })}
          {text('links.email', 'email', 'Public email', { type: 'email', inputMode: 'email' })}
          {text('links.x', 'x', 'X handle', { maxLength: 60 })}
          {text('links.telegram', 'telegram', 'Telegram', { maxLength: 60 })}
        </div>
      </fieldset>
      <CheckField
        id={fieldId(p, 'isDesk')}
        label="Desk byline"
        hint="A desk such as “News desk” rather than a person."
        checked={values.isDesk}
        onChange={(v) => set('isDesk', v)}
      />
      <div className="actions">
        <button type="submit" disabled={isBusy}>
          {isBusy ? 'Saving…' : props.author ? 'Save byline' : 'Create byline'}
        </button>
        <button type="button" className="secondary" disabled={isBusy} onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
