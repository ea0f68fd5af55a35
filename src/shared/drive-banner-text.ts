// The words of the membership-drive banner, shared by the reader site (which renders it) and the
// admin's live preview (which must say exactly the same), so the two can never drift apart.

/** The parts of a drive the banner's words come from. */
export interface DriveBannerSource {
  id: string;
  goal: number;
  body: string;
  texts: { running: string; reached: string };
}

/** What the banner says, apart from its headline and buttons (taken as they are). */
export interface DriveBannerText {
  /** "12,480 out of 25,000", or null when the count is not known. */
  count: string | null;
  /** The progress bar's value: the count, capped at the goal. */
  barValue: number | null;
  /** "50 %": the bar's text for browsers that draw no progress bar. */
  percentText: string | null;
  /** The appeal: the running or reached text, else the drive's body ('' for none). */
  message: string;
  isReached: boolean;
}

export function driveBannerText(
  drive: DriveBannerSource,
  progress: { value: number } | undefined,
  locale: string,
): DriveBannerText {
  const number = new Intl.NumberFormat(locale);
  const isReached = progress !== undefined && progress.value >= drive.goal;
  const message = (isReached ? drive.texts.reached : drive.texts.running) || drive.body;
  if (!progress) return { count: null, barValue: null, percentText: null, message, isReached };
  return {
    count: `${number.format(progress.value)} out of ${number.format(drive.goal)}`,
    barValue: Math.min(progress.value, drive.goal),
    percentText: `${Math.round((progress.value / drive.goal) * 100)} %`,
    message,
    isReached,
  };
}

/** Site links carry the drive's id, so joins and payments that start here are counted for it. */
export const driveButtonHref = (url: string, campaignId: string): string =>
  url.startsWith('/')
    ? `${url}${url.includes('?') ? '&' : '?'}campaign=${encodeURIComponent(campaignId)}`
    : url;
