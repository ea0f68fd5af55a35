import type { Campaign, CampaignStats } from '../../types.js';
import { formatNumber } from '../../ui/format.js';
import { metrics } from './drive-form-values.js';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';

const stateLabels: Record<CampaignStats['state'], string> = {
  scheduled: 'Scheduled',
  running: 'Running',
  reached: 'Goal reached',
  ended: 'Ended',
};

export interface DriveRow {
  drive: Campaign;
  /** Undefined while loading; null when the stats could not be read. */
  stats: CampaignStats | null | undefined;
}

/** Every drive, the latest start first, with its state and progress toward the goal. */
export function DriveList(props: { rows: DriveRow[]; onEdit: (drive: Campaign) => void }) {
  const clock = useNewsroomClock();
  return (
    <ul className="drive-list">
      {props.rows.map(({ drive, stats }) => (
        <li key={drive.id} className="drive-row">
          <div className="drive-row-main">
            <h2 className="drive-row-name">
              {drive.name}{' '}
              {stats ? (
                <span className={`badge drive-state-${stats.state}`}>
                  {stateLabels[stats.state]}
                </span>
              ) : null}
            </h2>
            <p className="hint">
              <time dateTime={drive.startsAt}>{clock.dateTime(drive.startsAt)}</time> to{' '}
              <time dateTime={drive.endsAt}>{clock.dateTime(drive.endsAt)}</time> ·{' '}
              {metrics.find((m) => m.value === drive.metric)?.label ?? drive.metric}
            </p>
            {stats ? (
              <p className="drive-row-progress">
                <span>
                  {formatNumber(stats.value)} of {formatNumber(stats.goal)} ({stats.percent} %)
                </span>
                <progress
                  max={stats.goal}
                  value={Math.min(stats.value, stats.goal)}
                  aria-label={`${drive.name}: progress toward the goal`}
                >
                  {stats.percent} %
                </progress>
              </p>
            ) : null}
            {stats ? (
              <p className="hint drive-row-conversions">
                {`Through this drive: ${formatNumber(stats.conversions.joined)} joined, ${formatNumber(stats.conversions.payments)} paid.`}
              </p>
            ) : stats === null ? (
              <p className="hint">The progress could not be loaded.</p>
            ) : (
              <p className="hint">Loading progress…</p>
            )}
          </div>
          <button type="button" className="secondary" onClick={() => props.onEdit(drive)}>
            Edit<span className="visually-hidden"> {drive.name}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
