import type { SiteSettings, Tag } from '../../types.js';

/** One row of an ordered link list (navigation, social links); `key` keeps React rows stable. */
export interface LinkRow {
  key: string;
  label: string;
  url: string;
}

/** The form's working copy of the settings. */
export interface SettingsDraft {
  siteName: string;
  description: string;
  logoUrl: string;
  accentColor: string;
  timezone: string;
  locale: string;
  language: string;
  /** False while the header lists the navigation sections by itself (`navigation: null`). */
  isNavigationCustom: boolean;
  navigation: LinkRow[];
  socialLinks: LinkRow[];
  /** The newsroom's postal address, in every newsletter's footer. */
  postalAddress: string;
  /** Newsletter tracking (off unless the newsroom turns it on): counted per email. */
  isCountingOpens: boolean;
  isCountingClicks: boolean;
  /** The opt-in to per-member tracking: each member's opens and clicks kept on their record. */
  isCountingPerMember: boolean;
}

let rowCounter = 0;
export const newRow = (label = '', url = ''): LinkRow => ({
  key: `row-${++rowCounter}`,
  label,
  url,
});

/** The links the site header shows while no navigation is set: the navigation sections. */
export const sectionLinks = (tags: readonly Tag[]): LinkRow[] =>
  tags
    .filter((t) => t.isNavigation)
    .sort((a, b) => (a.navigationOrder ?? 0) - (b.navigationOrder ?? 0))
    .map((t) => newRow(t.name, `/tag/${t.slug}/`));

export function draftOf(settings: SiteSettings, sections: LinkRow[]): SettingsDraft {
  return {
    siteName: settings.siteName,
    description: settings.description,
    logoUrl: settings.logoUrl ?? '',
    accentColor: settings.accentColor,
    timezone: settings.timezone,
    locale: settings.locale,
    language: settings.language,
    isNavigationCustom: settings.navigation !== null,
    navigation: settings.navigation
      ? settings.navigation.map((n) => newRow(n.label, n.url))
      : sections,
    socialLinks: Object.entries(settings.socialLinks).map(([name, url]) => newRow(name, url)),
    postalAddress: settings.postalAddress,
    isCountingOpens: settings.emailTrackOpens,
    isCountingClicks: settings.emailTrackClicks,
    isCountingPerMember: settings.emailTrackMembers,
  };
}

/** The draft as the API takes it (trimmed; empty rows dropped). */
function valuesOf(draft: SettingsDraft): SiteSettings {
  const links = (rows: LinkRow[]) =>
    rows
      .map((r) => ({ label: r.label.trim(), url: r.url.trim() }))
      .filter((r) => r.label !== '' || r.url !== '');
  return {
    siteName: draft.siteName.trim(),
    description: draft.description.trim(),
    logoUrl: draft.logoUrl.trim() || null,
    accentColor: draft.accentColor.trim(),
    timezone: draft.timezone,
    locale: draft.locale.trim(),
    language: draft.language.trim(),
    navigation: draft.isNavigationCustom ? links(draft.navigation) : null,
    socialLinks: Object.fromEntries(links(draft.socialLinks).map((l) => [l.label, l.url])),
    postalAddress: draft.postalAddress.trim(),
    emailTrackOpens: draft.isCountingOpens,
    emailTrackClicks: draft.isCountingClicks,
    emailTrackMembers: draft.isCountingPerMember,
  };
}

/** Only the keys whose value differs from what the server holds: a PATCH sends nothing else. */
export function changesOf(saved: SiteSettings, draft: SettingsDraft): Partial<SiteSettings> {
  const next = valuesOf(draft);
  const changed = Object.entries(next).filter(
    ([key, value]) => JSON.stringify(value) !== JSON.stringify(saved[key as keyof SiteSettings]),
  );
  return Object.fromEntries(changed);
}

/**
 * Links the reader site may show: a path on the site, or an http(s) or mailto address. Anything
 * else (`javascript:`, `data:`) would run or load in readers' browsers from the header.
 */
export const isSafeLink = (value: string): boolean =>
  /^\/(?!\/)/.test(value) || /^(https?:\/\/[^\s/]+|mailto:)\S*$/i.test(value);

/** Checks before sending, so the common mistakes need no round trip (the API checks again). */
export function checkDraft(draft: SettingsDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!draft.siteName.trim()) problems.siteName = 'Give the site a name.';
  if (!/^#[0-9a-f]{6}$/i.test(draft.accentColor.trim()))
    problems.accentColor = 'Write the colour as # and six hex digits, like #1a5fb4.';
  const logo = draft.logoUrl.trim();
  if (logo && !isSafeLink(logo) && !/^https?:/i.test(logo))
    problems.logoUrl = 'Use an uploaded image or an address starting with https:// or /.';
  for (const [list, rows] of [
    ['navigation', draft.isNavigationCustom ? draft.navigation : []],
    ['socialLinks', draft.socialLinks],
  ] as const) {
    rows.forEach((row, index) => {
      const label = row.label.trim();
      const url = row.url.trim();
      if (!label && !url) return;
      if (!label) problems[`${list}.${index}.label`] = 'Write the text readers see.';
      if (!url) problems[`${list}.${index}.url`] = 'Write where the link goes.';
      else if (!isSafeLink(url))
        problems[`${list}.${index}.url`] = 'Use a path like /about/ or an https:// address.';
    });
  }
  for (const field of ['locale', 'language'] as const) {
    try {
      if (Intl.getCanonicalLocales(draft[field].trim()).length !== 1) throw new Error();
    } catch {
      problems[field] = 'Write a language tag such as en-GB or uk.';
    }
  }
  return problems;
}
