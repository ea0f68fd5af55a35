import { z } from 'zod';
import { notFound } from '../../platform/errors.js';
import { idParamsSchema, listOf } from '../../shared/contracts/common.js';
import { tagCreateSchema, tagSchema, tagUpdateSchema } from '../../shared/contracts/tags.js';
import { noContent } from '../api-route.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { AdminRoutes } from './admin-api.js';

/** Sections and tags. Reading is open to all staff; managing them is for editors and above. */
export const tagsAdminRoutes: AdminRoutes<ServicesOf<'tags'>> = ({ route, services }) => {
  const tag = 'Tags';
  route({
    method: 'GET',
    url: '/tags',
    tag,
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
    tag,
    summary: 'Create a section or tag',
    access: 'tags.manage',
    body: tagCreateSchema,
    response: z.object({ tag: tagSchema }),
    successStatus: 201,
    handler: async ({ body }) => ({ tag: await services.tags.create(body) }),
  });
  route({
    method: 'GET',
    url: '/tags/:id',
    tag,
    summary: 'Read a section or tag',
    access: 'tags.read',
    params: idParamsSchema,
    response: z.object({ tag: tagSchema }),
    handler: async ({ params }) => {
      const found = await services.tags.byId(params.id);
      if (!found) throw notFound('Tag');
      return { tag: found };
    },
  });
  route({
    method: 'PATCH',
    url: '/tags/:id',
    tag,
    summary:
      'Edit a section or tag (name, slug, description, image, navigation); a new slug must be unique',
    access: 'tags.manage',
    params: idParamsSchema,
    body: tagUpdateSchema,
    response: z.object({ tag: tagSchema }),
    handler: async ({ params, body }) => ({ tag: await services.tags.update(params.id, body) }),
  });
  route({
    method: 'DELETE',
    url: '/tags/:id',
    tag,
    summary: 'Delete a section or tag; posts that carried it lose it',
    access: 'tags.manage',
    params: idParamsSchema,
    response: noContent,
    successStatus: 204,
    handler: async ({ params }) => {
      await services.tags.remove(params.id);
    },
  });
};
