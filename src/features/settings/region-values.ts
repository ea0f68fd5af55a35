// Locale, language and time zone settings, checked with the same Intl the renderers call: a
// value that passes here is one every page can format with, so no render throws on it.

/** RFC 5646 asks implementations to handle tags of at least 35 characters; longer is a typo. */
export const MAX_TAG_LENGTH = 35;

/** The tag in canonical form (`en-us` → `en-US`), or undefined when it is no BCP 47 tag. */
export function canonicalTag(value: string): string | undefined {
  if (value.length === 0 || value.length > MAX_TAG_LENGTH) return undefined;
  try {
    const [tag] = Intl.getCanonicalLocales(value);
    return tag;
  } catch {
    return undefined;
  }
}

/**
 * A formatting locale: a valid tag that both date and number formatting have data for (directly
 * or through its language, as `en-ZZ` falls back to `en`), so dates and prices never come out
 * in a language the newsroom did not choose.
 */
export function formattingLocaleProblem(value: string): string | undefined {
  const tag = canonicalTag(value);
  if (tag === undefined) return 'must be a locale tag such as en-GB or uk-UA';
  const isFormattable =
    Intl.DateTimeFormat.supportedLocalesOf(tag).length === 1 &&
    Intl.NumberFormat.supportedLocalesOf(tag).length === 1;
  return isFormattable ? undefined : `dates and numbers cannot be written in ${tag}`;
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

function isKnownLanguage(language: string): boolean {
  try {
    return languageNames.of(language) !== undefined;
  } catch {
    return false; // `und` (undetermined) is refused by DisplayNames itself
  }
}

/**
 * The page language (`<html lang>`, feeds, the news sitemap): a valid tag whose language is a
 * real one. No formatting data is needed, so languages without it (Crimean Tatar, `crh`) pass.
 */
export function pageLanguageProblem(value: string): string | undefined {
  const tag = canonicalTag(value);
  if (tag === undefined) return 'must be a language tag such as en or uk';
  const { language } = new Intl.Locale(tag);
  return isKnownLanguage(language) ? undefined : `${language} is not a known language`;
}

/**
 * The zone as Intl names it when only the letter case differs (`europe/paris` → `Europe/Paris`),
 * else as written (Intl would turn `Europe/Kyiv` into its old alias `Europe/Kiev`); undefined
 * when it is no IANA zone.
 */
export function canonicalTimeZone(value: string): string | undefined {
  if (value.length === 0 || value.length > 64) return undefined;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions()
      .timeZone;
    return resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
  } catch {
    return undefined;
  }
}
