import type { Campaign } from '../../features/campaigns/index.js';
import type { SiteSettings } from '../../features/settings/index.js';
import type { Tag } from '../../features/tags/index.js';
import type { Services } from '../../runtime/services.js';

/** What every reader page needs besides its own content. */
export interface SiteContext {
  settings: SiteSettings;
  navigation: Tag[];
  /** The running membership drive shown in the banner, if any. */
  drive: Campaign | undefined;
  publicUrl: string;
}

export async function loadSiteContext(services: Services, publicUrl: string): Promise<SiteContext> {
  const [settings, navigation, drives] = await Promise.all([
    services.settings.get(),
    services.tags.navigation(),
    services.campaigns.running(),
  ]);
  return {
    settings,
    navigation,
    drive: drives.find((d) => d.placements.includes('banner')),
    publicUrl,
  };
}

export const absoluteUrl = (site: SiteContext, path: string): string => `${site.publicUrl}${path}`;
