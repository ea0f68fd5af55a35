import type { FastifyInstance } from 'fastify';
import type { Services } from '../../src/runtime/services.js';
import { tokenHeaders } from './test-runtime.js';

const paragraph = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

/** Published stories made through the Admin API: their ids and paths (`/<slug>/`). */
export async function publishStories(
  app: FastifyInstance,
  services: Services,
  titles: readonly string[],
): Promise<Array<{ id: string; path: string; slug: string }>> {
  const editor = await tokenHeaders(services, 'editor');
  const { author } = await services.staff.create({
    email: `reporter-${Math.random().toString(36).slice(2)}@example.org`,
    name: 'Iva Reporter',
    role: 'author',
    password: 'a long password 1',
  });
  const stories = [];
  for (const title of titles) {
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/posts',
      headers: editor,
      payload: { title, authorIds: [author.id], body: paragraph(`${title}: the text.`) },
    });
    const { post } = created.json() as { post: { id: string; slug: string } };
    await app.inject({
      method: 'POST',
      url: `/api/admin/v1/posts/${post.id}/publish`,
      headers: editor,
    });
    stories.push({ id: post.id, slug: post.slug, path: `/${post.slug}/` });
  }
  return stories;
}

/** Posts a beacon as a browser's sendBeacon would (text/plain), from an address and agent. */
export function sendBeacon(
  app: FastifyInstance,
  hit: {
    path: string;
    referrer?: string;
    ip: string;
    userAgent: string;
    headers?: Record<string, string>;
  },
) {
  return app.inject({
    method: 'POST',
    url: '/api/hit',
    remoteAddress: hit.ip,
    headers: {
      'content-type': 'text/plain;charset=UTF-8',
      'user-agent': hit.userAgent,
      ...hit.headers,
    },
    payload: JSON.stringify({
      path: hit.path,
      ...(hit.referrer ? { referrer: hit.referrer } : {}),
    }),
  });
}
