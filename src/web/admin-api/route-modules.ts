import type { AdminRoutes } from './admin-api.js';
import { tagsAdminRoutes } from './tags.admin-routes.js';

/** Every Admin API route module, in one list (each file registers one resource's routes). */
export const adminRouteModules: readonly AdminRoutes[] = [tagsAdminRoutes];
