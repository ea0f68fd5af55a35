export { hashPassword, verifyPassword, passwordVerifications } from './passwords.js';
export { randomToken, hashToken, safeEqual, generatePassword } from './tokens.js';
export {
  createSecretKeyring,
  emptySecretsReport,
  generateSecretKey,
  isEncryptedSecret,
  minSecretKeyLength,
  rewriteStoredSecrets,
  SecretKeyError,
  splitSecretKeys,
} from './secret-keyring.js';
export type { SecretKeyring, StoredSecretState, StoredSecretsReport } from './secret-keyring.js';
export { ensureSecretKeyFile, readSecretKeyFile } from './secret-key-file.js';
