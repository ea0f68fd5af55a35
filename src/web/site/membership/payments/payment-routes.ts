import type { FastifyInstance, FastifyReply } from 'fastify';
import { isAppError, type AppError } from '../../../../platform/errors.js';
import { parseInput } from '../../../http-input.js';
import type { MembershipDeps, MembershipServices } from '../membership-deps.js';
import { parseForm, parseQuery } from '../reader-forms.js';
import { renderGiftPage } from './gift-page.js';
import { renderMembershipPage } from './membership-page.js';
import {
  campaignOf,
  checkoutFields,
  checkoutForm,
  checkoutFormName,
  giftFields,
  giftForm,
  membershipQuery,
  redeemForm,
  redeemQuery,
} from './payment-forms.js';
import { renderRedeemPage } from './redeem-page.js';
import { renderThanksPage } from './thanks-page.js';

/** A 400's problems by field; one without fields is the form's own problem. */
const problemsOf = (error: AppError) =>
  error.problems.length > 0
    ? error.problems.map((p) => ({ field: p.field, message: p.message }))
    : [{ field: 'form', message: error.message }];

const html = (reply: FastifyReply, body: string) =>
  reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

/**
 * Paid membership on the reader site: the membership and gift pages, Checkout, the thank-you
 * page and gift redemption. Registered in the reader-forms scope (same-origin check, urlencoded
 * parser); the forms' schemas are in payment-forms.ts. Stripe's webhook is in src/web/webhooks/.
 */
export function registerPaymentRoutes(
  scope: FastifyInstance,
  deps: MembershipDeps<Pick<MembershipServices, 'gifts' | 'membershipPayments' | 'tiers'>>,
): void {
  const { services } = deps;
  const payments = services.membershipPayments;
  const withTiers = async () => {
    const [site, tiers] = await Promise.all([deps.site(), services.tiers.ensureDefaults()]);
    return { site, tiers, isPaidEnabled: payments.isEnabled };
  };

  scope.get('/membership/', async (request, reply) => {
    const { campaign } = parseQuery(membershipQuery, request);
    return html(reply, renderMembershipPage({ ...(await withTiers()), campaign: campaign ?? '' }));
  });

  scope.post('/membership/checkout', async (request, reply) => {
    const fields = parseForm(checkoutFields, request);
    const campaign = campaignOf(fields.campaign);
    try {
      const input = parseInput(checkoutForm, fields);
      const url = await payments.startCheckout(input, {
        campaignId: campaign,
        fromStory: fields.fromStory || undefined,
      });
      return reply.header('cache-control', 'no-store').redirect(url, 303);
    } catch (error) {
      // The form again, with what the reader typed and the problem under its field.
      if (!isAppError(error) || error.status !== 400) throw error;
      const attempt = {
        form: checkoutFormName(fields),
        values: fields,
        problems: problemsOf(error),
      };
      return html(
        reply.code(400),
        renderMembershipPage({ ...(await withTiers()), campaign: campaign ?? '', attempt }),
      );
    }
  });

  scope.get('/membership/gift/', async (request, reply) => {
    const { campaign } = parseQuery(membershipQuery, request);
    return html(reply, renderGiftPage({ ...(await withTiers()), campaign: campaign ?? '' }));
  });

  scope.post('/membership/gift/checkout', async (request, reply) => {
    const fields = parseForm(giftFields, request);
    const campaign = campaignOf(fields.campaign);
    try {
      const input = parseInput(giftForm, fields);
      const url = await payments.startCheckout(input, campaign ? { campaignId: campaign } : {});
      return reply.header('cache-control', 'no-store').redirect(url, 303);
    } catch (error) {
      if (!isAppError(error) || error.status !== 400) throw error;
      const attempt = { form: 'gift', values: fields, problems: problemsOf(error) };
      return html(
        reply.code(400),
        renderGiftPage({ ...(await withTiers()), campaign: campaign ?? '', attempt }),
      );
    }
  });

  scope.get('/membership/thanks/', async (_request, reply) =>
    html(reply, renderThanksPage(await deps.site())),
  );

  scope.get('/gift/redeem', async (request, reply) => {
    const code = parseQuery(redeemQuery, request).code ?? '';
    const gift = code ? await services.gifts.preview(code) : undefined;
    const tier = gift?.tierId ? await services.tiers.byId(gift.tierId) : undefined;
    return html(
      reply.code(gift ? 200 : 404),
      renderRedeemPage({ site: await deps.site(), code, gift, tierName: tier?.name }),
    );
  });

  scope.post('/gift/redeem', async (request, reply) => {
    const { code } = parseForm(redeemForm, request);
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
}
