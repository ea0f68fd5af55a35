import type { Campaign } from '../../../features/campaigns/index.js';
import { h, type Html } from '../jsx/index.js';

export interface DriveProgress {
  value: number;
}

/** Site links carry the drive's id, so joins and payments that start here are counted for it. */
const withCampaign = (url: string, campaignId: string): string =>
  url.startsWith('/')
    ? `${url}${url.includes('?') ? '&' : '?'}campaign=${encodeURIComponent(campaignId)}`
    : url;

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
  const number = new Intl.NumberFormat(props.locale);
  const isReached = progress !== undefined && progress.value >= drive.goal;
  const text = (isReached ? drive.texts.reached : drive.texts.running) || drive.body;
  return (
    <aside class="drive-banner" aria-label="Membership drive" data-drive={drive.id}>
      <div class="wrap">
        {progress ? (
          <p class="drive-count">
            {number.format(progress.value)} out of {number.format(drive.goal)}
            <progress
              class="drive-progress"
              max={drive.goal}
              value={Math.min(progress.value, drive.goal)}
            >
              {Math.round((progress.value / drive.goal) * 100)} %
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
              href={withCampaign(button.url, drive.id)}
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
