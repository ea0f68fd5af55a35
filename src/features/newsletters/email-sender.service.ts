import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { parseStoredJson } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import type { Job } from '../../platform/jobs/index.js';
import type { Logger } from '../../platform/logger.js';
import type { BulkMailer, BulkMessage, BulkOutcome } from '../../platform/mail/bulk-mailer.js';
import { compileMessages, type Recipient, type SendLinks } from './email-send-message.js';
import { createEmailStatusRepository } from './email-send-status.repository.js';
import { runLanes, stepKey, type SendItem } from './email-send-lanes.js';
import { createFeed, createSerial, createThrottle, type Feed } from './email-send-pipeline.js';
import {
  createEmailSendRepository,
  type ClaimedBatch,
  type ClaimedRecipient,
  type EmailSendTables,
  type RecipientOutcome,
} from './email-send.repository.js';
import {
  fullAccessFor,
  rowAfter,
  sendRules,
  storedRendersSchema,
  type EmailProgress,
  type EmailSegment,
  type SendRules,
  type StoredRenders,
} from './email-send.js';

export interface EmailSenderDeps {
  db: Kysely<EmailSendTables>;
  clock: Clock;
  mailer: BulkMailer;
  /**
   * Renders the email once per access level; called once, when the send starts, and stored in
   * `emails.rendered`, so a process that takes over later sends exactly what the first one did.
   */
  prepare(emailId: string): Promise<StoredRenders>;
  links: SendLinks;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** A 5xx to RCPT TO: the address goes on the suppression list (never mailed again). */
  onHardBounce?: (bounce: { address: string; reply: string }) => Promise<void>;
  /** Batch size, attempts, backoff and lease (tests shorten them). */
  rules?: Partial<SendRules>;
}

export interface SenderRun {
  /** Sends started (recipients fixed) in this run. */
  started: number;
  /** Batches claimed and worked through. */
  batches: number;
  /** Messages handed to the mailer. */
  handed: number;
}

const storedRenders = storedRendersSchema.nullable().catch(null);
const maxCachedEmails = 16;
/** An email's counts are recomputed (every row, by state) at most this often while it sends. */
const countsEveryMs = 1000;

/**
 * The delivery engine (issue #13 §6, decision 0011 "Exactly once, stated precisely"): fixes an
 * email's recipients when it starts, then any number of senders, in any number of processes,
 * claim batches, hand each message to the bulk mailer after recording that they are about to,
 * and record the server's answer. What a crash leaves behind is taken over when its lease runs
 * out: unsent rows go back to the queue, rows that may have left become uncertain.
 */
export function createEmailSender(deps: EmailSenderDeps) {
  const rules: SendRules = { ...sendRules, ...deps.rules };
  const repository = createEmailSendRepository(deps.db);
  const outcomes = createEmailStatusRepository(deps.db);
  const iso = (at: Date, plusMs = 0) => new Date(at.getTime() + plusMs).toISOString();
  const builders = new Map<
    string,
    { newsletterId: string; build: (recipient: Recipient) => BulkMessage }
  >();
  // Hand-offs, renewals and skips write many of a worker's rows: one at a time (no deadlock).
  const rowWrites = createSerial();
  // Progress while sending, per process; each run ends with an exact refresh.
  const counts = createThrottle({
    intervalMs: countsEveryMs,
    now: () => deps.clock.now(),
    task: (emailId) => outcomes.refreshCounts(emailId, iso(deps.clock.now())),
    onError: (error, emailId) =>
      deps.logger?.warn({ err: error, emailId }, 'could not refresh the send counts'),
  });

  async function messagesFor(emailId: string) {
    const cached = builders.get(emailId);
    if (cached) return cached;
    const row = await repository.sendContext(emailId);
    const renders = row?.rendered ? parseStoredJson(storedRenders, row.rendered) : null;
    if (!row || !renders) throw new Error(`email ${emailId} has no stored render to send`);
    const build = compileMessages(
      {
        emailId,
        newsletterId: row.newsletter_id,
        newsletter: { name: row.name, slug: row.slug },
        fromName: row.sender_name ?? row.name,
        replyTo: row.reply_to ?? undefined,
      },
      renders,
      deps.links,
    );
    if (builders.size >= maxCachedEmails) builders.delete(builders.keys().next().value as string);
    const compiled = { newsletterId: row.newsletter_id, build };
    builders.set(emailId, compiled);
    return compiled;
  }

  async function fixRecipients(emailId: string): Promise<{ recipientCount: number | null }> {
    const email = await repository.findEmailToStart(emailId);
    if (!email) throw notFound('Email');
    if (email.status !== 'pending') return { recipientCount: null };
    const renders = await deps.prepare(emailId);
    const now = iso(deps.clock.now());
    const recipientCount = await repository.fixRecipients({
      emailId,
      newsletterId: email.newsletter_id,
      segment: email.segment as EmailSegment,
      fullFor: fullAccessFor(
        email.visibility === 'public' ||
          email.visibility === 'members' ||
          email.visibility === 'paid'
          ? email.visibility
          : null,
      ),
      rendered: JSON.stringify(renders),
      batchSize: rules.batchSize,
      chunkSize: rules.listChunkSize,
      now,
    });
    // A send with nobody to send to is finished at once.
    if (recipientCount !== null) await outcomes.refreshCounts(emailId, now);
    return { recipientCount };
  }

  /** The server's answer for one message, as its row should record it. */
  async function handOff(
    recipient: ClaimedRecipient,
    message: BulkMessage,
  ): Promise<RecipientOutcome> {
    let outcome: BulkOutcome;
    try {
      outcome = await deps.mailer.send(message);
    } catch (error) {
      // The port promises answers, not throws; a throw says nothing about whether it left.
      outcome = {
        status: 'uncertain',
        reply: `mailer error: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    if (outcome.status === 'failed' && outcome.isRecipientRefused && deps.onHardBounce)
      await deps.onHardBounce({ address: recipient.address, reply: outcome.reply });
    return rowAfter(outcome, recipient.attempts, deps.clock.now(), rules);
  }

  /** A batch's recipients still eligible, ready to go (the others are skipped here). */
  async function itemsOf(workerId: string, batch: ClaimedBatch): Promise<SendItem<BulkMessage>[]> {
    const { emailId } = batch;
    const { build, newsletterId } = await messagesFor(emailId);
    const skipped = await rowWrites.run(() =>
      repository.skipIneligible({ emailId, newsletterId, workerId, now: iso(deps.clock.now()) }),
    );
    return batch.recipients
      .filter((r) => !skipped.has(r.memberId))
      .map((recipient) => ({ emailId, recipient, build }));
  }

  /**
   * Sends what `feed` hands out (email-send-lanes.ts): the steps of the lanes that finish at
   * once go in one statement per email, and the claims are renewed meanwhile, so a slow server
   * does not let another process take over rows this one is still sending.
   */
  async function work(options: {
    workerId: string;
    feed: Feed<SendItem<BulkMessage>>;
    /** Emails whose claims to renew while working (a claim adds its email). */
    holding: Set<string>;
    signal?: AbortSignal | undefined;
  }): Promise<number> {
    const { workerId, holding } = options;
    const renew = setInterval(
      () => {
        const leaseUntil = iso(deps.clock.now(), rules.leaseMs);
        for (const emailId of holding)
          void rowWrites
            .run(() => repository.renewLease({ emailId, workerId, leaseUntil }))
            .catch((error: unknown) => deps.logger?.warn({ err: error }, 'lease renewal failed'));
      },
      Math.max(50, Math.floor(rules.leaseMs / 3)),
    );
    renew.unref();
    try {
      return await runLanes({
        feed: options.feed,
        poolSize: deps.mailer.poolSize,
        signal: options.signal,
        handOff,
        async store(steps) {
          const at = deps.clock.now();
          const moved = new Set<string>();
          for (const emailId of new Set(steps.map((s) => s.emailId))) {
            const mine = steps.filter((s) => s.emailId === emailId);
            const handing = await rowWrites.run(() =>
              repository.handOver({
                emailId,
                workerId,
                now: iso(at),
                leaseUntil: iso(at, rules.leaseMs),
                answered: mine.flatMap(({ memberId, outcome }) =>
                  outcome ? [{ memberId, outcome }] : [],
                ),
                handing: mine.flatMap((s) => (s.outcome ? [] : [s.memberId])),
              }),
            );
            for (const memberId of handing) moved.add(stepKey(emailId, memberId));
            counts.poke(emailId);
          }
          return moved;
        },
      });
    } finally {
      clearInterval(renew);
    }
  }

  async function sendBatch(
    workerId: string,
    batch: ClaimedBatch,
    signal?: AbortSignal,
  ): Promise<number> {
    const items = await itemsOf(workerId, batch);
    const handed = await work({
      workerId,
      feed: createFeed({ items, lowWater: 0 }),
      holding: new Set([batch.emailId]),
      signal,
    });
    await counts.settle();
    await outcomes.refreshCounts(batch.emailId, iso(deps.clock.now()));
    return handed;
  }

  return {
    fixRecipients,

    /** Claims one batch for `workerId` (exposed for tests and tools; runSender does this). */
    claimBatch(workerId: string, now: Date, leaseMs: number = rules.leaseMs) {
      return repository.claimBatch({ workerId, now: iso(now), leaseUntil: iso(now, leaseMs) });
    },

    /** Works through a batch this worker claimed. */
    sendBatch,

    expireLeases(now: Date) {
      return repository.expireLeases(iso(now));
    },

    /**
     * One pass of the sender: takes over expired leases, starts pending sends, then claims and
     * sends batches until there is nothing due (or `signal` aborts), and finishes the sends
     * with nothing left in flight. Safe to run in several processes at once.
     */
    async runSender(options: { workerId: string; signal?: AbortSignal }): Promise<SenderRun> {
      const { workerId, signal } = options;
      const run: SenderRun = { started: 0, batches: 0, handed: 0 };
      await repository.expireLeases(iso(deps.clock.now()));
      for (const emailId of await repository.pendingEmailIds(10)) {
        try {
          if ((await fixRecipients(emailId)).recipientCount !== null) run.started += 1;
        } catch (error) {
          deps.logger?.error({ err: error, emailId }, 'could not start an email send');
        }
      }
      // The next batch is claimed while the current one's last messages are in flight.
      const holding = new Set<string>();
      const feed = createFeed({
        lowWater: deps.mailer.poolSize,
        refill: async () => {
          if (signal?.aborted) return null;
          const now = deps.clock.now();
          const batch = await repository.claimBatch({
            workerId,
            now: iso(now),
            leaseUntil: iso(now, rules.leaseMs),
          });
          if (!batch) return null;
          run.batches += 1;
          holding.add(batch.emailId);
          return itemsOf(workerId, batch);
        },
      });
      try {
        run.handed += await work({ workerId, feed, holding, signal });
      } finally {
        await counts.settle();
      }
      // Sends whose last rows were taken over or skipped elsewhere finish here.
      for (const emailId of await repository.sendingEmailIds())
        await outcomes.refreshCounts(emailId, iso(deps.clock.now()));
      for (const emailId of builders.keys())
        if ((await outcomes.progress(emailId))?.status !== 'sending') builders.delete(emailId);
      return run;
    },

    /** Recipients of sends in progress not yet handed to the mail server (queue-depth metric). */
    waitingRecipients: () => outcomes.countWaiting(),

    /** Stops what has not left; the email is cancelled once nothing is in flight. */
    async cancel(emailId: string): Promise<EmailProgress> {
      const now = iso(deps.clock.now());
      if (!(await outcomes.cancel(emailId, now)).found) throw notFound('Email');
      await outcomes.refreshCounts(emailId, now);
      return this.progress(emailId);
    },

    /** Sends again to failed recipients, and to uncertain ones only when asked. */
    async retry(
      emailId: string,
      options: { includeUncertain: boolean },
    ): Promise<EmailProgress & { requeued: number }> {
      await this.progress(emailId);
      const requeued = await outcomes.retry(emailId, {
        includeUncertain: options.includeUncertain,
        now: iso(deps.clock.now()),
      });
      return { ...(await this.progress(emailId)), requeued };
    },

    async progress(emailId: string): Promise<EmailProgress> {
      const progress = await outcomes.progress(emailId);
      if (!progress) throw notFound('Email');
      return progress;
    },
  };
}

export type EmailSender = ReturnType<typeof createEmailSender>;

/** The background job every app process runs: safe in several processes at once. */
export function emailSenderJob(
  sender: EmailSender,
  options: { workerId: string; intervalMs?: number },
): Job {
  return {
    name: 'newsletter-sender',
    intervalMs: options.intervalMs ?? 1000,
    run: () => sender.runSender({ workerId: options.workerId }),
  };
}
