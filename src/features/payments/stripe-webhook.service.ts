import { narrow } from '../../platform/db/index.js';
import { tellPaymentFailed } from './payment-failed-mail.js';
import type { PaymentEvent } from '../../platform/payments/index.js';
import type { EventsTables } from '../events/index.js';
import { paymentsRepository as repo } from './payments.repository.js';
import type { PaymentsTables } from './payments.table.js';
import { createChargeEvents } from './stripe-charge-events.js';
import { createCheckoutEvents } from './stripe-checkout-events.js';
import { createSubscriptionEvents } from './stripe-subscription-events.js';
import {
  createWebhookContext,
  type AfterCommit,
  type StripeWebhookDeps,
  type WebhookDb,
} from './stripe-webhook-context.js';
import { createWebhookPlanner, type Plan } from './stripe-webhook-plan.js';

/**
 * Stripe webhooks: verified on the raw body, recorded once by event id in the same transaction
 * as their effect (a repeated or concurrent delivery changes nothing), and applied so that any
 * delivery order ends in the same member state: what an event changes is stored (subscription,
 * dispute, delayed payment), and the member's access is then derived from everything stored.
 */
export function createStripeWebhookService(deps: StripeWebhookDeps) {
  const plan = createWebhookPlanner(deps);
  const ctx = createWebhookContext(deps);
  const now = ctx.now;
  // One file per family of events, each given what it needs.
  const subscriptions = createSubscriptionEvents(ctx);
  const checkouts = createCheckoutEvents(ctx, subscriptions);
  const charges = createChargeEvents(ctx, subscriptions);

  /** Applies one event inside its transaction; returns what is due after commit. */
  async function apply(trx: WebhookDb, event: PaymentEvent, p: Plan): Promise<AfterCommit> {
    const t = narrow(trx).to<PaymentsTables>();
    const m = narrow(trx).to<EventsTables>();
    switch (p.kind) {
      case 'subscription':
        await subscriptions.applySubscription(t, m, event, p);
        return {};
      case 'checkout':
        return checkouts.applyCheckout(t, m, event, p);
      case 'invoice':
        await subscriptions.applyInvoice(m, p);
        return {};
      case 'refund':
        await charges.applyRefund(t, m, event, p);
        return {};
      case 'dispute':
        await charges.applyDispute(t, m, event, p);
        return {};
      case 'ignored':
        return {};
    }
  }

  return {
    /**
     * Verifies and applies one delivery. A bad signature is a 400; an event already recorded
     * is answered as received with no effect (except retrying an email that failed).
     */
    async handleWebhook(
      rawBody: Buffer | string,
      signature: string | undefined,
    ): Promise<{ isDuplicate: boolean; type: string }> {
      const event = deps.payments.verifyWebhook(rawBody, signature);
      const work = await plan(event);
      const result = await deps.events.withTransaction(deps.db, async (trx) => {
        const t = narrow(trx).to<PaymentsTables>();
        const at = now();
        const nothing: AfterCommit = {};
        if (!(await repo.claimEvent(t, event, at))) return { isDuplicate: true, after: nothing };
        const after = await apply(trx, event, work);
        await repo.markProcessed(t, event.id, at);
        return { isDuplicate: false, after };
      });
      const purchase = work.kind === 'checkout' ? work.purchase : undefined;
      const giftId =
        result.after.giftId ??
        (purchase?.kind === 'gift' && work.kind === 'checkout' && work.payment === 'paid'
          ? purchase.giftId
          : undefined);
      if (giftId) await deps.gifts.sendIfPaid(giftId);
      if (work.kind === 'checkout' && work.payment === 'failed')
        await tellPaymentFailed(deps, work.session.id);
      return { isDuplicate: result.isDuplicate, type: event.type };
    },
  };
}

export type StripeWebhookService = ReturnType<typeof createStripeWebhookService>;
