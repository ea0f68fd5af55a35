import type { FastifyRequest } from 'fastify';
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
import { noContent } from '../api-route.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { AdminRoutes } from './admin-api.js';
import { actorOf } from './authenticate.js';
import { requestMeta } from './staff-route-helpers.js';

const tag = 'Webhooks';
const access = 'webhooks.manage';

/**
 * Outgoing webhooks, for administrators. The signing secret is shown only when a webhook is
 * created and when its secret is rotated. Every change is audited: a webhook sends members' and
 * drafts' data to an outside address, so who pointed it where must be on record.
 */
export const webhooksAdminRoutes: AdminRoutes<ServicesOf<'audit' | 'webhooks'>> = ({
  route,
  services,
}) => {
  const audit = (
    request: FastifyRequest,
    action: string,
    webhookId: string,
    details?: Record<string, unknown>,
  ) =>
    services.audit.log({
      actor: actorOf(request).label,
      action,
      subjectType: 'webhook',
      subjectId: webhookId,
      ...(details ? { details } : {}),
      ip: requestMeta(request).ip,
    });

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
    handler: async ({ body, request }) => {
      const created = await services.webhooks.create(body);
      const { webhook } = created;
      await audit(request, 'webhook.created', webhook.id, {
        name: webhook.name,
        // The host only: a URL's path or query is often itself a credential (Slack, Zapier…).
        host: new URL(webhook.url).host,
        events: webhook.events,
      });
      return created;
    },
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
    handler: async ({ params, body, request }) => {
      const webhook = await services.webhooks.update(params.id, body);
      await audit(request, 'webhook.changed', webhook.id, { keys: Object.keys(body) });
      return { webhook };
    },
  });
  route({
    method: 'DELETE',
    url: '/webhooks/:id',
    tag,
    summary: 'Delete a webhook and its deliveries',
    access,
    params: idParamsSchema,
    response: noContent,
    successStatus: 204,
    handler: async ({ params, request }) => {
      await services.webhooks.remove(params.id);
      await audit(request, 'webhook.deleted', params.id);
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
    handler: async ({ params, request }) => {
      const rotated = await services.webhooks.rotateSecret(params.id);
      await audit(request, 'webhook.secret_rotated', params.id);
      return rotated;
    },
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
