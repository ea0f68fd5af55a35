import type { ApiClient } from '../../api.js';
import type { Navigate } from '../../routes.js';
import type { Campaign } from '../../types.js';
import { AppLink } from '../../ui/AppLink.js';
import { DriveProgressChart } from './DriveProgressChart.js';
import { useLoad } from './use-load.js';

/**
 * The drive running now, chosen as the reader site chooses its banner: the latest start among
 * running drives (the list comes latest start first), preferring one placed in the banner.
 */
function runningDrive(campaigns: Campaign[], now: string): Campaign | undefined {
  const running = campaigns.filter((c) => c.startsAt <= now && now < c.endsAt);
  return running.find((c) => c.placements.includes('banner')) ?? running[0];
}

async function loadDrive(api: ApiClient) {
  const { campaigns } = await api.get('/campaigns');
  const drive = runningDrive(campaigns, new Date().toISOString());
  if (!drive) return null;
  return {
    drive,
    stats: await api.get('/campaigns/{id}/stats', { params: { path: { id: drive.id } } }),
  };
}

export function DrivePanel({ api, navigate }: { api: ApiClient; navigate: Navigate }) {
  const loaded = useLoad(['drives', 'dashboard'], () => loadDrive(api));
  return (
    <section className="dashboard-panel" aria-labelledby="dashboard-drive">
      <h2 id="dashboard-drive">Membership drive</h2>
      {loaded.kind === 'loading' ? (
        <p role="status">Loading the drive…</p>
      ) : loaded.kind === 'error' ? (
        <p className="form-alert" role="alert">
          {loaded.message}
        </p>
      ) : loaded.value === null ? (
        <p className="empty">
          No drive is running.{' '}
          <AppLink to="/admin/drives" navigate={navigate}>
            Start one
          </AppLink>
        </p>
      ) : (
        <>
          <p className="dashboard-drive-name">
            <AppLink to="/admin/drives" navigate={navigate}>
              {loaded.value.drive.name}
            </AppLink>
          </p>
          <DriveProgressChart drive={loaded.value.drive} stats={loaded.value.stats} />
        </>
      )}
    </section>
  );
}
