import type { SecretKeyring } from '../../platform/security/index.js';

/** The HMAC purpose of per-member tracking tokens: a key of their own, from SECRET_KEYS. */
const purpose = 'newsletter-member-tracking';
/** Ids as Masthead makes them (UUIDs) or imports them; never a dot (the token's separator). */
const idPattern = /^[0-9A-Za-z_-]{1,64}$/;
/** A member id, a dot and a base64url HMAC-SHA256 (43 characters): anything longer is not one. */
export const maxMemberTokenLength = 120;

/**
 * Per-member tracking tokens, only in emails sent while the newsroom has opted in (issue #13
 * §8): `<member id>.<HMAC(email id, member id)>`, as the unsubscribe token is made. The member id
 * never travels on its own: a token names one member for one email, so it cannot be made up,
 * moved to another member or reused on another email (a valid token of email A says nothing on
 * email B's pixel). It keeps working across a key rotation while the old key is listed.
 */
export function createMemberTrackingTokens(keyring: Pick<SecretKeyring, 'sign' | 'verify'>) {
  const message = (emailId: string, memberId: string) => `${emailId}\n${memberId}`;
  return {
    make(ids: { emailId: string; memberId: string }): string {
      return `${ids.memberId}.${keyring.sign(purpose, message(ids.emailId, ids.memberId))}`;
    },
    /** The member a genuine token of this email names; undefined for anything else. */
    read(emailId: string, token: string): string | undefined {
      if (token.length === 0 || token.length > maxMemberTokenLength) return undefined;
      const [memberId, signature, ...rest] = token.split('.');
      if (rest.length > 0 || !memberId || !signature || !idPattern.test(memberId)) return undefined;
      return keyring.verify(purpose, message(emailId, memberId), signature) ? memberId : undefined;
    },
  };
}

export type MemberTrackingTokens = ReturnType<typeof createMemberTrackingTokens>;
