import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHostedCheckout, type HostedCheckoutOptions } from './stripe-hosted-checkout.js';

// Stripe objects as the API answers them live in stripe-objects.ts; re-exported for the tests.
export {
  stripeCharge,
  stripeCheckoutSession,
  stripeDispute,
  stripeInvoice,
  stripeSubscription,
} from './stripe-objects.js';

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
  /** What GET /v1/subscriptions/:id answers now (after a cancel, status `canceled`). */
  subscription(id: string): Record<string, unknown> | undefined;
  /** What GET /v1/charges/:id answers for this id (a Stripe charge object). */
  setCharge(charge: Record<string, unknown> & { id: string }): void;
  /** What GET /v1/invoices/:id answers for this id (a Stripe invoice object). */
  setInvoice(invoice: Record<string, unknown> & { id: string }): void;
  /** While true, every API call answers 503 as Stripe does in an outage (the SDK retries, then fails). */
  setUnavailable(isUnavailable: boolean): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for the few Stripe endpoints Masthead calls, on 127.0.0.1, answering the
 * documented JSON shapes: POST /v1/checkout/sessions, POST /v1/billing_portal/sessions,
 * GET and DELETE (cancel) /v1/subscriptions/:id, GET /v1/charges/:id and GET /v1/invoices/:id. The official SDK is pointed at it with host/port/protocol.
 * With `hosted`, a session's `url` is a Checkout page on the stand-in that a browser can pay
 * on (stripe-hosted-checkout.ts); otherwise it is Stripe's own address, as in the API.
 */
export async function startStripeStandIn(
  options: { hosted?: HostedCheckoutOptions } = {},
): Promise<StripeStandIn> {
  const requests: StandInRequest[] = [];
  const subscriptions = new Map<string, Record<string, unknown>>();
  const charges = new Map<string, Record<string, unknown>>();
  const invoices = new Map<string, Record<string, unknown>>();
  let isUnavailable = false;
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
    if (isUnavailable)
      return send(res, 503, {
        error: { type: 'api_error', message: 'Stripe is temporarily unavailable (stand-in)' },
      });
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
    if (req.method === 'DELETE' && sub) {
      const found = subscriptions.get(sub[1] ?? '');
      if (!found) return notFound(res, 'subscription');
      const canceled = {
        ...found,
        status: 'canceled',
        canceled_at: Math.floor(Date.now() / 1000),
        ended_at: Math.floor(Date.now() / 1000),
      };
      subscriptions.set(sub[1] ?? '', canceled);
      return send(res, 200, canceled);
    }
    const charge = /^\/v1\/charges\/([\w-]+)$/.exec(url.pathname);
    if (req.method === 'GET' && charge) {
      const found = charges.get(charge[1] ?? '');
      return found ? send(res, 200, found) : notFound(res, 'charge');
    }
    const invoice = /^\/v1\/invoices\/([\w-]+)$/.exec(url.pathname);
    if (req.method === 'GET' && invoice) {
      const found = invoices.get(invoice[1] ?? '');
      return found ? send(res, 200, found) : notFound(res, 'invoice');
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
    subscription: (id) => subscriptions.get(id),
    setCharge: (c) => void charges.set(c.id, c),
    setInvoice: (i) => void invoices.set(i.id, i),
    setUnavailable: (flag) => {
      isUnavailable = flag;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
