export {
  hashPassword,
  verifyPassword,
  passwordProblem,
  passwordVerifications,
} from './passwords.js';
export { randomToken, hashToken, safeEqual, generatePassword } from './tokens.js';
