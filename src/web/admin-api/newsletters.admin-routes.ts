import { z } from 'zod';
import { notFound } from '../../platform/errors.js';
import { idParamsSchema, listOf } from '../../shared/contracts/common.js';
import {
  newsletterCreateSchema,
  newsletterSchema,
  newsletterUpdateSchema,
} from '../../shared/contracts/newsletters.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { AdminRoutes } from './admin-api.js';

const withCount = newsletterSchema.extend({
  /** Members subscribed now. */
  subscriberCount: z.number().int(),
});

/** Newsletters (lists): everyone who publishes sees them; administrators shape them. */
export const newslettersAdminRoutes: AdminRoutes<ServicesOf<'newsletters'>> = ({
  route,
  services,
}) => {
  const tag = 'Newsletters';
  const counted = async <T extends { id: string }>(lists: T[]) => {
    const counts = await services.newsletters.subscriberCounts();
    return lists.map((list) => ({ ...list, subscriberCount: counts.get(list.id) ?? 0 }));
  };
  route({
    method: 'GET',
    url: '/newsletters',
    tag,
    summary: 'List newsletters (archived ones too) with their subscriber counts',
    access: 'newsletters.read',
    response: listOf('newsletters', withCount),
    handler: async () => {
      const newsletters = await counted(await services.newsletters.list({ includeArchived: true }));
      return { newsletters, meta: { pagination: { next: null, limit: newsletters.length } } };
    },
  });
  route({
    method: 'POST',
    url: '/newsletters',
    tag,
    summary: 'Create a newsletter',
    access: 'newsletters.manage',
    body: newsletterCreateSchema,
    response: z.object({ newsletter: withCount }),
    successStatus: 201,
    handler: async ({ body }) => {
      const [newsletter] = await counted([await services.newsletters.create(body)]);
      return { newsletter: newsletter! };
    },
  });
  route({
    method: 'GET',
    url: '/newsletters/:id',
    tag,
    summary: 'Read a newsletter',
    access: 'newsletters.read',
    params: idParamsSchema,
    response: z.object({ newsletter: withCount }),
    handler: async ({ params }) => {
      const found = await services.newsletters.byId(params.id);
      if (!found) throw notFound('Newsletter');
      const [newsletter] = await counted([found]);
      return { newsletter: newsletter! };
    },
  });
  route({
    method: 'PATCH',
    url: '/newsletters/:id',
    tag,
    summary:
      'Edit a newsletter (name, slug, description, sender, audience, default, design, order); archive it with status',
    access: 'newsletters.manage',
    params: idParamsSchema,
    body: newsletterUpdateSchema,
    response: z.object({ newsletter: withCount }),
    handler: async ({ params, body }) => {
      const [newsletter] = await counted([await services.newsletters.update(params.id, body)]);
      return { newsletter: newsletter! };
    },
  });
};
