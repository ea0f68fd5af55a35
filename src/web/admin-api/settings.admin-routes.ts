import { z } from 'zod';
import {
  siteSettingsPatchBodySchema,
  siteSettingsResponseSchema,
} from '../../shared/contracts/settings.js';
import type { AdminRoutes } from './admin-api.js';
import { actorOf } from './authenticate.js';
import { requestMeta } from './staff-route-helpers.js';

/** The newsroom's site settings: readable by all staff, changed by administrators. */
export const settingsAdminRoutes: AdminRoutes = ({ route, services }) => {
  route({
    method: 'GET',
    url: '/settings',
    tag: 'Settings',
    summary: 'Site settings',
    access: 'settings.read',
    response: z.object({ settings: siteSettingsResponseSchema }),
    handler: async () => ({ settings: await services.settings.get() }),
  });
  route({
    method: 'PATCH',
    url: '/settings',
    tag: 'Settings',
    summary: 'Change some site settings',
    access: 'settings.manage',
    body: siteSettingsPatchBodySchema,
    response: z.object({ settings: siteSettingsResponseSchema }),
    handler: async ({ body, request }) => {
      const before = await services.settings.get();
      const settings = await services.settings.update(body);
      const changed = Object.keys(body).filter(
        (key) =>
          JSON.stringify(before[key as keyof typeof before]) !==
          JSON.stringify(settings[key as keyof typeof settings]),
      );
      if (changed.length > 0) {
        await services.audit.log({
          actor: actorOf(request).label,
          action: 'settings.changed',
          subjectType: 'settings',
          details: { keys: changed },
          ip: requestMeta(request).ip,
        });
      }
      return { settings };
    },
  });
};
