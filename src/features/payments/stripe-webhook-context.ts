// What the Stripe webhook's event families share (stripe-webhook.service.ts applies them): the
// service's dependencies, the member's derived access, the clock, and finding the member a
// payment belongs to.
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { Payments } from '../../platform/payments/index.js';
import type { EventsService, EventsTables } from '../events/index.js';
import type { Member, MembersService, SharedHandle } from '../members/index.js';
import type { TiersService } from '../tiers/index.js';
import type { GiftsService } from './gifts.service.js';
import { createMemberAccess } from './member-access.js';
import type { PaymentsTables } from './payments.table.js';

export type WebhookDb = Kysely<PaymentsTables & EventsTables>;

/**
 * Attributes a paid membership to the story and drive the reader came from: prepared before the
 * webhook's transaction (it reads posts), written inside it (analytics' conversions).
 */
export type AttributePaid = (input: {
  fromStory: string | undefined;
  campaignId: string | null;
}) => Promise<(trx: Kysely<EventsTables>) => Promise<void>>;

export interface StripeWebhookDeps {
  db: WebhookDb;
  clock: Clock;
  payments: Payments;
  members: MembersService;
  /** Opens the transactions whose member events are announced after commit. */
  events: Pick<EventsService, 'withTransaction'>;
  tiers: TiersService;
  gifts: GiftsService;
  mailer: Mailer;
  publicUrl: string;
  campaignExists: (id: string) => Promise<boolean>;
  /** Records a `paid` conversion when a membership's Checkout is paid (none when unset). */
  attributePaid?: AttributePaid | undefined;
}

/** Work due after the transaction commits: a gift's email, or telling a reader a payment failed. */
export interface AfterCommit {
  giftId?: string | undefined;
  failedSessionId?: string | undefined;
}

export function createWebhookContext(deps: StripeWebhookDeps) {
  const { members, clock } = deps;
  const access = createMemberAccess({ members, clock });
  const now = () => clock.now().toISOString();

  /**
   * The member a payment belongs to: by Stripe customer, else by email — created and linked
   * only when `mayCreate` (an event that grants something), so an event about a deleted
   * member's ended subscription never brings them back.
   */
  async function memberFor(
    m: SharedHandle,
    customerId: string | null | undefined,
    email: string | null | undefined,
    options: { campaignId?: string | null; mayCreate?: boolean } = {},
  ): Promise<Member | undefined> {
    const linked = customerId ? await members.byStripeCustomer(customerId, m) : undefined;
    if (linked) return linked;
    if (!email) return undefined;
    let member: Member | undefined;
    if (options.mayCreate ?? true)
      member = (await members.findOrCreate({ email, campaignId: options.campaignId ?? null }, m))
        .member;
    else member = await members.byEmail(email, m);
    if (member && customerId && !member.stripeCustomerId) {
      await members.setStripeCustomer(m, member.id, customerId);
      return { ...member, stripeCustomerId: customerId };
    }
    return member;
  }

  return { deps, members, access, now, memberFor };
}

export type WebhookContext = ReturnType<typeof createWebhookContext>;
