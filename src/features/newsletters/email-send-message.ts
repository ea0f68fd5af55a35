import type { BulkMessage, BulkTemplate } from '../../platform/mail/bulk-mailer.js';
import {
  splitPersonalization,
  type EmailAccess,
  type Personalization,
  type RecipientParts,
} from './email-content.js';
import {
  messageIdFor,
  sharedListHeaders,
  unsubscribeHeaders,
  type StoredRenders,
} from './email-send.js';

/** The links every message carries; the unsubscribe token is made by its owner and injected. */
export interface SendLinks {
  /** The site's host name: Message-ID and List-Id. */
  host: string;
  /** Where a member manages all their lists (`/account/`), absolute. */
  manageUrl: string;
  /** The one-click https URL for this member and list (RFC 8058). */
  unsubscribeUrl(ids: { memberId: string; newsletterId: string }): string;
  /** An optional `mailto:` alternative in List-Unsubscribe. */
  unsubscribeMailto?(ids: { memberId: string; newsletterId: string }): string;
  /**
   * The recipient's signed tracking token, for renders made with per-member tracking (only they
   * hold its placeholder; for any other render it is never asked for).
   */
  trackingToken?(ids: { emailId: string; memberId: string }): string;
}

export interface SendContext {
  emailId: string;
  newsletterId: string;
  newsletter: { name: string; slug: string };
  fromName: string;
  replyTo: string | undefined;
}

export interface Recipient {
  memberId: string;
  address: string;
  name: string | null;
  access: string;
}

/**
 * One email's renders split once at their placeholders into a template per access level; each
 * recipient's message is that template and their own name, links and headers — never a render
 * per recipient (issue #13 §7), and the bulk mailer composes each template's MIME message once.
 */
export function compileMessages(
  context: SendContext,
  renders: StoredRenders,
  links: SendLinks,
): (recipient: Recipient) => BulkMessage {
  const headers = sharedListHeaders({ newsletter: context.newsletter, host: links.host });
  const compiled = {} as Record<
    EmailAccess,
    { template: BulkTemplate; html: Personalization; text: Personalization; hasToken: boolean }
  >;
  for (const access of ['full', 'teaser'] as const) {
    const html = splitPersonalization(renders[access].html, true);
    const text = splitPersonalization(renders[access].text, false);
    compiled[access] = {
      html,
      text,
      hasToken: html.names.includes('TRACKING_TOKEN') || text.names.includes('TRACKING_TOKEN'),
      template: {
        fromName: context.fromName,
        replyTo: context.replyTo,
        subject: renders[access].subject,
        html: html.pieces,
        text: text.pieces,
        headers,
      },
    };
  }
  return (recipient) => {
    const ids = { memberId: recipient.memberId, newsletterId: context.newsletterId };
    const unsubscribeUrl = links.unsubscribeUrl(ids);
    const { template, html, text, hasToken } =
      compiled[recipient.access === 'teaser' ? 'teaser' : 'full'];
    const parts: RecipientParts = {
      unsubscribeUrl,
      manageUrl: links.manageUrl,
      memberName: recipient.name ?? '',
      // One HMAC per message, only when the render asks for the recipient's token.
      trackingToken:
        hasToken && links.trackingToken
          ? links.trackingToken({ emailId: context.emailId, memberId: recipient.memberId })
          : undefined,
    };
    return {
      template,
      to: recipient.address,
      messageId: messageIdFor(context.emailId, recipient.memberId, links.host),
      htmlValues: html.values(parts),
      textValues: text.values(parts),
      headers: unsubscribeHeaders({
        unsubscribeUrl,
        unsubscribeMailto: links.unsubscribeMailto?.(ids),
      }),
    };
  };
}
