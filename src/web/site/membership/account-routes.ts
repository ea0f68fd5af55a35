import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { formTokenFor, type MemberSession } from '../../../features/member-auth/index.js';
import { isAppError, unauthorized } from '../../../platform/errors.js';
import { namedProblem, type FieldProblem } from '../components/form-field.js';
import { tickedNewsletterIds, withNewsletterBoxes } from '../components/newsletter-choices.js';
import { clearedMemberCookie } from './member-cookie.js';
import { renderAccountDeletedPage, renderAccountPage } from './membership-pages.js';
import type { MembershipDeps } from './membership-deps.js';
import {
  assertFormToken,
  formTokenField,
  parseForm,
  parseQuery,
  privatePage,
} from './reader-forms.js';

const short = (max: number) => z.string().max(max);

const csrfForm = z.strictObject({ csrf: formTokenField });
const profileForm = z.strictObject({
  csrf: formTokenField,
  name: short(120).optional(),
  email: short(254).optional(),
});
const deleteForm = z.strictObject({ csrf: formTokenField, confirm: short(100) });
const newslettersForm = withNewsletterBoxes({ csrf: formTokenField });
const accountQuery = z.object({ notice: short(40).optional() }).loose();

/**
 * The account page and what it does: the profile and email change, sign out everywhere, the
 * data export, deletion, and Stripe's billing portal.
 *
 * CSRF: the member cookie is SameSite=Lax (browsers leave it off cross-site POSTs); every POST
 * has passed the same-origin check of the reader-forms scope; and every form here carries a
 * token derived from the session secret. Details in docs/security.md.
 */
export function registerAccountRoutes(scope: FastifyInstance, deps: MembershipDeps): void {
  const { services, publicUrl, members } = deps;
  const { memberAuth } = services;
  const { isProduction } = members;

  const toSignIn = (reply: FastifyReply, returnTo = '/account/') =>
    reply
      .header('cache-control', 'private, no-store')
      .redirect(`/signin/?returnTo=${encodeURIComponent(returnTo)}`, 303);

  const accountPage = async (
    reply: FastifyReply,
    current: { session: MemberSession; secret: string },
    extra: {
      notice?: string | undefined;
      problems?: FieldProblem[];
      typed?: { name?: string | undefined; email?: string | undefined };
      status?: number;
    } = {},
  ) => {
    const { member } = current.session;
    const [tier, gifts, heldGift, newsletters] = await Promise.all([
      member.tierId ? services.tiers.byId(member.tierId) : Promise.resolve(undefined),
      services.gifts.boughtBy(member.email),
      services.gifts.heldFor(member.id),
      services.newsletters.forMember(member.id),
    ]);
    const html = renderAccountPage({
      site: await deps.site(),
      member,
      tierName: tier?.name,
      gifts,
      heldGiftDays: Math.ceil(heldGift.seconds / 86_400),
      formToken: formTokenFor(current.secret),
      notice: extra.notice,
      problems: extra.problems,
      typed: extra.typed,
      newsletters: newsletters.map((each) => ({
        newsletter: each.newsletter,
        isChecked: each.isSubscribed,
        mayJoin: each.mayJoin,
      })),
    });
    return privatePage(reply, extra.status ?? 200).send(html);
  };

  scope.get('/account/', async (request, reply) => {
    const current = await members.signedIn(request, reply);
    if (!current) return toSignIn(reply);
    const { notice } = parseQuery(accountQuery, request);
    return accountPage(reply, current, { notice });
  });

  scope.post('/account/', async (request, reply) => {
    const form = parseForm(profileForm, request);
    const current = await members.signedIn(request, reply);
    if (!current) return toSignIn(reply);
    assertFormToken(current.secret, form.csrf);
    const { member } = current.session;
    if (form.name !== undefined && form.name.trim() !== member.name)
      current.session.member = await services.members.updateProfile(member.id, {
        name: form.name,
      });
    const email = form.email?.trim().toLowerCase();
    if (email && email !== member.email) {
      try {
        await memberAuth.requestEmailChange({
          memberId: member.id,
          email,
          ip: request.ip,
          publicUrl,
        });
      } catch (error) {
        if (!isAppError(error) || error.status !== 400) throw error;
        return accountPage(reply, current, {
          problems: [
            {
              field: 'email',
              message: namedProblem('Email address', error.problems[0]?.message ?? error.message),
            },
          ],
          typed: { email: form.email },
          status: 400,
        });
      }
      return reply
        .header('cache-control', 'private, no-store')
        .redirect('/account/?notice=email-sent', 303);
    }
    return reply
      .header('cache-control', 'private, no-store')
      .redirect('/account/?notice=saved', 303);
  });

  scope.post('/account/newsletters', async (request, reply) => {
    const form = parseForm(newslettersForm, request);
    const current = await members.signedIn(request, reply);
    if (!current) return toSignIn(reply);
    assertFormToken(current.secret, form.csrf);
    await services.newsletters.setSelection({
      memberId: current.session.member.id,
      newsletterIds: tickedNewsletterIds(form),
      source: 'account',
    });
    return reply
      .header('cache-control', 'private, no-store')
      .redirect('/account/?notice=newsletters-saved', 303);
  });

  scope.post('/account/signout-everywhere', async (request, reply) => {
    const form = parseForm(csrfForm, request);
    const current = await members.signedIn(request, reply);
    if (!current) return toSignIn(reply);
    assertFormToken(current.secret, form.csrf);
    await memberAuth.signOutEverywhere(current.session.member.id);
    return reply
      .header('set-cookie', clearedMemberCookie(isProduction))
      .header('cache-control', 'private, no-store')
      .redirect('/signin/', 303);
  });

  scope.get('/account/export.json', async (request, reply) => {
    const current = await members.signedIn(request, reply);
    if (!current) return toSignIn(reply, '/account/');
    const memberId = current.session.member.id;
    const [{ exportedAt, ...data }, emailActivity] = await Promise.all([
      services.membershipPayments.exportAccount(memberId),
      // Only when the newsroom opted in to per-member tracking is anything kept here.
      services.emailTracking.memberActivity(memberId),
    ]);
    return reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', 'attachment; filename="my-data.json"')
      .send(JSON.stringify({ ...data, emailActivity, exportedAt }, null, 2));
  });

  scope.post('/account/delete', async (request, reply) => {
    const form = parseForm(deleteForm, request);
    const current = await members.signedIn(request, reply);
    if (!current) return toSignIn(reply);
    assertFormToken(current.secret, form.csrf);
    if (form.confirm.trim().toLowerCase() !== 'delete')
      return accountPage(reply, current, {
        problems: [
          { field: 'confirm', message: 'To delete your account, type “delete” in this box.' },
        ],
        status: 400,
      });
    // Their Stripe subscription is cancelled first (503 if Stripe cannot be reached); sessions,
    // history and labels go with the member (foreign keys cascade).
    await services.membershipPayments.closeAccount(current.session.member.id);
    return privatePage(reply)
      .header('set-cookie', clearedMemberCookie(isProduction))
      .send(renderAccountDeletedPage({ site: await deps.site() }));
  });

  // Stripe's customer portal: change card, cancel, invoices (503 without Stripe keys).
  scope.get('/account/billing/', async (request, reply) => {
    const session = await members.session(request, reply);
    if (!session) throw unauthorized('Sign in to manage your membership');
    const url = await services.membershipPayments.billingPortalUrl(session.member.id);
    return reply.header('cache-control', 'no-store').redirect(url, 303);
  });
}
