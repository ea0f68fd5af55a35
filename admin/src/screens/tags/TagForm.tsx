import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiClient } from '../../api.js';
import type { Tag } from '../../types.js';
import { useFormErrors } from '../../ui/use-form-errors.js';
import { FormAlert } from '../../ui/FieldError.js';
import { CheckField } from '../../ui/CheckField.js';
import { fieldId, formErrorsOf, noErrors } from '../../ui/form-errors.js';
import { TextField } from '../../ui/TextField.js';
import { MediaSelect } from '../../ui/MediaSelect.js';
import {
  checkTagValues,
  tagFormFields,
  tagInputOf,
  type TagFormValues,
} from './tag-form-values.js';

/** Create or edit a section or tag; `tag` absent means a new one. */
export function TagForm(props: {
  api: ApiClient;
  idPrefix: string;
  heading: string;
  initial: TagFormValues;
  tag?: Tag;
  onSaved: (tag: Tag) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<TagFormValues>(props.initial);
  const p = props.idPrefix;
  const { errors, setErrors, alertRef, fail } = useFormErrors(tagFormFields, (f) => fieldId(p, f));
  const nameRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    nameRef.current?.focus();
  }, []);

  const set = <K extends keyof TagFormValues>(key: K, value: TagFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    if (errors.fields[key])
      setErrors({ ...errors, fields: { ...errors.fields, [key]: undefined } });
  };

  const saving = useMutation({
    mutationFn: async (body: ReturnType<typeof tagInputOf>) =>
      (props.tag
        ? await props.api.patch('/tags/{id}', { params: { path: { id: props.tag.id } }, body })
        : await props.api.post('/tags', { body })
      ).tag,
    onMutate: () => setErrors(noErrors),
    onSuccess: (tag) => props.onSaved(tag),
    onError: (caught) => fail(formErrorsOf(caught, tagFormFields, { asSentences: true })),
  });
  const isBusy = saving.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = checkTagValues(values);
    if (Object.keys(problems).length > 0) return fail({ fields: problems, general: [] });
    saving.mutate(tagInputOf(values));
  };

  return (
    <form
      className="tag-form"
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
      <div className="tag-form-grid">
        <TextField
          id={`${p}-name`}
          label="Name"
          required
          maxLength={80}
          value={values.name}
          error={errors.fields.name}
          inputRef={nameRef}
          onChange={(v) => set('name', v)}
        />
        <TextField
          id={`${p}-slug`}
          label="Slug"
          hint="The address on the site, /tag/<slug>/. Left empty, it is made from the name."
          maxLength={80}
          value={values.slug}
          error={errors.fields.slug}
          onChange={(v) => set('slug', v)}
        />
      </div>
      <TextField
        id={`${p}-description`}
        label="Description"
        hint="Shown on its page and in search results."
        rows={3}
        maxLength={1000}
        value={values.description}
        error={errors.fields.description}
        onChange={(v) => set('description', v)}
      />
      <MediaSelect
        api={props.api}
        id={`${p}-imageMediaId`}
        label="Image"
        hint="Shown on its page and when it is shared."
        value={values.imageMediaId}
        error={errors.fields.imageMediaId}
        onChange={(v) => set('imageMediaId', v)}
      />
      <CheckField
        id={`${p}-isNavigation`}
        label="Section in the site navigation"
        hint="Sections are listed in the site's menu; other tags only group stories."
        checked={values.isNavigation}
        onChange={(v) => set('isNavigation', v)}
      />
      <CheckField
        id={`${p}-isInternal`}
        label="Internal"
        hint="For the newsroom's own sorting and filtering: never shown to readers (no page, feed or chip). A section cannot be internal."
        checked={values.isInternal}
        onChange={(v) => set('isInternal', v)}
      />
      {values.isNavigation ? (
        <TextField
          id={`${p}-navigationOrder`}
          label="Place in the navigation (optional)"
          hint="0 comes first. Sections without a number follow, by name."
          inputMode="numeric"
          value={values.navigationOrder}
          error={errors.fields.navigationOrder}
          onChange={(v) => set('navigationOrder', v)}
        />
      ) : null}
      <div className="actions">
        <button type="submit" disabled={isBusy}>
          {isBusy ? 'Saving…' : props.tag ? 'Save changes' : 'Create'}
        </button>
        <button type="button" className="secondary" disabled={isBusy} onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
