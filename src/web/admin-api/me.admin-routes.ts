import { z } from 'zod';
import {
  passwordChangeSchema,
  profileSchema,
  twoFactorDisableSchema,
  twoFactorEnableSchema,
  twoFactorSetupSchema,
} from '../../shared/contracts/staff.js';
import { profileUpdateSchema } from '../../features/staff-auth/index.js';
import { noContent } from '../api-route.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { AdminRoutes } from './admin-api.js';
import { requestMeta, staffUserIdOf } from './staff-route-helpers.js';

/** The signed-in member's own account: profile, password and two-factor sign-in. */
export const meAdminRoutes: AdminRoutes<ServicesOf<'settings' | 'staffAuth'>> = ({
  route,
  services,
}) => {
  const { accounts, twoFactor } = services.staffAuth;
  // The profile as the service returns it: profileSchema keeps only the declared fields.
  const profileJson = async (result: ReturnType<typeof accounts.profile>) => result;
  route({
    method: 'GET',
    url: '/me',
    tag: 'Me',
    summary: 'Your account and byline',
    access: 'authenticated',
    response: profileSchema,
    handler: ({ actor }) => profileJson(accounts.profile(staffUserIdOf(actor))),
  });
  route({
    method: 'PATCH',
    url: '/me',
    tag: 'Me',
    summary: 'Update your name and byline (title, bio, location, links, avatar)',
    access: 'authenticated',
    body: profileUpdateSchema,
    response: profileSchema,
    handler: ({ actor, body }) => profileJson(accounts.updateProfile(staffUserIdOf(actor), body)),
  });
  route({
    method: 'POST',
    url: '/me/password',
    tag: 'Me',
    summary: 'Change your password (needs the current one; signs out your other sessions)',
    access: 'authenticated',
    body: passwordChangeSchema,
    response: noContent,
    successStatus: 204,
    handler: async ({ actor, body, request }) => {
      await accounts.changePassword(staffUserIdOf(actor), body, {
        ...requestMeta(request),
        keepSessionId: request.staffSessionId,
      });
    },
  });
  route({
    method: 'POST',
    url: '/me/two-factor',
    tag: 'Me',
    summary: 'Start two-factor setup: the secret and otpauth URI, shown once',
    access: 'authenticated',
    response: twoFactorSetupSchema,
    handler: async ({ actor }) => {
      const { siteName } = await services.settings.get();
      return twoFactor.setup(staffUserIdOf(actor), { issuer: siteName });
    },
  });
  route({
    method: 'POST',
    url: '/me/two-factor/enable',
    tag: 'Me',
    summary: 'Turn two-factor sign-in on with a code from the app; returns recovery codes once',
    access: 'authenticated',
    body: twoFactorEnableSchema,
    response: z.object({ recoveryCodes: z.array(z.string()) }),
    handler: ({ actor, body, request }) =>
      twoFactor.enable(staffUserIdOf(actor), body.code, requestMeta(request)),
  });
  route({
    method: 'DELETE',
    url: '/me/two-factor',
    tag: 'Me',
    summary: 'Turn two-factor sign-in off (needs your password)',
    access: 'authenticated',
    body: twoFactorDisableSchema,
    response: noContent,
    successStatus: 204,
    handler: async ({ actor, body, request }) => {
      const userId = staffUserIdOf(actor);
      await accounts.assertPassword(userId, body.password);
      await twoFactor.disable(userId, requestMeta(request));
    },
  });
};
