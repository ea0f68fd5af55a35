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
