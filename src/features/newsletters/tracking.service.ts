import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { SecretKeyring } from '../../platform/security/index.js';
import { createClickSignatures, maxTrackedUrlLength } from './click-signature.js';
import { createMemberActivityRepository } from './member-activity.repository.js';
import { createMemberTrackingTokens } from './member-tracking-token.js';
import type { NewslettersTables } from './newsletters.table.js';
import { createTrackingRepository } from './tracking.repository.js';

/** What an email tracks, fixed when its send starts (the settings at that moment). */
export interface EmailTrackingFlags {
  isTrackingOpens: boolean;
  isTrackingClicks: boolean;
  /**
   * The newsroom's opt-in to per-member tracking: the pixel and click URLs then carry each
   * recipient's signed token (a placeholder in the one render, filled per recipient).
   */
  isTrackingMembers: boolean;
}

/**
 * The email's tracking links: what the renderer writes into a tracked email's HTML. With
 * `memberToken` (the recipient's token, or the placeholder that stands for it in the one render)
 * the URL also names the recipient; without it, nobody.
 */
export interface EmailTrackingLinks {
  pixelUrl: (emailId: string, memberToken?: string) => string;
  /** The signed redirect for a link; undefined for links left as they are. */
  clickUrl: (emailId: string, url: string, memberToken?: string) => string | undefined;
}

/** What is kept about one member and one email (per-member tracking on): their data export. */
export interface MemberEmailActivity {
  emailId: string;
  subject: string;
  openCount: number;
  clickCount: number;
  firstOpenedAt: string | null;
  lastOpenedAt: string | null;
  firstClickedAt: string | null;
  lastClickedAt: string | null;
}

export interface TrackingReport {
  openCount: number | null;
  clickCount: number | null;
  topLinks: Array<{ url: string; count: number }>;
}

const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

/**
 * Newsletter tracking (issue #13 §8), off by default: an open pixel and signed click redirects,
 * counted per email and per link. Per member only when the newsroom opts in (settings
 * `emailTrackMembers`, read when a send starts): that email's URLs then carry each recipient's
 * signed token (`?m=` / `&m=`), and each member's opens and clicks are kept in
 * `member_email_activity` (their page in the admin, their data export; deleted with them).
 * Without the opt-in no tracking URL names anyone and nothing per member is stored.
 */
export function createTrackingService(deps: {
  db: Kysely<NewslettersTables>;
  clock: Clock;
  keyring: Pick<SecretKeyring, 'sign' | 'verify'>;
  publicUrl: string;
  /** The newsroom's settings now (`emailTrackOpens` / `emailTrackClicks` / `emailTrackMembers`). */
  settings: () => Promise<EmailTrackingFlags>;
}) {
  const repo = createTrackingRepository(deps.db);
  const activity = createMemberActivityRepository(deps.db);
  const signatures = createClickSignatures(deps.keyring);
  const tokens = createMemberTrackingTokens(deps.keyring);
  const base = deps.publicUrl.replace(/\/+$/, '');
  // The token is base64url and id characters (or the placeholder): nothing to encode.
  const withMember = (url: string, memberToken: string | undefined) =>
    memberToken ? `${url}${url.includes('?') ? '&' : '?'}m=${memberToken}` : url;

  /** The member a token names for this email, when it is genuine. */
  const memberOf = (emailId: string, memberToken: string | undefined) =>
    memberToken ? tokens.read(emailId, memberToken) : undefined;

  const links: EmailTrackingLinks = {
    pixelUrl: (emailId, memberToken) =>
      withMember(`${base}/e/${encodeURIComponent(emailId)}/open.gif`, memberToken),
    clickUrl: (emailId, url, memberToken) => {
      if (!isWebUrl(url) || url.length > maxTrackedUrlLength) return undefined;
      const sig = signatures.sign(emailId, url);
      return withMember(
        `${base}/r/${encodeURIComponent(emailId)}/${sig}?u=${encodeURIComponent(url)}`,
        memberToken,
      );
    },
  };

  return {
    links,

    /** A recipient's token for an email sent with per-member tracking (the sender fills it in). */
    memberToken: (ids: { emailId: string; memberId: string }): string => tokens.make(ids),

    /**
     * What a send starting now tracks, recorded on the email while it is still pending (a
     * process that loses the start to another writes the same settings, read moments apart).
     */
    async startFor(emailId: string): Promise<EmailTrackingFlags> {
      const flags = await deps.settings();
      // Per member only alongside opens or clicks: alone it would track nothing.
      const isTrackingMembers =
        flags.isTrackingMembers && (flags.isTrackingOpens || flags.isTrackingClicks);
      await repo.markTracked(emailId, {
        track_opens: flags.isTrackingOpens ? 1 : 0,
        track_clicks: flags.isTrackingClicks ? 1 : 0,
        track_members: isTrackingMembers ? 1 : 0,
      });
      return { ...flags, isTrackingMembers };
    },

    /**
     * The pixel was fetched: one more open (only for an email sent with open tracking), and one
     * more for the member its token names when the email was sent with per-member tracking. A
     * token that is not genuine, or not for this email, counts the open for no one.
     */
    async recordOpen(emailId: string, memberToken?: string): Promise<void> {
      await repo.countOpen(emailId);
      const memberId = memberOf(emailId, memberToken);
      if (memberId) await activity.recordOpen(emailId, memberId, deps.clock.now().toISOString());
    },

    /**
     * A click on a signed link: the URL to send the reader to, or undefined when the signature
     * does not sign this email and this URL (nothing is counted then). The member's token is
     * checked on its own: a forged or another email's token still leads to the signed URL, but
     * nothing is recorded for any member.
     */
    async recordClick(input: {
      emailId: string;
      signature: string;
      url: string;
      memberToken?: string | undefined;
    }): Promise<string | undefined> {
      const { emailId, signature, url } = input;
      if (!isWebUrl(url) || url.length > maxTrackedUrlLength) return undefined;
      if (!signatures.verify(emailId, url, signature)) return undefined;
      const isCounted = await repo.countClick(emailId, url);
      const memberId = memberOf(emailId, input.memberToken);
      if (isCounted && memberId)
        await activity.recordClick(emailId, memberId, deps.clock.now().toISOString());
      return url;
    },

    /** Everything per-member tracking kept about a member (their data export), newest first. */
    async memberActivity(memberId: string): Promise<MemberEmailActivity[]> {
      return (await activity.ofMember(memberId)).map((row) => ({
        emailId: row.email_id,
        subject: row.subject,
        openCount: Number(row.open_count),
        clickCount: Number(row.click_count),
        firstOpenedAt: row.first_opened_at,
        lastOpenedAt: row.last_opened_at,
        firstClickedAt: row.first_clicked_at,
        lastClickedAt: row.last_clicked_at,
      }));
    },

    /** The report's numbers: null (and no links) for what was not tracked. */
    async report(emailId: string): Promise<TrackingReport> {
      return trackingReport(deps.db, emailId);
    },
  };
}

/** The tracking part of an email's report (also read by the emails service). */
export async function trackingReport(
  db: Kysely<NewslettersTables>,
  emailId: string,
): Promise<TrackingReport> {
  const repo = createTrackingRepository(db);
  const row = await repo.counts(emailId);
  const isClicks = row?.track_clicks === 1;
  return {
    openCount: row?.track_opens === 1 ? Number(row.open_count) : null,
    clickCount: isClicks ? Number(row.click_count) : null,
    topLinks: isClicks
      ? (await repo.topLinks(emailId, 10)).map((l) => ({ url: l.url, count: Number(l.count) }))
      : [],
  };
}

export type TrackingService = ReturnType<typeof createTrackingService>;
