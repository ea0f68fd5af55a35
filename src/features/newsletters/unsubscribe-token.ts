import type { SecretKeyring } from '../../platform/security/index.js';

/** The HMAC purpose of unsubscribe tokens: a key of their own, derived from SECRET_KEYS. */
const purpose = 'newsletter-unsubscribe';
/** Ids as Masthead makes them (UUIDs) or imports them; never a dot (the token's separator). */
const idPattern = /^[0-9A-Za-z_-]{1,64}$/;

export interface UnsubscribeTarget {
  memberId: string;
  newsletterId: string;
}

/**
 * One-click unsubscribe tokens (RFC 8058): `<member id>.<newsletter id>.<HMAC>`. The signature is
 * the proof, so the POST needs no cookie or CSRF token; a token names one member and one list and
 * cannot be moved to another; it never expires (an old email must still unsubscribe), and it
 * keeps working across a key rotation while the old key is still listed in SECRET_KEYS.
 */
export function createUnsubscribeTokens(keyring: Pick<SecretKeyring, 'sign' | 'verify'>) {
  const message = (target: UnsubscribeTarget) => `${target.memberId}:${target.newsletterId}`;
  return {
    make(target: UnsubscribeTarget): string {
      return `${target.memberId}.${target.newsletterId}.${keyring.sign(purpose, message(target))}`;
    },
    /** The member and list a genuine token names; undefined for anything else. */
    read(token: string): UnsubscribeTarget | undefined {
      if (token.length > 200) return undefined;
      const [memberId, newsletterId, signature, ...rest] = token.split('.');
      if (rest.length > 0 || !memberId || !newsletterId || !signature) return undefined;
      if (!idPattern.test(memberId) || !idPattern.test(newsletterId)) return undefined;
      const target = { memberId, newsletterId };
      return keyring.verify(purpose, message(target), signature) ? target : undefined;
    },
  };
}

export type UnsubscribeTokens = ReturnType<typeof createUnsubscribeTokens>;
