import { serializeCookie } from '../../platform/http/index.js';

/**
 * The staff session cookie. In production it carries the __Host- prefix (Secure, Path=/, no
 * Domain: the browser will not accept it otherwise, so no subdomain can plant one).
 */
export const staffCookieName = (isProduction: boolean) =>
  isProduction ? '__Host-masthead_staff' : 'masthead_staff';

export function staffSessionCookie(options: {
  isProduction: boolean;
  value: string;
  maxAgeSeconds: number;
}): string {
  return serializeCookie(staffCookieName(options.isProduction), options.value, {
    httpOnly: true,
    secure: options.isProduction,
    sameSite: 'Strict',
    path: '/',
    maxAgeSeconds: options.maxAgeSeconds,
  });
}
