import { useEffect, useRef, useState, type FormEvent } from 'react';
import { messageOf } from '../../api.js';
import type { ScreenProps } from '../../screen-props.js';
import type { SiteSettings, Tag } from '../../types.js';
import { FormAlert } from '../../ui/FieldError.js';
import { AccentColorField } from './AccentColorField.js';
import { focusFirstProblem, formErrorsOf, type FormErrors } from '../../ui/form-errors.js';
import { IdentityFields } from './IdentityFields.js';
import { LinkListEditor } from './LinkListEditor.js';
import { LogoField } from './LogoField.js';
import { RegionFields } from './RegionFields.js';
import { ServicesPanel } from './ServicesPanel.js';
import {
  changesOf,
  checkDraft,
  draftOf,
  sectionLinks,
  type LinkRow,
  type SettingsDraft,
} from './settings-draft.js';
import type { ServicesStatus } from './types.js';
import './settings.css';

const simpleFields = [
  'siteName',
  'description',
  'logoUrl',
  'accentColor',
  'timezone',
  'locale',
  'language',
] as const;

type Loaded = { saved: SiteSettings; sections: LinkRow[] };

export function SettingsScreen({ api }: ScreenProps) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [services, setServices] = useState<ServicesStatus | null | 'unavailable'>(null);
  const [errors, setErrors] = useState<FormErrors['fields']>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const [isSaving, setSaving] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    Promise.all([
      api.get('/settings'),
      // The sections fill the navigation list while the header lists them by itself.
      api.get('/tags').catch(() => ({ tags: [] as Tag[] })),
    ])
      .then(([{ settings }, { tags }]) => {
        if (cancelled) return;
        const sections = sectionLinks(tags);
        setLoaded({ saved: settings, sections });
        setDraft(draftOf(settings, sections));
      })
      .catch((error: unknown) => !cancelled && setLoadError(messageOf(error)));
    api
      .get('/settings/services')
      .then((answer) => !cancelled && setServices(answer.services))
      .catch(() => !cancelled && setServices('unavailable'));
    return () => {
      cancelled = true;
    };
  }, [api]);

  const change = (patch: Partial<SettingsDraft>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setStatus('');
  };

  /** Ids of the inputs with a problem, in the order they appear on the screen. */
  const problemIds = (found: FormErrors['fields'], d: SettingsDraft): string[] => {
    const rowIds = (name: 'navigation' | 'socialLinks', rows: LinkRow[]) =>
      rows.flatMap((row, i) =>
        (['label', 'url'] as const)
          .filter((part) => found[`${name}.${i}.${part}`])
          .map((part) => `${name}-${row.key}-${part}`),
      );
    const simple = (fields: readonly string[]) =>
      fields.filter((f) => found[f]).map((f) => `settings-${f}`);
    return [
      ...simple(['siteName', 'description', 'logoUrl', 'accentColor']),
      ...rowIds('navigation', d.navigation),
      ...simple(['timezone', 'locale', 'language']),
      ...rowIds('socialLinks', d.socialLinks),
    ];
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!loaded || !draft) return;
    // Rows left empty are dropped first, so the API's row numbers match the rows on screen.
    const isFilled = (r: LinkRow) => r.label.trim() !== '' || r.url.trim() !== '';
    const d: SettingsDraft = {
      ...draft,
      navigation: draft.navigation.filter(isFilled),
      socialLinks: draft.socialLinks.filter(isFilled),
    };
    setDraft(d);
    setGeneral([]);
    const found = checkDraft(d);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setStatus('');
      focusFirstProblem(problemIds(found, d), alertRef.current);
      return;
    }
    const changes = changesOf(loaded.saved, d);
    if (Object.keys(changes).length === 0) {
      setErrors({});
      setStatus('Nothing to save: the settings are as they were.');
      return;
    }
    setSaving(true);
    setErrors({});
    setStatus('Saving…');
    try {
      const { settings } = await api.patch('/settings', { body: changes });
      setLoaded({ ...loaded, saved: settings });
      setDraft(draftOf(settings, loaded.sections));
      setStatus('Saved. The site shows the new settings now.');
    } catch (error) {
      const socialIndex = (name: string) => d.socialLinks.findIndex((r) => r.label.trim() === name);
      const split = formErrorsOf(error, (field) => {
        if ((simpleFields as readonly string[]).includes(field)) return true;
        if (/^navigation\.\d+\.(label|url)$/.test(field)) return true;
        return /^socialLinks\./.test(field) && socialIndex(field.slice(12)) >= 0;
      });
      // The API names a social link by its name; the form by its row.
      const mapped = Object.fromEntries(
        Object.entries(split.fields).map(([field, message]) =>
          field.startsWith('socialLinks.')
            ? [`socialLinks.${socialIndex(field.slice(12))}.url`, message]
            : [field, message],
        ),
      );
      setErrors(mapped);
      setGeneral(split.general);
      setStatus('');
      focusFirstProblem(problemIds(mapped, d), alertRef.current);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby="settings-heading" className="settings-screen">
      <h1 id="settings-heading" tabIndex={-1}>
        Settings
      </h1>
      <p className="lede">The newsroom’s name, look, navigation and region, as readers see them.</p>
      {loadError ? (
        <FormAlert messages={[`The settings could not be loaded: ${loadError}`]} />
      ) : !draft || !loaded ? (
        <p className="loading-inline" role="status">
          Loading…
        </p>
      ) : (
        <form onSubmit={(e) => void save(e)} noValidate aria-busy={isSaving}>
          <FormAlert messages={general} alertRef={alertRef} />
          <fieldset className="settings-group">
            <legend>Identity</legend>
            <IdentityFields
              siteName={draft.siteName}
              description={draft.description}
              errors={errors}
              onChange={change}
            />
            <LogoField
              api={api}
              value={draft.logoUrl}
              siteName={draft.siteName}
              error={errors.logoUrl}
              onChange={(logoUrl) => change({ logoUrl })}
            />
          </fieldset>
          <fieldset className="settings-group">
            <legend>Look</legend>
            <AccentColorField
              value={draft.accentColor}
              error={errors.accentColor}
              onChange={(accentColor) => change({ accentColor })}
            />
          </fieldset>
          <fieldset className="settings-group">
            <legend>Navigation</legend>
            <p className="hint">
              {draft.isNavigationCustom
                ? 'The links in the site’s header, in this order.'
                : 'The header lists the navigation sections by itself (shown below). Change the list to set your own links instead.'}
            </p>
            <LinkListEditor
              name="navigation"
              rows={draft.navigation}
              onChange={(navigation) => change({ navigation, isNavigationCustom: true })}
              errors={errors}
              labelText="Label"
              urlText="Address"
              urlPlaceholder="/tag/politics/ or https://"
              addText="Add a navigation link"
              itemName="Navigation link"
              max={12}
            />
            {draft.isNavigationCustom ? (
              <p>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => change({ isNavigationCustom: false, navigation: loaded.sections })}
                >
                  List the navigation sections instead
                </button>
              </p>
            ) : null}
          </fieldset>
          <fieldset className="settings-group">
            <legend>Region and language</legend>
            <RegionFields
              timezone={draft.timezone}
              locale={draft.locale}
              language={draft.language}
              errors={errors}
              onChange={change}
            />
          </fieldset>
          <fieldset className="settings-group">
            <legend>Social links</legend>
            <p className="hint">Shown in the site’s footer, e.g. Mastodon and its address.</p>
            <LinkListEditor
              name="socialLinks"
              rows={draft.socialLinks}
              onChange={(socialLinks) => change({ socialLinks })}
              errors={errors}
              labelText="Name"
              urlText="Address"
              urlPlaceholder="https://"
              addText="Add a social link"
              itemName="Social link"
              max={12}
            />
          </fieldset>
          <div className="actions settings-actions">
            <button type="submit" disabled={isSaving}>
              {isSaving ? 'Saving…' : 'Save settings'}
            </button>
            <p role="status" className="save-status">
              {status}
            </p>
          </div>
        </form>
      )}
      <ServicesPanel status={services} />
    </section>
  );
}
