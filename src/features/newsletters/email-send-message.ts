import type { BulkMessage } from '../../platform/mail/bulk-mailer.js';
import { compilePersonalization, type EmailAccess, type RecipientParts } from './email-content.js';
import { listHeaders, messageIdFor, type StoredRenders } from './email-send.js';

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
 * One email's renders split once at their placeholders; each recipient's message is then only
 * string joins of their name and links — never a render per recipient (issue #13 §7).
 */
export function compileMessages(
  context: SendContext,
  renders: StoredRenders,
  links: SendLinks,
): (recipient: Recipient) => BulkMessage {
  const compiled = {} as Record<
    EmailAccess,
    { subject: string; html: (p: RecipientParts) => string; text: (p: RecipientParts) => string }
  >;
  for (const access of ['full', 'teaser'] as const) {
    compiled[access] = {
      subject: renders[access].subject,
      html: compilePersonalization(renders[access].html, true),
      text: compilePersonalization(renders[access].text, false),
    };
  }
  return (recipient) => {
    const ids = { memberId: recipient.memberId, newsletterId: context.newsletterId };
    const unsubscribeUrl = links.unsubscribeUrl(ids);
    const parts: RecipientParts = {
      unsubscribeUrl,
      manageUrl: links.manageUrl,
      memberName: recipient.name ?? '',
    };
    const render = compiled[recipient.access === 'teaser' ? 'teaser' : 'full'];
    return {
      to: recipient.address,
      fromName: context.fromName,
      replyTo: context.replyTo,
      subject: render.subject,
      html: render.html(parts),
      text: render.text(parts),
      messageId: messageIdFor(context.emailId, recipient.memberId, links.host),
      headers: listHeaders({
        newsletter: context.newsletter,
        host: links.host,
        unsubscribeUrl,
        unsubscribeMailto: links.unsubscribeMailto?.(ids),
      }),
    };
  };
}
