import { z } from 'zod';
import { listOf } from '../../shared/contracts/common.js';
import { tagCreateSchema, tagSchema } from '../../shared/contracts/tags.js';
import type { AdminRoutes } from './admin-api.js';

/** Sections and tags. Reading is open to all staff; managing them is for editors and above. */
export const tagsAdminRoutes: AdminRoutes = ({ route, services }) => {
  route({
    method: 'GET',
    url: '/tags',
    tag: 'Tags',
    summary: 'List sections and tags',
    access: 'tags.read',
    response: listOf('tags', tagSchema),
    handler: async () => {
      const tags = await services.tags.list();
      return { tags, meta: { pagination: { next: null, limit: tags.length } } };
    },
  });
  route({
    method: 'POST',
    url: '/tags',
    tag: 'Tags',
    summary: 'Create a section or tag',
    access: 'tags.manage',
    body: tagCreateSchema,
    response: z.object({ tag: tagSchema }),
    successStatus: 201,
    handler: async ({ body }) => ({ tag: await services.tags.create(body) }),
  });
};
