import { describe, expect, it } from 'vitest';
import { siteSettingsPatchSchema } from './site-settings.js';

const problemsOf = (patch: unknown) => {
  const parsed = siteSettingsPatchSchema.safeParse(patch);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
};

describe('site settings links and images', () => {
  it('refuses script and data URLs that every page would carry', () => {
    expect(
      problemsOf({
        navigation: [{ label: 'Home', url: 'javascript:alert(1)' }],
        socialLinks: { x: 'JaVaScRiPt:alert(1)' },
        logoUrl: 'data:image/svg+xml,<svg onload=alert(1)>',
      }),
    ).toEqual(['logoUrl', 'navigation.0.url', 'socialLinks.x']);
    expect(problemsOf({ navigation: [{ label: 'Proto', url: '//evil.example/' }] })).toEqual([
      'navigation.0.url',
    ]);
  });

  it('keeps web addresses, site paths and mailto', () => {
    expect(
      problemsOf({
        navigation: [
          { label: 'War', url: '/tag/war/' },
          { label: 'Shop', url: 'https://shop.example.org/' },
        ],
        socialLinks: {
          mastodon: 'https://social.example/@newsroom',
          email: 'mailto:desk@example.org',
        },
        logoUrl: '/media/abc/w320.webp',
      }),
    ).toEqual([]);
  });
});

describe('site settings locale, language and time zone', () => {
  const parse = (patch: unknown) => siteSettingsPatchSchema.safeParse(patch);

  it('refuses what Intl cannot format with, naming each field', () => {
    expect(
      problemsOf({ locale: 'en_US', language: 'english please', timezone: 'Mars/Olympus' }),
    ).toEqual(['timezone', 'locale', 'language']);
    // Valid tags with nothing behind them: no formatting data, no such language.
    expect(problemsOf({ locale: 'xx', language: 'zz' })).toEqual(['locale', 'language']);
    expect(problemsOf({ locale: `en-${'a'.repeat(40)}`, language: 'und' })).toEqual([
      'locale',
      'language',
    ]);
  });

  it('stores tags and zones in canonical form', () => {
    expect(parse({ locale: ' en-gb ', language: 'UK', timezone: 'europe/paris' }).data).toEqual({
      locale: 'en-GB',
      language: 'uk',
      timezone: 'Europe/Paris',
    });
    expect(parse({ locale: 'zh-hant-tw', timezone: 'Europe/Kyiv' }).data).toEqual({
      locale: 'zh-Hant-TW',
      timezone: 'Europe/Kyiv',
    });
  });

  it('takes a real page language even when Intl has no formatting data for it', () => {
    expect(parse({ language: 'crh' }).data).toEqual({ language: 'crh' });
  });
});
