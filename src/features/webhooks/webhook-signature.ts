import { createHmac } from 'node:crypto';
import { safeEqual } from '../../platform/security/index.js';

/**
 * Deliveries carry `x-masthead-signature: t=<unix seconds>,v1=<hex>` where the hex is the
 * HMAC-SHA256, keyed with the webhook's secret (the whole `whsec_…` string, UTF-8), of
 * `<t>.<raw request body>`. Receivers recompute it over the exact bytes they received, compare
 * in constant time and refuse timestamps too far from their clock (replays).
 */
export const signatureHeader = 'x-masthead-signature';

const hmacHex = (secret: string, timestamp: number, rawBody: string | Uint8Array): string =>
  createHmac('sha256', secret)
    .update(`${timestamp}.`)
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .digest('hex');

/** The signature header value for a body sent at `timestamp` (unix seconds). */
export function signWebhookPayload(
  secret: string,
  rawBody: string | Uint8Array,
  timestamp: number,
): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, rawBody)}`;
}

/**
 * True when `header` signs `rawBody` with `secret` and its timestamp is within
 * `toleranceSeconds` of `now`. Any `v1` entry may match (several are allowed, for rotation).
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  rawBody: string | Uint8Array,
  toleranceSeconds = 300,
  now: Date = new Date(),
): boolean {
  if (!header || header.length > 2000) return false;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const index = part.indexOf('=');
    if (index < 0) return false;
    const key = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    if (key === 't') timestamp = /^\d{1,12}$/.test(value) ? Number(value) : undefined;
    else if (key === 'v1') signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = hmacHex(secret, timestamp, rawBody);
  return signatures.some((signature) => safeEqual(signature, expected));
}
