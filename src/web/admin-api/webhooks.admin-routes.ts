import { z } from 'zod';
import { idParamsSchema, listOf } from '../../shared/contracts/common.js';
import {
  webhookCreateSchema,
  webhookDeliveriesQuerySchema,
  webhookDeliveryParamsSchema,
  webhookDeliverySchema,
  webhookSchema,
  webhookUpdateSchema,
  webhookWithSecretSchema,
} from '../../shared/contracts/webhooks.js';
import type { AdminRoutes } from './admin-api.js';

const tag = 'Webhooks';
const access = 'webhooks.manage';

/**
 * Outgoing webhooks, for administrators. The signing secret is shown only when a webhook is
 * created and when its secret is rotated.
 */
export const webhooksAdminRoutes: AdminRoutes = ({ route, services }) => {
  route({
    method: 'GET',
    url: '/webhooks',
    tag,
    summary: 'List webhooks',
    access,
    response: listOf('webhooks', webhookSchema),
    handler: async () => {
      const webhooks = await services.webhooks.list();
      return { webhooks, meta: { pagination: { next: null, limit: webhooks.length } } };
    },
  });
  route({
    method: 'POST',
    url: '/webhooks',
    tag,
    summary: 'Create a webhook (the answer shows its signing secret, once)',
    access,
    body: webhookCreateSchema,
    response: webhookWithSecretSchema,
    successStatus: 201,
    handler: ({ body }) => services.webhooks.create(body),
  });
  route({
    method: 'GET',
    url: '/webhooks/:id',
    tag,
    summary: 'Read a webhook',
    access,
    params: idParamsSchema,
    response: z.object({ webhook: webhookSchema }),
    handler: async ({ params }) => ({ webhook: await services.webhooks.get(params.id) }),
  });
  route({
    method: 'PATCH',
    url: '/webhooks/:id',
    tag,
    summary: 'Change a webhook’s name, URL, event types or whether it is active',
    access,
    params: idParamsSchema,
    body: webhookUpdateSchema,
    response: z.object({ webhook: webhookSchema }),
    handler: async ({ params, body }) => ({
      webhook: await services.webhooks.update(params.id, body),
    }),
  });
  route({
    method: 'DELETE',
    url: '/webhooks/:id',
    tag,
    summary: 'Delete a webhook and its deliveries',
    access,
    params: idParamsSchema,
    successStatus: 204,
    handler: async ({ params }) => {
      await services.webhooks.remove(params.id);
    },
  });
  route({
    method: 'POST',
    url: '/webhooks/:id/rotate-secret',
    tag,
    summary: 'Replace a webhook’s signing secret (the answer shows the new one, once)',
    access,
    params: idParamsSchema,
    response: webhookWithSecretSchema,
    handler: ({ params }) => services.webhooks.rotateSecret(params.id),
  });
  route({
    method: 'GET',
    url: '/webhooks/:id/deliveries',
    tag,
    summary: 'List a webhook’s deliveries, newest first',
    access,
    params: idParamsSchema,
    query: webhookDeliveriesQuerySchema,
    response: listOf('deliveries', webhookDeliverySchema),
    handler: async ({ params, query }) => {
      const page = await services.webhooks.deliveries(params.id, {
        limit: query.limit,
        cursor: query.cursor,
      });
      return {
        deliveries: page.items,
        meta: { pagination: { next: page.next, limit: query.limit } },
      };
    },
  });
  route({
    method: 'POST',
    url: '/webhooks/:id/deliveries/:deliveryId/redeliver',
    tag,
    summary: 'Send a delivery again (queued now, with a fresh set of attempts)',
    access,
    params: webhookDeliveryParamsSchema,
    response: z.object({ delivery: webhookDeliverySchema }),
    successStatus: 202,
    handler: async ({ params }) => ({
      delivery: await services.webhooks.redeliver(params.id, params.deliveryId),
    }),
  });
};
