import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { safeReturnPath } from '../../../features/member-auth/index.js';
import { isAppError } from '../../../platform/errors.js';
import { namedProblem } from '../components/form-field.js';
import {
  tickedNewsletterIds,
  withNewsletterBoxes,
  type NewsletterChoice,
} from '../components/newsletter-choices.js';
import {
  renderCheckEmailPage,
  renderConfirmPage,
  renderLinkProblemPage,
  renderSignInPage,
} from './membership-pages.js';
import { memberSessionCookie, clearedMemberCookie } from './member-cookie.js';
import type { MembershipDeps, MembershipServices } from './membership-deps.js';
import {
  assertFormToken,
  formTokenField,
  parseForm,
  parseQuery,
  privatePage,
} from './reader-forms.js';

const short = (max: number) => z.string().max(max);

const signInQuery = z
  .object({ returnTo: short(500).optional(), campaign: short(64).optional() })
  .loose();
const signInForm = withNewsletterBoxes({
  email: short(1000),
  returnTo: short(500).optional(),
  campaignId: short(64).optional(),
  /** The last story read (the page's script fills it from sessionStorage; empty without). */
  fromStory: short(300).optional(),
  /** Present when the form offered newsletter boxes (unticked boxes send nothing). */
  newsletterChoice: z.literal('1').optional(),
});
const tokenQuery = z.object({ token: short(200).optional() }).loose();
const tokenForm = z.strictObject({ token: short(200) });
const csrfForm = z.strictObject({ csrf: formTokenField });

/**
 * Magic-link sign-in (which is also how a reader joins) and signing out. Registered in the
 * reader-forms scope: every POST here has passed the same-origin check before it runs.
 */
export function registerSignInRoutes(
  scope: FastifyInstance,
  deps: MembershipDeps<Pick<MembershipServices, 'memberAuth'>>,
): void {
  const { publicUrl, members } = deps;
  const { memberAuth } = deps.services;
  const { isProduction } = members;

  /**
   * The lists a new member may tick while joining: every active one open to free members (the
   * site context has them, as every page's footer does).
   */
  const joinChoices = async (ticked?: ReadonlySet<string>): Promise<NewsletterChoice[]> =>
    (await deps.site()).newsletters
      .filter((newsletter) => newsletter.audience !== 'paid')
      .map((newsletter) => ({
        newsletter,
        isChecked: ticked ? ticked.has(newsletter.id) : newsletter.subscribeOnSignup,
        mayJoin: true,
      }));

  scope.get('/signin/', async (request, reply) => {
    const query = parseQuery(signInQuery, request);
    const html = renderSignInPage({
      site: await deps.site(),
      returnTo: safeReturnPath(query.returnTo),
      campaignId: query.campaign,
      newsletterChoices: await joinChoices(),
    });
    return privatePage(reply).send(html);
  });

  scope.post('/signin/', async (request, reply) => {
    const form = parseForm(signInForm, request);
    try {
      await memberAuth.requestLink({
        email: form.email,
        ip: request.ip,
        publicUrl,
        returnTo: form.returnTo,
        campaignId: form.campaignId,
        fromStory: form.fromStory || undefined,
        newsletters: form.newsletterChoice
          ? { ids: tickedNewsletterIds(form), source: 'signup' }
          : undefined,
      });
    } catch (error) {
      if (!isAppError(error) || error.status !== 400) throw error;
      const html = renderSignInPage({
        site: await deps.site(),
        email: form.email,
        returnTo: safeReturnPath(form.returnTo),
        campaignId: form.campaignId,
        newsletterChoices: await joinChoices(new Set(tickedNewsletterIds(form))),
        problem: namedProblem('Email address', error.problems[0]?.message ?? error.message),
      });
      return privatePage(reply, 400).send(html);
    }
    return privatePage(reply).send(renderCheckEmailPage({ site: await deps.site() }));
  });

  // Opening the link only shows a button: link scanners in mail systems fetch with GET.
  scope.get('/signin/confirm', async (request, reply) => {
    const { token } = parseQuery(tokenQuery, request);
    const site = await deps.site();
    // The token stays out of referrers sent to other sites; `same-origin` (unlike `no-referrer`)
    // still lets the browser name our origin on the form's POST (see same-origin.ts).
    void reply.header('referrer-policy', 'same-origin');
    if (!token)
      return privatePage(reply, 400).send(
        renderLinkProblemPage({ site, message: 'This link is incomplete. Ask for a new one.' }),
      );
    return privatePage(reply).send(renderConfirmPage({ site, token }));
  });

  scope.post('/signin/confirm', async (request, reply) => {
    const { token } = parseForm(tokenForm, request);
    let result;
    try {
      result = await memberAuth.confirm(token);
    } catch (error) {
      if (!isAppError(error) || (error.status !== 400 && error.status !== 409)) throw error;
      const html = renderLinkProblemPage({ site: await deps.site(), message: error.message });
      return privatePage(reply, error.status).send(html);
    }
    // Whoever was signed in on this browser before is signed out of it.
    const previous = await members.session(request, reply);
    if (previous) await memberAuth.signOut(previous.sessionId);
    const target =
      result.purpose === 'change_email'
        ? '/account/?notice=email-changed'
        : (result.returnTo ?? '/account/');
    return reply
      .header('set-cookie', memberSessionCookie({ isProduction, value: result.sessionSecret }))
      .header('cache-control', 'private, no-store')
      .redirect(target, 303);
  });

  scope.post('/signout/', async (request, reply) => {
    const form = parseForm(csrfForm, request);
    const current = await members.signedIn(request, reply);
    if (current) {
      assertFormToken(current.secret, form.csrf);
      await memberAuth.signOut(current.session.sessionId);
    }
    return reply
      .header('set-cookie', clearedMemberCookie(isProduction))
      .header('cache-control', 'private, no-store')
      .redirect('/', 303);
  });
}
