import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { messageOf, type ApiClient } from '../../api.js';
import { queryKeys, servicesQuery, settingsQuery, tagsQuery } from '../../query/queries.js';
import type { ScreenProps } from '../../screen-props.js';
import type { SiteSettings } from '../../types.js';
import { CheckField } from '../../ui/CheckField.js';
import { FormAlert } from '../../ui/FieldError.js';
import { AccentColorField } from './AccentColorField.js';
import { focusFirstProblem, formErrorsOf, type FormErrors } from '../../ui/form-errors.js';
import { IdentityFields } from './IdentityFields.js';
import { LinkListEditor } from './LinkListEditor.js';
import { LogoField } from './LogoField.js';
import { RegionFields } from './RegionFields.js';
import { ServicesPanel } from './ServicesPanel.js';
import { ExportPanel } from './ExportPanel.js';
import { roleMay } from '@shared/contracts/permissions.js';
import {
  changesOf,
  checkDraft,
  draftOf,
  sectionLinks,
  type LinkRow,
  type SettingsDraft,
} from './settings-draft.js';
import './settings.css';

const simpleFields = [
  'siteName',
  'description',
  'postalAddress',
  'logoUrl',
  'accentColor',
  'timezone',
  'locale',
  'language',
] as const;

/** The settings as they are now (read fresh, not from the cache) and the form once they are. */
export function SettingsScreen({ api, session }: ScreenProps) {
  // The form starts from what the server holds now: a cached copy could be another tab's past.
  const settings = useQuery({ ...settingsQuery(api), refetchOnMount: 'always' });
  // The sections fill the navigation list while the header lists them by itself.
  const tags = useQuery(tagsQuery(api));
  const services = useQuery(servicesQuery(api));
  const loadError = settings.error ? messageOf(settings.error) : null;
  const isLoaded = settings.isFetchedAfterMount && settings.data !== undefined && !tags.isPending;
  // Made once per answer: the rows' keys stay the same while the screen is open.
  const sections = useMemo(() => sectionLinks(tags.data ?? []), [tags.data]);

  return (
    <section aria-labelledby="settings-heading" className="settings-screen">
      <h1 id="settings-heading" tabIndex={-1}>
        Settings
      </h1>
      <p className="lede">The newsroom’s name, look, navigation and region, as readers see them.</p>
      {loadError ? (
        <FormAlert messages={[`The settings could not be loaded: ${loadError}`]} />
      ) : !isLoaded || !settings.data ? (
        <p className="loading-inline" role="status">
          Loading…
        </p>
      ) : (
        <SettingsForm api={api} initial={settings.data} sections={sections} />
      )}
      <ServicesPanel status={services.data ?? (services.isError ? 'unavailable' : null)} />
      {roleMay(session.user.role, 'newsroom.export') ? <ExportPanel /> : null}
    </section>
  );
}

function SettingsForm(props: { api: ApiClient; initial: SiteSettings; sections: LinkRow[] }) {
  const { api, sections } = props;
  const queryClient = useQueryClient();
  /** What the server holds: the form sends only what differs from it. */
  const [saved, setSaved] = useState(props.initial);
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(props.initial, sections));
  const [errors, setErrors] = useState<FormErrors['fields']>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const alertRef = useRef<HTMLDivElement>(null);

  const change = (patch: Partial<SettingsDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
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
      ...simple(['siteName', 'description', 'postalAddress', 'logoUrl', 'accentColor']),
      ...rowIds('navigation', d.navigation),
      ...simple(['timezone', 'locale', 'language']),
      ...rowIds('socialLinks', d.socialLinks),
    ];
  };

  const saving = useMutation({
    mutationFn: ({ changes }: { changes: Partial<SiteSettings>; draft: SettingsDraft }) =>
      api.patch('/settings', { body: changes }),
    onSuccess: ({ settings: next }) => {
      // The newsroom clock reads the same settings: a new time zone applies at once.
      queryClient.setQueryData(queryKeys.settings, next);
      setSaved(next);
      setDraft(draftOf(next, sections));
      setStatus('Saved. The site shows the new settings now.');
    },
    onError: (error, { draft: d }) => {
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
    },
  });
  const isSaving = saving.isPending;

  const save = (event: FormEvent) => {
    event.preventDefault();
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
    const changes = changesOf(saved, d);
    if (Object.keys(changes).length === 0) {
      setErrors({});
      setStatus('Nothing to save: the settings are as they were.');
      return;
    }
    setErrors({});
    setStatus('Saving…');
    saving.mutate({ changes, draft: d });
  };

  return (
    <form onSubmit={save} noValidate aria-busy={isSaving}>
      <FormAlert messages={general} alertRef={alertRef} />
      <fieldset className="settings-group">
        <legend>Identity</legend>
        <IdentityFields
          siteName={draft.siteName}
          description={draft.description}
          postalAddress={draft.postalAddress}
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
              onClick={() => change({ isNavigationCustom: false, navigation: sections })}
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
      <fieldset className="settings-group">
        <legend>Newsletter tracking</legend>
        <p className="hint">
          Off unless turned on. Counted per email: an email&rsquo;s report shows totals. Nothing is
          kept per member unless you also turn that on. A change applies to emails that start
          sending after it.
        </p>
        <CheckField
          id="settings-emailTrackOpens"
          label="Count email opens"
          hint="An indicator only: some mail apps load the counting image unread, others block it."
          checked={draft.isCountingOpens}
          onChange={(isCountingOpens) => change({ isCountingOpens })}
        />
        <CheckField
          id="settings-emailTrackClicks"
          label="Count link clicks"
          hint="Links go through the site first, which counts the click and sends the reader on."
          checked={draft.isCountingClicks}
          onChange={(isCountingClicks) => change({ isCountingClicks })}
        />
        <CheckField
          id="settings-emailTrackMembers"
          label="Also keep each member’s opens and clicks"
          hint="With opens or clicks counted: shown on the member’s page and in their data export, deleted with them. Tell members in your privacy notice."
          checked={draft.isCountingPerMember}
          onChange={(isCountingPerMember) => change({ isCountingPerMember })}
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
  );
}
