import { driveButtonProblem } from '@shared/drive-banner-text.js';
import { FieldError } from '../../ui/FieldError.js';
import { describedBy, type FormErrors } from '../../ui/form-errors.js';
import { idOf, type DriveFormValues } from './drive-form-values.js';

type Buttons = DriveFormValues['buttons'];

/** Up to three buttons, each a text and a link; the first is drawn as the main one. */
export function DriveButtonsField(props: {
  buttons: Buttons;
  errors: FormErrors;
  /** Whether paid membership is on; null while unknown (no warnings then). */
  isPaidEnabled: boolean | null;
  onChange: (buttons: Buttons) => void;
}) {
  const { buttons, errors } = props;
  const offProblem = (url: string) =>
    props.isPaidEnabled === null
      ? null
      : driveButtonProblem(url, { isPaidEnabled: props.isPaidEnabled });
  const update = (index: number, key: 'label' | 'url', value: string) =>
    props.onChange(buttons.map((b, i) => (i === index ? { ...b, [key]: value } : b)));
  const remove = (index: number) => {
    props.onChange(buttons.filter((_, i) => i !== index));
    requestAnimationFrame(() => document.getElementById('drive-add-button')?.focus());
  };
  const add = () => {
    props.onChange([...buttons, { label: '', url: '/membership/' }]);
    requestAnimationFrame(() =>
      document.getElementById(idOf(`buttons.${buttons.length}.label`))?.focus(),
    );
  };

  return (
    <fieldset
      className="drive-fieldset"
      aria-describedby={errors.fields.buttons ? `${idOf('buttons')}-error` : undefined}
    >
      <legend>Buttons</legend>
      <p className="hint">
        Up to three. The first is the main one. Links to the site count joins for this drive.
      </p>
      {buttons.map((button, index) => {
        const label = `buttons.${index}.label`;
        const url = `buttons.${index}.url`;
        return (
          <div className="drive-button-row" key={index}>
            <div className="field">
              <label htmlFor={idOf(label)}>{`Button ${index + 1} text`}</label>
              <input
                id={idOf(label)}
                value={button.label}
                maxLength={40}
                aria-invalid={errors.fields[label] ? true : undefined}
                aria-describedby={describedBy(errors.fields[label] && `${idOf(label)}-error`)}
                onChange={(e) => update(index, 'label', e.target.value)}
              />
              <FieldError id={`${idOf(label)}-error`} message={errors.fields[label]} />
            </div>
            <div className="field">
              <label htmlFor={idOf(url)}>{`Button ${index + 1} link`}</label>
              <input
                id={idOf(url)}
                value={button.url}
                maxLength={300}
                aria-invalid={errors.fields[url] ? true : undefined}
                aria-describedby={describedBy(
                  errors.fields[url] && `${idOf(url)}-error`,
                  offProblem(button.url) && `${idOf(url)}-off`,
                )}
                onChange={(e) => update(index, 'url', e.target.value)}
              />
              <FieldError id={`${idOf(url)}-error`} message={errors.fields[url]} />
              {offProblem(button.url) ? (
                <p className="notice drive-button-off" id={`${idOf(url)}-off`}>
                  {offProblem(button.url)}
                </p>
              ) : null}
            </div>
            <button type="button" className="secondary" onClick={() => remove(index)}>
              Remove<span className="visually-hidden">{` button ${index + 1}`}</span>
            </button>
          </div>
        );
      })}
      {buttons.length < 3 ? (
        <button id="drive-add-button" type="button" className="secondary" onClick={add}>
          Add a button
        </button>
      ) : null}
      <FieldError id={`${idOf('buttons')}-error`} message={errors.fields.buttons} />
    </fieldset>
  );
}
