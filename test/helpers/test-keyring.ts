import { createSecretKeyring, type SecretKeyring } from '../../src/platform/security/index.js';

/** A fixed key for tests (SECRET_KEYS in production): stored secrets are encrypted with it. */
export const testSecretKey = 'test-secret-key-0123456789abcdefghijklmnop';

export const testKeyring = (keys: readonly string[] = [testSecretKey]): SecretKeyring =>
  createSecretKeyring(keys);
