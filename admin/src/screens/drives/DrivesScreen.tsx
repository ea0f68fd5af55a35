import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf } from '../../api.js';
import {
  driveStatsQuery,
  drivesQuery,
  memberStatsQuery,
  membershipKeys,
  servicesQuery,
  settingsQuery,
} from '../../query/queries.js';
import type { ScreenProps } from '../../screen-props.js';
import type { Campaign } from '../../types.js';
import { closedEditing, type Editing } from '../../ui/editing.js';
import { FormAlert } from '../../ui/FieldError.js';
import { DriveForm } from './DriveForm.js';
import { DriveList, type DriveRow } from './DriveList.js';
import './drives.css';
import { ZoneNote } from '../../ui/newsroom-clock.js';

/** Membership drives: their state and progress; create and edit with a live banner preview. */
export function DrivesScreen({ api }: ScreenProps) {
  const queryClient = useQueryClient();
  const drives = useQuery(drivesQuery(api));
  // Each drive's stats on its own, so one slow or failing drive does not hold the list.
  const stats = useQueries({
    queries: (drives.data ?? []).map((drive) => driveStatsQuery(api, drive.id)),
  });
  const rows: DriveRow[] | null =
    drives.data?.map((drive, i) => ({
      drive,
      stats: stats[i]?.isError ? null : stats[i]?.data,
    })) ?? null;
  // The preview needs the site's locale and accent, and today's member counts.
  const settings = useQuery(settingsQuery(api));
  const memberStats = useQuery(memberStatsQuery(api)).data ?? null;
  // Buttons to gift or billing pages lead nowhere without payments: the form says so.
  const services = useQuery(servicesQuery(api));
  const isPaidEnabled = services.data?.payments.isConfigured ?? null;
  const failed = drives.error ?? settings.error;
  const error = failed ? messageOf(failed) : null;
  const [editing, setEditing] = useState<Editing>(closedEditing);
  const [notice, setNotice] = useState('');

  const open = (next: Editing) => {
    setEditing(next);
    setNotice('');
    requestAnimationFrame(() => document.getElementById('drive-name')?.focus());
  };
  const close = () => {
    setEditing(closedEditing);
    requestAnimationFrame(() => document.getElementById('drives-new')?.focus());
  };
  const saved = (drive: Campaign) => {
    setNotice(`Saved ${drive.name}. The site shows the change now.`);
    close();
    // The list, each drive's progress and the dashboard's running drive.
    void queryClient.invalidateQueries({ queryKey: membershipKeys.drives });
  };

  const editingRow =
    editing.mode === 'edit' ? rows?.find((r) => r.drive.id === editing.id) : undefined;
  const formProps = {
    api,
    memberStats,
    locale: settings.data?.locale ?? 'en-US',
    timeZone: settings.data?.timezone ?? 'UTC',
    isPaidEnabled,
    accentColor: settings.data?.accentColor ?? '#b3261e',
    onSaved: saved,
    onCancel: close,
  };

  return (
    <section aria-labelledby="drives-heading">
      <div className="screen-head">
        <h1 id="drives-heading" tabIndex={-1}>
          Membership drives
        </h1>
        <button
          id="drives-new"
          type="button"
          aria-expanded={editing.mode === 'new'}
          onClick={() => (editing.mode === 'new' ? close() : open({ mode: 'new' }))}
        >
          New drive
        </button>
      </div>
      <ZoneNote />
      <p className="lede">
        A drive puts a public goal with a live counter on the site while it runs. When several run
        at once, the site shows the one that started last.
      </p>
      <FormAlert messages={error ? [error] : []} />
      <p role="status" className="drives-notice">
        {notice}
      </p>
      {editing.mode === 'new' ? <DriveForm {...formProps} saved={null} /> : null}
      {editingRow ? (
        <DriveForm
          key={editingRow.drive.id}
          {...formProps}
          saved={{ drive: editingRow.drive, value: editingRow.stats?.value }}
        />
      ) : null}
      {rows === null && !error ? <p role="status">Loading drives…</p> : null}
      {rows?.length === 0 ? <p className="empty">No drives yet.</p> : null}
      {rows && rows.length > 0 && editing.mode === 'closed' ? (
        <DriveList rows={rows} onEdit={(drive) => open({ mode: 'edit', id: drive.id })} />
      ) : null}
    </section>
  );
}
