import type { ServicesOf } from '../../runtime/services.js';
import { absoluteUrl } from './ghost-mappers.js';

const social = (links: Record<string, string>, ...names: string[]): string | null => {
  for (const name of names) if (links[name]) return links[name];
  return null;
};

/**
 * The site's public settings under Ghost's names (`{settings: {…}, meta: {}}`). Navigation is
 * the newsroom's own menu, or its sections when it has none (as the site's header shows them).
 * Nothing private: no addresses, keys or tracking choices.
 */
export async function ghostSettings(
  services: ServicesOf<'settings' | 'tags' | 'tiers'>,
  publicUrl: string,
) {
  const [s, sections, tiers] = await Promise.all([
    services.settings.get(),
    services.tags.navigation(),
    services.tiers.list({ activeOnly: true }),
  ]);
  const navigation =
    s.navigation ??
    sections.map((t) => ({ label: t.name, url: absoluteUrl(publicUrl, `/tag/${t.slug}/`) }));
  return {
    settings: {
      title: s.siteName,
      description: s.description,
      logo: s.logoUrl,
      icon: null,
      accent_color: s.accentColor,
      cover_image: null,
      facebook: social(s.socialLinks, 'facebook'),
      twitter: social(s.socialLinks, 'x', 'twitter'),
      lang: s.language,
      locale: s.locale,
      timezone: s.timezone,
      codeinjection_head: null,
      codeinjection_foot: null,
      navigation,
      secondary_navigation: [],
      meta_title: null,
      meta_description: null,
      og_image: null,
      og_title: null,
      og_description: null,
      twitter_image: null,
      twitter_title: null,
      twitter_description: null,
      members_support_address: null,
      members_enabled: true,
      members_invite_only: false,
      allow_self_signup: true,
      paid_members_enabled: tiers.some((t) => !t.isFree),
      comments_enabled: 'off',
      recommendations_enabled: false,
      outbound_link_tagging: false,
      default_email_address: null,
      support_email_address: null,
      portal_button: false,
      url: `${publicUrl.replace(/\/$/, '')}/`,
      version: '5.0',
    },
    meta: {},
  };
}
