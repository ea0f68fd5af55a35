import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../../api.js';
import { FormAlert } from '../../ui/FieldError.js';
import { FormActions } from '../../ui/FormActions.js';
import { formErrorsOf, hasErrors, noErrors } from '../../ui/form-errors.js';
import { TextField } from '../../ui/TextField.js';
import { useFormErrors } from '../../ui/use-form-errors.js';
import { checkSuppressionAddress } from './suppression-checks.js';

const fields = ['address', 'detail'] as const;
const idOf = (field: string) => `add-suppression-${field}`;

/** Stops mail to one address by hand (reason "Added by staff"), with an optional note. */
export function AddSuppressionForm(props: {
  api: ApiClient;
  onAdded: (address: string, isNew: boolean) => void;
  onCancel: () => void;
}) {
  const [address, setAddress] = useState('');
  const [detail, setDetail] = useState('');
  const { errors, setErrors, alertRef, fail } = useFormErrors(fields, idOf);
  const add = useMutation({
    mutationFn: (body: { address: string; detail?: string }) =>
      props.api.post('/suppressions', { body }),
    onSuccess: ({ isNew }, body) => props.onAdded(body.address, isNew),
    onError: (caught) => fail(formErrorsOf(caught, fields, { asSentences: true })),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { address: address.trim(), ...(detail.trim() ? { detail: detail.trim() } : {}) };
    const found = checkSuppressionAddress(body.address, body.detail);
    if (hasErrors(found)) return fail(found);
    setErrors(noErrors);
    add.mutate(body);
  };

  return (
    <form
      className="tool-panel"
      onSubmit={submit}
      noValidate
      aria-busy={add.isPending}
      aria-labelledby="add-suppression-heading"
    >
      <h2 id="add-suppression-heading">Stop mail to an address</h2>
      <FormAlert messages={errors.general} alertRef={alertRef} />
      <TextField
        id={idOf('address')}
        label="Email address"
        type="email"
        autoComplete="off"
        value={address}
        error={errors.fields.address}
        onChange={setAddress}
      />
      <TextField
        id={idOf('detail')}
        label="Note (optional)"
        hint="Why, for whoever looks later, e.g. “asked us by phone”."
        maxLength={500}
        value={detail}
        error={errors.fields.detail}
        onChange={setDetail}
      />
      <FormActions
        isBusy={add.isPending}
        submitText="Stop mail"
        busyText="Adding…"
        onCancel={props.onCancel}
      />
    </form>
  );
}
