import type { Campaign } from '../../../features/campaigns/index.js';
import {
  driveBannerText,
  driveButtonHref,
  driveButtonProblem,
} from '../../../shared/drive-banner-text.js';
import { h, type Html } from '../jsx/index.js';

export interface DriveProgress {
  value: number;
}

/**
 * The membership drive, site-wide: count and goal as text and a progress bar (when the count is
 * known), the appeal, the headline, and the drive's buttons (those that lead somewhere: no gift
 * button without payments). Dismissable by script; the dismiss button stays hidden where scripts
 * do not run.
 */
export function DriveBanner(props: {
  drive: Campaign;
  progress?: DriveProgress | undefined;
  locale: string;
  timeZone: string;
  isPaidEnabled: boolean;
}): Html {
  const { drive, progress } = props;
  // The same words as the admin's live preview (src/shared/drive-banner-text.ts).
  const words = driveBannerText(drive, progress, {
    locale: props.locale,
    timeZone: props.timeZone,
  });
  const buttons = drive.buttons.filter(
    (button) => driveButtonProblem(button.url, { isPaidEnabled: props.isPaidEnabled }) === null,
  );
  return (
    <aside class="drive-banner" aria-label="Membership drive" data-drive={drive.id}>
      <div class="wrap">
        {words.count !== null ? (
          <p class="drive-count">
            {words.count}
            {/* The native bar for assistive technology; the SVG draws it (no inline style) and
                shows at least a sliver once anyone counts. */}
            <progress
              class="visually-hidden"
              max={String(drive.goal)}
              value={String(words.barValue ?? 0)}
              aria-label="Progress toward the goal"
            >
              {words.percentText ?? ''}
            </progress>
            <svg
              class="drive-progress"
              viewBox="0 0 100 4"
              preserveAspectRatio="none"
              aria-hidden="true"
              focusable="false"
            >
              <rect class="drive-progress-track" width="100" height="4" rx="2" />
              <rect
                class="drive-progress-value"
                width={String(words.barPercent ?? 0)}
                height="4"
                rx="2"
              />
            </svg>
          </p>
        ) : null}
        <p class="drive-text">
          {words.message ? <span>{words.message} </span> : null}
          <strong>{words.headline}</strong>
        </p>
        <div class="drive-actions">
          {buttons.map((button, index) => (
            <a
              class={index === 0 ? 'button' : 'button button-secondary'}
              href={driveButtonHref(button.url, drive.id)}
            >
              {button.label}
            </a>
          ))}
        </div>
        <button
          type="button"
          class="drive-dismiss"
          hidden
          aria-label="Dismiss the membership banner"
        >
          ×
        </button>
      </div>
    </aside>
  );
}
