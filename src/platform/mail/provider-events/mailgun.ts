import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import {
  normalizeAddress,
  refused,
  shortDetail,
  type DeliveryEvent,
  type ProviderEvents,
} from './delivery-event.js';

/**
 * Mailgun's event webhooks. Each POST carries `signature: {timestamp, token, signature}`, the
 * signature being the hex HMAC-SHA256 of `timestamp + token` under the webhook signing key.
 * The HMAC alone does not stop a captured request being sent again, so the timestamp must be
 * recent (15 minutes) and each token is accepted once (`rememberToken`, kept at least as long as
 * a timestamp stays acceptable).
 *
 * https://documentation.mailgun.com/docs/mailgun/user-manual/events/webhooks/#securing-webhooks
 */

/** Timestamps older than this are refused. */
export const mailgunMaxAgeMs = 15 * 60 * 1000;
/** How far ahead of our clock a timestamp may be (clock skew). */
export const mailgunMaxSkewMs = 5 * 60 * 1000;
/** How long a token must be remembered: while any timestamp it came with can still pass. */
export const mailgunTokenMemoryMs = mailgunMaxAgeMs + mailgunMaxSkewMs;

/**
 * Remembers a token; answers true the first time it is seen and false after that. Shared by
 * every app process (the attempt store) so a replay to another process is caught too.
 */
export type RememberToken = (token: string) => Promise<boolean>;

const mailgunBodySchema = z.object({
  signature: z.object({
    timestamp: z.string().regex(/^\d{1,12}$/),
    token: z.string().min(16).max(200),
    signature: z.string().regex(/^[0-9a-f]{64}$/i),
  }),
  'event-data': z
    .object({
      event: z.string().max(50),
      severity: z.string().max(50).optional(),
      recipient: z.string().max(1000).optional(),
      timestamp: z.number().optional(),
      reason: z.string().max(200).optional(),
      'delivery-status': z
        .object({
          code: z.union([z.number(), z.string()]).optional(),
          message: z.string().max(2000).optional(),
          description: z.string().max(2000).optional(),
        })
        .optional(),
    })
    .optional(),
});

/** The hex signature Mailgun sends for this timestamp and token (exported for tests and tools). */
export function mailgunSignature(signingKey: string, timestamp: string, token: string): string {
  return createHmac('sha256', signingKey)
    .update(timestamp + token)
    .digest('hex');
}

export function createMailgunEvents(deps: {
  /** MAILGUN_WEBHOOK_SIGNING_KEY. */
  signingKey: string;
  rememberToken: RememberToken;
  clock: Clock;
}) {
  return {
    /**
     * Verifies one POSTed webhook (the parsed JSON body) and answers its delivery events.
     * Throws a 403 INVALID_SIGNATURE naming the problem when it is refused.
     */
    async verify(body: unknown): Promise<ProviderEvents> {
      const parsed = mailgunBodySchema.safeParse(body);
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'body'))];
        throw refused('malformed', `Mailgun: not a signed Mailgun webhook (${fields.join(', ')})`);
      }
      const { signature, 'event-data': data } = parsed.data;
      const expected = Buffer.from(
        mailgunSignature(deps.signingKey, signature.timestamp, signature.token),
        'hex',
      );
      const given = Buffer.from(signature.signature, 'hex');
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw refused('bad-signature', 'Mailgun: the signature does not match');
      const sentAt = Number(signature.timestamp) * 1000;
      const now = deps.clock.now().getTime();
      if (now - sentAt > mailgunMaxAgeMs)
        throw refused('stale', 'Mailgun: the timestamp is over 15 minutes old');
      if (sentAt - now > mailgunMaxSkewMs)
        throw refused('stale', 'Mailgun: the timestamp is in the future');
      // Only authentic requests are remembered, so nobody can fill the store with made-up tokens.
      if (!(await deps.rememberToken(signature.token)))
        throw refused('replayed', 'Mailgun: this token was already used (a replay)');
      if (!data) return { events: [], ignored: ['no event-data'] };
      return mailgunEventsOf(data, new Date(sentAt).toISOString());
    },
  };
}

export type MailgunEvents = ReturnType<typeof createMailgunEvents>;

type EventData = NonNullable<z.infer<typeof mailgunBodySchema>['event-data']>;

/** `failed` with severity permanent is a hard bounce, `complained` a complaint; the rest is ignored. */
function mailgunEventsOf(data: EventData, fallbackTime: string): ProviderEvents {
  const isHardBounce = data.event === 'failed' && data.severity === 'permanent';
  const isComplaint = data.event === 'complained';
  if (!isHardBounce && !isComplaint) {
    const what =
      data.event === 'failed' ? `failed (${data.severity ?? 'no severity'})` : data.event;
    return { events: [], ignored: [`Mailgun ${what} event: not a hard bounce or complaint`] };
  }
  const address = normalizeAddress(data.recipient ?? '');
  if (!address) return { events: [], ignored: [`Mailgun ${data.event} event without an address`] };
  const occurredAt =
    data.timestamp !== undefined && Number.isFinite(data.timestamp)
      ? new Date(Math.round(data.timestamp * 1000)).toISOString()
      : fallbackTime;
  const status = data['delivery-status'];
  const detail = isHardBounce
    ? shortDetail([
        `Permanent failure${data.reason ? ` (${data.reason})` : ''}`,
        [status?.code, status?.description || status?.message]
          .filter((p) => p !== undefined && p !== '')
          .join(' '),
      ])
    : 'Complaint';
  const event: DeliveryEvent = {
    provider: 'mailgun',
    kind: isHardBounce ? 'hard_bounce' : 'complaint',
    address,
    detail,
    occurredAt,
  };
  return { events: [event], ignored: [] };
}
