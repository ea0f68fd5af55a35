import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureSecretKeyFile, readSecretKeyFile } from './secret-key-file.js';
import {
  createSecretKeyring,
  generateSecretKey,
  isEncryptedSecret,
  rewriteStoredSecrets,
} from './secret-keyring.js';

const oldKey = 'old-key-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const newKey = 'new-key-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

describe('secret keyring', () => {
  it('encrypts so the stored text holds no trace of the plaintext, and decrypts it back', () => {
    const keyring = createSecretKeyring([oldKey]);
    const sealed = keyring.encrypt('staff.totp-secret', 'JBSWY3DPEHPK3PXP');
    expect(sealed).toMatch(new RegExp(`^enc:v1:${keyring.keyIds[0]}:[A-Za-z0-9_-]+$`));
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(keyring.decrypt('staff.totp-secret', sealed)).toBe('JBSWY3DPEHPK3PXP');
    // A fresh IV every time: the same secret never gives the same stored text.
    expect(keyring.encrypt('staff.totp-secret', 'JBSWY3DPEHPK3PXP')).not.toBe(sealed);
    expect(keyring.decrypt('x', keyring.encrypt('x', ''))).toBe('');
    expect(keyring.decrypt('x', keyring.encrypt('x', 'é ✓ 🔑'))).toBe('é ✓ 🔑');
  });

  it('rotates: the new first key encrypts, the old one still decrypts, and a rewrite moves values over', async () => {
    const before = createSecretKeyring([oldKey]);
    const sealedBefore = before.encrypt('p', 'secret');
    const after = createSecretKeyring([newKey, oldKey]);
    expect(after.keyIds[1]).toBe(before.keyIds[0]);
    expect(after.decrypt('p', sealedBefore)).toBe('secret');
    expect(after.classify('p', sealedBefore)).toBe('older');
    expect(after.reveal('p', sealedBefore)).toEqual({ plaintext: 'secret', needsRewrite: true });
    const sealedAfter = after.encrypt('p', 'secret');
    expect(sealedAfter.startsWith(`enc:v1:${after.keyIds[0]}:`)).toBe(true);
    expect(after.classify('p', sealedAfter)).toBe('current');
    // The old key alone cannot read what the new one wrote.
    expect(() => before.decrypt('p', sealedAfter)).toThrow(
      /no key in SECRET_KEYS.*key [0-9a-f]{8}/,
    );

    const rows = new Map([
      ['a', sealedBefore],
      ['b', sealedAfter],
      ['c', 'whsec_legacy'],
      ['d', createSecretKeyring(['other-key-cccccccccccccccccccccccccccccc']).encrypt('p', 'x')],
    ]);
    const list = [...rows].map(([id, stored]) => ({ id, stored }));
    const census = await rewriteStoredSecrets(after, 'p', list, () => Promise.resolve(true), {
      isDryRun: true,
    });
    expect(census).toEqual({
      total: 4,
      current: 1,
      older: 1,
      cleartext: 1,
      unreadable: 1,
      rewritten: 0,
    });
    const report = await rewriteStoredSecrets(after, 'p', list, (row, encrypted) => {
      rows.set(row.id, encrypted);
      return Promise.resolve(true);
    });
    expect(report.rewritten).toBe(2);
    expect(after.classify('p', rows.get('a') ?? '')).toBe('current');
    expect(after.decrypt('p', rows.get('c') ?? '')).toBe('whsec_legacy');
    // Now the old key can go.
    const onlyNew = createSecretKeyring([newKey]);
    expect(onlyNew.decrypt('p', rows.get('a') ?? '')).toBe('secret');
  });

  it('refuses a wrong key, another purpose, and any altered byte', () => {
    const keyring = createSecretKeyring([oldKey]);
    const sealed = keyring.encrypt('webhooks.signing-secret', 'whsec_abc');
    expect(() => createSecretKeyring([newKey]).decrypt('webhooks.signing-secret', sealed)).toThrow(
      /no key in SECRET_KEYS/,
    );
    expect(() => keyring.decrypt('staff.totp-secret', sealed)).toThrow(/no key in SECRET_KEYS/);
    const body = sealed.slice(sealed.lastIndexOf(':') + 1);
    const bytes = Buffer.from(body, 'base64url');
    for (const at of [0, 13, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[at] = (altered[at] ?? 0) ^ 1;
      const tampered = `${sealed.slice(0, sealed.lastIndexOf(':') + 1)}${altered.toString('base64url')}`;
      expect(() => keyring.decrypt('webhooks.signing-secret', tampered)).toThrow();
    }
    expect(() => keyring.decrypt('webhooks.signing-secret', 'enc:v1:abc:short')).toThrow();
    expect(() => keyring.decrypt('webhooks.signing-secret', 'whsec_abc')).toThrow(
      /not an encrypted/,
    );
    expect(keyring.classify('webhooks.signing-secret', 'whsec_abc')).toBe('cleartext');
    expect(keyring.reveal('webhooks.signing-secret', 'whsec_abc')).toEqual({
      plaintext: 'whsec_abc',
      needsRewrite: true,
    });
  });

  it('signs with the first key and verifies with any, per purpose', () => {
    const before = createSecretKeyring([oldKey]);
    const signature = before.sign('newsletters.unsubscribe', 'member-1');
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(before.verify('newsletters.unsubscribe', 'member-1', signature)).toBe(true);
    expect(before.verify('newsletters.unsubscribe', 'member-2', signature)).toBe(false);
    expect(before.verify('feeds.private', 'member-1', signature)).toBe(false);
    expect(before.verify('newsletters.unsubscribe', 'member-1', `${signature}x`)).toBe(false);
    expect(before.verify('newsletters.unsubscribe', 'member-1', '')).toBe(false);
    const after = createSecretKeyring([newKey, oldKey]);
    expect(after.verify('newsletters.unsubscribe', 'member-1', signature)).toBe(true);
    expect(after.sign('newsletters.unsubscribe', 'member-1')).not.toBe(signature);
    expect(
      createSecretKeyring([newKey]).verify('newsletters.unsubscribe', 'member-1', signature),
    ).toBe(false);
  });

  it('refuses short keys and an empty list', () => {
    expect(() => createSecretKeyring([])).toThrow(/at least one/);
    expect(() => createSecretKeyring(['short'])).toThrow(/at least 32 characters/);
    expect(generateSecretKey().length).toBeGreaterThanOrEqual(32);
    expect(isEncryptedSecret(createSecretKeyring([generateSecretKey()]).encrypt('p', 'v'))).toBe(
      true,
    );
  });
});

describe('development key file', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is generated once with mode 0600 and reused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'masthead-keys-'));
    dirs.push(dir);
    const path = join(dir, 'data', 'secret-keys');
    expect(readSecretKeyFile(path)).toBeUndefined();
    const first = ensureSecretKeyFile(path);
    expect(first).toHaveLength(1);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(ensureSecretKeyFile(path)).toEqual(first);
    expect(readFileSync(path, 'utf8').trim()).toBe(first[0]);
  });
});
