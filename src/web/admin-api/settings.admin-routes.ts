import { z } from 'zod';
import type { ServicesStatus } from '../../runtime/services-status.js';
import { siteSettingsPatchSchema } from '../../features/settings/index.js';
import {
  servicesStatusSchema,
  siteSettingsResponseSchema,
} from '../../shared/contracts/settings.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { AdminRoutes } from './admin-api.js';
import { actorOf } from './authenticate.js';
import { requestMeta } from './staff-route-helpers.js';

/** An app built without a configuration summary (tests, tools) has nothing set up to report. */
const notConfigured: ServicesStatus = {
  mail: { isConfigured: false, host: null, port: null, isImplicitTls: null, fromAddress: '' },
  payments: { isConfigured: false, mode: null, isRestrictedKey: null, hasWebhookSecret: false },
};

/** The newsroom's site settings: readable by all staff, changed by administrators. */
export const settingsAdminRoutes: AdminRoutes<ServicesOf<'audit' | 'settings'>> = ({
  route,
  services,
  servicesStatus,
}) => {
  // Parsed once through the response schema, so only its fields can ever be sent.
  const status = servicesStatusSchema.parse(servicesStatus ?? notConfigured);
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
    // The feature's own schema: each value's rules (colours, time zones…) and canonical forms.
    body: siteSettingsPatchSchema,
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
  route({
    method: 'GET',
    url: '/settings/services',
    tag: 'Settings',
    summary: 'Mail and payments as configured (hosts and modes only, never a secret)',
    // Administrators only, like the Settings screen that shows it: the mail host and Stripe mode
    // are no secret, but nothing other staff need, and they help someone probing the server.
    access: 'settings.manage',
    response: z.object({ services: servicesStatusSchema }),
    handler: () => Promise.resolve({ services: status }),
  });
};
