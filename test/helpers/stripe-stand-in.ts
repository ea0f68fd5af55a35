import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHostedCheckout, type HostedCheckoutOptions } from './stripe-hosted-checkout.js';

// Stripe objects as the API answers them live in stripe-objects.ts; re-exported for the tests.
export { stripeSubscription } from './stripe-objects.js';

/** A request as the stand-in received it; `form` is the flat form body (`line_items[0][quantity]` → '1'). */
export interface StandInRequest {
  method: string;
  path: string;
  form: Record<string, string>;
  authorization: string | undefined;
}

export interface StripeStandIn {
  readonly host: string;
  readonly port: number;
  readonly requests: StandInRequest[];
  /** What GET /v1/subscriptions/:id answers for this id (a Stripe subscription object). */
  setSubscription(subscription: Record<string, unknown> & { id: string }): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for the few Stripe endpoints Masthead calls, on 127.0.0.1, answering the
 * documented JSON shapes: POST /v1/checkout/sessions, POST /v1/billing_portal/sessions and
 * GET /v1/subscriptions/:id. The official SDK is pointed at it with host/port/protocol.
 * With `hosted`, a session's `url` is a Checkout page on the stand-in that a browser can pay
 * on (stripe-hosted-checkout.ts); otherwise it is Stripe's own address, as in the API.
 */
export async function startStripeStandIn(
  options: { hosted?: HostedCheckoutOptions } = {},
): Promise<StripeStandIn> {
  const requests: StandInRequest[] = [];
  const subscriptions = new Map<string, Record<string, unknown>>();
  const hosted = options.hosted
    ? createHostedCheckout(options.hosted, { setSubscription: (s) => subscriptions.set(s.id, s) })
    : undefined;
  let origin = '';
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}_test_${(++counter).toString().padStart(6, '0')}`;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': nextId('req') });
    res.end(JSON.stringify(body));
  };
  const notFound = (res: ServerResponse, what: string) =>
    send(res, 404, {
      error: {
        type: 'invalid_request_error',
        code: 'resource_missing',
        message: `No such ${what}`,
      },
    });

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (hosted?.handle(req, res, url.pathname)) return;
    const form = Object.fromEntries(new URLSearchParams(raw));
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      form,
      authorization: req.headers.authorization,
    });
    const metadata = (prefix: string) =>
      Object.fromEntries(
        Object.entries(form)
          .filter(([k]) => k.startsWith(`${prefix}[`))
          .map(([k, v]) => [k.slice(prefix.length + 1, -1), v]),
      );
    if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      const id = nextId('cs');
      return send(res, 200, {
        id,
        object: 'checkout.session',
        mode: form.mode,
        status: 'open',
        payment_status: 'unpaid',
        customer: form.customer ?? null,
        customer_email: form.customer_email ?? null,
        metadata: metadata('metadata'),
        success_url: form.success_url,
        cancel_url: form.cancel_url,
        url: hosted ? hosted.register(id, form, origin) : `https://checkout.stripe.com/c/pay/${id}`,
        livemode: false,
      });
    }
    if (req.method === 'POST' && url.pathname === '/v1/billing_portal/sessions') {
      const id = nextId('bps');
      return send(res, 200, {
        id,
        object: 'billing_portal.session',
        customer: form.customer,
        return_url: form.return_url,
        url: `https://billing.stripe.com/p/session/${id}`,
        livemode: false,
      });
    }
    const sub = /^\/v1\/subscriptions\/([\w-]+)$/.exec(url.pathname);
    if (req.method === 'GET' && sub) {
      const found = subscriptions.get(sub[1] ?? '');
      return found ? send(res, 200, found) : notFound(res, 'subscription');
    }
    return notFound(res, 'endpoint');
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    host: '127.0.0.1',
    port,
    requests,
    setSubscription: (s) => void subscriptions.set(s.id, s),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
