// Words for an email's state, shared by the publish panel's progress and the report.
import type { EmailProgress, EmailSegment } from '../../types.js';
import { formatNumber } from '../../ui/format.js';

export const emailStatusLabel: Record<EmailProgress['status'], string> = {
  pending: 'Waiting to send',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const segmentLabel: Record<EmailSegment, string> = {
  all: 'All subscribers',
  free: 'Free subscribers',
  paid: 'Paying subscribers',
};

/** Whether the email may still change by itself (the panel polls while it does). */
export const isUnderWay = (email: Pick<EmailProgress, 'status'>): boolean =>
  email.status === 'pending' || email.status === 'sending';

/** Recipients the sender has dealt with: delivered to the server, refused, or maybe delivered. */
export const doneCount = (email: EmailProgress): number =>
  email.sentCount + email.failedCount + email.uncertainCount;

/** "1 recipient", "2,500 recipients". */
export const recipientsText = (count: number): string =>
  `${formatNumber(count)} ${count === 1 ? 'recipient' : 'recipients'}`;

/** A recipient's state (`sent`, `failed`, `uncertain` …), in words. */
export const recipientStateLabel = (state: string): string =>
  ({
    pending: 'Waiting',
    sending: 'Sending',
    sent: 'Sent',
    failed: 'Failed',
    uncertain: 'Uncertain',
    skipped: 'Skipped',
  })[state] ?? state;

/** Why an address gets no mail (the server's suppression reasons), as a label. */
export const suppressionReasonLabel = (reason: string): string =>
  ({
    hard_bounce: 'Hard bounce',
    complaint: 'Spam complaint',
    manual: 'Added by staff',
    import: 'Imported',
  })[reason] ?? reason.replace(/_/g, ' ');

/** Who reported a suppression, in words. */
export const suppressionSourceWords = (source: string): string =>
  ({
    smtp: 'reported by the mail server',
    ses: 'reported by Amazon SES',
    mailgun: 'reported by Mailgun',
    admin: 'by staff',
    import: 'by an import',
  })[source] ?? source;

/** What per-member tracking saw of one member and one email (null counts: not tracked). */
export interface MemberEmailActivity {
  opens: number | null;
  clicks: number | null;
}

/**
 * "opened twice · 1 click", "no open seen · no clicks": a member's opens and clicks of an email
 * sent with per-member tracking, in words; '' when neither was tracked. An open is an indication
 * only (mail apps block or preload images), so none is "no open seen", not "not opened".
 */
export function memberActivityText(activity: MemberEmailActivity): string {
  const parts: string[] = [];
  const { opens, clicks } = activity;
  if (opens !== null)
    parts.push(
      opens === 0
        ? 'no open seen'
        : opens === 1
          ? 'opened once'
          : opens === 2
            ? 'opened twice'
            : `opened ${formatNumber(opens)} times`,
    );
  if (clicks !== null)
    parts.push(
      clicks === 0 ? 'no clicks' : `${formatNumber(clicks)} ${clicks === 1 ? 'click' : 'clicks'}`,
    );
  return parts.join(' · ');
}
