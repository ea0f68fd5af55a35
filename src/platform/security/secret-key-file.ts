import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateSecretKey, splitSecretKeys } from './secret-keyring.js';

/**
 * The development key file: SECRET_KEYS written once (mode 0600) into the data folder so a
 * restart can still read what it encrypted. Undefined when there is none yet.
 */
export function readSecretKeyFile(path: string): string[] | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const keys = splitSecretKeys(text.replace(/\s+/g, ','));
  return keys.length > 0 ? keys : undefined;
}

/** The keys in `path`, generating the file first if it does not exist. */
export function ensureSecretKeyFile(path: string): string[] {
  const existing = readSecretKeyFile(path);
  if (existing) return existing;
  mkdirSync(dirname(path), { recursive: true });
  // Written aside, then linked into place: two processes starting at once agree on one key
  // (the loser's link fails with EEXIST and it reads the winner's file).
  const aside = join(dirname(path), `.secret-keys-${randomBytes(6).toString('hex')}.tmp`);
  writeFileSync(aside, `${generateSecretKey()}\n`, { mode: 0o600 });
  try {
    linkSync(aside, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(aside);
  }
  const keys = readSecretKeyFile(path);
  if (!keys) throw new Error(`${path} holds no key`);
  return keys;
}
