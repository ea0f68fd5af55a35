import type { AdminRoutes } from './admin-api.js';
import { authorsAdminRoutes } from './authors.admin-routes.js';
import { campaignsAdminRoutes } from './campaigns.admin-routes.js';
import { membersAdminRoutes } from './members.admin-routes.js';
import { auditAdminRoutes } from './audit.admin-routes.js';
import { meAdminRoutes } from './me.admin-routes.js';
import { sessionAdminRoutes } from './session.admin-routes.js';
import { settingsAdminRoutes } from './settings.admin-routes.js';
import { staffAdminRoutes } from './staff.admin-routes.js';
import { tokensAdminRoutes } from './tokens.admin-routes.js';
import { mediaAdminRoutes } from './media.admin-routes.js';
import { newslettersAdminRoutes } from './newsletters.admin-routes.js';
import { emailsAdminRoutes } from './emails.admin-routes.js';
import { suppressionsAdminRoutes } from './suppressions.admin-routes.js';
import { postsAdminRoutes } from './posts.admin-routes.js';
import { postCorrectionsAdminRoutes } from './post-corrections.admin-routes.js';
import { liveAdminRoutes } from './live.admin-routes.js';
import { tagsAdminRoutes } from './tags.admin-routes.js';
import { tiersAdminRoutes } from './tiers.admin-routes.js';
import { webhooksAdminRoutes } from './webhooks.admin-routes.js';

/** Every Admin API route module, in one list (each file registers one resource's routes). */
export const adminRouteModules: readonly AdminRoutes[] = [
  postsAdminRoutes,
  postCorrectionsAdminRoutes,
  liveAdminRoutes,
  authorsAdminRoutes,
  mediaAdminRoutes,
  tagsAdminRoutes,
  webhooksAdminRoutes,
  staffAdminRoutes,
  meAdminRoutes,
  tokensAdminRoutes,
  settingsAdminRoutes,
  auditAdminRoutes,
  sessionAdminRoutes,
  membersAdminRoutes,
  campaignsAdminRoutes,
  tiersAdminRoutes,
  newslettersAdminRoutes,
  emailsAdminRoutes,
  suppressionsAdminRoutes,
];
