import { useId } from 'react';
import type { Campaign, CampaignStats } from '../../types.js';
import { formatNumber } from '../../ui/format.js';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';
import { dayInZone } from '@shared/zoned-time.js';
import { daysBetween, linear, longDay, shortDay } from './chart-scale.js';

const width = 480;
const height = 220;
const margin = { top: 20, right: 16, bottom: 30, left: 60 };

/** The pace line from today toward the goal, and where it ends inside the chart. */
function projection(stats: CampaignStats, lastDay: string, xEnd: string) {
  const last = stats.days[stats.days.length - 1];
  const target = stats.projectedGoalDate;
  if (!last || !target || last.value >= stats.goal || target <= lastDay) return null;
  const perDay = (stats.goal - last.value) / daysBetween(lastDay, target);
  const endDay = target <= xEnd ? target : xEnd;
  return { endDay, endValue: last.value + perDay * daysBetween(lastDay, endDay) };
}

/**
 * The running drive's value per day against its goal, with the pace of the last week carried on
 * to the projected day. Drawn as inline SVG; its title, description and the table under it say
 * the same for those who cannot see it.
 */
export function DriveProgressChart({ drive, stats }: { drive: Campaign; stats: CampaignStats }) {
  const id = useId();
  const clock = useNewsroomClock();
  const days = stats.days;
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return <p className="empty">The drive has no days to show yet.</p>;

  // The API's days are the newsroom's; so is the drive's last day.
  const endDay = dayInZone(new Date(drive.endsAt), clock.timeZone);
  const target = stats.projectedGoalDate;
  // Through the drive's last day, or the projected day when the goal comes sooner.
  const xEndCandidate = target && target > last.date && target < endDay ? target : endDay;
  const xEnd = xEndCandidate > last.date ? xEndCandidate : last.date;
  const span = Math.max(1, daysBetween(first.date, xEnd));
  const maxValue = Math.max(stats.goal, ...days.map((d) => d.value));
  const x = linear(0, span, margin.left, width - margin.right);
  const y = linear(0, maxValue * 1.1, height - margin.bottom, margin.top);
  const xOf = (day: string) => x(daysBetween(first.date, day));
  const points = days.map((d) => `${xOf(d.date).toFixed(1)},${y(d.value).toFixed(1)}`);
  const area = `${xOf(first.date)},${y(0)} ${points.join(' ')} ${xOf(last.date)},${y(0)}`;
  const pace = projection(stats, last.date, xEnd);

  const summary =
    `${formatNumber(stats.value)} of ${formatNumber(stats.goal)} (${stats.percent} %). ` +
    (stats.state === 'reached'
      ? `The goal was reached${target ? ` on ${longDay(target)}` : ''}.`
      : target
        ? `At the pace of the last 7 days the goal is reached on ${longDay(target)}${target > endDay ? ', after the drive ends' : ''}.`
        : 'No progress in the last 7 days to project from.');

  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="chart-svg"
      >
        <title id={`${id}-title`}>{`Progress of ${drive.name}`}</title>
        <desc id={`${id}-desc`}>
          {`Value per day from ${longDay(first.date)} to ${longDay(last.date)}. ${summary}`}
        </desc>
        <line
          className="chart-axis"
          x1={margin.left}
          x2={width - margin.right}
          y1={y(0)}
          y2={y(0)}
        />
        <text className="chart-label" x={margin.left - 8} y={y(0)} textAnchor="end" dy="0.35em">
          0
        </text>
        <line
          className="chart-goal"
          x1={margin.left}
          x2={width - margin.right}
          y1={y(stats.goal)}
          y2={y(stats.goal)}
        />
        <text
          className="chart-label"
          x={margin.left - 8}
          y={y(stats.goal)}
          textAnchor="end"
          dy="0.35em"
        >
          {formatNumber(stats.goal)}
        </text>
        <text
          className="chart-label chart-goal-label"
          x={width - margin.right}
          y={y(stats.goal) - 6}
          textAnchor="end"
        >
          Goal
        </text>
        <polygon className="chart-area" points={area} />
        <polyline className="chart-line" points={points.join(' ')} />
        <circle className="chart-dot" cx={xOf(last.date)} cy={y(last.value)} r={4} />
        {pace ? (
          <>
            <line
              className="chart-pace"
              x1={xOf(last.date)}
              y1={y(last.value)}
              x2={xOf(pace.endDay)}
              y2={y(pace.endValue)}
            />
            {target && target <= xEnd ? (
              <>
                <circle className="chart-target" cx={xOf(target)} cy={y(stats.goal)} r={5} />
                <text
                  className="chart-label"
                  x={xOf(target)}
                  y={y(stats.goal) + 18}
                  textAnchor="end"
                >
                  {`Projected ${shortDay(target)}`}
                </text>
              </>
            ) : null}
          </>
        ) : null}
        <text className="chart-label" x={margin.left} y={height - 8}>
          {shortDay(first.date)}
        </text>
        <text className="chart-label" x={width - margin.right} y={height - 8} textAnchor="end">
          {shortDay(xEnd)}
        </text>
        {/* "Today" only where it does not collide with the first or last day's label. */}
        {xOf(last.date) - margin.left > 70 && width - margin.right - xOf(last.date) > 70 ? (
          <text className="chart-label" x={xOf(last.date)} y={height - 8} textAnchor="middle">
            Today
          </text>
        ) : null}
      </svg>
      <figcaption>{summary}</figcaption>
      <details className="chart-data">
        <summary>Values per day</summary>
        <table>
          <caption className="visually-hidden">{`${drive.name}: value at the end of each day`}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <th scope="row">{longDay(d.date)}</th>
                <td>{formatNumber(d.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
