import type { ServicesOf } from '../../../runtime/services.js';
import type { SiteContext } from '../site-context.js';
import type { MemberResolver } from './member-resolver.js';

/** Every service the membership area uses; each of its route files picks its own few. */
export type MembershipServices = ServicesOf<
  | 'emailTracking'
  | 'gifts'
  | 'memberAuth'
  | 'members'
  | 'membershipPayments'
  | 'newsletters'
  | 'tiers'
>;

/** What the membership area's route files get: `S` names the services a file uses. */
export interface MembershipDeps<S = MembershipServices> {
  services: S;
  publicUrl: string;
  /** The newsroom's name, navigation and drive, as every reader page has them. */
  site: () => Promise<SiteContext>;
  /** The one member resolver (shared with the page cache and the Content API). */
  members: MemberResolver;
}

/** The membership plugin's options: its routes' deps, and where to list its form routes. */
export interface MembershipOptions extends MembershipDeps {
  /** Filled with every state-changing reader-form route, e.g. `POST /signin/`. */
  formRoutes: string[];
}
