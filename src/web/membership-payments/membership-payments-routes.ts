import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, unauthorized, validationError, type AppError } from '../../platform/errors.js';
import type { Services } from '../../runtime/services.js';
import type { SiteContext } from '../site/site-context.js';
import { assertSameOrigin } from '../same-origin.js';
import { addFormParser, campaignOf, formOf, parseMoney } from './form-input.js';
import {
  renderGiftPage,
  renderMembershipPage,
  renderRedeemPage,
  renderThanksPage,
} from './membership-pages.js';

export interface MembershipPaymentsRouteDeps {
  services: Services;
  publicUrl: string;
  /** The newsroom's name, navigation and drive, as every reader page has them. */
  site: () => Promise<SiteContext>;
  /**
   * The signed-in member's id, from the member session. When given, GET /account/billing/
   * sends the member to Stripe's billing portal; without it the route is not registered.
   */
  memberIdOf?: (request: FastifyRequest, reply: FastifyReply) => Promise<string | undefined>;
}

/** A 400's problems by field; one without fields is the form's own problem. */
const problemsOf = (error: AppError) =>
  error.problems.length > 0
    ? error.problems.map((p) => ({ field: p.field, message: p.message }))
    : [{ field: 'form', message: error.message }];

const html = (reply: FastifyReply, body: string) =>
  reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

/**
 * Paid membership on the reader site: the membership and gift pages, Checkout, the thank-you
 * page, gift redemption, and Stripe's webhook (raw body, signature checked by the service).
 */
export function registerMembershipPaymentsRoutes(
  app: FastifyInstance,
  deps: MembershipPaymentsRouteDeps,
): void {
  const { services, publicUrl } = deps;
  const payments = services.membershipPayments;

  // Stripe signs the exact bytes it sent: this scope keeps every body as a raw Buffer.
  void app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: 1024 * 1024 },
      (_r, body, done) => done(null, body),
    );
    scope.post('/webhooks/stripe', async (request, reply) => {
      const signature = request.headers['stripe-signature'];
      const result = await payments.handleWebhook(
        Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        typeof signature === 'string' ? signature : undefined,
      );
      return reply
        .header('cache-control', 'no-store')
        .send({ received: true, duplicate: result.isDuplicate });
    });
    done();
  });

  void app.register((scope, _options, done) => {
    addFormParser(scope);
    scope.addHook('preHandler', (request, _reply, next) => {
      try {
        if (request.method === 'POST') assertSameOrigin(request, new URL(publicUrl).origin);
        next();
      } catch (error) {
        next(error as Error);
      }
    });

    scope.get('/membership/', async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const [site, tiers] = await Promise.all([deps.site(), services.tiers.ensureDefaults()]);
      return html(
        reply,
        renderMembershipPage({
          site,
          tiers,
          isPaidEnabled: payments.isEnabled,
          campaign: campaignOf(query.campaign) ?? '',
        }),
      );
    });

    scope.post('/membership/checkout', async (request, reply) => {
      const form = formOf(request);
      const email = form.email?.trim() || undefined;
      const attemptForm =
        form.kind === 'donation'
          ? 'donation'
          : form.amount !== undefined
            ? `amount-${form.tierId ?? ''}`
            : `tier-${form.tierId ?? ''}`;
      try {
        const input =
          form.kind === 'donation'
            ? { kind: 'donation', amount: parseMoney(form.amount, 'amount'), email }
            : form.amount !== undefined && form.amount !== ''
              ? {
                  kind: 'amount',
                  amount: parseMoney(form.amount, 'amount'),
                  tierId: form.tierId,
                  email,
                }
              : { kind: 'subscription', tierId: form.tierId, interval: form.interval, email };
        const campaignId = campaignOf(form.campaign);
        const url = await payments.startCheckout(input, campaignId ? { campaignId } : {});
        return reply.header('cache-control', 'no-store').redirect(url, 303);
      } catch (error) {
        // The form again, with what the reader typed and the problem under its field.
        if (!isAppError(error) || error.status !== 400) throw error;
        const [site, tiers] = await Promise.all([deps.site(), services.tiers.ensureDefaults()]);
        return html(
          reply.code(400),
          renderMembershipPage({
            site,
            tiers,
            isPaidEnabled: payments.isEnabled,
            campaign: campaignOf(form.campaign) ?? '',
            attempt: { form: attemptForm, values: form, problems: problemsOf(error) },
          }),
        );
      }
    });

    scope.get('/membership/gift/', async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const [site, tiers] = await Promise.all([deps.site(), services.tiers.ensureDefaults()]);
      return html(
        reply,
        renderGiftPage({
          site,
          tiers,
          isPaidEnabled: payments.isEnabled,
          campaign: campaignOf(query.campaign) ?? '',
        }),
      );
    });

    scope.post('/membership/gift/checkout', async (request, reply) => {
      const form = formOf(request);
      try {
        const months = Number(form.months);
        if (![1, 3, 6, 12].includes(months))
          throw validationError([{ field: 'months', message: 'must be 1, 3, 6 or 12' }]);
        const campaignId = campaignOf(form.campaign);
        const url = await payments.startCheckout(
          {
            kind: 'gift',
            tierId: form.tierId,
            months,
            recipientEmail: form.recipientEmail,
            recipientName: form.recipientName ?? '',
            message: form.message ?? '',
            buyerEmail: form.buyerEmail,
          },
          campaignId ? { campaignId } : {},
        );
        return reply.header('cache-control', 'no-store').redirect(url, 303);
      } catch (error) {
        if (!isAppError(error) || error.status !== 400) throw error;
        const [site, tiers] = await Promise.all([deps.site(), services.tiers.ensureDefaults()]);
        return html(
          reply.code(400),
          renderGiftPage({
            site,
            tiers,
            isPaidEnabled: payments.isEnabled,
            campaign: campaignOf(form.campaign) ?? '',
            attempt: { form: 'gift', values: form, problems: problemsOf(error) },
          }),
        );
      }
    });

    scope.get('/membership/thanks/', async (_request, reply) =>
      html(reply, renderThanksPage(await deps.site())),
    );

    scope.get('/gift/redeem', async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const code = typeof query.code === 'string' ? query.code.slice(0, 200) : '';
      const gift = code ? await services.gifts.preview(code) : undefined;
      const tier = gift?.tierId ? await services.tiers.byId(gift.tierId) : undefined;
      return html(
        reply.code(gift ? 200 : 404),
        renderRedeemPage({ site: await deps.site(), code, gift, tierName: tier?.name }),
      );
    });

    scope.post('/gift/redeem', async (request, reply) => {
      const code = (formOf(request).code ?? '').slice(0, 200);
      if (!code) throw validationError([{ field: 'code', message: 'is required' }]);
      const { accessUntil, heldSeconds } = await services.gifts.redeem(code);
      return html(
        reply,
        renderRedeemPage({
          site: await deps.site(),
          code: '',
          gift: undefined,
          tierName: undefined,
          redeemed: { accessUntil, heldDays: Math.ceil(heldSeconds / 86_400) },
        }),
      );
    });

    const memberIdOf = deps.memberIdOf;
    if (memberIdOf) {
      scope.get('/account/billing/', async (request, reply) => {
        const memberId = await memberIdOf(request, reply);
        if (!memberId) throw unauthorized('Sign in to manage your membership');
        const url = await payments.billingPortalUrl(memberId);
        return reply.header('cache-control', 'no-store').redirect(url, 303);
      });
    }
    done();
  });
}
