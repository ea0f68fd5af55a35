import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { webhookCreateSchema } from '@shared/contracts/webhooks.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import { FormActions } from '../../ui/FormActions.js';
import {
  describedBy,
  focusFirstProblem,
  type FormErrors,
  formErrorsOf,
  problemIds,
} from '../../ui/form-errors.js';
import { checkWithSchema } from '../../ui/schema-check.js';
import { problemsOnFields } from '../../ui/schema-problems.js';
import { webhookEventTypes } from './event-types.js';

export interface WebhookValues {
  name: string;
  url: string;
  events: string[];
  isActive: boolean;
}

const fields = ['name', 'url', 'events'] as const;

/** What is sent: the name and address without the spaces around them. */
const bodyOf = (values: WebhookValues): WebhookValues => ({
  ...values,
  name: values.name.trim(),
  url: values.url.trim(),
});

/**
 * Checks before sending with the API's own schema, in the form's words (the API checks again,
 * including private addresses).
 */
export function checkWebhook(values: WebhookValues): FormErrors {
  const body = bodyOf(values);
  const found = checkWithSchema(webhookCreateSchema, body, {
    name: 'Name it after the system it feeds.',
    url: 'The address must start with https:// (or http://), without a user name or password.',
    events: 'Choose at least one event.',
  });
  if (!body.url) found.url = 'Write the address that receives the events.';
  return problemsOnFields(found, fields);
}

/**
 * Create or edit a webhook. `idPrefix` keeps ids unique while an edit form and the create form
 * are both on the screen.
 */
export function WebhookForm(props: {
  idPrefix: string;
  initial: WebhookValues;
  submitText: string;
  busyText: string;
  /** Throws the API's error; the form shows it under the fields. */
  onSubmit: (values: WebhookValues) => Promise<void>;
  onCancel?: () => void;
  heading?: string;
}) {
  const [values, setValues] = useState<WebhookValues>(props.initial);
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, general: [] });
  const alertRef = useRef<HTMLDivElement>(null);
  const id = (part: string) => `${props.idPrefix}-${part}`;
  const e = errors.fields;
  const show = (found: FormErrors) => {
    setErrors(found);
    focusFirstProblem(problemIds(found, fields, id), alertRef.current);
  };
  const save = useMutation({
    mutationFn: props.onSubmit,
    onError: (error) => show(formErrorsOf(error, fields)),
  });
  const isBusy = save.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkWebhook(values);
    if (Object.keys(found.fields).length > 0 || found.general.length > 0) return show(found);
    setErrors({ fields: {}, general: [] });
    save.mutate(bodyOf(values));
  };

  const toggleEvent = (type: string, isOn: boolean) =>
    setValues((v) => ({
      ...v,
      events: isOn ? [...v.events, type] : v.events.filter((t) => t !== type),
    }));

  return (
    <form className="webhook-form" onSubmit={submit} noValidate aria-busy={isBusy}>
      {props.heading ? <h2>{props.heading}</h2> : null}
      <FormAlert messages={errors.general} alertRef={alertRef} />
      <div className="field">
        <label htmlFor={id('name')}>Name</label>
        <input
          id={id('name')}
          value={values.name}
          maxLength={100}
          required
          aria-invalid={e.name ? true : undefined}
          aria-describedby={describedBy(e.name && id('name-error'))}
          onChange={(ev) => setValues({ ...values, name: ev.target.value })}
        />
        <FieldError id={id('name-error')} message={e.name} />
      </div>
      <div className="field">
        <label htmlFor={id('url')}>Address (URL)</label>
        <p className="hint" id={id('url-hint')}>
          Masthead POSTs each event here as JSON, signed with the webhook’s secret.
        </p>
        <input
          id={id('url')}
          type="url"
          inputMode="url"
          placeholder="https://"
          value={values.url}
          maxLength={2000}
          required
          aria-invalid={e.url ? true : undefined}
          aria-describedby={describedBy(id('url-hint'), e.url && id('url-error'))}
          onChange={(ev) => setValues({ ...values, url: ev.target.value })}
        />
        <FieldError id={id('url-error')} message={e.url} />
      </div>
      <fieldset
        className="field webhook-events"
        aria-describedby={describedBy(e.events && id('events-error'))}
      >
        <legend>Events</legend>
        {webhookEventTypes.map((event, index) => (
          <div className="checkbox" key={event.type}>
            <input
              type="checkbox"
              // The first box carries the group's id, so focus can go to the group's problem.
              id={index === 0 ? id('events') : id(`event-${event.type}`)}
              checked={values.events.includes(event.type)}
              aria-invalid={e.events ? true : undefined}
              onChange={(ev) => toggleEvent(event.type, ev.target.checked)}
            />
            <label htmlFor={index === 0 ? id('events') : id(`event-${event.type}`)}>
              {event.text} <code>{event.type}</code>
            </label>
          </div>
        ))}
        <FieldError id={id('events-error')} message={e.events} />
      </fieldset>
      <div className="checkbox field">
        <input
          type="checkbox"
          id={id('active')}
          checked={values.isActive}
          onChange={(ev) => setValues({ ...values, isActive: ev.target.checked })}
        />
        <label htmlFor={id('active')}>Active: send events to this address</label>
      </div>
      <FormActions
        isBusy={isBusy}
        submitText={props.submitText}
        busyText={props.busyText}
        onCancel={props.onCancel}
        isCancelBlockedWhileBusy
      />
    </form>
  );
}
