// The words of the membership-drive banner, shared by the reader site (which renders it) and the
// admin's live preview (which must say exactly the same), so the two can never drift apart.
import { formatDriveMessage, type DriveMessageValues } from './drive-message.js';

/** The parts of a drive the banner's words come from. */
export interface DriveBannerSource {
  id: string;
  goal: number;
  /** ICU messages (see drive-message.ts): `Help us reach {goal, number} members`. */
  headline: string;
  body: string;
  texts: { running: string; reached: string };
  /** ISO time the drive ends: `{deadline, date, long}`. */
  endsAt: string;
}

/** What the banner says, its buttons aside (taken as they are). */
export interface DriveBannerText {
  /** "12,480 out of 25,000", or null when the count is not known. */
  count: string | null;
  /** The progress bar's value: the count, capped at the goal. */
  barValue: number | null;
  /**
   * How much of the bar is filled, 0–100. At least a sliver (2) once anyone counts, so 3 of
   * 25,000 does not look like nothing; 0 only when the count is 0.
   */
  barPercent: number | null;
  /** "50 %": the bar's text for assistive technology. */
  percentText: string | null;
  /** The headline, its placeholders filled in. */
  headline: string;
  /** The appeal: the running or reached text, else the drive's body ('' for none). */
  message: string;
  isReached: boolean;
}

export interface DriveBannerOptions {
  locale: string;
  /** The newsroom's IANA zone, for `{deadline, date}`. */
  timeZone?: string | undefined;
}

export function driveBannerText(
  drive: DriveBannerSource,
  progress: { value: number } | undefined,
  options: DriveBannerOptions,
): DriveBannerText {
  const number = new Intl.NumberFormat(options.locale);
  const isReached = progress !== undefined && progress.value >= drive.goal;
  const count = progress?.value ?? 0;
  const values: DriveMessageValues = {
    count,
    goal: drive.goal,
    remaining: Math.max(0, drive.goal - count),
    deadline: new Date(drive.endsAt),
  };
  const render = (message: string) => formatDriveMessage(message, values, options);
  const message = render((isReached ? drive.texts.reached : drive.texts.running) || drive.body);
  const headline = render(drive.headline);
  if (!progress)
    return {
      count: null,
      barValue: null,
      barPercent: null,
      percentText: null,
      headline,
      message,
      isReached,
    };
  const exact = Math.min(100, (progress.value / drive.goal) * 100);
  return {
    count: `${number.format(progress.value)} out of ${number.format(drive.goal)}`,
    barValue: Math.min(progress.value, drive.goal),
    barPercent: progress.value > 0 ? Math.max(2, Math.round(exact * 10) / 10) : 0,
    percentText: `${Math.round((progress.value / drive.goal) * 100)} %`,
    headline,
    message,
    isReached,
  };
}

/** Site links carry the drive's id, so joins and payments that start here are counted for it. */
export const driveButtonHref = (url: string, campaignId: string): string =>
  url.startsWith('/')
    ? `${url}${url.includes('?') ? '&' : '?'}campaign=${encodeURIComponent(campaignId)}`
    : url;

/** What is switched on for this site, as far as a drive's buttons can lead. */
export interface DriveFeatures {
  /** Stripe is configured: paid membership, gifts and billing work. */
  isPaidEnabled: boolean;
}

const paidOnlyPaths = [
  /^\/membership\/gift(\/|\?|$)/,
  /^\/gift(\/|\?|$)/,
  /^\/account\/billing(\/|\?|$)/,
];

/**
 * Why a button leads nowhere right now (a gift or billing page without Stripe), or null. The
 * site leaves such buttons out; the admin's drive editor says why.
 */
export function driveButtonProblem(url: string, features: DriveFeatures): string | null {
  if (!features.isPaidEnabled && paidOnlyPaths.some((path) => path.test(url.trim())))
    return 'Paid membership is off (no Stripe key), so this button is hidden on the site';
  return null;
}
