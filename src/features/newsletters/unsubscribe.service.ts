import type { SecretKeyring } from '../../platform/security/index.js';
import type { MembersService } from '../members/index.js';
import type { Newsletter } from './newsletter.js';
import type { NewslettersService } from './newsletters.service.js';
import { createUnsubscribeTokens, type UnsubscribeTarget } from './unsubscribe-token.js';

/** What the unsubscribe page shows before the reader presses the button. */
export interface UnsubscribeView {
  newsletter: Newsletter;
  /** The address, partly hidden ("r•••@example.org"): the link may have been forwarded. */
  maskedEmail: string;
  isSubscribed: boolean;
}

const mask = (email: string): string => {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '•••' : `${email[0] ?? ''}•••${email.slice(at)}`;
};

/**
 * Unsubscribing from an email's link: the token names the member and the list, so it works
 * signed out, from any device, forever (issue #13 §3).
 */
export function createUnsubscribeService(deps: {
  keyring: Pick<SecretKeyring, 'sign' | 'verify'>;
  publicUrl: string;
  newsletters: Pick<NewslettersService, 'byId' | 'subscriptionsOf' | 'unsubscribe'>;
  members: Pick<MembersService, 'byId'>;
}) {
  const tokens = createUnsubscribeTokens(deps.keyring);
  const base = deps.publicUrl.replace(/\/+$/, '');

  /** The member and list behind a genuine token, both still there; undefined otherwise. */
  async function resolve(token: string) {
    const target = tokens.read(token);
    if (!target) return undefined;
    const [member, newsletter] = await Promise.all([
      deps.members.byId(target.memberId),
      deps.newsletters.byId(target.newsletterId),
    ]);
    return member && newsletter ? { member, newsletter } : undefined;
  }

  return {
    /** The one-click URL of a recipient's email (List-Unsubscribe and the footer link). */
    url: (target: UnsubscribeTarget): string =>
      `${base}/unsubscribe/?t=${encodeURIComponent(tokens.make(target))}`,

    /** For the GET page: which list and address; undefined for a bad or stale token. */
    async view(token: string): Promise<UnsubscribeView | undefined> {
      const found = await resolve(token);
      if (!found) return undefined;
      const standing = (await deps.newsletters.subscriptionsOf(found.member.id)).find(
        (s) => s.newsletterId === found.newsletter.id,
      );
      return {
        newsletter: found.newsletter,
        maskedEmail: mask(found.member.email),
        isSubscribed: standing?.status === 'subscribed',
      };
    },

    /** Takes the member off the list (idempotent); the list, or undefined for a bad token. */
    async unsubscribe(token: string): Promise<Newsletter | undefined> {
      const found = await resolve(token);
      if (!found) return undefined;
      await deps.newsletters.unsubscribe({
        memberId: found.member.id,
        newsletterIds: [found.newsletter.id],
        source: 'unsubscribe-link',
      });
      return found.newsletter;
    },
  };
}

export type UnsubscribeService = ReturnType<typeof createUnsubscribeService>;
