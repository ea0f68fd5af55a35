import { z } from 'zod';
import { canRead } from '../../../features/members/index.js';
import { compilePersonalization } from '../../../features/newsletters/index.js';
import { notFound } from '../../../platform/errors.js';
import type { ServicesOf } from '../../../runtime/services.js';
import type { EmailPreparation } from '../../email/email-preparation.js';
import { renderEmail } from '../../email/render-email.js';
import { parseInput } from '../../http-input.js';
import { webArea } from '../../web-area.js';
import type { MemberResolver } from '../membership/member-resolver.js';

const params = z.object({ id: z.string().min(1).max(64) });

export interface EmailViewOptions {
  services: ServicesOf<'emails' | 'posts'> & {
    emailPreparation: Pick<EmailPreparation, 'content'>;
  };
  members: MemberResolver;
  publicUrl: string;
}

/**
 * `/email/{id}/`, every newsletter's "view in browser" link: the email as it was sent, under the
 * paywall rule (an entitled reader sees the story in full, others its teaser). Only emails that
 * have gone out, of stories still published: a scheduled story's email stays unseen until then.
 * The per-recipient links point to the account page: the page is the same for everyone.
 */
export const emailViewRoutes = webArea<EmailViewOptions>((scope, options) => {
  const { services } = options;
  const manageUrl = `${options.publicUrl.replace(/\/+$/, '')}/account/`;
  scope.get('/email/:id/', async (request, reply) => {
    const { id } = parseInput(params, request.params);
    const email = await services.emails.byId(id).catch(() => undefined);
    if (!email || email.status === 'pending') throw notFound('Email');
    const audience = await options.members.audience(request, reply);
    let access: 'full' | 'teaser' = 'full';
    if (email.postId) {
      const post = await services.posts.byId(email.postId).catch(() => undefined);
      if (!post || post.status !== 'published') throw notFound('Email');
      if (!canRead(audience, post.visibility)) access = 'teaser';
    }
    const content = await services.emailPreparation.content(email);
    const html = compilePersonalization(
      renderEmail(content, access).html,
      true,
    )({ unsubscribeUrl: manageUrl, manageUrl, memberName: '' });
    return reply
      .type('text/html; charset=utf-8')
      .header(
        'cache-control',
        audience === 'anonymous' ? 'public, max-age=0, s-maxage=300' : 'private, no-store',
      )
      .header('vary', 'Cookie')
      .header('x-robots-tag', 'noindex')
      .send(html);
  });
});
