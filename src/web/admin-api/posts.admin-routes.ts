import { z } from 'zod';
import { idParamsSchema, idSchema, listOf } from '../../shared/contracts/common.js';
import {
  correctionCreateSchema,
  correctionSchema,
  postBulkSchema,
  postCreateSchema,
  postDeleteQuerySchema,
  postListQuerySchema,
  postPublishSchema,
  postScheduleSchema,
  postSchema,
  postUpdateSchema,
  revisionDiffSchema,
  revisionSchema,
  revisionSummarySchema,
} from '../../shared/contracts/posts.js';
import { postBriefCreateSchema } from '../../shared/contracts/post-briefs.js';
import { actorOf } from './authenticate.js';
import { withStoryEmail } from './story-email.js';
import { noContent } from '../api-route.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { AdminRoutes } from './admin-api.js';

const postResponse = z.object({ post: postSchema });
const revisionParams = z.strictObject({ id: idSchema, revisionId: idSchema });
const diffQuery = z.strictObject({ from: idSchema, to: idSchema });

export const postsAdminRoutes: AdminRoutes<ServicesOf<'posts' | 'emails'>> = ({
  route,
  services,
}) => {
  const { posts } = services;
  const tag = 'Posts';

  route({
    method: 'GET',
    url: '/posts',
    tag,
    summary:
      'List posts (filter by status, kind, author, tag, text, updatedSince; cursor pagination)',
    access: 'posts.read',
    query: postListQuerySchema,
    response: listOf('posts', postSchema),
    handler: async ({ query, request }) => {
      // Below editor, others' unpublished stories are filtered out in the query itself.
      const page = await posts.list(actorOf(request), query);
      return { posts: page.items, meta: { pagination: { next: page.next, limit: query.limit } } };
    },
  });

  route({
    method: 'POST',
    url: '/posts',
    tag,
    summary: 'Create a post (as a draft)',
    access: 'posts.create',
    body: postCreateSchema,
    response: postResponse,
    successStatus: 201,
    handler: async ({ body, request }) => ({ post: await posts.create(actorOf(request), body) }),
  });

  route({
    method: 'POST',
    url: '/posts/briefs',
    tag,
    summary:
      'Post a News Feed brief in one call: created and published, or submitted for review when the role may not publish',
    access: 'posts.create',
    body: postBriefCreateSchema,
    response: postResponse,
    successStatus: 201,
    handler: async ({ body, request }) => ({ post: await posts.postBrief(actorOf(request), body) }),
  });

  route({
    method: 'GET',
    url: '/posts/:id',
    tag,
    summary: 'Read a post',
    access: 'posts.read',
    params: idParamsSchema,
    response: postResponse,
    handler: async ({ params, request }) => {
      return { post: await posts.get(actorOf(request), params.id) };
    },
  });

  route({
    method: 'PATCH',
    url: '/posts/:id',
    tag,
    summary:
      'Update a post; `version` must be the version edited (409 when someone saved meanwhile)',
    access: 'posts.edit.own',
    params: idParamsSchema,
    body: postUpdateSchema,
    response: postResponse,
    handler: async ({ params, body, request }) => ({
      post: await posts.update(actorOf(request), params.id, body),
    }),
  });

  route({
    method: 'DELETE',
    url: '/posts/:id',
    tag,
    summary:
      'Delete a post (a published one answers 409 unless `unpublishFirst=true`: then it is unpublished and deleted in one transaction)',
    access: 'posts.delete.own',
    params: idParamsSchema,
    query: postDeleteQuerySchema,
    response: noContent,
    successStatus: 204,
    handler: async ({ params, query, request }) => {
      await posts.delete(actorOf(request), params.id, {
        unpublishFirst: query.unpublishFirst === 'true',
      });
      return undefined;
    },
  });

  route({
    method: 'POST',
    url: '/posts/:id/duplicate',
    tag,
    summary: 'Duplicate a post as a new draft (“Copy of …”)',
    access: 'posts.create',
    params: idParamsSchema,
    response: postResponse,
    successStatus: 201,
    handler: async ({ params, request }) => ({
      post: await posts.duplicate(actorOf(request), params.id),
    }),
  });

  route({
    method: 'POST',
    url: '/posts/bulk',
    tag,
    summary:
      'One action over many posts (unpublish, delete, addTags, setAuthors): all role checks first, then one transaction',
    access: 'posts.edit.own',
    body: postBulkSchema,
    response: z.object({
      posts: z.array(postSchema),
      deletedIds: z.array(z.string()),
      skippedIds: z.array(z.string()),
    }),
    handler: async ({ body, request }) => posts.bulk(actorOf(request), body),
  });

  route({
    method: 'POST',
    url: '/posts/:id/publish',
    tag,
    summary:
      'Publish now; with `email`, also email the story (at most once) to a newsletter’s subscribers in a segment',
    access: 'posts.publish.own',
    params: idParamsSchema,
    body: postPublishSchema,
    response: postResponse,
    handler: async ({ params, body, request }) => {
      const actor = actorOf(request);
      return {
        post: await withStoryEmail(services.emails, actor, params.id, body?.email, () =>
          posts.publish(actor, params.id),
        ),
      };
    },
  });

  const transition = (
    name: 'unpublish' | 'submit',
    summary: string,
    access: 'posts.publish.own' | 'posts.submit.own',
  ) =>
    route({
      method: 'POST',
      url: `/posts/:id/${name}`,
      tag,
      summary,
      access,
      params: idParamsSchema,
      response: postResponse,
      handler: async ({ params, request }) => {
        const post = await posts[name](actorOf(request), params.id);
        // A scheduled story taken down no longer goes out by email when its time comes.
        if (name === 'unpublish') await services.emails.withdrawForPost(params.id);
        return { post };
      },
    });
  transition('unpublish', 'Take a published or scheduled post down', 'posts.publish.own');
  transition('submit', 'Submit a draft for review', 'posts.submit.own');

  route({
    method: 'POST',
    url: '/posts/:id/schedule',
    tag,
    summary:
      'Schedule publication at a future time; with `email`, the story is emailed when it goes live',
    access: 'posts.publish.own',
    params: idParamsSchema,
    body: postScheduleSchema,
    response: postResponse,
    handler: async ({ params, body, request }) => {
      const actor = actorOf(request);
      return {
        post: await withStoryEmail(services.emails, actor, params.id, body.email, () =>
          posts.schedule(actor, params.id, body.at),
        ),
      };
    },
  });

  route({
    method: 'POST',
    url: '/posts/:id/corrections',
    tag,
    summary: 'Add a correction, clarification or update to the story’s log',
    access: 'posts.edit.own',
    params: idParamsSchema,
    body: correctionCreateSchema,
    response: z.object({ correction: correctionSchema }),
    successStatus: 201,
    handler: async ({ params, body, request }) => ({
      correction: await posts.addCorrection(actorOf(request), params.id, body),
    }),
  });

  route({
    method: 'GET',
    url: '/posts/:id/revisions',
    tag,
    summary: 'List a post’s revisions, newest first',
    access: 'posts.read',
    params: idParamsSchema,
    response: z.object({ revisions: z.array(revisionSummarySchema) }),
    handler: async ({ params, request }) => {
      await posts.get(actorOf(request), params.id);
      return { revisions: await posts.revisions.list(params.id) };
    },
  });

  route({
    method: 'GET',
    url: '/posts/:id/revisions/diff',
    tag,
    summary: 'Compare two revisions',
    access: 'posts.read',
    params: idParamsSchema,
    query: diffQuery,
    response: revisionDiffSchema,
    handler: async ({ params, query, request }) => {
      await posts.get(actorOf(request), params.id);
      return posts.revisions.diff(params.id, query.from, query.to);
    },
  });

  route({
    method: 'GET',
    url: '/posts/:id/revisions/:revisionId',
    tag,
    summary: 'Read one revision',
    access: 'posts.read',
    params: revisionParams,
    response: z.object({ revision: revisionSchema }),
    handler: async ({ params, request }) => {
      await posts.get(actorOf(request), params.id);
      const revision = await posts.revisions.get(params.id, params.revisionId);
      return { revision: { ...revision, snapshot: { ...revision.snapshot } } };
    },
  });

  route({
    method: 'POST',
    url: '/posts/:id/revisions/:revisionId/restore',
    tag,
    summary: 'Restore a revision as a new version',
    access: 'posts.edit.own',
    params: revisionParams,
    response: postResponse,
    handler: async ({ params, request }) => ({
      post: await posts.revisions.restore(actorOf(request), params.id, params.revisionId),
    }),
  });
};
