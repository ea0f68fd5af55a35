import { z } from 'zod';
import { idParamsSchema } from '../../shared/contracts/common.js';
import {
  liveCoverageSchema,
  liveUpdateCreateSchema,
  liveUpdateDeleteQuerySchema,
  liveUpdateParamsSchema,
  liveUpdatePatchSchema,
  liveUpdateSchema,
} from '../../shared/contracts/live.js';
import type { ServicesOf } from '../../runtime/services.js';
import { noContent } from '../api-route.js';
import type { AdminRoutes } from './admin-api.js';
import { actorOf } from './authenticate.js';

const updateResponse = z.object({ update: liveUpdateSchema });

/** Live blogs: updates posted to a post of kind `live` (issue #16), and the end of its coverage. */
export const liveAdminRoutes: AdminRoutes<ServicesOf<'live' | 'posts'>> = ({ route, services }) => {
  const { live, posts } = services;
  const tag = 'Live';

  route({
    method: 'GET',
    url: '/posts/:id/updates',
    tag,
    summary: "A live page's updates, newest first (removed ones included), and its coverage",
    access: 'posts.read',
    params: idParamsSchema,
    response: z.object({ updates: z.array(liveUpdateSchema), coverage: liveCoverageSchema }),
    handler: async ({ params, request }) => {
      await posts.get(actorOf(request), params.id);
      const [updates, coverage] = await Promise.all([
        live.updatesOf(params.id),
        live.coverage(params.id),
      ]);
      return { updates, coverage };
    },
  });

  route({
    method: 'POST',
    url: '/posts/:id/updates',
    tag,
    summary: 'Post an update to a live page (any author or above: live pages are collaborative)',
    access: 'live.post',
    params: idParamsSchema,
    body: liveUpdateCreateSchema,
    response: updateResponse,
    successStatus: 201,
    handler: async ({ params, body, request }) => ({
      update: await live.post(actorOf(request), params.id, body),
    }),
  });

  route({
    method: 'PATCH',
    url: '/posts/:id/updates/:updateId',
    tag,
    summary:
      "Change an update (body, pinned, keyEvent) at the `version` read (409 when stale); editors change others' updates",
    access: 'live.post',
    params: liveUpdateParamsSchema,
    body: liveUpdatePatchSchema,
    response: updateResponse,
    handler: async ({ params, body, request }) => ({
      update: await live.edit(actorOf(request), params.id, params.updateId, body),
    }),
  });

  route({
    method: 'DELETE',
    url: '/posts/:id/updates/:updateId',
    tag,
    summary:
      'Remove an update; on a published page it leaves "An update was removed at …" (with `note`, if given)',
    access: 'live.post',
    params: liveUpdateParamsSchema,
    query: liveUpdateDeleteQuerySchema,
    response: noContent,
    successStatus: 204,
    handler: async ({ params, query, request }) => {
      await live.remove(actorOf(request), params.id, params.updateId, { note: query.note });
      return undefined;
    },
  });

  route({
    method: 'POST',
    url: '/posts/:id/end',
    tag,
    summary: 'End coverage of a live page ("This live page has ended")',
    access: 'live.post',
    params: idParamsSchema,
    response: z.object({ coverage: liveCoverageSchema }),
    handler: async ({ params, request }) => ({
      coverage: await live.end(actorOf(request), params.id),
    }),
  });
};
