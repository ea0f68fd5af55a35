import type { ApiClient } from '../../api.js';
import type { Navigate } from '../../routes.js';
import { AppLink } from '../../ui/AppLink.js';
import { formatNumber } from '../../ui/format.js';
import { JoinsChart } from './JoinsChart.js';
import { useLoad } from './use-load.js';
import { queryKeys } from '../../query/queries.js';

/** Members in total, joined today and joins per day (the API counts the newsroom's days). */
export function MembersPanel({ api, navigate }: { api: ApiClient; navigate: Navigate }) {
  const stats = useLoad([...queryKeys.members, 'stats'], () => api.get('/members/stats'));
  return (
    <section className="dashboard-panel" aria-labelledby="dashboard-members">
      <h2 id="dashboard-members">Members</h2>
      {stats.kind === 'loading' ? (
        <p role="status">Loading member numbers…</p>
      ) : stats.kind === 'error' ? (
        <p className="form-alert" role="alert">
          {stats.message}
        </p>
      ) : (
        <>
          <dl className="dashboard-figures">
            <div>
              <dt>Members in total</dt>
              <dd>{formatNumber(stats.value.totals.all)}</dd>
            </div>
            <div>
              <dt>Joined today</dt>
              <dd>{formatNumber(stats.value.days[stats.value.days.length - 1]?.joined ?? 0)}</dd>
            </div>
            <div>
              <dt>Paying</dt>
              <dd>{formatNumber(stats.value.totals.byStatus.paid ?? 0)}</dd>
            </div>
          </dl>
          <JoinsChart days={stats.value.days} />
          <p>
            <AppLink to="/admin/members" navigate={navigate}>
              All members
            </AppLink>
          </p>
        </>
      )}
    </section>
  );
}
