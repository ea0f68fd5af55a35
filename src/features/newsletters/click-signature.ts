import type { SecretKeyring } from '../../platform/security/index.js';

/** The HMAC purpose of click redirects: a key of their own, derived from SECRET_KEYS. */
const purpose = 'newsletter-click';
/** Longer links are left as they are (and never tracked): bounded URLs, bounded rows. */
export const maxTrackedUrlLength = 2000;

/**
 * Signed click redirects: `/r/<email id>/<HMAC(email id, url)>?u=<url>`. The signature covers
 * both, so a redirect can neither be pointed at another address (no open redirect) nor moved
 * to another email's counts. Ids never contain a newline, so the message is unambiguous.
 */
export function createClickSignatures(keyring: Pick<SecretKeyring, 'sign' | 'verify'>) {
  const message = (emailId: string, url: string) => `${emailId}\n${url}`;
  return {
    sign: (emailId: string, url: string): string => keyring.sign(purpose, message(emailId, url)),
    verify: (emailId: string, url: string, signature: string): boolean =>
      signature.length > 0 &&
      signature.length <= 100 &&
      keyring.verify(purpose, message(emailId, url), signature),
  };
}

export type ClickSignatures = ReturnType<typeof createClickSignatures>;
