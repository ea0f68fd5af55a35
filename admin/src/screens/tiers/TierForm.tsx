import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ApiClient, BodyOf } from '../../api.js';
import type { Tier } from '../../types.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import { formFields } from '../../ui/form-fields.js';
import { FormActions } from '../../ui/FormActions.js';
import { formErrorsOf, noErrors } from '../../ui/form-errors.js';
import { useFormErrors } from '../../ui/use-form-errors.js';
import {
  bodyOf,
  tierFields,
  valuesOf,
  type TierField,
  type TierFormValues,
} from './tier-form-values.js';

const idOf = (field: string) => `tier-${field}`;

/** Creates a tier (tier null) or edits one: name, description, benefits and prices. */
export function TierForm(props: {
  api: ApiClient;
  tier: Tier | null;
  nextPosition: number;
  onSaved: (tier: Tier) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<TierFormValues>(() =>
    valuesOf(props.tier, props.nextPosition),
  );
  const { errors, setErrors, alertRef, fail } = useFormErrors(tierFields, idOf);
  const set = <K extends keyof TierFormValues>(key: K, value: TierFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const save = useMutation({
    mutationFn: (body: BodyOf<'post', '/tiers'>) =>
      props.tier
        ? props.api.patch('/tiers/{id}', { params: { path: { id: props.tier.id } }, body })
        : props.api.post('/tiers', { body }),
    onSuccess: ({ tier }) => props.onSaved(tier),
    onError: (caught) => fail(formErrorsOf(caught, tierFields)),
  });
  const busy = save.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = bodyOf(values);
    if ('problems' in checked) return fail(checked.problems);
    setErrors(noErrors);
    save.mutate(checked.body);
  };

  const { aria, field } = formFields<TierField>(errors, idOf);
  const amount = (
    name: TierField,
    key: 'monthly' | 'yearly' | 'minimum',
    label: string,
    hint?: string,
  ) =>
    field(
      name,
      label,
      <input
        {...aria(name, Boolean(hint))}
        inputMode="decimal"
        value={values[key]}
        onChange={(e) => set(key, e.target.value)}
      />,
      hint,
    );

  const headingId = 'tier-form-heading';
  return (
    <form
      className="tier-form"
      aria-labelledby={headingId}
      onSubmit={submit}
      noValidate
      aria-busy={busy}
    >
      <h2 id={headingId}>{props.tier ? `Edit ${props.tier.name}` : 'New tier'}</h2>
      <FormAlert messages={errors.general} alertRef={alertRef} />
      <div className="tier-grid">
        {field(
          'name',
          'Name',
          <input
            {...aria('name')}
            value={values.name}
            maxLength={80}
            onChange={(e) => set('name', e.target.value)}
          />,
        )}
        {field(
          'slug',
          'Slug (optional)',
          <input
            {...aria('slug', true)}
            value={values.slug}
            maxLength={80}
            onChange={(e) => set('slug', e.target.value)}
          />,
          'Made from the name when empty.',
        )}
      </div>
      {field(
        'description',
        'Description',
        <textarea
          {...aria('description')}
          rows={2}
          maxLength={1000}
          value={values.description}
          onChange={(e) => set('description', e.target.value)}
        />,
      )}
      {field(
        'benefits',
        'Benefits',
        <textarea
          {...aria('benefits', true)}
          rows={3}
          value={values.benefits}
          onChange={(e) => set('benefits', e.target.value)}
        />,
        'One benefit a line, as the membership page lists them.',
      )}
      <div className="field checkbox">
        <input
          {...aria('isFree')}
          type="checkbox"
          checked={values.isFree}
          onChange={(e) => set('isFree', e.target.checked)}
        />
        <label htmlFor={idOf('isFree')}>Free tier (no prices)</label>
      </div>
      <FieldError id={`${idOf('isFree')}-error`} message={errors.fields.isFree} />
      {values.isFree ? null : (
        <fieldset className="tier-prices">
          <legend>Prices</legend>
          <div className="tier-grid">
            {field(
              'currency',
              'Currency',
              <input
                {...aria('currency', true)}
                value={values.currency}
                maxLength={3}
                autoComplete="off"
                onChange={(e) => set('currency', e.target.value.toUpperCase())}
              />,
              'Three letters, such as USD.',
            )}
            {amount('monthlyAmount', 'monthly', 'Monthly price')}
            {amount('yearlyAmount', 'yearly', 'Yearly price')}
            {amount(
              'minimumAmount',
              'minimum',
              'Choose your amount: monthly minimum',
              'Leave empty for fixed prices only.',
            )}
          </div>
        </fieldset>
      )}
      <div className="tier-grid">
        {field(
          'position',
          'Position',
          <input
            {...aria('position', true)}
            inputMode="numeric"
            value={values.position}
            onChange={(e) => set('position', e.target.value)}
          />,
          'Lower numbers come first on the membership page.',
        )}
      </div>
      <div className="field checkbox">
        <input
          id={idOf('isActive')}
          type="checkbox"
          checked={values.isActive}
          onChange={(e) => set('isActive', e.target.checked)}
        />
        <label htmlFor={idOf('isActive')}>Offered to readers (uncheck to archive)</label>
      </div>
      <FormActions
        isBusy={busy}
        submitText={props.tier ? 'Save tier' : 'Create tier'}
        busyText="Saving…"
        onCancel={props.onCancel}
      />
    </form>
  );
}
