export { hashPassword, verifyPassword, passwordProblem } from './passwords.js';
export { randomToken, hashToken, safeEqual, generatePassword } from './tokens.js';
