import { z } from 'zod';
import type { ServicesOf } from '../../../runtime/services.js';
import { parseInput } from '../../http-input.js';
import { webArea } from '../../web-area.js';
import type { SiteContext } from '../site-context.js';
import { privatePage } from '../membership/reader-forms.js';
import {
  renderBadUnsubscribeLinkPage,
  renderUnsubscribePage,
  renderUnsubscribedPage,
} from './unsubscribe-pages.js';

const tokenQuery = z.object({ t: z.string().max(300).optional() }).loose();

export interface UnsubscribeOptions {
  services: ServicesOf<'unsubscribe'>;
  site: () => Promise<SiteContext>;
}

/**
 * `/unsubscribe/?t=…`, the List-Unsubscribe URL of every newsletter email (RFC 8058).
 *
 * GET shows one button and changes nothing. POST unsubscribes with no cookie and no CSRF token:
 * the signed token is the proof, and a mail provider's one-click POST comes from its servers
 * with whatever body encoding it likes (RFC 8058 names urlencoded and multipart). So this area
 * is deliberately outside the reader-forms scope and its same-origin rule — the one exception,
 * listed in docs/security.md — and reads no body at all.
 */
export const unsubscribeRoutes = webArea<UnsubscribeOptions>((scope, options) => {
  const { services } = options;
  // Any body is accepted and ignored (bounded): the token in the URL decides.
  scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 4096 }, (_req, _body, done) =>
    done(null, {}),
  );

  scope.get('/unsubscribe/', async (request, reply) => {
    const { t } = parseInput(tokenQuery, request.query);
    const site = await options.site();
    // The token stays out of referrers sent to other sites.
    void reply.header('referrer-policy', 'same-origin');
    const view = t ? await services.unsubscribe.view(t) : undefined;
    if (!t || !view) return privatePage(reply, 400).send(renderBadUnsubscribeLinkPage({ site }));
    return privatePage(reply).send(renderUnsubscribePage({ site, token: t, view }));
  });

  scope.post('/unsubscribe/', async (request, reply) => {
    const { t } = parseInput(tokenQuery, request.query);
    const site = await options.site();
    const newsletter = t ? await services.unsubscribe.unsubscribe(t) : undefined;
    if (!newsletter) return privatePage(reply, 400).send(renderBadUnsubscribeLinkPage({ site }));
    return privatePage(reply).send(renderUnsubscribedPage({ site, name: newsletter.name }));
  });
});
