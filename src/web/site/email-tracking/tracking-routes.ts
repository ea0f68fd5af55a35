import { z } from 'zod';
import type { ServicesOf } from '../../../runtime/services.js';
import { webArea } from '../../web-area.js';
import { privatePage } from '../membership/reader-forms.js';
import type { SiteContext } from '../site-context.js';
import { renderBadTrackedLinkPage } from './tracking-pages.js';

export interface EmailTrackingOptions {
  services: ServicesOf<'emailTracking'>;
  site: () => Promise<SiteContext>;
}

/** The smallest transparent GIF (1×1, 43 bytes). */
const pixel = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

const emailIdParam = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/);
const openParams = z.object({ emailId: emailIdParam });
const clickParams = z.object({ emailId: emailIdParam, sig: z.string().min(1).max(100) });
const clickQuery = z.object({ u: z.string().min(1).max(2000) }).loose();
/** A recipient's token (per-member tracking on): checked by the service, ignored when odd. */
const memberQuery = z.object({ m: z.string().min(1).max(120) }).loose();
const memberTokenOf = (query: unknown): string | undefined => {
  const parsed = memberQuery.safeParse(query);
  return parsed.success ? parsed.data.m : undefined;
};

/**
 * Newsletter tracking (issue #13 §8), when the newsroom switches it on: `/e/<email>/open.gif`
 * (the open pixel) and `/r/<email>/<signature>?u=<url>` (a click). No cookie is read or set; the
 * counts are per email and per link, and per member only for an email sent while the newsroom
 * opted in, whose URLs carry the recipient's signed token as `m` (a forged or another email's
 * token still gets the image or the redirect, and records nothing for anyone). A click
 * redirects only to the URL the signature covers, so these URLs cannot be used as an open
 * redirect; anything else is a 400 page and counts nothing.
 */
export const emailTrackingRoutes = webArea<EmailTrackingOptions>((scope, options) => {
  const { services } = options;

  scope.get('/e/:emailId/open.gif', async (request, reply) => {
    const params = openParams.safeParse(request.params);
    if (params.success)
      await services.emailTracking.recordOpen(params.data.emailId, memberTokenOf(request.query));
    // The image is answered either way: a mail client shows nothing broken.
    return reply
      .type('image/gif')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send(pixel);
  });

  scope.get('/r/:emailId/:sig', async (request, reply) => {
    const params = clickParams.safeParse(request.params);
    const query = clickQuery.safeParse(request.query);
    const url =
      params.success && query.success
        ? await services.emailTracking.recordClick({
            emailId: params.data.emailId,
            signature: params.data.sig,
            url: query.data.u,
            memberToken: memberTokenOf(request.query),
          })
        : undefined;
    if (url === undefined) {
      const site = await options.site();
      return privatePage(reply, 400).send(renderBadTrackedLinkPage({ site }));
    }
    return (
      reply
        .code(302)
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        // Normalized (punycode host, percent-encoded path): the same address, header-safe.
        .header('location', new URL(url).href)
        .send()
    );
  });
});
