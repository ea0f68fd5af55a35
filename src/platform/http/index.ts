export { mapError } from './error-body.js';
export type { ErrorEntry, MappedError } from './error-body.js';
export { parseCookies, serializeCookie } from './cookies.js';
export type { CookieOptions } from './cookies.js';
