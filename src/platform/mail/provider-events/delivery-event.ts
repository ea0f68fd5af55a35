import { AppError } from '../../errors.js';

/** The providers whose signed delivery events Masthead reads. */
export type DeliveryEventProvider = 'ses' | 'mailgun';

/**
 * What a provider told us about one address, in our words: a permanent failure to deliver (the
 * address does not exist, the domain refuses it) or the recipient marking a message as spam.
 * Transient failures never become one: the next send tries again.
 */
export interface DeliveryEvent {
  provider: DeliveryEventProvider;
  kind: 'hard_bounce' | 'complaint';
  /** Lower-cased, trimmed. */
  address: string;
  /** The provider's reason, short enough to show in the admin (e.g. "Permanent/General: 550 5.1.1 …"). */
  detail: string;
  /** When the provider saw it (ISO 8601, UTC). */
  occurredAt: string;
}

/** A verified delivery's events, and what it carried that we deliberately did not act on. */
export interface ProviderEvents {
  events: DeliveryEvent[];
  /** One line per skipped item (a transient bounce, an event type we do not read), for the log. */
  ignored: string[];
}

/**
 * Why a delivery was refused, as a stable word a test or an operator can match on; the message
 * says it in a sentence. Every refusal is a 403: the sender cannot prove it is the provider.
 */
export type RefusalProblem =
  | 'malformed'
  | 'wrong-topic'
  | 'unsupported-signature-version'
  | 'certificate-url'
  | 'certificate-unavailable'
  | 'certificate-invalid'
  | 'bad-signature'
  | 'stale'
  | 'replayed'
  | 'subscribe-url'
  | 'subscription-unconfirmed';

export const refused = (problem: RefusalProblem, message: string, cause?: unknown) =>
  new AppError({
    code: 'INVALID_SIGNATURE',
    status: 403,
    message,
    details: { problem },
    ...(cause === undefined ? {} : { cause }),
  });

/**
 * We could not check the delivery (Amazon's certificate host did not answer): a 503, so the
 * provider retries later, rather than a 403 that SNS would take as final.
 */
export const cannotVerify = (problem: RefusalProblem, message: string, cause?: unknown) =>
  new AppError({
    code: 'UNAVAILABLE',
    status: 503,
    message,
    details: { problem, retryAfter: 60 },
    ...(cause === undefined ? {} : { cause }),
  });

/** The problem word of an error made by `refused` or `cannotVerify`, or undefined for any other. */
export function refusalProblem(error: unknown): RefusalProblem | undefined {
  if (!(error instanceof AppError) || !['INVALID_SIGNATURE', 'UNAVAILABLE'].includes(error.code))
    return undefined;
  const problem = error.details?.problem;
  return typeof problem === 'string' ? (problem as RefusalProblem) : undefined;
}

/** Local part @ domain, nothing else: enough to key a suppression, not a full RFC 5322 parser. */
const plainAddress = /^[^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+$/;

/**
 * The bare, lower-cased address of a recipient as providers report it (`a@b.org` or
 * `"Name" <a@b.org>`); undefined when there is no usable address in it.
 */
export function normalizeAddress(value: string): string | undefined {
  const bracketed = /<([^<>]+)>\s*$/.exec(value)?.[1];
  const address = (bracketed ?? value).trim().toLowerCase();
  return address.length <= 320 && plainAddress.test(address) ? address : undefined;
}

/** A short, single-line detail for the admin: whitespace collapsed, at most 500 characters. */
export function shortDetail(parts: Array<string | undefined | null>): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    .join(': ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);
}
