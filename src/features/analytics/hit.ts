import { hash } from 'node:crypto';

/** What a reader's browser sends to `/api/hit` (already parsed: see the beacon route's schema). */
export interface BeaconInput {
  /** The page's path with its query (UTM parameters are read from it). */
  path: string;
  /** `document.referrer`; only its host is kept. */
  referrer?: string | undefined;
  /** The page's script saw Global Privacy Control or Do Not Track. */
  dnt?: boolean | undefined;
}

/** The request around a beacon: used to classify and to make the day's visitor hash, then dropped. */
export interface BeaconRequest {
  ip: string;
  userAgent: string | undefined;
  /** Sec-GPC: 1 or DNT: 1 was sent. */
  isPrivate: boolean;
}

export type DeviceClass = 'mobile' | 'tablet' | 'desktop' | 'other';

/** One page view as stored: no IP address, no user agent. */
export interface Hit {
  occurredAt: string;
  path: string;
  referrerHost: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  device: DeviceClass;
  /** The day's salted hash of IP + user agent + site, or null (GPC/DNT). */
  visitor: string | null;
}

/** Longest path and UTM value kept; longer ones are cut (the beacon refuses absurd sizes). */
export const maxStoredPath = 300;
const maxUtm = 100;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const allControlCharacters = /[\u0000-\u001f\u007f]/g;

/** The path part of a beacon's `path` (no query or fragment), or undefined when it is not a site path. */
export function pagePath(raw: string): { path: string; query: URLSearchParams } | undefined {
  if (!raw.startsWith('/') || raw.startsWith('//') || /[\s\\]/.test(raw)) return undefined;
  let url: URL;
  try {
    url = new URL(raw, 'http://site.invalid');
  } catch {
    return undefined;
  }
  if (url.host !== 'site.invalid') return undefined;
  let path = url.pathname;
  try {
    const decoded = decodeURI(path);
    // `%00` and other escaped control characters stay escaped: PostgreSQL cannot store NUL in
    // text, and one such path would fail every flush it is part of.
    if (!controlCharacters.test(decoded)) path = decoded;
  } catch {
    // Keep the encoded form of a path that does not decode.
  }
  return { path: path.slice(0, maxStoredPath), query: url.searchParams };
}

/**
 * The host of a referrer URL, lower case without `www.`; '' for none, for the site itself
 * (moving between its own pages is not a referral) and for anything that is not http(s).
 */
export function referrerHost(referrer: string | undefined, siteHost: string): string {
  if (!referrer) return '';
  let url: URL;
  try {
    url = new URL(referrer);
  } catch {
    return '';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  return host === siteHost.replace(/^www\./, '') ? '' : host.slice(0, 200);
}

/** A UTM value as stored: decoded by URLSearchParams, so `%00` and the like are removed here. */
const utm = (query: URLSearchParams, name: string) =>
  (query.get(name) ?? '').replace(allControlCharacters, '').trim().toLowerCase().slice(0, maxUtm);

/** Device class from the user agent (the agent itself is never kept). */
export function deviceClass(userAgent: string | undefined): DeviceClass {
  const ua = userAgent ?? '';
  if (/ipad|tablet|kindle|silk|playbook|(android(?!.*mobile))/i.test(ua)) return 'tablet';
  if (/mobi|iphone|ipod|android|blackberry|opera mini|iemobile|windows phone/i.test(ua))
    return 'mobile';
  if (/windows|macintosh|mac os x|x11|linux|cros/i.test(ua)) return 'desktop';
  return 'other';
}

/** The visitor hash: sha256 of the day's salt, IP, user agent and site; unlinkable across days. */
export function visitorHash(input: {
  salt: string;
  ip: string;
  userAgent: string;
  siteHost: string;
}): string {
  // One-shot `hash` (no Hash object per view); the same digest as createHash's.
  return hash(
    'sha256',
    `${input.salt}\n${input.ip}\n${input.userAgent}\n${input.siteHost}`,
    'base64url',
  ).slice(0, 22);
}

/** A beacon as a stored hit (path already checked by `pagePath`). */
export function toHit(input: {
  beacon: BeaconInput;
  page: NonNullable<ReturnType<typeof pagePath>>;
  userAgent: string | undefined;
  siteHost: string;
  visitor: string | null;
  at: Date;
}): Hit {
  const { page } = input;
  return {
    occurredAt: input.at.toISOString(),
    path: page.path,
    referrerHost: referrerHost(input.beacon.referrer, input.siteHost),
    utmSource: utm(page.query, 'utm_source'),
    utmMedium: utm(page.query, 'utm_medium'),
    utmCampaign: utm(page.query, 'utm_campaign'),
    device: deviceClass(input.userAgent),
    visitor: input.visitor,
  };
}

/** The slug a story path names (`/<slug>/`), or undefined for other pages. */
export function storySlugOf(path: string): string | undefined {
  const match = /^\/([a-z0-9][a-z0-9-]{0,190})\/?$/i.exec(path);
  return match?.[1]?.toLowerCase();
}

/** `2026-12-07T18` (the UTC hour a rollup row counts). */
export const hourOf = (isoInstant: string): string => isoInstant.slice(0, 13);
