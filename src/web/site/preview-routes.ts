import { isAppError } from '../../platform/errors.js';
import type { ServicesOf } from '../../runtime/services.js';
import { staffActorFromCookie } from '../admin-api/authenticate.js';
import { webArea } from '../web-area.js';
import { renderErrorPage } from './pages/error-page.js';
import type { SiteMemos } from './site-memos.js';
import { renderStoryHtml } from './story-render.js';

export interface PreviewDeps {
  /** staffSessions: the signed-in staff member, from the admin's session cookie. */
  services: ServicesOf<'authors' | 'media' | 'posts' | 'staffSessions'>;
  memos: Pick<SiteMemos, 'context' | 'latestBriefs'>;
  isProduction: boolean;
}

/**
 * `/preview/<post id>/`: the story exactly as the site renders it, for staff who may read it,
 * whatever its status. Never cached or indexed; members-only bodies are shown in full.
 */
export const previewRoutes = webArea<PreviewDeps>((app, deps) => {
  const { services, memos } = deps;
  app.get<{ Params: { id: string } }>('/preview/:id/', async (request, reply) => {
    reply
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex')
      .type('text/html; charset=utf-8');
    const site = await memos.context.get();
    const fail = (status: number, message: string) =>
      reply.code(status).send(renderErrorPage({ status, message, site }));
    const actor = await staffActorFromCookie(services, deps.isProduction, request.headers.cookie);
    if (!actor) return fail(401, 'Sign in to the newsroom admin to preview stories.');
    const { id } = request.params;
    if (id.length > 100) return fail(404, '');
    try {
      const post = await services.posts.get(actor, id);
      const html = await renderStoryHtml(
        { services, memos },
        { site, post, audience: 'paid', isPreview: true },
      );
      return reply.code(200).send(html);
    } catch (error) {
      if (isAppError(error) && (error.status === 404 || error.status === 403))
        return fail(error.status, error.status === 403 ? error.message : '');
      throw error;
    }
  });
});
