import { z } from 'zod';
import { notFound } from '../../platform/errors.js';
import { idParamsSchema, listOf } from '../../shared/contracts/common.js';
import { tierCreateSchema, tierSchema, tierUpdateSchema } from '../../shared/contracts/tiers.js';
import { noContent } from '../api-route.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { AdminRoutes } from './admin-api.js';

/** Membership tiers. All staff may read them; administrators manage them. */
export const tiersAdminRoutes: AdminRoutes<ServicesOf<'tiers'>> = ({ route, services }) => {
  const tag = 'Tiers';
  route({
    method: 'GET',
    url: '/tiers',
    tag,
    summary: 'List membership tiers (free and paid), in display order',
    access: 'settings.read',
    response: listOf('tiers', tierSchema),
    handler: async () => {
      const tiers = await services.tiers.list();
      return { tiers, meta: { pagination: { next: null, limit: tiers.length } } };
    },
  });
  route({
    method: 'POST',
    url: '/tiers',
    tag,
    summary: 'Create a tier; amounts are integer minor units (cents)',
    access: 'members.manage',
    body: tierCreateSchema,
    response: z.object({ tier: tierSchema }),
    successStatus: 201,
    handler: async ({ body }) => ({ tier: await services.tiers.create(body) }),
  });
  route({
    method: 'GET',
    url: '/tiers/:id',
    tag,
    summary: 'Read a tier',
    access: 'settings.read',
    params: idParamsSchema,
    response: z.object({ tier: tierSchema }),
    handler: async ({ params }) => {
      const tier = await services.tiers.byId(params.id);
      if (!tier) throw notFound('Tier');
      return { tier };
    },
  });
  route({
    method: 'PATCH',
    url: '/tiers/:id',
    tag,
    summary: 'Edit a tier (prices apply to new subscriptions; existing ones keep theirs)',
    access: 'members.manage',
    params: idParamsSchema,
    body: tierUpdateSchema,
    response: z.object({ tier: tierSchema }),
    handler: async ({ params, body }) => ({ tier: await services.tiers.update(params.id, body) }),
  });
  route({
    method: 'DELETE',
    url: '/tiers/:id',
    tag,
    summary: 'Delete a tier; members on it keep their access until it ends',
    access: 'members.manage',
    params: idParamsSchema,
    response: noContent,
    successStatus: 204,
    handler: async ({ params }) => {
      await services.tiers.remove(params.id);
    },
  });
};
