import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  hotp,
  matchTotp,
  otpauthUri,
  totpCode,
} from './totp.js';

// RFC 6238 Appendix B, SHA-1 rows: the key is the ASCII string "12345678901234567890".
const rfcSecret = base32Encode(Buffer.from('12345678901234567890', 'ascii'));
const vectors: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC 6238 SHA-1 test vectors (8 digits)', () => {
    for (const [seconds, expected] of vectors)
      expect(totpCode(rfcSecret, new Date(seconds * 1000), 8)).toBe(expected);
  });

  it('gives the 6-digit codes authenticator apps show (the last six digits)', () => {
    expect(totpCode(rfcSecret, new Date(59_000))).toBe('287082');
    expect(totpCode(rfcSecret, new Date(1111111109_000))).toBe('081804');
  });

  it('matches the RFC 4226 HOTP values', () => {
    const key = Buffer.from('12345678901234567890', 'ascii');
    expect([0, 1, 2, 9].map((c) => hotp(key, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  it('accepts one step of drift either way and nothing further', () => {
    const secret = generateTotpSecret();
    const at = new Date('2026-01-15T09:00:10.000Z');
    const step = Math.floor(at.getTime() / 30_000);
    const codeAt = (offset: number) => totpCode(secret, new Date(at.getTime() + offset * 30_000));
    expect(matchTotp(secret, codeAt(0), at)).toBe(step);
    expect(matchTotp(secret, codeAt(-1), at)).toBe(step - 1);
    expect(matchTotp(secret, codeAt(1), at)).toBe(step + 1);
    for (const offset of [-3, -2, 2, 3]) {
      const code = codeAt(offset);
      if ([-1, 0, 1].some((o) => codeAt(o) === code)) continue;
      expect(matchTotp(secret, code, at)).toBeUndefined();
    }
    expect(matchTotp(secret, 'abcdef', at)).toBeUndefined();
    expect(matchTotp(secret, '12345', at)).toBeUndefined();
  });

  it('round-trips base32 and builds an otpauth URI', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 255, 7]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(generateTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri({ secret: 'ABC', account: 'a@example.org', issuer: 'Masthead' })).toBe(
      'otpauth://totp/Masthead%3Aa%40example.org?secret=ABC&issuer=Masthead&algorithm=SHA1&digits=6&period=30',
    );
  });
});
