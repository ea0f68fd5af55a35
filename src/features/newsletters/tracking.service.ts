import type { Kysely } from 'kysely';
import type { SecretKeyring } from '../../platform/security/index.js';
import { createClickSignatures, maxTrackedUrlLength } from './click-signature.js';
import type { NewslettersTables } from './newsletters.table.js';
import { createTrackingRepository } from './tracking.repository.js';

/** What an email tracks, fixed when its send starts (the settings at that moment). */
export interface EmailTrackingFlags {
  isTrackingOpens: boolean;
  isTrackingClicks: boolean;
}

/** The email's tracking links: what the renderer writes into a tracked email's HTML. */
export interface EmailTrackingLinks {
  pixelUrl: (emailId: string) => string;
  /** The signed redirect for a link; undefined for links left as they are. */
  clickUrl: (emailId: string, url: string) => string | undefined;
}

export interface TrackingReport {
  openCount: number | null;
  clickCount: number | null;
  topLinks: Array<{ url: string; count: number }>;
}

const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

/**
 * Newsletter tracking (issue #13 §8), off by default: an open pixel and signed click redirects,
 * counted per email and per link — never per member (no member id is in a tracking URL or row).
 */
export function createTrackingService(deps: {
  db: Kysely<NewslettersTables>;
  keyring: Pick<SecretKeyring, 'sign' | 'verify'>;
  publicUrl: string;
  /** The newsroom's settings now (site settings `emailTrackOpens` / `emailTrackClicks`). */
  settings: () => Promise<EmailTrackingFlags>;
}) {
  const repo = createTrackingRepository(deps.db);
  const signatures = createClickSignatures(deps.keyring);
  const base = deps.publicUrl.replace(/\/+$/, '');

  const links: EmailTrackingLinks = {
    pixelUrl: (emailId) => `${base}/e/${encodeURIComponent(emailId)}/open.gif`,
    clickUrl: (emailId, url) => {
      if (!isWebUrl(url) || url.length > maxTrackedUrlLength) return undefined;
      const sig = signatures.sign(emailId, url);
      return `${base}/r/${encodeURIComponent(emailId)}/${sig}?u=${encodeURIComponent(url)}`;
    },
  };

  return {
    links,

    /**
     * What a send starting now tracks, recorded on the email while it is still pending (a
     * process that loses the start to another writes the same settings, read moments apart).
     */
    async startFor(emailId: string): Promise<EmailTrackingFlags> {
      const flags = await deps.settings();
      await repo.markTracked(emailId, {
        track_opens: flags.isTrackingOpens ? 1 : 0,
        track_clicks: flags.isTrackingClicks ? 1 : 0,
      });
      return flags;
    },

    /** The pixel was fetched: one more open (only for an email sent with open tracking). */
    recordOpen: (emailId: string): Promise<void> => repo.countOpen(emailId),

    /**
     * A click on a signed link: the URL to send the reader to, or undefined when the signature
     * does not sign this email and this URL (nothing is counted then).
     */
    async recordClick(input: {
      emailId: string;
      signature: string;
      url: string;
    }): Promise<string | undefined> {
      const { emailId, signature, url } = input;
      if (!isWebUrl(url) || url.length > maxTrackedUrlLength) return undefined;
      if (!signatures.verify(emailId, url, signature)) return undefined;
      await repo.countClick(emailId, url);
      return url;
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
