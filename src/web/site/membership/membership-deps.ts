import type { Services } from '../../../runtime/services.js';
import type { SiteContext } from '../site-context.js';
import type { MemberResolver } from './member-resolver.js';

/** What the membership area uses, and nothing more. */
export interface MembershipDeps {
  services: Pick<Services, 'memberAuth' | 'members' | 'tiers' | 'gifts' | 'membershipPayments'>;
  publicUrl: string;
  /** The newsroom's name, navigation and drive, as every reader page has them. */
  site: () => Promise<SiteContext>;
  /** The one member resolver (shared with the page cache and the Content API). */
  members: MemberResolver;
}
