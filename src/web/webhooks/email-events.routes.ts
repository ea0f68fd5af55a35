import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServicesOf } from '../../runtime/services.js';
import { webArea } from '../web-area.js';

export interface EmailEventsDeps {
  services: ServicesOf<'suppressions'>;
}

/** Bodies are small JSON documents; a bounce notification for 50 recipients is a few KB. */
const bodyLimit = 256 * 1024;

/**
 * Delivery-event webhooks (issue #13): `POST /webhooks/email/ses` (Amazon SNS, posting JSON as
 * text/plain) and `POST /webhooks/email/mailgun` (JSON). This scope keeps every body as the raw
 * text it arrived as: SNS signs field values, not our re-serialisation of them. A provider that
 * is not configured answers 404, as if the route did not exist; a delivery that fails
 * verification answers 403 INVALID_SIGNATURE with the problem named (`meta.problem`); a verified
 * one 200, its bounces and complaints recorded. Transient bounces are logged and ignored.
 */
export const emailEventRoutes = webArea<EmailEventsDeps>((scope, { services }) => {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit }, (_r, body, done) =>
    done(null, body),
  );
  const rawBody = (request: FastifyRequest) =>
    typeof request.body === 'string' ? request.body : '';
  const answer = (
    request: FastifyRequest,
    reply: FastifyReply,
    result: Awaited<ReturnType<typeof services.suppressions.receiveSes>>,
  ) => {
    if (result.ignored.length > 0)
      request.log.info({ ignored: result.ignored }, 'delivery events ignored');
    return reply.header('cache-control', 'no-store').send({
      received: true,
      action: result.action,
      suppressed: result.action === 'recorded' ? result.suppressed.length : 0,
    });
  };

  scope.post('/webhooks/email/ses', async (request, reply) => {
    if (!services.suppressions.acceptsEventsFrom('ses')) return reply.callNotFound();
    return answer(request, reply, await services.suppressions.receiveSes(rawBody(request)));
  });

  scope.post('/webhooks/email/mailgun', async (request, reply) => {
    if (!services.suppressions.acceptsEventsFrom('mailgun')) return reply.callNotFound();
    let body: unknown;
    try {
      body = JSON.parse(rawBody(request));
    } catch {
      body = undefined; // refused by the verifier as malformed, with the rest
    }
    return answer(request, reply, await services.suppressions.receiveMailgun(body));
  });
});
