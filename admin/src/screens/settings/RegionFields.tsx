import { useMemo } from 'react';
import { FieldError } from '../../ui/FieldError.js';
import { describedBy, type FormErrors } from '../../ui/form-errors.js';

/** Every IANA zone the browser knows, with the current one kept even if it does not list it. */
function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    // An old browser: the current zone alone still lets the form save.
  }
  return [...new Set(['UTC', current, ...zones])].sort((a, b) => a.localeCompare(b));
}

/** A few common tags to pick from; any valid BCP 47 tag may be typed. */
const commonLocales = ['en-US', 'en-GB', 'de-DE', 'es-ES', 'fr-FR', 'it-IT', 'pl-PL', 'uk-UA'];

export function RegionFields(props: {
  timezone: string;
  locale: string;
  language: string;
  errors: FormErrors['fields'];
  onChange: (patch: { timezone?: string; locale?: string; language?: string }) => void;
}) {
  const zones = useMemo(() => timeZones(props.timezone), [props.timezone]);
  const { errors } = props;
  const example = useMemo(() => {
    try {
      return new Date().toLocaleString(props.locale, {
        timeZone: props.timezone,
        dateStyle: 'full',
        timeStyle: 'short',
      });
    } catch {
      return '';
    }
  }, [props.locale, props.timezone]);
  return (
    <>
      <div className="field">
        <label htmlFor="settings-timezone">Time zone</label>
        <p className="hint" id="settings-timezone-hint">
          Publication times on the site and in the admin are shown in this zone.
        </p>
        <select
          id="settings-timezone"
          value={props.timezone}
          aria-invalid={errors.timezone ? true : undefined}
          aria-describedby={describedBy(
            'settings-timezone-hint',
            errors.timezone && 'settings-timezone-error',
          )}
          onChange={(e) => props.onChange({ timezone: e.target.value })}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
        <FieldError id="settings-timezone-error" message={errors.timezone} />
      </div>
      <div className="field-pair">
        <div className="field">
          <label htmlFor="settings-locale">Locale</label>
          <p className="hint" id="settings-locale-hint">
            How dates and numbers are written, e.g. en-GB.
          </p>
          <input
            id="settings-locale"
            list="settings-locale-options"
            value={props.locale}
            maxLength={35}
            spellCheck={false}
            aria-invalid={errors.locale ? true : undefined}
            aria-describedby={describedBy(
              'settings-locale-hint',
              errors.locale && 'settings-locale-error',
            )}
            onChange={(e) => props.onChange({ locale: e.target.value })}
          />
          <datalist id="settings-locale-options">
            {commonLocales.map((tag) => (
              <option key={tag} value={tag} />
            ))}
          </datalist>
          <FieldError id="settings-locale-error" message={errors.locale} />
        </div>
        <div className="field">
          <label htmlFor="settings-language">Language</label>
          <p className="hint" id="settings-language-hint">
            The language of the site’s pages, e.g. en or uk.
          </p>
          <input
            id="settings-language"
            value={props.language}
            maxLength={35}
            spellCheck={false}
            aria-invalid={errors.language ? true : undefined}
            aria-describedby={describedBy(
              'settings-language-hint',
              errors.language && 'settings-language-error',
            )}
            onChange={(e) => props.onChange({ language: e.target.value })}
          />
          <FieldError id="settings-language-error" message={errors.language} />
        </div>
      </div>
      {example ? <p className="hint">Now, as readers will see it: {example}</p> : null}
    </>
  );
}
