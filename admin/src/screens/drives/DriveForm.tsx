import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../../api.js';
import type { Campaign, MemberStats } from '../../types.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import { formFields } from '../../ui/form-fields.js';
import { FormActions } from '../../ui/FormActions.js';
import { formErrorsOf, noErrors } from '../../ui/form-errors.js';
import { useFormErrors } from '../../ui/use-form-errors.js';
import { DriveBannerPreview } from './DriveBannerPreview.js';
import { DriveButtonsField } from './DriveButtonsField.js';
import { previewCount } from './drive-count.js';
import {
  bodyOf,
  fieldOrder,
  idOf,
  metrics,
  placements,
  valuesOf,
  type DriveFormValues,
} from './drive-form-values.js';
import type { DriveInput } from './types.js';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';

/** Creates a drive (saved null) or edits one, with the banner's live preview beside the form. */
export function DriveForm(props: {
  api: ApiClient;
  saved: { drive: Campaign; value: number | undefined } | null;
  memberStats: MemberStats | null;
  locale: string;
  timeZone: string;
  accentColor: string;
  /** Whether paid membership is on (Stripe configured); null while unknown. */
  isPaidEnabled: boolean | null;
  onSaved: (drive: Campaign) => void;
  onCancel: () => void;
}) {
  const clock = useNewsroomClock();
  const [values, setValues] = useState<DriveFormValues>(() =>
    valuesOf(props.saved?.drive ?? null, clock.timeZone),
  );
  const { errors, setErrors, alertRef, fail } = useFormErrors(fieldOrder(values), idOf);
  const set = <K extends keyof DriveFormValues>(key: K, value: DriveFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const setText = (key: keyof DriveFormValues['texts'], value: string) =>
    setValues((v) => ({ ...v, texts: { ...v.texts, [key]: value } }));
  const save = useMutation({
    mutationFn: (body: DriveInput) =>
      props.saved
        ? props.api.patch('/campaigns/{id}', {
            params: { path: { id: props.saved.drive.id } },
            body,
          })
        : props.api.post('/campaigns', { body }),
    onSuccess: ({ campaign }) => props.onSaved(campaign),
    onError: (caught) => fail(formErrorsOf(caught, fieldOrder(values))),
  });
  const busy = save.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = bodyOf(values, clock.timeZone);
    if ('problems' in checked) return fail({ fields: checked.problems, general: [] });
    setErrors(noErrors);
    save.mutate(checked.body);
  };

  const { aria, field } = formFields<string>(errors, idOf);
  const { count, source } = previewCount(values, props.saved, props.memberStats, clock.timeZone);

  return (
    <div className="drive-editor">
      <form
        className="drive-form"
        aria-labelledby="drive-form-heading"
        onSubmit={submit}
        noValidate
        aria-busy={busy}
      >
        <h2 id="drive-form-heading">
          {props.saved ? `Edit ${props.saved.drive.name}` : 'New membership drive'}
        </h2>
        <FormAlert messages={errors.general} alertRef={alertRef} />
        {field(
          'name',
          'Name',
          <input
            {...aria('name', true)}
            value={values.name}
            maxLength={120}
            onChange={(e) => set('name', e.target.value)}
          />,
          'For the newsroom; readers do not see it.',
        )}
        {field(
          'headline',
          'Headline',
          <input
            {...aria('headline', true)}
            value={values.headline}
            maxLength={200}
            onChange={(e) => set('headline', e.target.value)}
          />,
          'The goal with its deadline. Write numbers as placeholders so they follow the goal: “Help us reach {goal, number} members by {deadline, date, long}.” Also {count, number} and {remaining, number}.',
        )}
        {field(
          'body',
          'Appeal',
          <textarea
            {...aria('body', true)}
            rows={2}
            maxLength={1000}
            value={values.body}
            onChange={(e) => set('body', e.target.value)}
          />,
          'Shown when the running or reached text below is empty.',
        )}
        <div className="drive-grid">
          {field(
            'goal',
            'Goal',
            <input
              {...aria('goal')}
              inputMode="numeric"
              value={values.goal}
              onChange={(e) => set('goal', e.target.value)}
            />,
          )}
          {field(
            'metric',
            'Count',
            <select
              {...aria('metric')}
              value={values.metric}
              onChange={(e) => set('metric', e.target.value as DriveFormValues['metric'])}
            >
              {metrics.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </select>,
          )}
          {field(
            'startsAt',
            'Starts',
            <input
              {...aria('startsAt', true)}
              type="datetime-local"
              value={values.startsAt}
              onChange={(e) => set('startsAt', e.target.value)}
            />,
            `Newsroom time: ${clock.label}`,
          )}
          {field(
            'endsAt',
            'Ends',
            <input
              {...aria('endsAt', true)}
              type="datetime-local"
              value={values.endsAt}
              onChange={(e) => set('endsAt', e.target.value)}
            />,
            `Newsroom time: ${clock.label}`,
          )}
        </div>
        <DriveButtonsField
          buttons={values.buttons}
          errors={errors}
          isPaidEnabled={props.isPaidEnabled}
          onChange={(buttons) => set('buttons', buttons)}
        />
        <fieldset
          className="drive-fieldset"
          aria-describedby={errors.fields.placements ? `${idOf('placements')}-error` : undefined}
        >
          <legend>Where it shows</legend>
          {placements.map((p) => (
            <div className="field checkbox" key={p.value}>
              <input
                id={idOf(`placement-${p.value}`)}
                type="checkbox"
                checked={values.placements.includes(p.value)}
                onChange={(e) =>
                  set(
                    'placements',
                    e.target.checked
                      ? placements
                          .map((q) => q.value)
                          .filter((v) => v === p.value || values.placements.includes(v))
                      : values.placements.filter((v) => v !== p.value),
                  )
                }
              />
              <label htmlFor={idOf(`placement-${p.value}`)}>{p.label}</label>
            </div>
          ))}
          <FieldError id={`${idOf('placements')}-error`} message={errors.fields.placements} />
        </fieldset>
        <fieldset className="drive-fieldset">
          <legend>Texts</legend>
          {field(
            'texts.running',
            'While it runs',
            <textarea
              {...aria('texts.running')}
              rows={2}
              maxLength={500}
              value={values.texts.running}
              onChange={(e) => setText('running', e.target.value)}
            />,
          )}
          {field(
            'texts.reached',
            'Once the goal is reached',
            <textarea
              {...aria('texts.reached')}
              rows={2}
              maxLength={500}
              value={values.texts.reached}
              onChange={(e) => setText('reached', e.target.value)}
            />,
          )}
          {field(
            'texts.ended',
            'After it ends',
            <textarea
              {...aria('texts.ended')}
              rows={2}
              maxLength={500}
              value={values.texts.ended}
              onChange={(e) => setText('ended', e.target.value)}
            />,
          )}
        </fieldset>
        <FormActions
          isBusy={busy}
          submitText={props.saved ? 'Save drive' : 'Create drive'}
          busyText="Saving…"
          onCancel={props.onCancel}
        />
      </form>
      <DriveBannerPreview
        values={values}
        count={count}
        countSource={source}
        locale={props.locale}
        timeZone={props.timeZone}
        accentColor={props.accentColor}
        isPaidEnabled={props.isPaidEnabled}
      />
    </div>
  );
}
