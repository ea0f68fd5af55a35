import type { ServicesOf } from '../../runtime/services.js';
import { webArea } from '../web-area.js';

export interface StripeWebhookDeps {
  services: ServicesOf<'membershipPayments'>;
}

/**
 * Stripe's webhook: `POST /webhooks/stripe`. Stripe signs the exact bytes it sent, so this
 * scope keeps every body as a raw Buffer; the service checks the signature and applies the
 * event once.
 */
export const stripeWebhookRoutes = webArea<StripeWebhookDeps>((scope, { services }) => {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_r, body, done) =>
    done(null, body),
  );
  scope.post('/webhooks/stripe', async (request, reply) => {
    const signature = request.headers['stripe-signature'];
    const result = await services.membershipPayments.handleWebhook(
      Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      typeof signature === 'string' ? signature : undefined,
    );
    return reply
      .header('cache-control', 'no-store')
      .send({ received: true, duplicate: result.isDuplicate });
  });
});
