import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../../api.js';
import type { Newsletter, NewsletterAudience, SiteSettings } from '../../types.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import { formFields } from '../../ui/form-fields.js';
import { FormActions } from '../../ui/FormActions.js';
import { fieldId, formErrorsOf, noErrors } from '../../ui/form-errors.js';
import { useFormErrors } from '../../ui/use-form-errors.js';
import {
  audienceLabel,
  bodyOf,
  newsletterFields,
  valuesOf,
  type NewsletterBody,
  type NewsletterField,
  type NewsletterFormValues,
} from './newsletter-form-values.js';
import { NewsletterPreview } from './NewsletterPreview.js';

const idOf = (field: string) => fieldId('newsletter', field);

/** Creates a newsletter (newsletter null) or edits one, with a live preview of its design. */
export function NewsletterForm(props: {
  api: ApiClient;
  newsletter: Newsletter | null;
  nextOrder: number;
  settings: SiteSettings | undefined;
  onSaved: (newsletter: Newsletter, isNew: boolean) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<NewsletterFormValues>(() =>
    valuesOf(props.newsletter, props.nextOrder),
  );
  const { errors, setErrors, alertRef, fail } = useFormErrors(newsletterFields, idOf);
  const set = <K extends keyof NewsletterFormValues>(key: K, value: NewsletterFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const save = useMutation({
    mutationFn: (body: NewsletterBody) =>
      props.newsletter
        ? props.api.patch('/newsletters/{id}', {
            params: { path: { id: props.newsletter.id } },
            body,
          })
        : props.api.post('/newsletters', { body }),
    onSuccess: ({ newsletter }) => props.onSaved(newsletter, props.newsletter === null),
    onError: (caught) => fail(formErrorsOf(caught, newsletterFields, { asSentences: true })),
  });
  const busy = save.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = bodyOf(values);
    if ('problems' in checked) return fail(checked.problems);
    setErrors(noErrors);
    save.mutate(checked.body);
  };

  const { aria, field } = formFields<NewsletterField>(errors, idOf);
  const text = (
    name: NewsletterField,
    key: keyof NewsletterFormValues,
    label: string,
    options: { hint?: string; maxLength?: number; type?: string; inputMode?: 'email' | 'url' } = {},
  ) =>
    field(
      name,
      label,
      <input
        {...aria(name, Boolean(options.hint))}
        type={options.type ?? 'text'}
        inputMode={options.inputMode}
        maxLength={options.maxLength}
        value={values[key] as string}
        onChange={(e) => set(key, e.target.value)}
      />,
      options.hint,
    );
  const check = (
    name: NewsletterField,
    key: 'subscribeOnSignup' | 'showSiteName',
    label: string,
    hint: string,
  ) => (
    <div className="field check-row">
      <input
        {...aria(name, true)}
        type="checkbox"
        checked={values[key]}
        onChange={(e) => set(key, e.target.checked)}
      />
      <div>
        <label htmlFor={idOf(name)}>{label}</label>
        <p className="hint" id={`${idOf(name)}-hint`}>
          {hint}
        </p>
        <FieldError id={`${idOf(name)}-error`} message={errors.fields[name]} />
      </div>
    </div>
  );

  const headingId = 'newsletter-form-heading';
  return (
    <form
      className="newsletter-form"
      aria-labelledby={headingId}
      onSubmit={submit}
      noValidate
      aria-busy={busy}
    >
      <h2 id={headingId}>
        {props.newsletter ? `Edit ${props.newsletter.name}` : 'New newsletter'}
      </h2>
      <FormAlert messages={errors.general} alertRef={alertRef} />
      <div className="newsletter-form-columns">
        <div className="newsletter-form-fields">
          <div className="newsletter-grid">
            {text('name', 'name', 'Name', { maxLength: 120 })}
            {text('slug', 'slug', 'Slug (optional)', {
              hint: 'Made from the name when empty.',
              maxLength: 80,
            })}
          </div>
          {field(
            'description',
            'Description',
            <textarea
              {...aria('description', true)}
              rows={2}
              maxLength={2000}
              value={values.description}
              onChange={(e) => set('description', e.target.value)}
            />,
            'What readers get, on the newsletters page and the sign-up forms.',
          )}
          <div className="newsletter-grid">
            {text('cadence', 'cadence', 'Cadence', {
              hint: 'How often it comes, as readers are told: “Every morning”.',
              maxLength: 120,
            })}
            {text('digestTime', 'digestTime', 'Daily digest time (optional)', {
              hint: 'Newsroom time. Empty: stories are sent one by one.',
              type: 'time',
            })}
            {values.digestTime
              ? text('nextDigestIntro', 'nextDigestIntro', 'Intro for the next digest (optional)', {
                  hint: 'A line above tomorrow’s (or today’s, if it has not left) digest; used once.',
                  maxLength: 500,
                })
              : null}
            {text('senderName', 'senderName', 'Sender name (optional)', {
              hint: 'The site’s name when empty.',
              maxLength: 120,
            })}
            {text('replyTo', 'replyTo', 'Reply-to address (optional)', {
              type: 'email',
              inputMode: 'email',
              maxLength: 254,
            })}
            {field(
              'audience',
              'Audience',
              <select
                {...aria('audience', true)}
                value={values.audience}
                onChange={(e) => set('audience', e.target.value as NewsletterAudience)}
              >
                {(Object.keys(audienceLabel) as NewsletterAudience[]).map((audience) => (
                  <option key={audience} value={audience}>
                    {audienceLabel[audience]}
                  </option>
                ))}
              </select>,
              'Who may subscribe.',
            )}
            {text('sortOrder', 'sortOrder', 'Order', {
              hint: 'Lower numbers come first on the newsletters page.',
            })}
          </div>
          {check(
            'subscribeOnSignup',
            'subscribeOnSignup',
            'Subscribe new members by default',
            'New members get it unless they untick it when they join.',
          )}
          <fieldset className="newsletter-design">
            <legend>Design</legend>
            {text('design.headerImageUrl', 'headerImageUrl', 'Header image address (optional)', {
              hint: 'An https:// address of an image about 600 pixels wide.',
              type: 'url',
              inputMode: 'url',
              maxLength: 2000,
            })}
            {check(
              'design.showSiteName',
              'showSiteName',
              'Show the site name',
              'Above the newsletter’s name, in the header.',
            )}
            {field(
              'design.footerText',
              'Footer text (optional)',
              <textarea
                {...aria('design.footerText', true)}
                rows={2}
                maxLength={1000}
                value={values.footerText}
                onChange={(e) => set('footerText', e.target.value)}
              />,
              'Above the postal address and the unsubscribe link.',
            )}
          </fieldset>
        </div>
        <NewsletterPreview values={values} settings={props.settings} />
      </div>
      <FormActions
        isBusy={busy}
        submitText={props.newsletter ? 'Save newsletter' : 'Create newsletter'}
        busyText="Saving…"
        onCancel={props.onCancel}
      />
    </form>
  );
}
