import type { IncomingMessage, ServerResponse } from 'node:http';
import { signatureFor, stripeEvent } from './stripe-events.js';
import { stripeSubscription } from './stripe-objects.js';

/** Where the stand-in's hosted Checkout page tells the site about a payment. */
export interface HostedCheckoutOptions {
  /** The site's webhook endpoint, e.g. http://127.0.0.1:3000/webhooks/stripe. */
  webhookUrl: string;
  /** The signing secret the site verifies with (STRIPE_WEBHOOK_SECRET). */
  webhookSecret: string;
}

/** A Checkout session as created through the API: the flat form the SDK sent. */
export type SessionForm = Record<string, string>;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `metadata[kind]` → `{ kind }` for one prefix of the flat form. */
const nested = (form: SessionForm, prefix: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(form)
      .filter(([k]) => k.startsWith(`${prefix}[`))
      .map(([k, v]) => [k.slice(prefix.length + 1, -1), v]),
  );

function lineItems(form: SessionForm) {
  const items: Array<{ name: string; amount: number; currency: string; interval?: string }> = [];
  for (let i = 0; form[`line_items[${i}][price_data][currency]`] !== undefined; i += 1) {
    const at = (key: string) => form[`line_items[${i}][price_data]${key}`];
    items.push({
      name: at('[product_data][name]') ?? '',
      amount: Number(at('[unit_amount]') ?? 0) * Number(form[`line_items[${i}][quantity]`] ?? 1),
      currency: at('[currency]') ?? 'usd',
      ...(at('[recurring][interval]') ? { interval: at('[recurring][interval]') } : {}),
    });
  }
  return items;
}

/**
 * The page Stripe would host at the session's `url`, played by the stand-in: it shows what the
 * reader is about to pay and a Pay button. Paying does what Stripe does: it sends the site the
 * documented events, genuinely signed with the webhook secret (checkout.session.completed, and
 * for a subscription customer.subscription.created, with the subscription served by the API),
 * then sends the browser to the session's success_url.
 */
export function createHostedCheckout(
  options: HostedCheckoutOptions,
  api: { setSubscription: (s: Record<string, unknown> & { id: string }) => void },
) {
  const sessions = new Map<string, SessionForm>();
  let counter = 0;
  const now = () => Math.floor(Date.now() / 1000);

  async function deliver(payload: string): Promise<void> {
    const response = await fetch(options.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': signatureFor(payload, options.webhookSecret),
      },
      body: payload,
    });
    if (!response.ok)
      throw new Error(`webhook refused: ${response.status} ${await response.text()}`);
  }

  async function pay(id: string, form: SessionForm): Promise<void> {
    const items = lineItems(form);
    const metadata = nested(form, 'metadata');
    const email = form.customer_email ?? metadata.memberEmail ?? 'buyer@example.org';
    const amount = items.reduce((sum, item) => sum + item.amount, 0);
    const currency = items[0]?.currency ?? 'usd';
    const suffix = `${id}_${++counter}`;
    const customer = form.customer ?? `cus_${suffix}`;
    const isSubscription = form.mode === 'subscription';
    const subscription = isSubscription
      ? stripeSubscription({
          id: `sub_${suffix}`,
          customer,
          status: 'active',
          currentPeriodEnd: now() + 30 * 86_400,
          amount,
          currency,
          interval: items[0]?.interval === 'year' ? 'year' : 'month',
          metadata: nested(form, 'subscription_data[metadata]'),
        })
      : undefined;
    if (subscription) api.setSubscription(subscription);
    await deliver(
      stripeEvent(`evt_${suffix}_completed`, 'checkout.session.completed', now(), {
        id,
        object: 'checkout.session',
        mode: form.mode,
        status: 'complete',
        payment_status: 'paid',
        customer,
        customer_details: { email },
        amount_total: amount,
        currency,
        metadata,
        ...(subscription ? { subscription: subscription.id } : { payment_intent: `pi_${suffix}` }),
      }),
    );
    if (subscription)
      await deliver(
        stripeEvent(`evt_${suffix}_created`, 'customer.subscription.created', now(), subscription),
      );
  }

  function page(res: ServerResponse, id: string, form: SessionForm): void {
    const items = lineItems(form)
      .map(
        (item) =>
          `<li>${escapeHtml(item.name)}: ${item.currency.toUpperCase()} ${(item.amount / 100).toFixed(2)}` +
          `${item.interval ? ` / ${escapeHtml(item.interval)}` : ''}</li>`,
      )
      .join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      // No favicon request (`data:,`): a 404 for it would be a console error on the page.
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">` +
        `<title>Checkout (Stripe stand-in)</title></head>` +
        `<body><h1>Checkout (Stripe stand-in)</h1><ul class="line-items">${items}</ul>` +
        `<form method="post" action="/c/pay/${escapeHtml(id)}"><button type="submit">Pay</button></form>` +
        `<a href="${escapeHtml(form.cancel_url ?? '/')}">Cancel</a></body></html>`,
    );
  }

  return {
    /** The `url` a new session gets: this page on the stand-in. */
    register(id: string, form: SessionForm, origin: string): string {
      sessions.set(id, form);
      return `${origin}/c/pay/${id}`;
    },

    /** Serves GET and POST /c/pay/:id; false when the request is not for a hosted page. */
    handle(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
      const match = /^\/c\/pay\/([\w-]+)$/.exec(pathname);
      const form = match ? sessions.get(match[1] ?? '') : undefined;
      if (!match || !form) return false;
      const id = match[1] ?? '';
      if (req.method !== 'POST') {
        page(res, id, form);
        return true;
      }
      pay(id, form).then(
        () => {
          const success = (form.success_url ?? '/').replace('{CHECKOUT_SESSION_ID}', id);
          res.writeHead(303, { location: success });
          res.end();
        },
        (error: unknown) => {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(String(error));
        },
      );
      return true;
    },
  };
}
