import type { Campaign } from '../../features/campaigns/index.js';
import type { Newsletter } from '../../features/newsletters/index.js';
import { standardPageSlugs } from '../../features/site-pages/index.js';
import type { SiteSettings } from '../../features/settings/index.js';
import type { Tag } from '../../features/tags/index.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { DriveProgress } from './components/drive-banner.js';

/** What every reader page needs besides its own content. */
export interface SiteContext {
  settings: SiteSettings;
  navigation: Tag[];
  /** The running membership drive shown in the banner, if any. */
  drive: Campaign | undefined;
  /** The drive's count, rendered into the page (never filled in by script). */
  driveProgress: DriveProgress | undefined;
  publicUrl: string;
  /** Stripe is configured: paid membership, gifts and billing lead somewhere. */
  isPaidEnabled: boolean;
  /** Which of the standard pages (about, contact, privacy) are published: the footer links these. */
  pageSlugs: ReadonlySet<string>;
  /** The active newsletters (the footer links them; a story's sign-up block offers the defaults). */
  newsletters: readonly Newsletter[];
}

/** What every page's context is read from. */
export type SiteContextServices = ServicesOf<
  'campaigns' | 'membershipPayments' | 'newsletters' | 'posts' | 'settings' | 'tags'
>;

export async function loadSiteContext(
  services: SiteContextServices,
  publicUrl: string,
): Promise<SiteContext> {
  const [settings, navigation, drives, pages, newsletters] = await Promise.all([
    services.settings.get(),
    services.tags.navigation(),
    services.campaigns.running(),
    Promise.all(standardPageSlugs.map((slug) => services.posts.bySlug(slug))),
    services.newsletters.list(),
  ]);
  const drive = drives.find((d) => d.placements.includes('banner'));
  // The count is reused for up to a minute per drive (campaigns.progress), on top of this memo.
  const progress = drive ? await services.campaigns.progress(drive) : undefined;
  return {
    settings,
    navigation,
    drive,
    driveProgress: progress ? { value: progress.value } : undefined,
    publicUrl,
    isPaidEnabled: services.membershipPayments.isEnabled,
    pageSlugs: new Set(
      pages.filter((p) => p?.status === 'published' && p.kind === 'page').map((p) => p!.slug),
    ),
    newsletters,
  };
}

export const absoluteUrl = (site: SiteContext, path: string): string => `${site.publicUrl}${path}`;
