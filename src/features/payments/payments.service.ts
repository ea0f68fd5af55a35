import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Payments } from '../../platform/payments/index.js';
import type { EventsTables } from '../events/index.js';
import type { MembersService, MembersTables } from '../members/index.js';
import type { TiersService } from '../tiers/index.js';
import { createCheckoutService } from './checkout.service.js';
import type { GiftsService } from './gifts.service.js';
import type { PaymentsTables } from './payments.table.js';
import { createStripeWebhookService } from './stripe-webhook.service.js';

/** Membership payments: Checkout for memberships, donations and gifts; the billing portal; webhooks. */
export function createMembershipPaymentsService(deps: {
  db: Kysely<PaymentsTables & MembersTables & EventsTables>;
  clock: Clock;
  payments: Payments;
  members: MembersService;
  tiers: TiersService;
  gifts: GiftsService;
  publicUrl: string;
  campaignExists: (id: string) => Promise<boolean>;
}) {
  const checkout = createCheckoutService(deps);
  const webhooks = createStripeWebhookService(deps);
  return {
    isEnabled: deps.payments.isEnabled,
    startCheckout: (...args: Parameters<typeof checkout.startCheckout>) =>
      checkout.startCheckout(...args),
    billingPortalUrl: (memberId: string) => checkout.billingPortalUrl(memberId),
    handleWebhook: (...args: Parameters<typeof webhooks.handleWebhook>) =>
      webhooks.handleWebhook(...args),
  };
}

export type MembershipPaymentsService = ReturnType<typeof createMembershipPaymentsService>;
