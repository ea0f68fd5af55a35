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
      <div className="field">
        <label htmlFor="settings-description">Description</label>
        <p className="hint" id="settings-description-hint">
          One sentence for search results, feeds and the footer.
        </p>
        <textarea
          id="settings-description"
          rows={2}
          value={props.description}
          maxLength={300}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={describedBy(
            'settings-description-hint',
            errors.description && 'settings-description-error',
          )}
          onChange={(e) => props.onChange({ description: e.target.value })}
        />
        <FieldError id="settings-description-error" message={errors.description} />
      </div>
      <div className="field">
        <label htmlFor="settings-postalAddress">Postal address</label>
        <p className="hint" id="settings-postalAddress-hint">
          The newsroom&rsquo;s address, printed at the foot of every newsletter email.
        </p>
        <textarea
          id="settings-postalAddress"
          rows={2}
          value={props.postalAddress}
          maxLength={300}
          aria-invalid={errors.postalAddress ? true : undefined}
          aria-describedby={describedBy(
            'settings-postalAddress-hint',
            errors.postalAddress && 'settings-postalAddress-error',
          )}
          onChange={(e) => props.onChange({ postalAddress: e.target.value })}
        />
        <FieldError id="settings-postalAddress-error" message={errors.postalAddress} />
      </div>
    </>
  );
}
