import { z } from 'zod';
import { notFound } from '../../platform/errors.js';
import {
  authorInputSchema,
  authorSchema,
  authorUpdateSchema,
} from '../../shared/contracts/authors.js';
import { idParamsSchema, listOf } from '../../shared/contracts/common.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { AdminRoutes } from './admin-api.js';

/** Bylines: staff profiles and desk bylines such as "News desk". Editors manage them. */
export const authorsAdminRoutes: AdminRoutes<ServicesOf<'authors'>> = ({ route, services }) => {
  route({
    method: 'GET',
    url: '/authors',
    tag: 'Authors',
    summary: 'List bylines',
    access: 'authors.read',
    response: listOf('authors', authorSchema),
    handler: async () => {
      const authors = await services.authors.list();
      return { authors, meta: { pagination: { next: null, limit: authors.length } } };
    },
  });
  route({
    method: 'POST',
    url: '/authors',
    tag: 'Authors',
    summary: 'Create a byline that is not a staff account (a desk, a guest writer)',
    access: 'authors.manage',
    body: authorInputSchema,
    response: z.object({ author: authorSchema }),
    successStatus: 201,
    handler: async ({ body }) => ({ author: await services.authors.create(body) }),
  });
  route({
    method: 'GET',
    url: '/authors/:id',
    tag: 'Authors',
    summary: 'Read a byline',
    access: 'authors.read',
    params: idParamsSchema,
    response: z.object({ author: authorSchema }),
    handler: async ({ params }) => {
      const author = await services.authors.byId(params.id);
      if (!author) throw notFound('Author');
      return { author };
    },
  });
  route({
    method: 'PATCH',
    url: '/authors/:id',
    tag: 'Authors',
    summary: 'Edit a byline’s public profile',
    access: 'authors.manage',
    params: idParamsSchema,
    body: authorUpdateSchema,
    response: z.object({ author: authorSchema }),
    handler: async ({ params, body }) => ({
      author: await services.authors.update(params.id, body),
    }),
  });
};
