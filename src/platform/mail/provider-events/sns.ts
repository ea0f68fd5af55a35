import { X509Certificate, verify as verifySignature, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import {
  cannotVerify,
  normalizeAddress,
  refused,
  shortDetail,
  type DeliveryEvent,
  type ProviderEvents,
} from './delivery-event.js';

/**
 * Amazon SES bounce and complaint notifications, delivered by Amazon SNS over HTTPS.
 *
 * SNS signs each message with a key whose certificate it publishes at `SigningCertURL`. Anyone
 * can post a message naming any URL, so the URL is the trust decision: it must be https on
 * `sns.<region>.amazonaws.com` exactly (the region of the configured topic), so TLS to Amazon's
 * host vouches for the certificate. The topic must be the configured one (another AWS account's
 * topic is signed by the same SNS keys), and a message older than an hour is refused, so a
 * captured message cannot be replayed later. Cheap checks come first: nothing is fetched for a
 * message that names the wrong topic or host.
 *
 * https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html
 */

/** Fetches a URL on Amazon's SNS host (certificates, SubscribeURL) and answers its body. */
export type SnsFetch = (url: string) => Promise<string>;

export interface SnsTopic {
  readonly arn: string;
  readonly region: string;
  /** The one host certificates and subscription confirmations may come from. */
  readonly host: string;
}

const topicArnPattern = /^arn:aws:sns:([a-z]{2}(?:-[a-z]+)+-\d{1,2}):\d{12}:[\w.-]{1,256}$/;

/** The topic's region and pinned SNS host, or undefined when this is not an SNS topic ARN. */
export function parseTopicArn(arn: string): SnsTopic | undefined {
  const region = topicArnPattern.exec(arn)?.[1];
  return region ? { arn, region, host: `sns.${region}.amazonaws.com` } : undefined;
}

/** SNS messages older than this are refused (Amazon signs each delivery attempt afresh). */
export const snsMaxAgeMs = 60 * 60 * 1000;
/** How far ahead of our clock a Timestamp may be (clock skew), before it is refused. */
const maxClockSkewMs = 5 * 60 * 1000;
/** Certificates kept, by URL; SNS rotates them rarely, so a handful is plenty. */
const certificateCacheSize = 16;

const snsMessageSchema = z.object({
  Type: z.enum(['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation']),
  MessageId: z.string().min(1).max(200),
  TopicArn: z.string().min(1).max(400),
  Message: z.string().max(300 * 1024),
  Timestamp: z.string().min(1).max(40),
  SignatureVersion: z.string().max(4),
  Signature: z.string().min(1).max(4096),
  SigningCertURL: z.string().min(1).max(2000),
  Subject: z.string().max(200).nullish(),
  SubscribeURL: z.string().max(4000).optional(),
  Token: z.string().max(4000).optional(),
});
type SnsMessage = z.infer<typeof snsMessageSchema>;

/** The fields signed, in order, per message type (absent optional ones are left out). */
const signedFields: Record<SnsMessage['Type'], ReadonlyArray<keyof SnsMessage>> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: [
    'Message',
    'MessageId',
    'SubscribeURL',
    'Timestamp',
    'Token',
    'TopicArn',
    'Type',
  ],
  UnsubscribeConfirmation: [
    'Message',
    'MessageId',
    'SubscribeURL',
    'Timestamp',
    'Token',
    'TopicArn',
    'Type',
  ],
};

/** The string SNS signed: `name\nvalue\n` for each signed field present. */
export function snsStringToSign(message: SnsMessage): string {
  let text = '';
  for (const field of signedFields[message.Type]) {
    const value = message[field];
    if (typeof value === 'string') text += `${field}\n${value}\n`;
  }
  return text;
}

const signatureAlgorithms: Readonly<Record<string, string>> = { '1': 'sha1', '2': 'sha256' };

/** What a verified SNS message asks of us. */
export type SnsOutcome =
  | { type: 'SubscriptionConfirmation'; subscribeUrl: string }
  | { type: 'UnsubscribeConfirmation' }
  | ({ type: 'Notification' } & ProviderEvents);

interface CachedCertificate {
  key: KeyObject;
  validFrom: number;
  validTo: number;
}

export function createSnsEvents(deps: {
  /** The configured topic (SES_SNS_TOPIC_ARN); its region pins the certificate host. */
  topicArn: string;
  fetchFromSns: SnsFetch;
  clock: Clock;
}) {
  const topic = parseTopicArn(deps.topicArn);
  if (!topic) throw new Error(`not an SNS topic ARN: ${deps.topicArn}`);
  const certificates = new Map<string, Promise<CachedCertificate>>();

  /** An https URL on the pinned host, default port, no credentials; else undefined. */
  function pinnedUrl(value: string): URL | undefined {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return undefined;
    }
    const isPinned =
      url.protocol === 'https:' &&
      url.hostname === topic!.host &&
      url.port === '' &&
      url.username === '' &&
      url.password === '';
    return isPinned ? url : undefined;
  }

  async function loadCertificate(url: string): Promise<CachedCertificate> {
    let pem: string;
    try {
      pem = await deps.fetchFromSns(url);
    } catch (error) {
      throw cannotVerify(
        'certificate-unavailable',
        'SNS: the signing certificate could not be fetched',
        error,
      );
    }
    try {
      const certificate = new X509Certificate(pem);
      return {
        key: certificate.publicKey,
        validFrom: Date.parse(certificate.validFrom),
        validTo: Date.parse(certificate.validTo),
      };
    } catch (error) {
      throw refused(
        'certificate-invalid',
        'SNS: the signing certificate is not a certificate',
        error,
      );
    }
  }

  /** The certificate at this URL: fetched once (concurrent asks share the fetch), kept while it works. */
  function certificateAt(url: string): Promise<CachedCertificate> {
    const cached = certificates.get(url);
    if (cached) return cached;
    const loading = loadCertificate(url);
    // A failed fetch is not kept: the next message tries again.
    loading.catch(() => certificates.delete(url));
    if (certificates.size >= certificateCacheSize) {
      const oldest = certificates.keys().next().value;
      if (oldest !== undefined) certificates.delete(oldest);
    }
    certificates.set(url, loading);
    return loading;
  }

  function parse(rawBody: string): SnsMessage {
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw refused('malformed', 'SNS: the body is not JSON');
    }
    const parsed = snsMessageSchema.safeParse(json);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'body'))];
      throw refused('malformed', `SNS: not an SNS message (${fields.join(', ')})`);
    }
    const message = parsed.data;
    if (message.Type !== 'Notification' && (!message.SubscribeURL || !message.Token))
      throw refused('malformed', `SNS: a ${message.Type} needs SubscribeURL and Token`);
    return message;
  }

  /** Every check but the signature itself, in order of cost; then the signature. */
  async function authenticate(message: SnsMessage): Promise<void> {
    if (message.TopicArn !== topic!.arn)
      throw refused('wrong-topic', 'SNS: the message is for another topic than SES_SNS_TOPIC_ARN');
    const algorithm = signatureAlgorithms[message.SignatureVersion];
    if (!algorithm)
      throw refused(
        'unsupported-signature-version',
        `SNS: SignatureVersion ${message.SignatureVersion} is not 1 or 2`,
      );
    if (!pinnedUrl(message.SigningCertURL))
      throw refused(
        'certificate-url',
        `SNS: SigningCertURL must be an https URL on ${topic!.host}`,
      );
    const sentAt = Date.parse(message.Timestamp);
    if (Number.isNaN(sentAt)) throw refused('malformed', 'SNS: Timestamp is not a date');
    const now = deps.clock.now().getTime();
    if (now - sentAt > snsMaxAgeMs) throw refused('stale', 'SNS: the message is over an hour old');
    if (sentAt - now > maxClockSkewMs)
      throw refused('stale', 'SNS: the message is dated in the future');

    const certificate = await certificateAt(message.SigningCertURL);
    if (!(certificate.validFrom <= now && now <= certificate.validTo))
      throw refused('certificate-invalid', 'SNS: the signing certificate is not valid now');
    let isValid = false;
    try {
      isValid = verifySignature(
        algorithm,
        Buffer.from(snsStringToSign(message), 'utf8'),
        certificate.key,
        Buffer.from(message.Signature, 'base64'),
      );
    } catch {
      isValid = false;
    }
    if (!isValid) throw refused('bad-signature', 'SNS: the signature does not match the message');
  }

  return {
    topic,

    /**
     * Verifies one POSTed SNS message (the raw body) and says what it asks: confirm a
     * subscription (the caller decides, then calls `confirmSubscription`), nothing, or these
     * delivery events. Throws a 403 INVALID_SIGNATURE naming the problem when it is refused.
     */
    async verify(rawBody: string): Promise<SnsOutcome> {
      const message = parse(rawBody);
      await authenticate(message);
      if (message.Type === 'SubscriptionConfirmation')
        return { type: 'SubscriptionConfirmation', subscribeUrl: message.SubscribeURL! };
      if (message.Type === 'UnsubscribeConfirmation') return { type: 'UnsubscribeConfirmation' };
      return { type: 'Notification', ...sesEventsOf(message.Message, message.Timestamp) };
    },

    /**
     * Visits a (verified) SubscribeURL, which confirms the subscription at Amazon. Only an
     * https URL on the pinned host is visited: a message cannot make us fetch anything else.
     */
    async confirmSubscription(subscribeUrl: string): Promise<void> {
      const url = pinnedUrl(subscribeUrl);
      if (!url || url.searchParams.get('Action') !== 'ConfirmSubscription')
        throw refused(
          'subscribe-url',
          `SNS: SubscribeURL must be a ConfirmSubscription URL on ${topic.host}`,
        );
      try {
        await deps.fetchFromSns(url.toString());
      } catch (error) {
        throw cannotVerify(
          'subscription-unconfirmed',
          'SNS: the subscription could not be confirmed at Amazon',
          error,
        );
      }
    },
  };
}

export type SnsEvents = ReturnType<typeof createSnsEvents>;

const recipientSchema = z.object({
  emailAddress: z.string().max(1000),
  diagnosticCode: z.string().max(2000).optional(),
  status: z.string().max(50).optional(),
});

/** The parts of an SES notification (or SES event publishing record) we read. */
const sesMessageSchema = z.object({
  notificationType: z.string().optional(),
  eventType: z.string().optional(),
  bounce: z
    .object({
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      timestamp: z.string().optional(),
      bouncedRecipients: z.array(recipientSchema).max(1000),
    })
    .optional(),
  complaint: z
    .object({
      complaintFeedbackType: z.string().optional(),
      complaintSubType: z.string().nullish(),
      timestamp: z.string().optional(),
      complainedRecipients: z.array(recipientSchema).max(1000),
    })
    .optional(),
});

const isoOr = (value: string | undefined, fallback: string): string => {
  const time = value === undefined ? NaN : Date.parse(value);
  return new Date(Number.isNaN(time) ? Date.parse(fallback) : time).toISOString();
};

/**
 * The SES events in a verified notification's Message: a permanent bounce is a hard bounce per
 * recipient, a complaint a complaint per recipient; transient and undetermined bounces and
 * other types (Delivery, Send …) are reported as ignored.
 */
export function sesEventsOf(messageText: string, snsTimestamp: string): ProviderEvents {
  let json: unknown;
  try {
    json = JSON.parse(messageText);
  } catch {
    return { events: [], ignored: ['the Message is not JSON (not an SES notification)'] };
  }
  const parsed = sesMessageSchema.safeParse(json);
  if (!parsed.success) return { events: [], ignored: ['the Message is not an SES notification'] };
  const ses = parsed.data;
  const type = ses.notificationType ?? ses.eventType ?? 'unknown';
  const events: DeliveryEvent[] = [];
  const ignored: string[] = [];
  const add = (
    kind: DeliveryEvent['kind'],
    address: string,
    detail: string,
    occurredAt: string,
  ) => {
    const normalized = normalizeAddress(address);
    if (normalized) events.push({ provider: 'ses', kind, address: normalized, detail, occurredAt });
    else ignored.push(`${type}: "${address.slice(0, 100)}" is not an address`);
  };

  if (type === 'Bounce' && ses.bounce) {
    const { bounce } = ses;
    if (bounce.bounceType !== 'Permanent') {
      ignored.push(
        `${bounce.bounceType} bounce (${bounce.bouncedRecipients.length} recipient(s)): not a hard bounce`,
      );
      return { events, ignored };
    }
    const occurredAt = isoOr(bounce.timestamp, snsTimestamp);
    for (const r of bounce.bouncedRecipients) {
      const detail = shortDetail([
        `${bounce.bounceType}/${bounce.bounceSubType ?? 'General'}`,
        r.diagnosticCode ?? r.status,
      ]);
      add('hard_bounce', r.emailAddress, detail, occurredAt);
    }
    return { events, ignored };
  }
  if (type === 'Complaint' && ses.complaint) {
    const { complaint } = ses;
    const occurredAt = isoOr(complaint.timestamp, snsTimestamp);
    const detail = shortDetail([
      'Complaint',
      complaint.complaintFeedbackType ?? complaint.complaintSubType ?? undefined,
    ]);
    for (const r of complaint.complainedRecipients)
      add('complaint', r.emailAddress, detail, occurredAt);
    return { events, ignored };
  }
  ignored.push(`SES ${type} notification: not a bounce or complaint`);
  return { events, ignored };
}

/**
 * The production fetcher: GET over https with a timeout, no redirects (a redirect could leave
 * the pinned host), and a size limit.
 */
export function createSnsHttpsFetch(options: { timeoutMs?: number } = {}): SnsFetch {
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxBytes = 64 * 1024;
  return async (url) => {
    const response = await fetch(url, {
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`${new URL(url).host} answered ${response.status}`);
    const text = await response.text();
    if (text.length > maxBytes) throw new Error(`${new URL(url).host} answered over 64 KB`);
    return text;
  };
}
