import { describe, expect, it } from 'vitest';
import { createSecretKeyring, generateSecretKey } from '../../platform/security/index.js';
import { createClickSignatures } from './click-signature.js';
import { createMemberTrackingTokens } from './member-tracking-token.js';
import { createUnsubscribeTokens } from './unsubscribe-token.js';

const member = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const other = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';
const email = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a70';
const otherEmail = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a71';

describe('per-member tracking tokens', () => {
  const key = generateSecretKey();
  const keyring = createSecretKeyring([key]);
  const tokens = createMemberTrackingTokens(keyring);

  it('name one member for one email, and cannot be forged or moved', () => {
    const token = tokens.make({ emailId: email, memberId: member });
    expect(token).toMatch(new RegExp(`^${member}\\.[A-Za-z0-9_-]{43}$`));
    expect(tokens.read(email, token)).toBe(member);
    // Another member, another email, a changed signature, the id alone, nonsense.
    const [, signature] = token.split('.');
    expect(tokens.read(email, `${other}.${signature}`)).toBeUndefined();
    expect(tokens.read(otherEmail, token)).toBeUndefined();
    expect(tokens.read(email, `${member}.${'A'.repeat(43)}`)).toBeUndefined();
    expect(tokens.read(email, member)).toBeUndefined();
    expect(tokens.read(email, `${token}.extra`)).toBeUndefined();
    expect(tokens.read(email, '')).toBeUndefined();
    expect(tokens.read(email, `a b.${signature}`)).toBeUndefined();
    expect(tokens.read(email, 'x'.repeat(1000))).toBeUndefined();
    // Another server's key signs nothing here.
    const stranger = createMemberTrackingTokens(createSecretKeyring([generateSecretKey()]));
    expect(tokens.read(email, stranger.make({ emailId: email, memberId: member }))).toBeUndefined();
  });

  it('use a key of their own: no other signature of ours passes for one', () => {
    const unsubscribe = createUnsubscribeTokens(keyring).make({
      memberId: member,
      newsletterId: email,
    });
    const [, , unsubscribeSignature] = unsubscribe.split('.');
    expect(tokens.read(email, `${member}.${unsubscribeSignature}`)).toBeUndefined();
    const clickSignature = createClickSignatures(keyring).sign(email, member);
    expect(tokens.read(email, `${member}.${clickSignature}`)).toBeUndefined();
  });

  it('keep working after a key rotation while the old key is listed', () => {
    const old = tokens.make({ emailId: email, memberId: member });
    const rotated = createMemberTrackingTokens(createSecretKeyring([generateSecretKey(), key]));
    expect(rotated.read(email, old)).toBe(member);
  });
});
