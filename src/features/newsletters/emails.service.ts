import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { isUniqueViolation, narrow } from '../../platform/db/index.js';
import { AppError, conflict, notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { fromZonedInput, toZonedInput } from '../../shared/zoned-time.js';
import type { PostsService } from '../posts/index.js';
import type { BulkMailer } from '../../platform/mail/index.js';
import { compileMessages } from './email-send-message.js';
import type { EmailSendTables } from './email-send.repository.js';
import {
  progressOf,
  type EmailProgress,
  type EmailSegment,
  type StoredRenders,
} from './email-send.js';
import type { EmailSender } from './email-sender.service.js';
import { createEmailsRepository, type EmailRow } from './emails.repository.js';
import type { Newsletter } from './newsletter.js';
import type { NewslettersTables } from './newsletters.table.js';
import { trackingReport, type TrackingReport } from './tracking.service.js';
import type { NewslettersService } from './newsletters.service.js';

/** Sending is refused, with the fix, when no SMTP server is configured (issue #13). */
export const mailNotConfigured = () =>
  new AppError({
    code: 'MAIL_NOT_CONFIGURED',
    status: 503,
    message:
      'Newsletters cannot be sent: no mail server is configured. Set SMTP_URL (and MAIL_FROM) and restart.',
  });

/** An email, as the renderer and the report need it. */
export interface EmailRecord {
  id: string;
  newsletter: Newsletter;
  postId: string | null;
  digest: { date: string; intro: string | null } | null;
  subject: string;
  segment: EmailSegment;
  status: string;
  skippedCount: number;
  startedAt: string | null;
}

export interface EmailReport extends EmailProgress, TrackingReport {
  postId: string | null;
  subject: string;
  segment: EmailSegment;
  skippedCount: number;
  unsubscribeCount: number;
  bounceCount: number;
  problems: Array<{ address: string; state: string; reply: string | null }>;
}

/** One email a member was sent, for their page in the admin. */
export interface MemberEmail {
  emailId: string;
  subject: string;
  state: string;
  reply: string | null;
  updatedAt: string;
  /** Their opens and clicks, for an email sent with per-member tracking; else null. */
  activity: {
    opens: number | null;
    clicks: number | null;
    lastOpenedAt: string | null;
    lastClickedAt: string | null;
  } | null;
}

const segmentOf = (value: string): EmailSegment =>
  value === 'free' || value === 'paid' ? value : 'all';

/**
 * Emails as the newsroom asks for them: a story emailed when it goes live (at most once: the
 * post id is unique), the daily digest (one per list and local day: unique too), and what an
 * editor sees and does afterwards (progress, report, cancel, retry). The sending itself is the
 * delivery engine's (email-sender.service.ts); without a bulk mailer, sending is refused.
 */
export function createEmailsService(deps: {
  db: Kysely<EmailSendTables>;
  clock: Clock;
  newsletters: Pick<NewslettersService, 'byId' | 'list'>;
  posts: Pick<PostsService, 'byId'>;
  /** The engine; undefined when SMTP is not configured. */
  sender: EmailSender | undefined;
  /** The newsroom's time zone (settings), for the digest's local day and time. */
  timeZone: () => Promise<string>;
  /** Whether a digest would have anything in it. */
  hasDigestContent: () => Promise<boolean>;
  /** Renders an email (a test send renders a story for a list without keeping anything). */
  render: (email: EmailRecord) => Promise<StoredRenders>;
  /** The bulk mailer test sends go through; undefined without SMTP. */
  bulkMailer: BulkMailer | undefined;
  /** The site's `/account/` URL, standing in for the unsubscribe link in test sends. */
  manageUrl: string;
}) {
  const repo = createEmailsRepository(deps.db);
  const now = () => deps.clock.now().toISOString();

  const engine = (): EmailSender => {
    if (!deps.sender) throw mailNotConfigured();
    return deps.sender;
  };

  async function record(row: EmailRow): Promise<EmailRecord> {
    const newsletter = await deps.newsletters.byId(row.newsletter_id);
    if (!newsletter) throw notFound('Newsletter');
    return {
      id: row.id,
      newsletter,
      postId: row.post_id,
      digest: row.digest_date ? { date: row.digest_date, intro: row.intro } : null,
      subject: row.subject,
      segment: segmentOf(row.segment),
      status: row.status,
      skippedCount: row.skipped_count,
      startedAt: row.started_at,
    };
  }

  async function activeList(newsletterId: string): Promise<Newsletter> {
    const newsletter = await deps.newsletters.byId(newsletterId);
    if (!newsletter || newsletter.status !== 'active')
      throw validationError([
        { field: 'email.newsletterId', message: 'must be an active newsletter' },
      ]);
    return newsletter;
  }

  return {
    isSendingEnabled: deps.sender !== undefined,

    /**
     * Asks for a story to be emailed when it goes live (now, or at its scheduled time). Until
     * the send starts the request may change; afterwards the story is emailed: 409.
     */
    async requestForPost(input: {
      postId: string;
      newsletterId: string;
      segment: EmailSegment;
      createdBy: string | null;
    }): Promise<void> {
      engine();
      const [newsletter, post] = await Promise.all([
        activeList(input.newsletterId),
        deps.posts.byId(input.postId),
      ]);
      const existing = await repo.forPost(post.id);
      const set = {
        newsletter_id: newsletter.id,
        segment: input.segment,
        subject: post.title,
        updated_at: now(),
      };
      if (existing) {
        if (await repo.updatePending(existing.id, set)) return;
        throw conflict('This story has already been emailed; it is emailed at most once.');
      }
      try {
        await repo.insert({
          id: newId(),
          post_id: post.id,
          digest_date: null,
          status: 'pending',
          intro: null,
          recipient_count: 0,
          sent_count: 0,
          failed_count: 0,
          uncertain_count: 0,
          skipped_count: 0,
          rendered: null,
          created_by: input.createdBy,
          created_at: set.updated_at,
          started_at: null,
          finished_at: null,
          ...set,
        });
      } catch (error) {
        if (isUniqueViolation(error))
          throw conflict('This story has already been emailed; it is emailed at most once.');
        throw error;
      }
    },

    /** Drops a story's email that has not started (published or scheduled without email). */
    withdrawForPost: (postId: string) => repo.deletePendingForPost(postId),

    async byId(id: string): Promise<EmailRecord> {
      const row = await repo.byId(id);
      if (!row) throw notFound('Email');
      return record(row);
    },

    /** The story's email and how it is going, or undefined if it has none. */
    async forPost(postId: string): Promise<EmailProgress | undefined> {
      const row = await repo.forPost(postId);
      return row ? progressOf(row) : undefined;
    },

    async report(id: string): Promise<EmailReport> {
      const row = await repo.byId(id);
      if (!row) throw notFound('Email');
      const since = row.started_at ?? row.created_at;
      const [unsubscribeCount, bounceCount, problems, tracking] = await Promise.all([
        repo.unsubscribedSince(id, row.newsletter_id, since),
        repo.suppressedAmong(id),
        repo.problems(id, 100),
        trackingReport(narrow(deps.db).to<NewslettersTables>(), id),
      ]);
      return {
        ...progressOf(row),
        postId: row.post_id,
        subject: row.subject,
        segment: segmentOf(row.segment),
        skippedCount: row.skipped_count,
        unsubscribeCount,
        bounceCount,
        problems,
        ...tracking,
      };
    },

    /**
     * Sends a story as the list would, marked "[Test]", to up to five staff addresses; nothing is
     * recorded and the story is not marked emailed. Returns how many the server accepted.
     */
    async sendTest(input: {
      newsletterId: string;
      postId: string;
      addresses: readonly string[];
    }): Promise<number> {
      const mailer = deps.bulkMailer;
      if (!mailer || !deps.sender) throw mailNotConfigured();
      const newsletter = await activeList(input.newsletterId);
      const post = await deps.posts.byId(input.postId);
      const testId = newId();
      const renders = await deps.render({
        id: testId,
        newsletter,
        postId: post.id,
        digest: null,
        subject: post.title,
        segment: 'all',
        status: 'pending',
        skippedCount: 0,
        startedAt: null,
      });
      // Built as the list builds each message, with the account page standing in for the
      // unsubscribe link (no member is behind a test address).
      const build = compileMessages(
        {
          emailId: testId,
          newsletterId: newsletter.id,
          newsletter,
          fromName: newsletter.senderName ?? newsletter.name,
          replyTo: newsletter.replyTo ?? undefined,
        },
        renders,
        {
          host: new URL(deps.manageUrl).hostname,
          manageUrl: deps.manageUrl,
          unsubscribeUrl: () => deps.manageUrl,
        },
      );
      const messages = input.addresses
        .slice(0, 5)
        .map((address, index) =>
          build({ memberId: `test-${index}`, address, name: null, access: 'full' }),
        );
      // One template for every test address, so the mailer composes the message once.
      const shared = messages[0]?.template;
      const template = shared && { ...shared, subject: `[Test] ${shared.subject}` };
      const outcomes = await Promise.all(
        messages.map((message) =>
          mailer.send({ ...message, template: template ?? message.template }),
        ),
      );
      return outcomes.filter((outcome) => outcome.status === 'sent').length;
    },

    async cancel(id: string): Promise<EmailProgress> {
      if (!(await repo.byId(id))) throw notFound('Email');
      return engine().cancel(id);
    },

    async retry(id: string, options: { includeUncertain: boolean }) {
      if (!(await repo.byId(id))) throw notFound('Email');
      return engine().retry(id, options);
    },

    /**
     * A member's emails, newest first, each with what per-member tracking saw (`activity`: null
     * when the email was not sent with it; `opens` / `clicks` null when that kind was off).
     */
    async forMember(memberId: string): Promise<MemberEmail[]> {
      return (await repo.forMember(memberId, 50)).map((row) => ({
        emailId: row.emailId,
        subject: row.subject,
        state: row.state,
        reply: row.reply,
        updatedAt: row.updatedAt,
        activity:
          row.track_members === 1
            ? {
                opens: row.track_opens === 1 ? Number(row.open_count ?? 0) : null,
                clicks: row.track_clicks === 1 ? Number(row.click_count ?? 0) : null,
                lastOpenedAt: row.last_opened_at ?? null,
                lastClickedAt: row.last_clicked_at ?? null,
              }
            : null,
      }));
    },

    /**
     * Creates today's digest of every daily list whose local send time has passed, if anything
     * was published (one per list and local day, whatever the number of processes: the unique
     * key picks one winner). The time is compared on the newsroom's wall clock, so 07:00 stays
     * 07:00 across daylight-saving changes. Returns the digests created.
     */
    async createDueDigests(): Promise<string[]> {
      if (!deps.sender) return [];
      const at = deps.clock.now();
      const timeZone = await deps.timeZone();
      const wall = toZonedInput(at, timeZone);
      const [date, time] = [wall.slice(0, 10), wall.slice(11, 16)];
      const due = (await deps.newsletters.list()).filter((list) => {
        if (!list.digestTime || time < list.digestTime) return false;
        // A list created after today's time starts tomorrow.
        const sendAt = fromZonedInput(`${date}T${list.digestTime}`, timeZone);
        return sendAt !== null && sendAt.toISOString() >= list.createdAt;
      });
      const created: string[] = [];
      // Asked once a pass (two queries), and only when some list's digest is still to make.
      let hasContent: boolean | undefined;
      for (const list of due) {
        if (await repo.digestFor(list.id, date)) continue;
        hasContent ??= await deps.hasDigestContent();
        if (!hasContent) return created;
        const id = newId();
        try {
          await repo.insertDigest({
            id,
            newsletter_id: list.id,
            post_id: null,
            digest_date: date,
            segment: 'all',
            status: 'pending',
            subject: list.name,
            intro: list.nextDigestIntro,
            recipient_count: 0,
            sent_count: 0,
            failed_count: 0,
            uncertain_count: 0,
            skipped_count: 0,
            rendered: null,
            created_by: null,
            created_at: at.toISOString(),
            started_at: null,
            finished_at: null,
            updated_at: at.toISOString(),
          });
          created.push(id);
        } catch (error) {
          // Another process made today's digest first.
          if (!isUniqueViolation(error)) throw error;
        }
      }
      return created;
    },
  };
}

export type EmailsService = ReturnType<typeof createEmailsService>;
