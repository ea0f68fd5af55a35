import { describe, expect, it } from 'vitest';
import { createSecretKeyring, generateSecretKey } from '../../platform/security/index.js';
import { createUnsubscribeTokens } from './unsubscribe-token.js';

const member = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const other = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';
const list = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a60';

describe('unsubscribe tokens', () => {
  const key = generateSecretKey();
  const tokens = createUnsubscribeTokens(createSecretKeyring([key]));

  it('name one member and one list, and cannot be moved to another member or forged', () => {
    const token = tokens.make({ memberId: member, newsletterId: list });
    expect(tokens.read(token)).toEqual({ memberId: member, newsletterId: list });
    const moved = token.replace(member, other);
    expect(tokens.read(moved)).toBeUndefined();
    const [, , signature] = token.split('.');
    expect(tokens.read(`${other}.${list}.${signature}`)).toBeUndefined();
    expect(tokens.read(`${member}.${list}.${'A'.repeat(43)}`)).toBeUndefined();
    expect(tokens.read('garbage')).toBeUndefined();
    expect(tokens.read(`${token}.extra`)).toBeUndefined();
    // Another server's key signs nothing here.
    const stranger = createUnsubscribeTokens(createSecretKeyring([generateSecretKey()]));
    expect(tokens.read(stranger.make({ memberId: member, newsletterId: list }))).toBeUndefined();
  });

  it('keep working after a key rotation while the old key is listed', () => {
    const old = tokens.make({ memberId: member, newsletterId: list });
    const rotated = createUnsubscribeTokens(createSecretKeyring([generateSecretKey(), key]));
    expect(rotated.read(old)).toEqual({ memberId: member, newsletterId: list });
  });
});
