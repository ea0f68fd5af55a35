import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formTokenFor, safeReturnPath } from '../../../features/member-auth/index.js';
import type { MemberSession } from '../../../features/member-auth/index.js';
import { isAppError } from '../../../platform/errors.js';
import type { Services } from '../../../runtime/services.js';
import { parseInput } from '../../http-input.js';
import { namedProblem, type FieldProblem } from '../components/form-field.js';
import type { SiteContext } from '../site-context.js';
import { assertSameOrigin } from '../../same-origin.js';
import { addFormBodyParser, assertFormToken } from './form-body.js';
import { clearedMemberCookie, memberSecretOf, memberSessionCookie } from './member-cookie.js';
import type { MemberResolver } from './member-resolver.js';
import {
  renderAccountDeletedPage,
  renderAccountPage,
  renderCheckEmailPage,
  renderConfirmPage,
  renderLinkProblemPage,
  renderSignInPage,
} from './membership-pages.js';

export interface MembershipRoutesDeps {
  services: Services;
  publicUrl: string;
  site: () => Promise<SiteContext>;
  members: MemberResolver;
}

/** Personal pages: never kept by the page cache, a CDN or the browser's history cache. */
const privatePage = (reply: FastifyReply, status = 200) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'private, no-store')
    .header('vary', 'Cookie');

const short = (max: number) => z.string().max(max);

const signInQuery = z
  .object({ returnTo: short(500).optional(), campaign: short(64).optional() })
  .loose();
const signInForm = z.strictObject({
  email: short(1000),
  returnTo: short(500).optional(),
  campaignId: short(64).optional(),
});
const tokenQuery = z.object({ token: short(200).optional() }).loose();
const tokenForm = z.strictObject({ token: short(200) });
const csrfForm = z.strictObject({ csrf: short(200).optional() });
const profileForm = z.strictObject({
  csrf: short(200).optional(),
  name: short(120).optional(),
  email: short(254).optional(),
});
const deleteForm = z.strictObject({ csrf: short(200).optional(), confirm: short(100) });
const accountQuery = z.object({ notice: short(40).optional() }).loose();

/**
 * The reader's side of membership: magic-link sign-in, the account page, export and delete.
 *
 * CSRF: the member cookie is SameSite=Lax (browsers leave it off cross-site POSTs); every POST
 * must come from our own origin when the browser says where it comes from (Origin or
 * Sec-Fetch-Site); and every signed-in form carries a token derived from the session secret.
 * Details in docs/security.md.
 */
export function registerMembershipRoutes(app: FastifyInstance, deps: MembershipRoutesDeps): void {
  const { services, publicUrl, members } = deps;
  const { memberAuth } = services;
  const siteOrigin = new URL(publicUrl).origin;
  const isProduction = members.isProduction;

  /** The signed-in member and their cookie secret, or a redirect to sign in. */
  async function signedIn(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ session: MemberSession; secret: string } | undefined> {
    const secret = memberSecretOf(request, isProduction);
    const session = secret ? await members.session(request, reply) : undefined;
    if (!secret || !session) return undefined;
    return { session, secret };
  }
  const toSignIn = (reply: FastifyReply, returnTo = '/account/') =>
    reply
      .header('cache-control', 'private, no-store')
      .redirect(`/signin/?returnTo=${encodeURIComponent(returnTo)}`, 303);

  void app.register((scope, _options, done) => {
    addFormBodyParser(scope);

    scope.get('/signin/', async (request, reply) => {
      const query = parseInput(signInQuery, request.query);
      const html = renderSignInPage({
        site: await deps.site(),
        returnTo: safeReturnPath(query.returnTo),
        campaignId: query.campaign,
      });
      return privatePage(reply).send(html);
    });

    scope.post('/signin/', async (request, reply) => {
      assertSameOrigin(request, siteOrigin);
      const form = parseInput(signInForm, request.body);
      try {
        await memberAuth.requestLink({
          email: form.email,
          ip: request.ip,
          publicUrl,
          returnTo: form.returnTo,
          campaignId: form.campaignId,
        });
      } catch (error) {
        if (!isAppError(error) || error.status !== 400) throw error;
        const html = renderSignInPage({
          site: await deps.site(),
          email: form.email,
          returnTo: safeReturnPath(form.returnTo),
          campaignId: form.campaignId,
          problem: namedProblem('Email address', error.problems[0]?.message ?? error.message),
        });
        return privatePage(reply, 400).send(html);
      }
      return privatePage(reply).send(renderCheckEmailPage({ site: await deps.site() }));
    });

    // Opening the link only shows a button: link scanners in mail systems fetch with GET.
    scope.get('/signin/confirm', async (request, reply) => {
      const { token } = parseInput(tokenQuery, request.query);
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
      assertSameOrigin(request, siteOrigin);
      const { token } = parseInput(tokenForm, request.body);
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
      assertSameOrigin(request, siteOrigin);
      const form = parseInput(csrfForm, request.body);
      const current = await signedIn(request, reply);
      if (current) {
        assertFormToken(current.secret, form.csrf);
        await memberAuth.signOut(current.session.sessionId);
      }
      return reply
        .header('set-cookie', clearedMemberCookie(isProduction))
        .header('cache-control', 'private, no-store')
        .redirect('/', 303);
    });

    scope.post('/account/signout-everywhere', async (request, reply) => {
      assertSameOrigin(request, siteOrigin);
      const form = parseInput(csrfForm, request.body);
      const current = await signedIn(request, reply);
      if (!current) return toSignIn(reply);
      assertFormToken(current.secret, form.csrf);
      await memberAuth.signOutEverywhere(current.session.member.id);
      return reply
        .header('set-cookie', clearedMemberCookie(isProduction))
        .header('cache-control', 'private, no-store')
        .redirect('/signin/', 303);
    });

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
      const [tier, gifts, heldGift] = await Promise.all([
        member.tierId ? services.tiers.byId(member.tierId) : Promise.resolve(undefined),
        services.gifts.boughtBy(member.email),
        services.gifts.heldFor(member.id),
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
      });
      return privatePage(reply, extra.status ?? 200).send(html);
    };

    scope.get('/account/', async (request, reply) => {
      const current = await signedIn(request, reply);
      if (!current) return toSignIn(reply);
      const { notice } = parseInput(accountQuery, request.query);
      return accountPage(reply, current, { notice });
    });

    scope.post('/account/', async (request, reply) => {
      assertSameOrigin(request, siteOrigin);
      const form = parseInput(profileForm, request.body);
      const current = await signedIn(request, reply);
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

    scope.get('/account/export.json', async (request, reply) => {
      const current = await signedIn(request, reply);
      if (!current) return toSignIn(reply, '/account/');
      const data = await services.members.exportData(current.session.member.id);
      return reply
        .type('application/json; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', 'attachment; filename="my-data.json"')
        .send(JSON.stringify(data, null, 2));
    });

    scope.post('/account/delete', async (request, reply) => {
      assertSameOrigin(request, siteOrigin);
      const form = parseInput(deleteForm, request.body);
      const current = await signedIn(request, reply);
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

    done();
  });
}
