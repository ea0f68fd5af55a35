import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useId, useRef } from 'react';
import { formatNumber } from '../../ui/format.js';

// Only the parts a line chart of two series uses (decision 0023): the rest of chart.js is left
// out of the bundle.
Chart.register(
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);

export interface TrafficPoint {
  /** The axis label: `7 Dec` or `15:00`. */
  label: string;
  /** The same, in full for the table: `7 Dec 2026` or `7 Dec 2026, 15:00`. */
  longLabel: string;
  views: number;
  /** Null per hour (unique visitors are daily). */
  visitors: number | null;
}

/**
 * Views and visitors over the range as a line chart drawn by chart.js on a canvas, with the same
 * numbers in a visually hidden table for screen readers (the canvas itself is an image to them).
 */
export function TrafficChart(props: { points: TrafficPoint[]; title: string }) {
  const id = useId();
  const canvas = useRef<HTMLCanvasElement>(null);
  const hasVisitors = props.points.some((p) => p.visitors !== null);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const styles = getComputedStyle(element);
    const accent = styles.getPropertyValue('--accent').trim() || '#1d4ed8';
    const second = '#c2410c';
    const chart = new Chart(element, {
      type: 'line',
      data: {
        labels: props.points.map((p) => p.label),
        datasets: [
          {
            label: 'Views',
            data: props.points.map((p) => p.views),
            borderColor: accent,
            backgroundColor: accent,
            tension: 0.2,
          },
          ...(hasVisitors
            ? [
                {
                  label: 'Visitors',
                  data: props.points.map((p) => p.visitors ?? 0),
                  borderColor: second,
                  backgroundColor: second,
                  borderDash: [6, 4],
                  tension: 0.2,
                },
              ]
            : []),
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    return () => chart.destroy();
  }, [props.points, hasVisitors]);

  const totalViews = props.points.reduce((sum, p) => sum + p.views, 0);
  return (
    <figure className="analytics-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{props.title}</figcaption>
      <div className="analytics-canvas">
        <canvas
          ref={canvas}
          role="img"
          aria-label={`${props.title}: ${formatNumber(totalViews)} views in all; the numbers are in the table that follows.`}
        />
      </div>
      <table className="visually-hidden">
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Views</th>
            {hasVisitors ? <th scope="col">Visitors</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.points.map((p) => (
            <tr key={p.longLabel}>
              <th scope="row">{p.longLabel}</th>
              <td>{formatNumber(p.views)}</td>
              {hasVisitors ? <td>{formatNumber(p.visitors ?? 0)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
