import { z } from 'zod';
import { canRead } from '../members/index.js';
import type { BulkOutcome } from '../../platform/mail/bulk-mailer.js';
import type { EmailAccess, RenderedEmail } from './email-content.js';

/**
 * The delivery engine's rules, pure (decision 0011, "Exactly once, stated precisely"):
 * statuses, how recipients are batched, backoff, which render a recipient gets, and the headers
 * every newsletter message carries.
 */

export const emailStatuses = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type EmailStatus = (typeof emailStatuses)[number];

/**
 * queued → claimed (a sender holds the batch) → handing (written before the message goes to
 * SMTP) → sent | failed; a 4xx puts it back to queued with a backoff. A lease that runs out in
 * handing makes it uncertain (maybe delivered: never resent without an editor's retry); skipped
 * is for recipients who unsubscribed or were suppressed after the list was fixed, or a cancel.
 */
export const recipientStates = [
  'queued',
  'claimed',
  'handing',
  'sent',
  'failed',
  'uncertain',
  'skipped',
] as const;
export type RecipientState = (typeof recipientStates)[number];

/** States in which a recipient's message may still leave: the email is not finished. */
export const activeStates: readonly RecipientState[] = ['queued', 'claimed', 'handing'];

export type EmailSegment = 'all' | 'free' | 'paid';

export interface EmailProgress {
  id: string;
  newsletterId: string;
  status: EmailStatus;
  recipientCount: number;
  sentCount: number;
  failedCount: number;
  uncertainCount: number;
  startedAt: string | null;
  finishedAt: string | null;
}

/** An `emails` row's progress, as the publish panel, the report and the engine show it. */
export const progressOf = (row: {
  id: string;
  newsletter_id: string;
  status: string;
  recipient_count: number;
  sent_count: number;
  failed_count: number;
  uncertain_count: number;
  started_at: string | null;
  finished_at: string | null;
}): EmailProgress => ({
  id: row.id,
  newsletterId: row.newsletter_id,
  status: row.status as EmailStatus,
  recipientCount: row.recipient_count,
  sentCount: row.sent_count,
  failedCount: row.failed_count,
  uncertainCount: row.uncertain_count,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

export const sendRules = {
  /** Recipients per claim: contiguous in member order. */
  batchSize: 100,
  /** Recipients written per statement when a send fixes its list (whole batches). */
  listChunkSize: 10_000,
  /** A 4xx answer is tried again this many times in all, then the recipient fails. */
  maxAttempts: 5,
  /** Backoff after the n-th 4xx: 1 min, 2, 4, 8 …, at most 30 min. */
  backoffBaseMs: 60_000,
  backoffCapMs: 30 * 60_000,
  /** How long a claim holds without news from its sender (renewed while it works). */
  leaseMs: 60_000,
} as const;

export function backoffMs(
  attempt: number,
  rules: Pick<SendRules, 'backoffBaseMs' | 'backoffCapMs'> = sendRules,
): number {
  return Math.min(rules.backoffCapMs, rules.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
}

export type SendRules = { [K in keyof typeof sendRules]: number };

/** What a recipient's row becomes after the mailer's answer (`attempts`: 4xx answers so far). */
export function rowAfter(
  outcome: BulkOutcome,
  attempts: number,
  now: Date,
  rules: SendRules = sendRules,
): {
  state: 'sent' | 'failed' | 'uncertain' | 'queued';
  reply: string;
  attempts?: number;
  retryAt?: string | null;
} {
  if (outcome.status !== 'deferred') return { state: outcome.status, reply: outcome.reply };
  const attempt = attempts + 1;
  if (attempt >= rules.maxAttempts)
    return {
      state: 'failed',
      reply: `${outcome.reply} (gave up after ${attempt} attempts)`,
      attempts: attempt,
      retryAt: null,
    };
  return {
    state: 'queued',
    reply: outcome.reply,
    attempts: attempt,
    retryAt: new Date(now.getTime() + backoffMs(attempt, rules)).toISOString(),
  };
}

/**
 * Who gets the full story: everyone when a signed-in member may read it (public and members-only
 * stories, and digests), otherwise (paid stories) only recipients with paid access now; the
 * others get the teaser with "read on the site".
 */
export function fullAccessFor(
  visibility: 'public' | 'members' | 'paid' | null,
): 'everyone' | 'paid' {
  if (visibility === null) return 'everyone';
  return canRead('member', visibility) ? 'everyone' : 'paid';
}

/** The renders of one send, as stored in `emails.rendered` (written once when it starts). */
const renderedEmailSchema = z.object({
  subject: z.string(),
  preheader: z.string(),
  html: z.string(),
  text: z.string(),
});
export const storedRendersSchema = z.object({
  full: renderedEmailSchema,
  teaser: renderedEmailSchema,
});
export type StoredRenders = Record<EmailAccess, RenderedEmail>;

export interface ListHeadersInput {
  newsletter: { name: string; slug: string };
  /** The site's host name, for Message-ID and List-Id. */
  host: string;
  unsubscribeUrl: string;
  unsubscribeMailto?: string | undefined;
}

/** `<emailId.memberId@host>`: the same message keeps its id across retries. */
export const messageIdFor = (emailId: string, memberId: string, host: string): string =>
  `<${emailId}.${memberId}@${host}>`;

/** A List-Id phrase may not carry `<`, `>` or line breaks, and quotes when it has specials. */
const listIdPhrase = (name: string): string => {
  const plain = name.replace(/[\r\n<>]+/g, ' ').trim();
  return /^[\w .-]*$/.test(plain) ? plain : `"${plain.replace(/["\\]/g, '')}"`;
};

/** RFC 8058 one-click unsubscribe, https first, mailto when there is one: each recipient's own. */
export function unsubscribeHeaders(
  input: Pick<ListHeadersInput, 'unsubscribeUrl' | 'unsubscribeMailto'>,
): Record<string, string> {
  const targets = [`<${input.unsubscribeUrl}>`];
  if (input.unsubscribeMailto) targets.push(`<${input.unsubscribeMailto}>`);
  return { 'List-Unsubscribe': targets.join(', ') };
}

/** What every message of a list carries alike: RFC 8058's one-click POST and RFC 2919 List-Id. */
export function sharedListHeaders(
  input: Pick<ListHeadersInput, 'newsletter' | 'host'>,
): Record<string, string> {
  return {
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `${listIdPhrase(input.newsletter.name)} <${input.newsletter.slug}.list-id.${input.host}>`,
  };
}

/** A recipient's list headers: RFC 8058 one-click unsubscribe and RFC 2919 List-Id. */
export function listHeaders(input: ListHeadersInput): Record<string, string> {
  return { ...unsubscribeHeaders(input), ...sharedListHeaders(input) };
}
