import { FieldError } from '../../ui/FieldError.js';
import { describedBy, type FormErrors } from '../../ui/form-errors.js';

/** The site's name, its one-line description and the postal address newsletters carry. */
export function IdentityFields(props: {
  siteName: string;
  description: string;
  postalAddress: string;
  errors: FormErrors['fields'];
  onChange: (patch: { siteName?: string; description?: string; postalAddress?: string }) => void;
}) {
  const { errors } = props;
  return (
    <>
      <div className="field">
        <label htmlFor="settings-siteName">Site name</label>
        <input
          id="settings-siteName"
          value={props.siteName}
          maxLength={80}
          required
          aria-invalid={errors.siteName ? true : undefined}
          aria-describedby={describedBy(errors.siteName && 'settings-siteName-error')}
          onChange={(e) => props.onChange({ siteName: e.target.value })}
        />
        <FieldError id="settings-siteName-error" message={errors.siteName} />
      </div>
      <HintedTextarea
        name="description"
        label="Description"
        hint="One sentence for search results, feeds and the footer."
        value={props.description}
        error={errors.description}
        onChange={(description) => props.onChange({ description })}
      />
      <HintedTextarea
        name="postalAddress"
        label="Postal address"
        hint="The newsroom’s address, printed at the foot of every newsletter email."
        value={props.postalAddress}
        error={errors.postalAddress}
        onChange={(postalAddress) => props.onChange({ postalAddress })}
      />
    </>
  );
}

/** A two-line text field with a hint and its problem, both tied to it for screen readers. */
function HintedTextarea(props: {
  name: string;
  label: string;
  hint: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = `settings-${props.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <p className="hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      <textarea
        id={id}
        rows={2}
        value={props.value}
        maxLength={300}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(`${id}-hint`, props.error && `${id}-error`)}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <FieldError id={`${id}-error`} message={props.error} />
    </div>
  );
}
