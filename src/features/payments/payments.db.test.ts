import { expect, it } from 'vitest';
import { stripeEvent } from '../../../test/helpers/stripe-events.js';
import { stripeSubscription } from '../../../test/helpers/stripe-stand-in.js';
import { T, periodEnd, useStripeServices } from '../../../test/helpers/stripe-test-context.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { parseInput } from '../../platform/validation.js';
import { checkoutInputSchema, type CheckoutInput } from './index.js';

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describeEachDatabase('Membership payments with the Stripe stand-in', (getDb) => {
  const ctx = useStripeServices(getDb);
  const { deliver, historyOf } = ctx;

  it('starts a subscription Checkout through the SDK with the tier price and metadata (stand-in)', async () => {
    // Parsed as the reader forms parse it (the service takes the parsed request).
    const startCheckout = (input: CheckoutInput) =>
      ctx.services.membershipPayments.startCheckout(
        parseInput(checkoutInputSchema, input, { rootField: 'kind' }),
      );
    const url = await startCheckout({
      kind: 'subscription',
      tierId: ctx.supporter.id,
      interval: 'year',
      email: 'Reader@Example.org',
    });
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    expect(ctx.standIn.requests.at(-1)!.form).toMatchObject({
      mode: 'subscription',
      'line_items[0][price_data][unit_amount]': '5000',
      'line_items[0][price_data][recurring][interval]': 'year',
      'metadata[kind]': 'subscription',
      'metadata[tierId]': ctx.supporter.id,
      'metadata[memberEmail]': 'reader@example.org',
      success_url: 'http://localhost:3000/membership/thanks/?session_id={CHECKOUT_SESSION_ID}',
    });
    await expect(startCheckout({ kind: 'amount', amount: 200 })).rejects.toMatchObject({
      status: 400,
      problems: [{ field: 'amount' }],
    });
    await expect(
      startCheckout({
        kind: 'subscription',
        tierId: 'nope',
        interval: 'month',
      }),
    ).rejects.toMatchObject({ status: 400, problems: [{ field: 'tierId' }] });
  });

  it('the same donation event 10 times in sequence and 10 at once has one effect', async () => {
    const session = (id: string) => ({
      id,
      object: 'checkout.session',
      mode: 'payment',
      payment_status: 'paid',
      customer: null,
      customer_details: { email: 'donor@example.org' },
      amount_total: 2500,
      currency: 'usd',
      metadata: { kind: 'donation', memberEmail: 'donor@example.org' },
    });
    const first = stripeEvent('evt_don_1', 'checkout.session.completed', T, session('cs_d1'));
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await deliver(first));
    expect(results.filter((r) => !r.isDuplicate)).toHaveLength(1);
    const second = stripeEvent('evt_don_2', 'checkout.session.completed', T + 1, session('cs_d2'));
    const together = await Promise.all(Array.from({ length: 10 }, () => deliver(second)));
    expect(together.filter((r) => !r.isDuplicate)).toHaveLength(1);
    const donated = await historyOf('donor@example.org', 'donated');
    expect(donated).toHaveLength(2);
    expect(donated[0]).toMatchObject({ amount: 2500, currency: 'usd' });
  });

  it('the four subscription events in all 24 orders end in the same member state', async () => {
    const orders = permutations([0, 1, 2, 3]);
    expect(orders).toHaveLength(24);
    for (const [n, order] of orders.entries()) {
      const email = `order${n}@example.org`;
      const customer = `cus_order_${n}`;
      const sub = `sub_order_${n}`;
      const metadata = { kind: 'subscription', tierId: ctx.supporter.id, memberEmail: email };
      const subscription = (status: string) =>
        stripeSubscription({
          id: sub,
          customer,
          status,
          currentPeriodEnd: periodEnd,
          amount: 500,
          metadata,
        });
      ctx.standIn.setSubscription(subscription('active'));
      const events = [
        stripeEvent(
          `evt_${n}_created`,
          'customer.subscription.created',
          T,
          subscription('incomplete'),
        ),
        stripeEvent(`evt_${n}_checkout`, 'checkout.session.completed', T + 1, {
          id: `cs_${n}`,
          object: 'checkout.session',
          mode: 'subscription',
          payment_status: 'paid',
          customer,
          subscription: sub,
          customer_details: { email },
          amount_total: 500,
          currency: 'usd',
          metadata,
        }),
        stripeEvent(
          `evt_${n}_updated`,
          'customer.subscription.updated',
          T + 2,
          subscription('active'),
        ),
        stripeEvent(`evt_${n}_invoice`, 'invoice.paid', T + 3, {
          id: `in_${n}`,
          object: 'invoice',
          customer,
          customer_email: email,
          subscription: sub,
          billing_reason: 'subscription_create',
          amount_paid: 500,
          amount_due: 500,
          currency: 'usd',
          subscription_details: { metadata: { ...metadata, campaignId: 'drive-2026' } },
        }),
      ];
      for (const i of order) await deliver(events[i]!);
      const member = await ctx.services.members.byEmail(email);
      expect(
        {
          status: member?.status,
          tierId: member?.tierId,
          accessUntil: member?.accessUntil,
          customer: member?.stripeCustomerId,
        },
        `order ${order.join(',')}`,
      ).toEqual({
        status: 'paid',
        tierId: ctx.supporter.id,
        accessUntil: new Date(periodEnd * 1000).toISOString(),
        customer,
      });
      const paid = await historyOf(email, 'paid');
      expect(paid).toHaveLength(1);
      expect(paid[0]).toMatchObject({ amount: 500, campaignId: 'drive-2026' });
    }
  });

  it('a deleted subscription sends the member back to free; an older event does not revive it', async () => {
    const email = 'order0@example.org';
    const metadata = { tierId: ctx.supporter.id, memberEmail: email };
    const snapshot = (status: string) =>
      stripeSubscription({
        id: 'sub_order_0',
        customer: 'cus_order_0',
        status,
        currentPeriodEnd: periodEnd,
        amount: 500,
        metadata,
      });
    await deliver(
      stripeEvent('evt_del', 'customer.subscription.deleted', T + 10, snapshot('canceled')),
    );
    expect(await ctx.services.members.byEmail(email)).toMatchObject({
      status: 'free',
      tierId: null,
      accessUntil: null,
    });
    await deliver(
      stripeEvent('evt_late', 'customer.subscription.updated', T + 5, snapshot('active')),
    );
    expect((await ctx.services.members.byEmail(email))?.status).toBe('free');
    expect(await historyOf(email, 'cancelled')).toHaveLength(1);
  });

  it('a gift: Checkout, one email for 10 concurrent deliveries, redeemed once as a gift', async () => {
    const before = ctx.smtp.received.length;
    await ctx.services.membershipPayments.startCheckout({
      kind: 'gift',
      tierId: ctx.supporter.id,
      months: 3,
      recipientEmail: 'friend@example.org',
      recipientName: 'Dana',
      message: 'Enjoy!',
      buyerEmail: 'buyer@example.org',
    });
    const form = ctx.standIn.requests.at(-1)!.form;
    expect(form).toMatchObject({
      mode: 'payment',
      'line_items[0][price_data][unit_amount]': '1500',
    });
    const giftId = form['metadata[giftId]']!;
    expect((await ctx.services.gifts.boughtBy('buyer@example.org'))[0]).toMatchObject({
      id: giftId,
      status: 'pending_payment',
    });
    const payload = stripeEvent('evt_gift', 'checkout.session.completed', T, {
      id: 'cs_gift',
      object: 'checkout.session',
      mode: 'payment',
      payment_status: 'paid',
      customer: null,
      customer_details: { email: 'buyer@example.org' },
      amount_total: 1500,
      currency: 'usd',
      metadata: {
        kind: 'gift',
        giftId,
        tierId: ctx.supporter.id,
        memberEmail: 'buyer@example.org',
      },
    });
    await Promise.all(Array.from({ length: 10 }, () => deliver(payload)));
    for (let i = 0; i < 3; i++) await deliver(payload);
    const mail = await ctx.smtp.waitFor(before + 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(ctx.smtp.received).toHaveLength(before + 1);
    expect(mail.to).toEqual(['friend@example.org']);
    expect(await historyOf('buyer@example.org', 'gift_purchased')).toHaveLength(1);
    const code = /\/gift\/redeem\?code=([\w-]+)/.exec(mail.text)?.[1];
    expect(code).toBeDefined();
    expect(await ctx.services.gifts.preview(code!)).toMatchObject({ status: 'sent', months: 3 });

    const { accessUntil } = await ctx.services.gifts.redeem(code!);
    expect(accessUntil).toBe('2026-06-01T00:00:00.000Z');
    expect(await ctx.services.members.byEmail('friend@example.org')).toMatchObject({
      status: 'gift',
      tierId: ctx.supporter.id,
      accessUntil,
    });
    await expect(ctx.services.gifts.redeem(code!)).rejects.toMatchObject({
      status: 409,
      code: 'GIFT_ALREADY_REDEEMED',
    });
    expect((await ctx.services.gifts.boughtBy('buyer@example.org'))[0]?.status).toBe('redeemed');
  });

  it('invoice.payment_failed and charge.refunded are recorded with amounts', async () => {
    const email = 'order1@example.org';
    await deliver(
      stripeEvent('evt_fail', 'invoice.payment_failed', T + 20, {
        id: 'in_fail',
        customer: 'cus_order_1',
        customer_email: email,
        subscription: 'sub_order_1',
        billing_reason: 'subscription_cycle',
        amount_paid: 0,
        amount_due: 500,
        currency: 'usd',
      }),
    );
    await deliver(
      stripeEvent('evt_refund', 'charge.refunded', T + 21, {
        id: 'ch_1',
        customer: 'cus_order_1',
        amount_refunded: 500,
        currency: 'usd',
        metadata: {},
      }),
    );
    expect((await historyOf(email, 'payment_failed'))[0]).toMatchObject({ amount: 500 });
    expect((await historyOf(email, 'refunded'))[0]).toMatchObject({ amount: 500 });
  });
});
