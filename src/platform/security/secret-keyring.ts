import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * The server's secret keys (SECRET_KEYS): the first encrypts and signs, every key decrypts and
 * verifies, so a new key can be put first while values written under the old one stay readable
 * until `masthead secrets rotate` rewrites them. Each use ("purpose") gets its own AES-256-GCM and
 * HMAC keys derived with HKDF, so a value encrypted for one purpose never opens as another.
 */
export interface SecretKeyring {
  /** Short public ids of the keys, first (current) first; safe to print. */
  readonly keyIds: readonly string[];
  /** `enc:v1:<key id>:<base64url(iv ‖ tag ‖ ciphertext)>`, under the first key. */
  encrypt(purpose: string, plaintext: string): string;
  /** The plaintext; throws SecretKeyError when no key opens it or it has been altered. */
  decrypt(purpose: string, ciphertext: string): string;
  /**
   * A stored value as the program needs it: the plaintext, and whether the stored form should
   * be rewritten (a legacy cleartext value, or one under an older key).
   */
  reveal(purpose: string, stored: string): { plaintext: string; needsRewrite: boolean };
  /** How a stored value is kept, without decrypting it. */
  classify(purpose: string, stored: string): StoredSecretState;
  /** base64url HMAC-SHA256 of `message` under the first key. */
  sign(purpose: string, message: string): string;
  /** True when `signature` signs `message` under any of the keys. */
  verify(purpose: string, message: string, signature: string): boolean;
}

/** current: under the first key · older: under another key · cleartext: a legacy value · unreadable: no key opens it. */
export type StoredSecretState = 'current' | 'older' | 'cleartext' | 'unreadable';

/** What a census or a rewrite of one kind of stored secret found. */
export interface StoredSecretsReport {
  total: number;
  current: number;
  older: number;
  cleartext: number;
  unreadable: number;
  /** Values rewritten under the first key (a rewrite only). */
  rewritten: number;
}

export const emptySecretsReport = (): StoredSecretsReport => ({
  total: 0,
  current: 0,
  older: 0,
  cleartext: 0,
  unreadable: 0,
  rewritten: 0,
});

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

/** Keys shorter than this are refused (config and here): 32 characters of base64 ≈ 192 bits. */
export const minSecretKeyLength = 32;

const prefix = 'enc:v1:';
const ivBytes = 12;
const tagBytes = 16;

/** A fresh key for SECRET_KEYS: 32 random bytes, base64url (43 characters). */
export const generateSecretKey = (): string => randomBytes(32).toString('base64url');

/** SECRET_KEYS as a list: split on commas, trimmed, empty entries dropped. */
export const splitSecretKeys = (value: string): string[] =>
  value
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key.length > 0);

/** True when a stored value has the encrypted form (anything else is legacy cleartext). */
export const isEncryptedSecret = (stored: string): boolean => stored.startsWith(prefix);

interface Key {
  id: string;
  secret: Buffer;
  derived: Map<string, Buffer>;
}

export function createSecretKeyring(secrets: readonly string[]): SecretKeyring {
  if (secrets.length === 0) throw new SecretKeyError('at least one secret key is needed');
  const keys: Key[] = secrets.map((text) => {
    if (text.length < minSecretKeyLength) {
      throw new SecretKeyError(`secret keys must be at least ${minSecretKeyLength} characters`);
    }
    const secret = Buffer.from(text, 'utf8');
    // The id names a key without revealing anything usable about it.
    const id = createHmac('sha256', secret).update('masthead:key-id').digest('hex').slice(0, 8);
    return { id, secret, derived: new Map() };
  });
  const [first] = keys as [Key, ...Key[]];

  function derive(key: Key, use: 'enc' | 'mac', purpose: string): Buffer {
    const name = `masthead:${use}:${purpose}`;
    let derived = key.derived.get(name);
    if (!derived) {
      derived = Buffer.from(hkdfSync('sha256', key.secret, 'masthead', name, 32));
      key.derived.set(name, derived);
    }
    return derived;
  }

  function parse(ciphertext: string): { id: string; body: Buffer } | undefined {
    if (!ciphertext.startsWith(prefix)) return undefined;
    const rest = ciphertext.slice(prefix.length);
    const colon = rest.indexOf(':');
    if (colon < 0) return undefined;
    const body = Buffer.from(rest.slice(colon + 1), 'base64url');
    if (body.length < ivBytes + tagBytes) return undefined;
    return { id: rest.slice(0, colon), body };
  }

  function open(key: Key, purpose: string, id: string, body: Buffer): string | undefined {
    try {
      const decipher = createDecipheriv(
        'aes-256-gcm',
        derive(key, 'enc', purpose),
        body.subarray(0, ivBytes),
      );
      decipher.setAAD(Buffer.from(`${prefix}${id}:${purpose}`));
      decipher.setAuthTag(body.subarray(ivBytes, ivBytes + tagBytes));
      return Buffer.concat([
        decipher.update(body.subarray(ivBytes + tagBytes)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return undefined;
    }
  }

  /** The plaintext and the key that opened it: the named key first, then every other one. */
  function tryOpen(purpose: string, ciphertext: string): { plaintext: string; key: Key } {
    const parsed = parse(ciphertext);
    if (!parsed) throw new SecretKeyError('not an encrypted value');
    const ordered = [
      ...keys.filter((k) => k.id === parsed.id),
      ...keys.filter((k) => k.id !== parsed.id),
    ];
    for (const key of ordered) {
      const plaintext = open(key, purpose, parsed.id, parsed.body);
      if (plaintext !== undefined) return { plaintext, key };
    }
    throw new SecretKeyError(
      `no key in SECRET_KEYS opens this value (encrypted with key ${parsed.id}); put that key back in SECRET_KEYS`,
    );
  }

  const mac = (key: Key, purpose: string, message: string): Buffer =>
    createHmac('sha256', derive(key, 'mac', purpose))
      .update(message, 'utf8')
      .digest();

  return {
    keyIds: keys.map((k) => k.id),

    encrypt(purpose, plaintext) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', derive(first, 'enc', purpose), iv);
      cipher.setAAD(Buffer.from(`${prefix}${first.id}:${purpose}`));
      const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const body = Buffer.concat([iv, cipher.getAuthTag(), encrypted]);
      return `${prefix}${first.id}:${body.toString('base64url')}`;
    },

    decrypt: (purpose, ciphertext) => tryOpen(purpose, ciphertext).plaintext,

    reveal(purpose, stored) {
      if (!isEncryptedSecret(stored)) return { plaintext: stored, needsRewrite: true };
      const { plaintext, key } = tryOpen(purpose, stored);
      return { plaintext, needsRewrite: key !== first };
    },

    classify(purpose, stored) {
      if (!isEncryptedSecret(stored)) return 'cleartext';
      try {
        return tryOpen(purpose, stored).key === first ? 'current' : 'older';
      } catch {
        return 'unreadable';
      }
    },

    sign: (purpose, message) => mac(first, purpose, message).toString('base64url'),

    verify(purpose, message, signature) {
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== 32) return false;
      // Every key is checked (no early exit) so timing says nothing about which one matched.
      let isValid = false;
      for (const key of keys) {
        if (timingSafeEqual(mac(key, purpose, message), given)) isValid = true;
      }
      return isValid;
    },
  };
}

/**
 * Rewrites one kind of stored secret under the first key: cleartext and older values are
 * rewritten (`save` should only write if the row still holds `stored`), current ones counted,
 * unreadable ones left as they are and counted.
 */
export async function rewriteStoredSecrets(
  keyring: SecretKeyring,
  purpose: string,
  rows: readonly { id: string; stored: string }[],
  save: (row: { id: string; stored: string }, encrypted: string) => Promise<boolean>,
  options: { isDryRun?: boolean } = {},
): Promise<StoredSecretsReport> {
  const report = emptySecretsReport();
  for (const row of rows) {
    const state = keyring.classify(purpose, row.stored);
    report.total += 1;
    report[state] += 1;
    if (options.isDryRun || state === 'current' || state === 'unreadable') continue;
    const { plaintext } = keyring.reveal(purpose, row.stored);
    if (await save(row, keyring.encrypt(purpose, plaintext))) report.rewritten += 1;
  }
  return report;
}
