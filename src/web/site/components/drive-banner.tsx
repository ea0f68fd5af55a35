import type { Campaign } from '../../../features/campaigns/index.js';
import { driveBannerText, driveButtonHref } from '../../../shared/drive-banner-text.js';
import { h, type Html } from '../jsx/index.js';

export interface DriveProgress {
  value: number;
}

/**
 * The membership drive, site-wide: count and goal as text and a progress bar (when the count is
 * known), the appeal, the goal with its deadline, and the drive's buttons. Dismissable by script;
 * the dismiss button stays hidden where scripts do not run.
 */
export function DriveBanner(props: {
  drive: Campaign;
  progress?: DriveProgress | undefined;
  locale: string;
}): Html {
  const { drive, progress } = props;
  // The same words as the admin's live preview (src/shared/drive-banner-text.ts).
  const words = driveBannerText(drive, progress, props.locale);
  const text = words.message;
  return (
    <aside class="drive-banner" aria-label="Membership drive" data-drive={drive.id}>
      <div class="wrap">
        {words.count !== null ? (
          <p class="drive-count">
            {words.count}
            <progress class="drive-progress" max={drive.goal} value={words.barValue ?? 0}>
              {words.percentText}
            </progress>
          </p>
        ) : null}
        <p class="drive-text">
          {text ? <span>{text} </span> : null}
          <strong>{drive.headline}</strong>
        </p>
        <div class="drive-actions">
          {drive.buttons.map((button, index) => (
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
