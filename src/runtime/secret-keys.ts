import type { Config } from '../config/index.js';
import { OperatorError } from '../platform/errors.js';
import {
  createSecretKeyring,
  ensureSecretKeyFile,
  readSecretKeyFile,
  type SecretKeyring,
} from '../platform/security/index.js';

/**
 * The server's keyring: SECRET_KEYS when set (always in production, which config enforces);
 * otherwise the key generated once into the data folder, so development restarts can read
 * what they stored. `mayGenerate: false` (doctor) never writes the file.
 */
export function keyringFor(
  config: Config,
  options: { mayGenerate?: boolean } = {},
): { keyring: SecretKeyring; source: string } | undefined {
  if (config.secretKeys) {
    return { keyring: createSecretKeyring(config.secretKeys), source: 'SECRET_KEYS' };
  }
  if (config.isProduction) return undefined;
  try {
    const keys =
      options.mayGenerate === false
        ? readSecretKeyFile(config.secretKeysFile)
        : ensureSecretKeyFile(config.secretKeysFile);
    return keys ? { keyring: createSecretKeyring(keys), source: config.secretKeysFile } : undefined;
  } catch (error) {
    throw new OperatorError(
      `SECRET_KEYS is not set and the development key file ${config.secretKeysFile} cannot be used (${(error as Error).message}); set SECRET_KEYS`,
      { cause: error },
    );
  }
}
