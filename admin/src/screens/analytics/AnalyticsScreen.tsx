import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { roleMay } from '@shared/contracts/permissions.js';
import { apiBase, messageOf } from '../../api.js';
import type { ScreenProps } from '../../screen-props.js';
import { AppLink } from '../../ui/AppLink.js';
import { formatNumber } from '../../ui/format.js';
import { useNewsroomClock, ZoneNote } from '../../ui/newsroom-clock.js';
import { longDay, shortDay } from '../dashboard/chart-scale.js';
import {
  intervalOf,
  presetLabels,
  presetRange,
  rangeProblem,
  type DateRange,
  type RangePreset,
} from './analytics-range.js';
import { CountList, Panel, Total } from './AnalyticsParts.js';
import { TrafficChart, type TrafficPoint } from './TrafficChart.js';
import './analytics.css';

const presets: RangePreset[] = ['1d', '7d', '30d', 'custom'];
const deviceLabels = { mobile: 'Phone', tablet: 'Tablet', desktop: 'Desktop', other: 'Other' };

/** Audience numbers over a range of newsroom days: totals, a chart, top stories and sources. */
export function AnalyticsScreen({ api, session, navigate }: ScreenProps) {
  const clock = useNewsroomClock();
  const [preset, setPreset] = useState<RangePreset>('7d');
  const [custom, setCustom] = useState<DateRange>(() => presetRange('7d', clock.timeZone));
  const range = preset === 'custom' ? custom : presetRange(preset, clock.timeZone);
  const problem = preset === 'custom' ? rangeProblem(custom) : null;
  const interval = intervalOf(range);
  const query = { from: range.from, to: range.to };
  const enabled = problem === null;

  const summary = useQuery({
    queryKey: ['analytics', 'summary', query],
    queryFn: async () =>
      (await api.get('/analytics/summary', { params: { query: { ...query, limit: 10 } } })).summary,
    enabled,
  });
  const series = useQuery({
    queryKey: ['analytics', 'timeseries', query, interval],
    queryFn: async () =>
      (await api.get('/analytics/timeseries', { params: { query: { ...query, interval } } }))
        .timeseries,
    enabled,
  });
  const campaigns = useQuery({
    queryKey: ['analytics', 'campaigns', query],
    queryFn: () => api.get('/analytics/campaigns', { params: { query } }),
    enabled,
  });
  // Drive names come from the drives list, which only those who manage drives may read.
  const mayReadDrives = roleMay(session.user.role, 'campaigns.manage');
  const drives = useQuery({
    queryKey: ['campaigns', 'names'],
    queryFn: async () => (await api.get('/campaigns')).campaigns,
    enabled: mayReadDrives,
  });
  const driveName = (id: string | null) =>
    id === null
      ? 'No drive'
      : (drives.data?.find((d) => d.id === id)?.name ?? `Drive ${id.slice(0, 8)}`);

  const points = useMemo<TrafficPoint[]>(
    () =>
      (series.data?.buckets ?? []).map((b) =>
        series.data?.interval === 'hour'
          ? {
              label: clock.time(b.start),
              longLabel: clock.dateTime(b.start),
              views: b.views,
              visitors: null,
            }
          : {
              label: shortDay(b.start),
              longLabel: longDay(b.start),
              views: b.views,
              visitors: b.visitors,
            },
      ),
    [series.data, clock],
  );
  const csv = `${apiBase}/analytics/export.csv?${new URLSearchParams(query).toString()}`;
  const storyLink = (postId: string, text: string) => (
    <AppLink to={`/admin/stories/${postId}`} navigate={navigate}>
      {text}
    </AppLink>
  );

  return (
    <section aria-labelledby="analytics-heading" className="analytics">
      <h1 id="analytics-heading" tabIndex={-1}>
        Analytics
      </h1>
      <ZoneNote />
      <form className="analytics-range" onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>Dates</legend>
          <div className="analytics-presets">
            {presets.map((p) => (
              <label key={p}>
                <input
                  type="radio"
                  name="analytics-range"
                  value={p}
                  checked={preset === p}
                  onChange={() => {
                    if (p === 'custom') setCustom(range);
                    setPreset(p);
                  }}
                />{' '}
                {presetLabels[p]}
              </label>
            ))}
          </div>
          {preset === 'custom' ? (
            <div className="analytics-custom">
              <label>
                From{' '}
                <input
                  type="date"
                  value={custom.from}
                  onChange={(e) => setCustom({ ...custom, from: e.target.value })}
                />
              </label>
              <label>
                To{' '}
                <input
                  type="date"
                  value={custom.to}
                  onChange={(e) => setCustom({ ...custom, to: e.target.value })}
                />
              </label>
            </div>
          ) : null}
          {problem ? (
            <p className="form-alert" role="alert">
              {problem}
            </p>
          ) : (
            <p className="hint">
              {range.from === range.to
                ? `${longDay(range.from)}, per hour`
                : `${longDay(range.from)} to ${longDay(range.to)}, per day`}{' '}
              ·{' '}
              <a href={csv} download>
                Download CSV
              </a>
            </p>
          )}
        </fieldset>
      </form>

      {summary.isError ? (
        <p className="form-alert" role="alert">
          {messageOf(summary.error)}
        </p>
      ) : summary.data ? (
        <dl className="analytics-totals" aria-label="Totals">
          <Total label="Views" value={summary.data.views} />
          <Total label="Visitors" value={summary.data.visitors} />
          <Total label="Sign-ups" value={summary.data.signups} />
          <Total label="Paid" value={summary.data.paid} />
        </dl>
      ) : enabled ? (
        <p role="status">Loading numbers…</p>
      ) : null}

      {series.isError ? (
        <p className="form-alert" role="alert">
          {messageOf(series.error)}
        </p>
      ) : series.data ? (
        <TrafficChart
          points={points}
          title={series.data.interval === 'hour' ? 'Views per hour' : 'Views and visitors per day'}
        />
      ) : null}

      {summary.data ? (
        <div className="analytics-grid">
          <Panel id="analytics-top" title="Top stories" wide>
            {summary.data.topPosts.length === 0 ? (
              <p className="empty">No story was read in these days.</p>
            ) : (
              <div className="analytics-scroll">
                <table className="analytics-table analytics-top-table">
                  <thead>
                    <tr>
                      <th scope="col">Story</th>
                      <th scope="col">Views</th>
                      <th scope="col">Visitors</th>
                      <th scope="col">Sign-ups</th>
                      <th scope="col">Paid</th>
                    </tr>
                  </thead>
                  <tbody>
                    {summary.data.topPosts.map((p) => (
                      <tr key={p.postId}>
                        <th scope="row">
                          {/* The report names each story's headline; one deleted since shows its path. */}
                          {storyLink(p.postId, p.title || p.path)}
                          {p.title ? <span className="analytics-path">{p.path}</span> : null}
                        </th>
                        <td>{formatNumber(p.views)}</td>
                        <td>{formatNumber(p.visitors)}</td>
                        <td>{formatNumber(p.signups)}</td>
                        <td>{formatNumber(p.paid)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Panel>
          <Panel id="analytics-referrers" title="Referrers">
            <CountList
              rows={summary.data.referrers.map((r) => ({
                key: r.host,
                label: r.host,
                views: r.views,
              }))}
              empty="No views came from another site."
            />
          </Panel>
          <Panel id="analytics-sources" title="Sources (UTM)">
            <CountList
              rows={summary.data.sources.map((s) => ({
                key: `${s.source}/${s.medium}/${s.campaign}`,
                label: [s.source, s.medium, s.campaign].filter(Boolean).join(' / ') || '(none)',
                views: s.views,
              }))}
              empty="No views with UTM tags."
            />
          </Panel>
          <Panel id="analytics-devices" title="Devices">
            <CountList
              rows={summary.data.devices.map((d) => ({
                key: d.device,
                label: deviceLabels[d.device] ?? d.device,
                views: d.views,
              }))}
              empty="No views yet."
            />
          </Panel>
          <Panel id="analytics-campaigns" title="Conversions per drive">
            {campaigns.isError ? (
              <p className="form-alert" role="alert">
                {messageOf(campaigns.error)}
              </p>
            ) : !campaigns.data ? (
              <p role="status">Loading…</p>
            ) : campaigns.data.campaigns.length === 0 ? (
              <p className="empty">No sign-ups or paid memberships in these days.</p>
            ) : (
              <table className="analytics-table">
                <thead>
                  <tr>
                    <th scope="col">Drive</th>
                    <th scope="col">Sign-ups</th>
                    <th scope="col">Paid</th>
                  </tr>
                </thead>
                <tbody>
                  {campaigns.data.campaigns.map((c) => (
                    <tr key={c.campaignId ?? 'none'}>
                      <th scope="row">{driveName(c.campaignId)}</th>
                      <td>{formatNumber(c.signups)}</td>
                      <td>{formatNumber(c.paid)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {campaigns.data && campaigns.data.utmCampaigns.length > 0 ? (
              <>
                <h3>UTM campaigns</h3>
                <CountList
                  rows={campaigns.data.utmCampaigns.map((c) => ({
                    key: c.campaign,
                    label: c.campaign,
                    views: c.views,
                  }))}
                  empty=""
                />
              </>
            ) : null}
          </Panel>
        </div>
      ) : null}
    </section>
  );
}
