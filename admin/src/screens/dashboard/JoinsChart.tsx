import { useId } from 'react';
import type { MemberStats } from '../../types.js';
import { formatNumber } from '../../ui/format.js';
import { linear, longDay, niceCeil, shortDay } from './chart-scale.js';

const width = 480;
const height = 170;
const margin = { top: 16, right: 12, bottom: 30, left: 44 };

/** New members per UTC day as bars, with a table of the same numbers for screen readers. */
export function JoinsChart({ days }: { days: MemberStats['days'] }) {
  const id = useId();
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return <p className="empty">No days to show.</p>;
  const total = days.reduce((sum, d) => sum + d.joined, 0);
  const top = niceCeil(Math.max(1, ...days.map((d) => d.joined)));
  const y = linear(0, top, height - margin.bottom, margin.top);
  const slot = (width - margin.left - margin.right) / days.length;
  const barWidth = Math.max(1, slot * 0.7);
  const busiest = days.reduce((a, b) => (b.joined > a.joined ? b : a));
  const summary =
    `${formatNumber(total)} new members from ${longDay(first.date)} to ${longDay(last.date)}` +
    (busiest.joined > 0
      ? `; the most on ${longDay(busiest.date)} (${formatNumber(busiest.joined)}).`
      : '.');

  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="chart-svg"
      >
        <title id={`${id}-title`}>New members per day</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {[0, top / 2, top].filter(Number.isInteger).map((tick) => (
          <g key={tick}>
            <line
              className={tick === 0 ? 'chart-axis' : 'chart-grid'}
              x1={margin.left}
              x2={width - margin.right}
              y1={y(tick)}
              y2={y(tick)}
            />
            <text
              className="chart-label"
              x={margin.left - 6}
              y={y(tick)}
              textAnchor="end"
              dy="0.35em"
            >
              {formatNumber(tick)}
            </text>
          </g>
        ))}
        {days.map((d, i) => (
          <rect
            key={d.date}
            className="chart-bar"
            x={margin.left + i * slot + (slot - barWidth) / 2}
            y={y(d.joined)}
            width={barWidth}
            height={Math.max(0, y(0) - y(d.joined))}
          >
            <title>{`${longDay(d.date)}: ${formatNumber(d.joined)}`}</title>
          </rect>
        ))}
        <text className="chart-label" x={margin.left} y={height - 8}>
          {shortDay(first.date)}
        </text>
        <text className="chart-label" x={width - margin.right} y={height - 8} textAnchor="end">
          {shortDay(last.date)}
        </text>
      </svg>
      <figcaption>{summary}</figcaption>
      <details className="chart-data">
        <summary>Members per day</summary>
        <table>
          <caption className="visually-hidden">New and lost members per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Joined</th>
              <th scope="col">Left</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <th scope="row">{longDay(d.date)}</th>
                <td>{formatNumber(d.joined)}</td>
                <td>{formatNumber(d.lost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
