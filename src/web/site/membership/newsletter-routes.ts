import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { formTokenFor } from '../../../features/member-auth/index.js';
import { isAppError } from '../../../platform/errors.js';
import { namedProblem } from '../components/form-field.js';
import {
  tickedNewsletterIds,
  withNewsletterBoxes,
  type NewsletterChoice,
} from '../components/newsletter-choices.js';
import type { MembershipDeps, MembershipServices } from './membership-deps.js';
import { renderConfirmSubscriptionPage, renderNewslettersPage } from './newsletter-pages.js';
import {
  assertFormToken,
  formTokenField,
  parseForm,
  parseQuery,
  privatePage,
} from './reader-forms.js';

/** The sign-up form: the email (signed out), the CSRF token (signed in), where it was, and boxes. */
export const newsletterSignupForm = withNewsletterBoxes({
  email: z.string().max(1000).optional(),
  csrf: formTokenField,
  /** Where the form was: the page itself or the block after a story. */
  source: z.enum(['newsletters-page', 'story-page']).optional(),
});

const noticeQuery = z.object({ notice: z.string().max(40).optional() }).loose();

const notices: Record<string, string> = {
  saved: 'Your newsletters are saved.',
};

/**
 * /newsletters/ (issue #13): the lists and the sign-up form. Registered in the reader-forms scope,
 * so its POST passed the same-origin check before it runs.
 */
export function registerNewsletterRoutes(
  scope: FastifyInstance,
  deps: MembershipDeps<Pick<MembershipServices, 'memberAuth' | 'newsletters'>>,
): void {
  const { services, publicUrl, members } = deps;

  /** Every active list; for a signed-out reader the default ones are ticked. */
  const publicChoices = async (ticked?: ReadonlySet<string>): Promise<NewsletterChoice[]> =>
    // The active lists, as the site context keeps them (no query per page view).
    (await deps.site()).newsletters.map((newsletter) => ({
      newsletter,
      isChecked: ticked ? ticked.has(newsletter.id) : newsletter.subscribeOnSignup,
      // Signed out, a reader joins as a free member: paid lists are shown, not offered.
      mayJoin: newsletter.audience !== 'paid',
    }));

  const memberChoices = async (memberId: string): Promise<NewsletterChoice[]> =>
    (await services.newsletters.forMember(memberId)).map((each) => ({
      newsletter: each.newsletter,
      isChecked: each.isSubscribed,
      mayJoin: each.mayJoin,
    }));

  const page = async (
    reply: FastifyReply,
    input: Omit<Parameters<typeof renderNewslettersPage>[0], 'site'>,
    status = 200,
  ) =>
    privatePage(reply, status).send(renderNewslettersPage({ site: await deps.site(), ...input }));

  scope.get('/newsletters/', async (request, reply) => {
    const { notice } = parseQuery(noticeQuery, request);
    const current = await members.signedIn(request, reply);
    if (current)
      return page(reply, {
        choices: await memberChoices(current.session.member.id),
        member: { email: current.session.member.email, formToken: formTokenFor(current.secret) },
        notice: notice ? notices[notice] : undefined,
      });
    const html = renderNewslettersPage({ site: await deps.site(), choices: await publicChoices() });
    // The same page for every signed-out reader: a shared cache may keep it briefly.
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'public, max-age=0, s-maxage=60')
      .header('vary', 'Cookie')
      .send(html);
  });

  scope.post('/newsletters/', async (request, reply) => {
    const form = parseForm(newsletterSignupForm, request);
    const ticked = tickedNewsletterIds(form);
    const current = await members.signedIn(request, reply);
    if (current) {
      assertFormToken(current.secret, form.csrf);
      await services.newsletters.setSelection({
        memberId: current.session.member.id,
        newsletterIds: ticked,
        source: form.source ?? 'newsletters-page',
      });
      return reply
        .header('cache-control', 'private, no-store')
        .redirect('/newsletters/?notice=saved', 303);
    }
    const lists = (await deps.site()).newsletters.filter((l) => ticked.includes(l.id));
    const again = async (problems: { email?: string; newsletters?: string }) =>
      page(
        reply,
        { choices: await publicChoices(new Set(ticked)), email: form.email, problems },
        400,
      );
    if (lists.length === 0) return again({ newsletters: 'Choose at least one newsletter.' });
    try {
      await services.memberAuth.requestLink({
        email: form.email ?? '',
        ip: request.ip,
        publicUrl,
        returnTo: '/newsletters/?notice=saved',
        newsletters: { ids: lists.map((l) => l.id), source: form.source ?? 'newsletters-page' },
      });
    } catch (error) {
      if (!isAppError(error) || error.status !== 400) throw error;
      return again({
        email: namedProblem('Email address', error.problems[0]?.message ?? error.message),
      });
    }
    return privatePage(reply).send(
      renderConfirmSubscriptionPage({ site: await deps.site(), names: lists.map((l) => l.name) }),
    );
  });
}
