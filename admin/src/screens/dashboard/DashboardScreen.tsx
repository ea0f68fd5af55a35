import { roleMay } from '@shared/contracts/permissions.js';
import type { ScreenProps } from '../../screen-props.js';
import { DrivePanel } from './DrivePanel.js';
import { MembersPanel } from './MembersPanel.js';
import { StoryPanel, latestTime, scheduledTime } from './StoryPanel.js';
import { useLoad } from './use-load.js';
import { queryKeys } from '../../query/queries.js';
import './dashboard.css';
import { useNewsroomClock, ZoneNote } from '../../ui/newsroom-clock.js';

/** The newsroom at a glance: members and the drive for those who manage them, and stories. */
export function DashboardScreen({ api, session, navigate }: ScreenProps) {
  const clock = useNewsroomClock();
  const role = session.user.role;
  const canSeeMembers = roleMay(role, 'members.manage');
  const canSeeDrives = roleMay(role, 'campaigns.manage');
  const scheduled = useLoad([...queryKeys.stories, 'dashboard', 'scheduled'], () =>
    api
      // Soonest first: what goes out next.
      .get('/posts', {
        params: { query: { status: 'scheduled', sort: 'scheduledAt', order: 'asc', limit: 6 } },
      })
      .then((a) => a.posts),
  );
  const latest = useLoad([...queryKeys.stories, 'dashboard', 'latest'], () =>
    api.get('/posts', { params: { query: { sort: 'updatedAt', limit: 6 } } }).then((a) => a.posts),
  );

  return (
    <section aria-labelledby="dashboard-heading" className="dashboard">
      <h1 id="dashboard-heading" tabIndex={-1}>
        Dashboard
      </h1>
      <ZoneNote />
      {canSeeMembers || canSeeDrives ? (
        <div className="dashboard-audience">
          {canSeeMembers ? <MembersPanel api={api} navigate={navigate} /> : null}
          {canSeeDrives ? <DrivePanel api={api} navigate={navigate} /> : null}
        </div>
      ) : null}
      <div className="dashboard-stories-grid">
        <StoryPanel
          id="dashboard-scheduled"
          title="Scheduled stories"
          stories={scheduled}
          empty="Nothing is scheduled."
          timeOf={(post) => scheduledTime(post, clock.timeZone)}
          navigate={navigate}
        />
        <StoryPanel
          id="dashboard-latest"
          title="Latest stories"
          stories={latest}
          empty="No stories yet."
          timeOf={(post) => latestTime(post, clock.timeZone)}
          navigate={navigate}
        />
      </div>
    </section>
  );
}
