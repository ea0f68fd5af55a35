import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A URL-safe random secret with `bytes` of entropy, optionally with a recognisable prefix. */
export function randomToken(bytes = 32, prefix = ''): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/**
 * Secrets (API tokens, session ids, magic links) are stored only as SHA-256 hashes: they are
 * high-entropy, so a fast hash is enough, and a leaked table gives nothing usable.
 */
export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Four groups of five unambiguous characters, e.g. "k7Pq2-…"; ~114 bits. */
export function generatePassword(): string {
  const groups: string[] = [];
  const bytes = randomBytes(20);
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 5; i++) group += alphabet[(bytes[g * 5 + i] ?? 0) % alphabet.length];
    groups.push(group);
  }
  return groups.join('-');
}
